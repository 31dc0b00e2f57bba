import { z } from 'zod';
import { line } from './common';
import { ADMIN, type RouteDef } from './routing';
import { said } from './field-messages';

// Backups: an online copy of the database (SQLite's backup API) into a folder, on demand and on the
// admin's schedule, keeping the last N; a checked restore, which takes effect when Packline next starts.

/** The name of a backup file: packline-<UTC date>-<time>.db. Only such names are listed, kept, pruned and restored. */
export const BACKUP_NAME = /^packline-\d{8}-\d{6}(-\d+)?\.db$/;

export const BackupSettings = z.object({
  folder: z.string().describe('absolute path of the folder backups go to (a USB disk, a network share); empty: <data folder>/backups'),
  everyHours: z.number().int().min(0).max(168).describe('a backup every N hours; 0: only on demand'),
  keep: z.number().int().min(1).max(365).describe('how many backups to keep: older ones in the folder are deleted'),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const BackupSettingsInput = BackupSettings.extend({
  folder: z.union([z.literal(''), line(500).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), said('backupFolder'))]),
});

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: '', everyHours: 24, keep: 7 };

export const BackupFile = z.object({
  name: z.string(),
  bytes: z.number().int(),
  at: z.string().describe('when it was taken (UTC ISO-8601)'),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupStatus = z.object({
  settings: BackupSettings,
  folder: z.string().describe('the folder in use (settings.folder, or the default)'),
  files: z.array(BackupFile).describe('newest first'),
  last: z.object({ at: z.string(), file: z.string().nullable(), error: z.string().nullable() }).nullable(),
  nextAt: z.string().nullable().describe('when the schedule takes the next one; null when off'),
  running: z.boolean(),
  pendingRestore: z.string().nullable().describe('a backup Packline restores when it next starts'),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backupRoutes = {
  backupStatus: { method: 'GET', path: '/api/backups', summary: 'Backup settings, the backups in the folder, the last run, a pending restore', roles: ADMIN, response: BackupStatus, tag: 'backup' },
  putBackupSettings: { method: 'PUT', path: '/api/backups/settings', summary: 'Where backups go, how often, how many to keep (audited)', roles: ADMIN, body: BackupSettingsInput, response: BackupStatus, tag: 'backup' },
  createBackup: { method: 'POST', path: '/api/backups', summary: 'Take a backup now (online: packing and intake go on)', roles: ADMIN, response: BackupFile, tag: 'backup' },
  restoreBackup: {
    method: 'POST', path: '/api/backups/restore', summary: 'Check a backup of the folder and restore it when Packline next starts (refused: not a Packline backup, newer than this Packline, damaged)', roles: ADMIN,
    body: z.object({ name: z.string().regex(BACKUP_NAME, 'a backup file name from the list, e.g. packline-20261203-020000.db') }), response: BackupStatus, tag: 'backup',
  },
} as const satisfies Record<string, RouteDef>;
