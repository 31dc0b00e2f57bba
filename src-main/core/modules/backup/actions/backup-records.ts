// What the backups module records: the admin's settings and each run, with an event (who, when).
import type { CoreContext } from '../../../context';
import type { BackupSettings } from '../../../../contract/backup';
import { appendEvent, type Actor } from '../../../store/events';
import { backupSettings } from '../queries';
import { updateLastRun, upsertSchedule } from '../store';

export function putBackupSettings(ctx: CoreContext, settings: BackupSettings, actor: Actor): void {
  upsertSchedule(ctx.db, settings);
  appendEvent(ctx.db, ctx.clock, { type: 'backup.settings_changed', entity: 'backup', entityId: 'schedule', actor, data: { ...settings } });
}

/** A backup taken (file) or failed (error). */
export function recordBackupRun(ctx: CoreContext, run: { file: string | null; error: string | null }, actor: Actor): void {
  const at = ctx.clock.iso();
  updateLastRun(ctx.db, backupSettings(ctx), at, run.file, run.error);
  appendEvent(ctx.db, ctx.clock, { type: run.file ? 'backup.taken' : 'backup.failed', entity: 'backup', entityId: run.file ?? 'schedule', actor, reason: run.error, data: { file: run.file } }, at);
}

/** A restore chosen: the core swaps it in when it next starts. */
export function recordRestoreStaged(ctx: CoreContext, file: string, actor: Actor): void {
  appendEvent(ctx.db, ctx.clock, { type: 'backup.restore_staged', entity: 'backup', entityId: file, actor, data: { file } });
}
