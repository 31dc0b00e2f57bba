import Database from 'better-sqlite3';
import pg from 'pg';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isPostgresUrl } from './db';
import { WRITE_LOCK } from './pg/dialect';
import { openDatabase } from '../database';
import { MIGRATIONS } from '../modules';
import { fail } from '../../lib/errors';

// `npm run migrate-store`: a SQLite shop copied into an empty PostgreSQL database (README "Growing
// past one PC"). The copy is one PostgreSQL transaction (the core's write lock held, triggers and
// foreign keys off while rows land, as pg_restore does): it is verified inside that transaction
// and committed only when every count and total matches, so a failed run leaves the target empty.
// The SQLite side is read in one read transaction: one consistent snapshot even if a core still
// has the file open.

export interface MigrateStoreOptions {
  /** A Packline data folder (its packline.db) or the SQLite file itself. */
  from: string;
  /** postgres://... of an empty database (CREATE DATABASE, nothing else). */
  to: string;
  /** Replace the Packline data the target already holds. */
  force?: boolean;
  /** Rows per INSERT (one round trip each). */
  batchRows?: number;
  /** Progress lines (the CLI prints them). */
  progress?: (line: string) => void;
}

export interface TableCopy { table: string; rows: number }
export interface Check { what: string; sqlite: string; postgres: string; equal: boolean }
export interface MigrateStoreSummary {
  source: string;
  schema: number;
  tables: TableCopy[];
  rows: number;
  seconds: number;
  /** What was compared on both sides (every one equal, or the run fails before its commit). */
  checks: Check[];
  /** SQLite's own tables with no PostgreSQL twin (the FTS5 search index's shadow tables). */
  skipped: string[];
}

/** Tables that hold a shop's data: a target with rows in any of them is not empty. */
const SHOP_TABLES = ['users', 'orders', 'skus', 'events'] as const;

/** SQLite's own tables and the FTS5 index's storage: PostgreSQL has none of them (docs/postgres.md). */
const sqliteInternal = (t: string) => t.startsWith('sqlite_') || /^order_search_(data|idx|content|docsize|config)$/.test(t);

/**
 * Indexes SQLite rebuilds from other tables (the order search's FTS5 table, which cannot be read
 * back): not copied; on PostgreSQL nothing searches it (docs/postgres.md).
 */
const DERIVED = new Set(['order_search']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function resolveSource(from: string): string {
  if (!existsSync(from)) fail('not_found', `--from ${from} does not exist: give a Packline data folder or its packline.db`);
  const file = statSync(from).isDirectory() ? join(from, 'packline.db') : from;
  if (!existsSync(file)) fail('not_found', `${from} is a folder without packline.db: give a Packline data folder (the one passed to --data) or the .db file`);
  return file;
}

/** Opens the SQLite file read-only and makes sure it is a Packline store this version can copy whole. */
function openSource(file: string): { db: Database.Database; schema: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    return fail('validation', `${file} is not a SQLite database (${(e as Error).message}): give a Packline data folder or its packline.db`);
  }
  const has = (t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
  const missing = ['schema_migrations', ...SHOP_TABLES].filter((t) => !has(t));
  if (missing.length) {
    db.close();
    fail('validation', `${file} is a SQLite database but not a Packline store (no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''})`);
  }
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const newer = [...applied].filter((v) => !known.has(v));
  const older = MIGRATIONS.filter((m) => !applied.has(m.version));
  db.close();
  if (newer.length) fail('conflict', `${file} was written by a newer Packline (schema ${Math.max(...newer)}): migrate it with that version`);
  if (older.length) {
    fail('conflict', `${file} was written by an older Packline (${older.length} migration${older.length > 1 ? 's' : ''} not applied, first ${older[0]!.version} ${older[0]!.name}): ` +
      'start this Packline on it once (npm run serve -- --data <folder>) so it is brought up to date, stop it, then migrate');
  }
  return { db: new Database(file, { readonly: true, fileMustExist: true }), schema: Math.max(...applied) };
}

/** Refuses a target that holds something: another application's tables, or a shop (unless force). */
async function checkTarget(client: pg.Client, to: string, force: boolean): Promise<void> {
  const tables = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).rows.map((r) => r.name);
  if (tables.length === 0) return;
  const target = to.replace(/\/\/[^@/]*@/, '//');
  if (!tables.includes('schema_migrations')) {
    fail('conflict', `The target database ${target} is not empty: it holds ${tables.length} table${tables.length > 1 ? 's' : ''} that are not Packline's (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}). ` +
      'Give an empty database (CREATE DATABASE packline), or a database Packline made');
  }
  const held: [string, number][] = [];
  for (const t of SHOP_TABLES.filter((x) => tables.includes(x))) {
    const n = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    if (n > 0) held.push([t, n]);
  }
  if (held.length && !force) {
    fail('conflict', `The target database ${target} is not empty: it already holds a shop (${held.map(([t, n]) => `${n} ${t}`).join(', ')}). ` +
      'migrate-store copies into an empty database only: give a new one (CREATE DATABASE packline2), or add --force to replace everything it holds');
  }
}

interface Column { name: string; type: string; identity: boolean }

async function targetColumns(client: pg.Client): Promise<Map<string, Column[]>> {
  const r = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.is_generated = 'NEVER' ORDER BY c.table_name, c.ordinal_position`);
  const out = new Map<string, Column[]>();
  for (const row of r.rows) {
    const list = out.get(row.table_name) ?? [];
    list.push({ name: row.column_name, type: row.data_type, identity: row.is_identity === 'YES' });
    out.set(row.table_name, list);
  }
  return out;
}

/** The SQLite expression that reads a target column: the column of the same name, or the table's implicit rowid. */
function sourceColumns(src: Database.Database, table: string, cols: Column[]): string[] {
  const own = new Map((src.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(table) as string[]).map((n) => [n.toLowerCase(), n]));
  return cols.map((c) => {
    const name = own.get(c.name.toLowerCase());
    if (name) return quote(name);
    if (c.name === 'rowid') return 'rowid';
    return fail('internal', `column ${table}.${c.name} exists on PostgreSQL but not in the SQLite file: the two schemas differ`);
  });
}

/** A row's values as JSON for json_populate_recordset: 64-bit integers exact, BLOBs as bytea's hex. */
const jsonValue = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? `\\x${Buffer.from((v as { data: number[] }).data).toString('hex')}` : v);

const INTEGER_TYPES = new Set(['bigint', 'integer', 'smallint']);

/** Count and, for each integer column, the exact sum: the same on both sides or the copy is not kept. */
async function compareTable(src: Database.Database, client: pg.Client, table: string, cols: Column[], srcCols: string[]): Promise<Check[]> {
  const ints = cols.map((c, i) => ({ c, s: srcCols[i]! })).filter(({ c }) => INTEGER_TYPES.has(c.type));
  const count = (v: unknown) => (v === null || v === undefined ? '0' : String(v));
  const b = (await client.query({ text: `SELECT count(*) ${ints.map(({ c }) => `, sum(${quote(c.name)})`).join('')} FROM ${quote(table)}`, rowMode: 'array' })).rows[0] as unknown[];
  let a: unknown[] | null = null;
  try {
    a = src.prepare(`SELECT count(*) ${ints.map(({ s }) => `, sum(${s})`).join('')} FROM ${quote(table)}`).raw().safeIntegers().get() as unknown[];
  } catch {
    // a sum past 64 bits (SQLite refuses it): the count alone
  }
  const rows = a ? a[0] : src.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().safeIntegers().get();
  return [
    { what: `${table}: rows`, sqlite: count(rows), postgres: count(b[0]), equal: count(rows) === count(b[0]) },
    ...(a ? ints.map(({ c }, i) => ({ what: `${table}: sum of ${c.name}`, sqlite: count(a[i + 1]), postgres: count(b[i + 1]), equal: count(a[i + 1]) === count(b[i + 1]) })) : []),
  ];
}

/** Totals a shop owner knows by heart, compared per key: stock per SKU, orders and payouts. */
async function businessChecks(src: Database.Database, client: pg.Client, tables: Set<string>): Promise<Check[]> {
  const pairs: [string, string][] = [
    ['orders: sum of order totals (minor units)', 'SELECT coalesce(sum(total_minor), 0) FROM orders'],
    ['orders per state', "SELECT coalesce(group_concat(s, ',' ORDER BY s), '') FROM (SELECT state || '=' || count(*) AS s FROM orders GROUP BY state) AS x"],
    ['stock on hand / reserved per SKU', "SELECT coalesce(group_concat(s, ',' ORDER BY s), '') FROM (SELECT sku_id || '=' || sum(on_hand) || '/' || sum(reserved) AS s FROM inventory GROUP BY sku_id) AS x"],
    ...(tables.has('payout_rows') ? [['payouts: sum of net amounts (fen)', 'SELECT coalesce(sum(net_fen), 0) FROM payout_rows'] as [string, string]] : []),
    ['change feed: last event id', 'SELECT coalesce(max(id), 0) FROM events'],
  ];
  const out: Check[] = [];
  for (const [what, sql] of pairs) {
    const a = String(src.prepare(sql).pluck().safeIntegers().get());
    const pgSql = sql.replace(/group_concat\(/g, 'string_agg(');
    const b = String((await client.query({ text: pgSql, rowMode: 'array' })).rows[0][0]);
    out.push({ what, sqlite: a.length > 60 ? `${a.length} chars` : a, postgres: b.length > 60 ? `${b.length} chars` : b, equal: a === b });
  }
  return out;
}

/** Copies the shop; resolves with what was copied and compared, or throws (nothing kept) with the reason. */
export async function migrateStore(opts: MigrateStoreOptions): Promise<MigrateStoreSummary> {
  const t0 = performance.now();
  const say = opts.progress ?? (() => undefined);
  const batchRows = opts.batchRows ?? 2000;
  if (!isPostgresUrl(opts.to)) fail('validation', `--to must be a postgres:// URL of an empty database, not "${opts.to}"`);
  const file = resolveSource(opts.from);
  const { db: src, schema } = openSource(file);
  const client = new pg.Client({ connectionString: opts.to, application_name: 'packline-migrate-store' });
  try {
    try {
      await client.connect();
    } catch (e) {
      fail('unavailable', `cannot connect to ${opts.to.replace(/\/\/[^@/]*@/, '//')}: ${(e as Error).message}`);
    }
    await checkTarget(client, opts.to, !!opts.force);
    say(`Source: ${file} (schema ${schema}). Creating the tables on PostgreSQL...`);
    openDatabase(opts.to).close(); // the same migrations a core on PostgreSQL runs

    const target = await targetColumns(client);
    const sourceTables = src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const skipped = sourceTables.filter((t) => (!target.has(t) && sqliteInternal(t)) || DERIVED.has(t));
    for (const t of DERIVED) target.delete(t);
    const unknown = sourceTables.filter((t) => !target.has(t) && !sqliteInternal(t) && !DERIVED.has(t));
    if (unknown.length) fail('internal', `tables in the SQLite file with no PostgreSQL twin: ${unknown.join(', ')}`);
    const absent = [...target.keys()].filter((t) => !sourceTables.includes(t));
    if (absent.length) fail('internal', `tables on PostgreSQL with none in the SQLite file: ${absent.join(', ')}`);

    const hasSequences = sourceTables.includes('sqlite_sequence');
    src.exec('BEGIN'); // one snapshot for the copy and the checks
    await client.query('BEGIN');
    // The core's write lock: no core process writes into the database while it is being filled.
    await client.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    // Rows land as they are, table by table in any order: triggers and foreign keys off until commit.
    await client.query('SET LOCAL session_replication_role = replica');
    const tables: TableCopy[] = [];
    const checks: Check[] = [];
    try {
      // what migrations seeded, or what --force replaces
      for (const table of [...target.keys(), ...DERIVED]) await client.query(`DELETE FROM ${quote(table)}`);
      for (const [table, cols] of target) {
        const t1 = performance.now();
        const srcCols = sourceColumns(src, table, cols);
        const names = cols.map((c) => quote(c.name)).join(', ');
        const insert = `INSERT INTO ${quote(table)} (${names}) OVERRIDING SYSTEM VALUE SELECT ${names} FROM json_populate_recordset(null::${quote(table)}, $1)`;
        const read = src.prepare(`SELECT ${srcCols.join(', ')} FROM ${quote(table)}`).safeIntegers();
        let batch: Record<string, unknown>[] = [];
        let rows = 0;
        const flush = async () => {
          if (!batch.length) return;
          await client.query(insert, [JSON.stringify(batch, jsonValue)]);
          rows += batch.length;
          batch = [];
          if (rows % (batchRows * 25) === 0) say(`  ${table}: ${rows.toLocaleString('en')} rows...`);
        };
        for (const row of read.iterate() as IterableIterator<Record<string, unknown>>) {
          // keyed by the PostgreSQL column name (SQLite's rowid comes back as "rowid")
          const out: Record<string, unknown> = {};
          cols.forEach((c, i) => (out[c.name] = row[srcCols[i] === 'rowid' ? 'rowid' : srcCols[i]!.slice(1, -1).replace(/""/g, '"')]));
          batch.push(out);
          if (batch.length >= batchRows) await flush();
        }
        await flush();
        // Ids keep counting from where the shop was (AUTOINCREMENT's high-water mark too).
        for (const c of cols.filter((x) => x.identity)) {
          const high = hasSequences ? (src.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().safeIntegers().get(table) as bigint | undefined) : undefined;
          await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), greatest(coalesce((SELECT max(${quote(c.name)}) FROM ${quote(table)}), 0), $3::bigint) + 1, false)`, [table, c.name, String(high ?? 0)]);
        }
        tables.push({ table, rows });
        if (rows > 0) say(`  ${table}: ${rows.toLocaleString('en')} rows (${Math.round(performance.now() - t1)} ms)`);
      }
      say('Verifying counts and totals on both sides...');
      for (const [table, cols] of target) checks.push(...(await compareTable(src, client, table, cols, sourceColumns(src, table, cols))));
      checks.push(...(await businessChecks(src, client, new Set(target.keys()))));
      const wrong = checks.filter((c) => !c.equal);
      if (wrong.length) {
        fail('internal', `the copy does not match the SQLite file, nothing was kept: ${wrong.slice(0, 5).map((c) => `${c.what} ${c.sqlite} vs ${c.postgres}`).join('; ')}`);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      src.exec('COMMIT');
    }
    return { source: file, schema, tables, rows: tables.reduce((n, t) => n + t.rows, 0), seconds: Math.round((performance.now() - t0) / 100) / 10, checks, skipped };
  } finally {
    src.close();
    await client.end().catch(() => undefined);
  }
}
