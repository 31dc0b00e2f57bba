import type { Db } from './db';
import { schemaVersion, onPostgres } from './db';
import { PG_MIGRATIONS } from './pg/migrations';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/log';
import m0010 from './migrations/0010-foundation';
import m0090 from './migrations/0090-idempotency-rowid';

const log = logger('core.store');

/**
 * Forward-only migrations. Shipped ones keep their numbers (0010 ... 0095); new ones are date
 * integers YYYYMMDDn (e.g. 202612021), so work on parallel branches never picks the same number.
 * A shipped migration is never edited: add a new one. Each module lists its own (modules/<name>/migrations).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/**
 * The shared machinery's migrations: 0010 created the first tables of seven modules at once (it
 * stays here unchanged; TABLE_OWNERS in core/modules.ts says who owns each table), 0090 the
 * idempotency store.
 */
export const SHARED_MIGRATIONS: readonly Migration[] = [m0010, m0090];
/** Tables of the shared machinery: the change feed, idempotency answers, number counters. */
export const SHARED_TABLES = ['events', 'idempotency', 'idempotency_rows', 'counters', 'schema_migrations'] as const;

/**
 * Runs every migration this database has not had, in version order, each in its own transaction,
 * and records it in schema_migrations. Applied versions are recorded one by one (not just the
 * highest) because parallel work lands out of order: a 0070 that arrives after a 0095 still runs.
 * user_version keeps the highest applied version, so an older Packline refuses the file.
 */
export function migrate(db: Db, MIGRATIONS: readonly Migration[]): void {
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  const current = schemaVersion(db);
  const newer = (v: number) =>
    new AppError(
      'conflict',
      `This database was written by a newer Packline (schema ${v}; this version knows up to ${latest}). ` +
        'Install the newer Packline, or restore a backup made by this version.',
    );
  if (current > latest) throw newer(current); // before touching anything
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  let applied = new Set((db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]));
  if (applied.size === 0 && current > 0) {
    // a database from before the record was kept: everything up to user_version ran
    const insert = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'before the record')");
    db.transaction(() => MIGRATIONS.filter((m) => m.version <= current).forEach((m) => insert.run(m.version, m.name)))();
    applied = new Set(MIGRATIONS.filter((m) => m.version <= current).map((m) => m.version));
  }
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) throw newer(Math.max(...unknown));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const pg = onPostgres(db);
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      (pg ? PG_MIGRATIONS[m.version] ?? m.up : m.up)(db);
      record.run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${Math.max(schemaVersion(db), m.version)}`);
    }).immediate();
    log.info({ version: m.version, name: m.name }, 'migrated');
  }
}

