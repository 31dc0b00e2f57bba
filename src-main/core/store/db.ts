import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PgDatabase } from './pg/pg-database';

/** `postgres://...` or `postgresql://...`: the core's store is PostgreSQL (docs/postgres.md), else an SQLite file. */
export const isPostgresUrl = (file: string) => /^postgres(ql)?:\/\//.test(file);
/** True for a connection to PostgreSQL (the SQLite-only machinery, the WAL checkpointer and file backups, stays off). */
export const onPostgres = (db: Db) => (db as unknown) instanceof PgDatabase;

export type Db = Database.Database;

/**
 * Opens (or creates) a connection to the core database: WAL, foreign keys, caches. No migrations:
 * core/database.ts openDatabase migrates (it knows the modules); a second connection to a database
 * the core has opened (the order intake thread) uses this as it is.
 */
export function openConnection(file: string | Buffer): Db {
  if (typeof file === 'string' && isPostgresUrl(file)) return new PgDatabase(file) as unknown as Db;
  if (typeof file === 'string' && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file); // a Buffer: an in-memory copy of that serialized database
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across app crashes; a power cut may lose the last commit
  db.pragma('foreign_keys = ON');
  db.pragma('recursive_triggers = ON'); // so INSERT OR REPLACE fires the audit log's delete guard too
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
  // Ingest starts the WAL over at 64 MiB (the checkpointer's restartFrames) plus what came meanwhile:
  // cutting it shorter at each start-over cost the writer a truncate and a sync (p99 105 ms). A
  // burst that grew it further gives the disk back.
  db.pragma('journal_size_limit = 134217728');
  // temp_store stays default: in-memory sub-journals made each savepoint cost grow with the database.
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

// Prepared statements cached per database: preparing costs tens of microseconds, and ingest runs
// the same few statements thousands of times a second. SQL text is the key, so only code-built
// SQL (never user input) may be passed here.
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

export function prep(db: Db, sql: string): Database.Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/** Moves whenever another connection to the file commits: a connection's read caches check it. */
export const dataVersion = (db: Db) => prep(db, 'PRAGMA data_version').pluck().get() as number;

/**
 * A reader of the rows changed by this connection since it opened (it counts rows of statements
 * later undone, too); the statement is looked up once, the reader called per job.
 */
export function changeCounter(db: Db): () => number {
  const total = prep(db, 'SELECT total_changes()').pluck();
  return () => total.get() as number;
}
/**
 * Waits for the job's writes that went to PostgreSQL without waiting (store/pg: piped), so one that
 * failed fails this job; nothing to do on SQLite.
 */
export const settleWrites = (db: Db) => void (onPostgres(db) && (db as unknown as PgDatabase).settle());
export const beginImmediate = (db: Db) => void prep(db, 'BEGIN IMMEDIATE').run();
export const commit = (db: Db) => void prep(db, 'COMMIT').run();
/**
 * BEGIN IMMEDIATE unless another connection (the order intake thread) holds the write lock: then
 * false at once instead of waiting for it (busy_timeout) on the caller's thread. PostgreSQL: begins.
 */
export function tryBeginImmediate(db: Db): boolean {
  if (onPostgres(db)) return void beginImmediate(db), true;
  const patience = prep(db, 'PRAGMA busy_timeout').pluck().get() as number;
  prep(db, 'PRAGMA busy_timeout = 0').get();
  try {
    beginImmediate(db);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw e;
  } finally {
    prep(db, `PRAGMA busy_timeout = ${Number(patience)}`).get();
  }
}
/** Rolls back the open transaction, if SQLite has not already dropped it. */
export const rollback = (db: Db) => void (db.inTransaction && prep(db, 'ROLLBACK').run());

/**
 * Runs fn inside a savepoint: its changes are undone if it throws, and kept (pending the outer
 * commit) if it returns. Outside any transaction it opens one (BEGIN IMMEDIATE) and commits.
 * Cheaper than db.transaction(fn)() per call, which builds new wrappers each time.
 */
export function savepoint<T>(db: Db, fn: () => T): T {
  if (!db.inTransaction) {
    prep(db, 'BEGIN IMMEDIATE').run();
    try {
      const r = fn();
      prep(db, 'COMMIT').run();
      return r;
    } catch (e) {
      if (db.inTransaction) prep(db, 'ROLLBACK').run();
      throw e;
    }
  }
  prep(db, 'SAVEPOINT sp').run();
  try {
    const r = fn();
    prep(db, 'RELEASE sp').run();
    return r;
  } catch (e) {
    prep(db, 'ROLLBACK TO sp').run();
    prep(db, 'RELEASE sp').run();
    throw e;
  }
}
