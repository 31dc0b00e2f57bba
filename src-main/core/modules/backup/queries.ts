// Reads of backups: the admin's settings, the folder in use, and what the Backups screen shows.
import { join } from 'node:path';
import type { CoreContext } from '../../context';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../../../contract/backup';
import { selectSchedule } from './store';

export function backupSettings(ctx: CoreContext): BackupSettings {
  const r = selectSchedule(ctx.db);
  return r ? { folder: r.folder, everyHours: r.every_hours, keep: r.keep } : DEFAULT_BACKUP_SETTINGS;
}

/** The last run: when, the file it made, or why it failed. */
export function lastBackupRun(ctx: CoreContext): { at: string; file: string | null; error: string | null } | null {
  const r = selectSchedule(ctx.db);
  return r?.last_at ? { at: r.last_at, file: r.last_file, error: r.last_error } : null;
}

/** The folder in use: the admin's, or <data folder>/backups. */
export function backupFolder(settings: BackupSettings, dataDir: string | null): string {
  return settings.folder || join(dataDir ?? '.', 'backups');
}

/** When the schedule takes the next backup: every N hours after the last run (or after the core started); null when off. */
export function nextBackupAt(ctx: CoreContext, startedAt: number): number | null {
  const s = backupSettings(ctx);
  if (s.everyHours === 0) return null;
  const last = lastBackupRun(ctx);
  return (last ? Date.parse(last.at) : startedAt) + s.everyHours * 3_600_000;
}
