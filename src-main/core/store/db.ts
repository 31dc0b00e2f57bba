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
  db.pragma('temp_store = MEMORY');
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
