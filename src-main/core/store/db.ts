import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/log';

export type Db = Database.Database;
const log = logger('core.store');

/** Opens (or creates) the core database: WAL, foreign keys, then forward-only migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across app crashes; a power cut may lose the last commit
  db.pragma('foreign_keys = ON');
  db.pragma('recursive_triggers = ON'); // so INSERT OR REPLACE fires the audit log's delete guard too
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
  // temp_store stays default: in-memory sub-journals made each savepoint cost grow with the database.
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every migration newer than user_version, each in its own transaction. */
export function migrate(db: Db): void {
  const current = schemaVersion(db);
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  if (current > latest) {
    throw new AppError(
      'conflict',
      `This database was written by a newer Packline (schema ${current}; this version knows up to ${latest}). ` +
        'Install the newer Packline, or restore a backup made by this version.',
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    log.info({ version: m.version, name: m.name }, 'migrated');
  }
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
