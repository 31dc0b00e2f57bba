// Backups' table (backup_schedule), and the reads of a backup file's own schema.
import Database from 'better-sqlite3';
import { prep, type Db } from '../../store/db';
import type { BackupSettings } from '../../../contract/backup';

export interface ScheduleRow { folder: string; every_hours: number; keep: number; last_at: string | null; last_file: string | null; last_error: string | null }

export function selectSchedule(db: Db): ScheduleRow | undefined {
  return prep(db, 'SELECT folder, every_hours, keep, last_at, last_file, last_error FROM backup_schedule WHERE id = 1').get() as ScheduleRow | undefined;
}

export function upsertSchedule(db: Db, s: BackupSettings): void {
  prep(db, `INSERT INTO backup_schedule (id, folder, every_hours, keep) VALUES (1, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, every_hours = excluded.every_hours, keep = excluded.keep`).run(s.folder, s.everyHours, s.keep);
}

/** The last run, kept beside the settings (the settings row is made with `defaults` when there is none yet). */
export function updateLastRun(db: Db, defaults: BackupSettings, at: string, file: string | null, error: string | null): void {
  prep(db, `INSERT INTO backup_schedule (id, folder, every_hours, keep, last_at, last_file, last_error) VALUES (1, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at, last_file = excluded.last_file, last_error = excluded.last_error`)
    .run(defaults.folder, defaults.everyHours, defaults.keep, at, file, error);
}

/** The schedule row of a database file that is not open here (the command line); undefined before the backup migration. */
export function readScheduleOf(file: string): ScheduleRow | undefined {
  const db = new Database(file, { fileMustExist: true, timeout: 5000 }); // not read-only: a stopped WAL database needs its -shm made
  try {
    return selectSchedule(db);
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

/** What a restore checks inside a file that is an SQLite database: the migrations it ran, and that its pages are sound. */
export function readBackupSchema(file: string): { versions: number[] | null; hasOrders: boolean; quickCheck: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const versions = tables.has('schema_migrations') ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]) : null;
    return { versions, hasOrders: tables.has('orders'), quickCheck: String(db.pragma('quick_check', { simple: true })) };
  } finally {
    db.close();
  }
}

/** A finished copy stands on its own: a rollback journal instead of WAL, so it opens read-only anywhere and copies as one file. */
export function makeStandalone(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Whether another connection (a running Packline) has the database open: it then refuses an exclusive lock. */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 200 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}
