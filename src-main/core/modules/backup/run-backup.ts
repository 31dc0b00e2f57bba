// Taking a backup of a running core (on demand or on schedule), one at a time, recorded.
import type { Core } from '../../core';
import type { BackupFile, BackupStatus } from '../../../contract/backup';
import { asAppError, fail } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { Actor } from '../../store/events';
import { onPostgres } from '../../store/db';
import { recordBackupRun } from './actions/backup-records';
import { listBackups, pendingRestore, takeBackup } from './backup-files';
import { backupFolder, backupSettings, lastBackupRun, nextBackupAt } from './queries';

const log = logger('core.backup');
const running = new WeakMap<Core, Promise<BackupFile>>();

/**
 * Backups here are copies of the SQLite file. A core on PostgreSQL refuses them (and a restore) in
 * words, rather than failing on a file that is not there: PostgreSQL's own pg_dump backs it up.
 */
export function refuseOnPostgres(core: Core): void {
  if (onPostgres(core.db)) {
    fail('conflict', 'Backups and restores here are copies of the SQLite database file; this core keeps its data in PostgreSQL: back it up with pg_dump and restore with pg_restore (README "Growing past one PC")');
  }
}

/** Takes a backup into the folder in use; a second call while one runs gets the same backup. */
export function runBackup(core: Core, actor: Actor): Promise<BackupFile> {
  refuseOnPostgres(core);
  const now = running.get(core);
  if (now) return now;
  const file = core.db.name;
  if (!core.dataDir || file === ':memory:') fail('validation', 'this core has no database file to back up');
  const settings = backupSettings(core.ctx);
  // the core's work: closing stops it (its copy thread, the mirror between two files) and waits for it
  const p = core.work.run(async (signal) => {
    try {
      const f = await takeBackup(file, backupFolder(settings, core.dataDir), settings.keep, new Date(core.ctx.clock.now()), core.dataDir, signal);
      await core.writes.run(() => recordBackupRun(core.ctx, { file: f.name, error: null }, actor));
      return f;
    } catch (e) {
      if (signal.aborted) throw e; // cut short by the core closing: not a failed run, and nothing to record it in
      const err = asAppError(e);
      log.error({ err: e }, 'backup failed');
      await core.writes.run(() => recordBackupRun(core.ctx, { file: null, error: err.message }, actor));
      throw e;
    } finally {
      running.delete(core);
    }
  });
  running.set(core, p);
  return p;
}

export function backupStatus(core: Core): BackupStatus {
  const settings = backupSettings(core.ctx);
  const folder = backupFolder(settings, core.dataDir);
  const next = nextBackupAt(core.ctx, core.startedAt);
  return {
    settings, folder, files: listBackups(folder), last: lastBackupRun(core.ctx), nextAt: next === null ? null : new Date(next).toISOString(),
    running: running.has(core), pendingRestore: core.dataDir && pendingRestore(core.dataDir) ? 'restore-pending.db' : null,
  };
}

const SCHEDULE: Actor = { id: 'system:backup', role: 'admin' };

/** Takes the scheduled backup when it is due (none while one runs). Returns it, or null when not due. */
export async function backupIfDue(core: Core): Promise<BackupFile | null> {
  if (onPostgres(core.db)) return null; // nothing to copy (refuseOnPostgres): no failed run every hour
  const next = nextBackupAt(core.ctx, core.startedAt);
  if (next === null || core.ctx.clock.now() < next || running.has(core)) return null;
  return runBackup(core, SCHEDULE);
}

/** Checks the schedule every minute (a changed setting counts within a minute); never keeps the process alive. */
export function startBackupSchedule(core: Core): { stop(): void } {
  const timer = setInterval(() => void backupIfDue(core).catch(() => undefined /* recorded as the last run */), 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
