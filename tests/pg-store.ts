// The store the behaviour tests run on: SQLite unless PACKLINE_TEST_STORE=postgres (then the
// cluster of tests/pg-global-setup.ts). Each test core gets a database as the template left it:
// a new copy of the template costs ~0.6 s, so a database its core has closed is emptied and
// refilled with the template's rows instead (TRUNCATE, ~tens of ms) and used again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgDatabase, reusePgConnections } from '../src-main/core/store/pg/pg-database';
import type { Core } from '../src-main/core/core';

const base = process.env.PACKLINE_TEST_PG;
/** True when the tests run on PostgreSQL. */
export const onTestPostgres = !!base;
// A core per test: its connections (and the reset's) serve the next test on the same database.
if (onTestPostgres) reusePgConnections();

let admin: PgDatabase | null = null;
let made = 0;
const free: string[] = [];
let resetSql: string | null = null;

/**
 * Every table emptied and every sequence set as in the template, then the template's own rows
 * (what migrations seeded) put back. DELETE with triggers and foreign keys off (replica role):
 * TRUNCATE of ~70 tables made new files for each and cost seconds.
 */
function templateReset(): string {
  // not kept for reuse: PostgreSQL copies no template a connection is on (CREATE DATABASE below)
  reusePgConnections(false);
  const tpl = new PgDatabase(`${base}packline_template`);
  reusePgConnections(true);
  try {
    const tables = tpl.prepare("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").pluck().all() as string[];
    const sequences = tpl.prepare("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'").all() as { sequencename: string; last_value: number | null }[];
    const fills = tables.flatMap((t) => {
      const rows = tpl.prepare(`SELECT json_agg(x)::text FROM ${t} x`).pluck().get() as string | null;
      return rows ? [`INSERT INTO ${t} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::${t}, '${rows.replace(/'/g, "''")}')`] : [];
    });
    const restarts = sequences.map((q) => (q.last_value === null ? `SELECT setval('${q.sequencename}', 1, false)` : `SELECT setval('${q.sequencename}', ${q.last_value})`));
    return ['SET session_replication_role = replica', ...tables.map((t) => `DELETE FROM ${t}`), ...restarts, ...fills, 'SET session_replication_role = DEFAULT'].join(';\n');
  } finally {
    tpl.close();
  }
}

/** A database as the migrated template left it; its URL. */
export function freshPgDatabase(): string {
  if (!base) throw new Error('PACKLINE_TEST_PG is not set: run with PACKLINE_TEST_STORE=postgres');
  const reused = free.pop();
  if (reused) {
    resetSql ??= templateReset();
    const db = new PgDatabase(reused);
    try {
      db.exec(resetSql);
      return reused;
    } catch {
      // still in use by a core that was not closed: make a new one
    } finally {
      db.close();
    }
  }
  admin ??= new PgDatabase(`${base}postgres`);
  const name = `t_${process.pid}_${++made}`;
  admin.exec(`CREATE DATABASE ${name} TEMPLATE packline_template STRATEGY FILE_COPY`);
  return base + name;
}

/**
 * A test file starts on databases of its own, as when each file had its own copy of this module:
 * a vitest worker now keeps modules from file to file, and a database emptied by DELETE keeps the
 * pages and statistics of the file before (a property test's thousands of orders), on which
 * PostgreSQL's planner then chose other plans in the query-plan tests.
 */
export const newFile = () => void (free.length = 0);

/** The database may serve the next test (its core has closed). */
export const releasePgDatabase = (url: string) => void free.push(url);

/** Cores opened by the running test (not by a beforeAll): tests/pg-setup.ts closes them after it. */
const openedInTest = new Set<Core>();
let inTest = false;
export const testStarted = () => void (inTest = true);
export function testEnded(): void {
  inTest = false;
  for (const core of openedInTest) core.close();
  openedInTest.clear();
}

/** After `core` closes (or its test ends), its database may serve the next test. */
export function reuseAfterClose(core: Core, url: string): Core {
  const close = core.close.bind(core);
  let closed: Promise<void> | null = null;
  core.close = () => {
    if (closed) return closed;
    openedInTest.delete(core);
    closed = close();
    free.push(url);
    return closed;
  };
  if (inTest) openedInTest.add(core);
  return core;
}

/**
 * The database of a data folder on PostgreSQL: made on its first use and written into the folder,
 * so a core restarted on the same folder opens the same database (as it reopens the same file).
 */
export function pgDatabaseFor(dir: string): string {
  const noted = databaseOfFolder(dir);
  if (noted) return noted;
  const url = freshPgDatabase();
  writeFileSync(join(dir, 'postgres-url'), url);
  return url;
}

/**
 * PostgreSQL's plan of `sql` (EXPLAIN, costs off), with sequential scans priced out: a test's few
 * rows are cheaper to read whole than through an index. The query-plan tests read it on PostgreSQL.
 */
export function postgresPlan(db: { prepare(sql: string): { run(...a: unknown[]): unknown; pluck(): { all(...a: unknown[]): unknown[] } } }, sql: string, ...args: unknown[]): string {
  db.prepare('SET enable_seqscan = off').run();
  try {
    return (db.prepare(`EXPLAIN (COSTS OFF) ${sql}`).pluck().all(...args) as string[]).join('\n');
  } finally {
    db.prepare('RESET enable_seqscan').run();
  }
}

/** The PostgreSQL database a data folder's test core runs on (pgDatabaseFor), for a child process opening the same folder; undefined on SQLite. */
export function databaseOfFolder(dir: string): string | undefined {
  const note = join(dir, 'postgres-url');
  return existsSync(note) ? readFileSync(note, 'utf8') : undefined;
}
