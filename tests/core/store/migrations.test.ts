// Forward-only migrations with user_version; a newer database is refused; hot lookups use an index.
// SQLite only by design (not in tests/postgres-set.json): user_version and SQLite's query plans on
// database files it makes; PostgreSQL's template is migrated by the same migrations in every run.
import { ORDER_IDS_BY_NUMBER, ORDER_ID_BY_EXTERNAL, EVENTS_OF_ENTITY, LINES_TO_ALLOCATE } from '../../../src-main/core/modules/orders/store';
import { BARCODE_BY_CODE } from '../../../src-main/core/modules/catalog/store';
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { join, dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase } from '../../../src-main/core/database';
import { schemaVersion } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { IDEMPOTENT_ANSWER } from '../../../src-main/core/store/idempotency';
import { EVENTS_AFTER } from '../../../src-main/core/store/events';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { AppError } from '../../../src-main/lib/errors';
import { tempDir } from '../helpers';

const LATEST = MIGRATIONS.at(-1)!.version;
const dirs: (() => void)[] = [];
function freshFile(): string {
  const t = tempDir('packline-mig-');
  dirs.push(t.cleanup);
  return join(t.dir, 'sub', 'packline.db');
}
afterEach(() => dirs.splice(0).forEach((c) => c()));

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index','trigger') ORDER BY name").pluck().all() as string[]);

describe('migrations', () => {
  it('are numbered upwards with no duplicates', () => {
    const v = MIGRATIONS.map((m) => m.version);
    expect(v).toEqual([...v].sort((a, b) => a - b));
    expect(new Set(v).size).toBe(v.length);
    expect(v.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
  });

  it('a fresh database gets user_version = latest, WAL and foreign keys', () => {
    const file = freshFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['orders', 'order_lines', 'inventory', 'reservations', 'events', 'barcodes', 'order_codes', 'idempotency']));
    db.close();
  });

  it('re-opening is a no-op: same schema, data kept', () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.prepare("INSERT INTO settings (key, value) VALUES ('shopName', '\"x\"')").run();
    const shape = tables(db);
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(LATEST);
    expect(tables(again)).toEqual(shape);
    expect(again.prepare('SELECT value FROM settings').pluck().get()).toBe('"x"');
    migrate(again, MIGRATIONS); // and migrating a current database does nothing
    expect(schemaVersion(again)).toBe(LATEST);
    again.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it alone', () => {
    const file = freshFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 10}`);
    raw.close();
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message).toMatch(/newer Packline/);
    expect((err as Error).message).toContain(String(LATEST + 10));
    expect((err as Error).message).toContain(String(LATEST));
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 10);
    check.close();
  });

  it('runs a migration that landed after a higher-numbered one (parallel work), once', () => {
    const file = freshFile();
    openDatabase(file).close();
    const late = { version: 65, name: 'late-arrival', up: (d: Database.Database) => d.exec('CREATE TABLE late_arrival (x INTEGER)') };
    MIGRATIONS.push(late);
    MIGRATIONS.sort((a, b) => a.version - b.version);
    try {
      const db = openDatabase(file);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'late_arrival'").pluck().get()).toBe(1);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.prepare('SELECT name FROM schema_migrations WHERE version = 65').pluck().get()).toBe('late-arrival');
      db.close();
      const again = openDatabase(file); // already recorded: not run twice (CREATE TABLE would throw)
      again.close();
    } finally {
      MIGRATIONS.splice(MIGRATIONS.indexOf(late), 1);
    }
  });

  it('a database from before the record was kept counts every migration up to its user_version as run', () => {
    const file = freshFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.exec('DROP TABLE schema_migrations');
    raw.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    db.close();
  });

  it('a failing migration leaves the database at the version before it', () => {
    const db = new Database(':memory:');
    const broken = { version: LATEST + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM no_such_table;') };
    MIGRATIONS.push(broken);
    try {
      expect(() => migrate(db, MIGRATIONS)).toThrow();
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tables(db)).not.toContain('half');
    } finally {
      MIGRATIONS.pop();
      db.close();
    }
  });
});

describe('0090 idempotency as a rowid table', () => {
  it('keeps every stored answer and still refuses a second row for a key', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version < 90)) m.up(db);
    db.pragma('user_version = 70');
    const ins = db.prepare('INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    ins.run('usr_1:createOrder', 'k-2', 'h2', 201, '{"id":"ord_2"}', '2026-11-20T08:00:02Z');
    ins.run('usr_1:createOrder', 'k-1', 'h1', 200, '{"id":"ord_1"}', '2026-11-20T08:00:01Z');
    db.close();
    const after = openDatabase(file);
    expect(schemaVersion(after)).toBe(LATEST);
    expect(after.prepare('SELECT key, request_hash, status, response FROM idempotency ORDER BY rowid').raw().all()).toEqual([
      ['k-1', 'h1', 200, '{"id":"ord_1"}'],
      ['k-2', 'h2', 201, '{"id":"ord_2"}'],
    ]);
    expect(() => after.prepare("INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES ('usr_1:createOrder', 'k-1', 'x', 201, '{}', 'x')").run()).toThrow(/UNIQUE/);
    after.close();
  });
});

describe('hot lookups use an index', () => {
  const plan = (db: Database.Database, sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill('x')) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it.each([
    ['order_codes by code', 'SELECT order_id FROM order_codes WHERE code = ?', /SEARCH order_codes USING (PRIMARY KEY|INDEX \w+) \(code=\?\)/],
    ['orders by channel + external id', ORDER_ID_BY_EXTERNAL, /SEARCH orders USING INDEX \w+ \(channel=\? AND external_id=\?\)/],
    ['barcodes by code', BARCODE_BY_CODE, /SEARCH barcodes USING PRIMARY KEY \(code=\?\)/],
    ['events of an order', EVENTS_OF_ENTITY, /SEARCH events USING INDEX events_entity \(entity_id=\?\)/],
    ['lines of an order', LINES_TO_ALLOCATE, /SEARCH order_lines USING INDEX order_lines_order \(order_id=\?\)/],
    ['an idempotency key', IDEMPOTENT_ANSWER, /SEARCH idempotency USING INDEX \w+ \(scope=\? AND key=\?\)/],
    ['change feed after an id', EVENTS_AFTER, /SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/],
  ])('%s', (_name, sql, expected) => {
    const file = freshFile();
    const db = openDatabase(file);
    const p = plan(db, sql);
    expect(p).toMatch(expected);
    expect(p).not.toMatch(/SCAN/);
    db.close();
  });
  it('an order by any of its numbers: code rows, id, order number, and each channel\'s number without a code row', () => {
    const db = openDatabase(freshFile());
    const p = (db.prepare(`EXPLAIN QUERY PLAN ${ORDER_IDS_BY_NUMBER}`).all({ code: 'x' }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(p).toMatch(/SEARCH order_codes USING PRIMARY KEY \(code=\?\)/);
    expect(p).toMatch(/SEARCH orders USING (COVERING )?INDEX sqlite_autoindex_orders_1 \(id=\?\)/);
    expect(p).toMatch(/SEARCH orders USING INDEX sqlite_autoindex_orders_2 \(number=\?\)/);
    expect(p).toMatch(/SEARCH o USING INDEX sqlite_autoindex_orders_3 \(channel=\? AND external_id=\?\)/);
    expect(p).not.toMatch(/SCAN (orders|order_codes|o)\b/);
    db.close();
  });
});
