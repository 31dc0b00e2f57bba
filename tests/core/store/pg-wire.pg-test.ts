// PostgreSQL only: the connection's thread speaks the wire protocol itself (store/pg/sync-connection.ts;
// the pg client only opens the connection). What the stores read must be what they read through pg:
// the same values for each type, whole rows however the socket cuts them, prepared statements that
// answer as the first runs did, and an error (never a hang) when the server ends the session.
import { describe, it, expect, afterEach } from 'vitest';
import { PgDatabase } from '../../../src-main/core/store/pg/pg-database';
import { SyncConnection } from '../../../src-main/core/store/pg/sync-connection';
import type { Db } from '../../../src-main/core/store/db';
import { freshPgDatabase } from '../../pg-store';

const open: { close(): unknown }[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('the PostgreSQL wire protocol in the connection thread', () => {
  it('reads each type as the pg client did: numbers, 1/0, json as text, dates, arrays, bytes, NULL', () => {
    const c = new SyncConnection(freshPgDatabase());
    open.push(c);
    const r = c.query(
      "SELECT 1::int2 a, 2::int4 b, 9007199254740991::int8 c, 1.5::numeric d, 2.25::float8 e, true f, false g, '{\"x\":1}'::json h, '{\"y\":2}'::jsonb i, 'text'::text j, NULL::text k, ARRAY['p','q'] l, '\\x00ff'::bytea m, '2026-12-04 10:11:12+00'::timestamptz n, 'NaN'::float8 o",
    );
    const row = r.rows[0] as Record<string, unknown>;
    expect(row).toMatchObject({ a: 1, b: 2, c: 9007199254740991, d: 1.5, e: 2.25, f: 1, g: 0, h: '{"x":1}', i: '{"y": 2}', j: 'text', k: null, l: ['p', 'q'] });
    expect([...(row.m as Uint8Array)]).toEqual([0, 255]);
    expect((row.n as Date).toISOString()).toBe('2026-12-04T10:11:12.000Z');
    expect(row.o).toBeNaN();
    expect(r.fields).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o']);
    // array rows, and values sent as parameters (text, number, NULL, bytes)
    const p = c.query('SELECT $1::text a, $2::int8 b, $3::text c, $4::bytea d', ['中文 \'q\' \\ $1', 42, null, Buffer.from([1, 2, 3])], true);
    expect((p.rows[0] as unknown[]).slice(0, 3)).toEqual(['中文 \'q\' \\ $1', 42, null]);
    expect([...((p.rows[0] as unknown[])[3] as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('a large answer, cut by the socket into many chunks, arrives whole (rows, multi-byte text)', () => {
    const c = new SyncConnection(freshPgDatabase());
    open.push(c);
    const r = c.query("SELECT g, repeat('中', 1000) || g s FROM generate_series(1, 3000) g");
    expect(r.rows.length).toBe(3000);
    expect(r.rowCount).toBe(3000);
    const last = r.rows[2999] as { g: number; s: string };
    expect(last.g).toBe(3000);
    expect(last.s).toBe('中'.repeat(1000) + '3000');
  });

  it('a statement run again and again (prepared by then) answers as its first runs did, and after the schema changed', () => {
    const pg = new PgDatabase(freshPgDatabase());
    open.push(pg);
    const db = pg as unknown as Db;
    db.exec('DROP TABLE IF EXISTS w; CREATE TABLE w (k INTEGER PRIMARY KEY, v TEXT)');
    for (let i = 0; i < 6; i++) {
      db.transaction(() => {
        // rows of one INSERT joined, the joined text prepared from its third run
        for (let k = 0; k < 4; k++) db.prepare('INSERT INTO w (k, v) VALUES (?, ?)').run(i * 10 + k, `v${i}-${k}`);
      })();
      expect(db.prepare('SELECT count(*) n FROM w WHERE k >= ?').get(i * 10)).toEqual({ n: 4 });
      expect(db.prepare('SELECT v FROM w WHERE k = ?').pluck().get(i * 10 + 3)).toBe(`v${i}-3`);
    }
    db.exec('ALTER TABLE w ADD COLUMN extra TEXT');
    expect(db.prepare('SELECT * FROM w WHERE k = ?').get(53)).toEqual({ k: 53, v: 'v5-3', extra: null });
    expect(db.prepare('SELECT count(*) n FROM w WHERE k >= ?').get(0)).toEqual({ n: 24 });
  });

  it('a table that never had statistics is analysed once this connection has inserted 1,000 rows into it', () => {
    const pg = new PgDatabase(freshPgDatabase());
    open.push(pg);
    const db = pg as unknown as Db;
    db.exec('DROP TABLE IF EXISTS k; CREATE TABLE k (scope TEXT NOT NULL, key TEXT NOT NULL, v INTEGER, PRIMARY KEY (scope, key))');
    const analysed = () => db.prepare("SELECT count(*) n FROM pg_stat_user_tables WHERE relname = 'k' AND last_analyze IS NOT NULL").pluck().get();
    for (let t = 0; t < 12; t++) {
      db.transaction(() => {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO k (scope, key, v) VALUES (?, ?, ?)').run('shop', `key-${t}-${i}`, i);
      })();
      if (t === 8) expect(analysed()).toBe(0);
    }
    // the ANALYZE runs at the connection's next pause between transactions, before this read
    expect(db.prepare('SELECT count(*) FROM k').pluck().get()).toBe(1200);
    expect(analysed()).toBe(1);
    const plan = (db.prepare("EXPLAIN SELECT v FROM k WHERE scope = 'shop' AND key = ANY (ARRAY['key-3-1', 'key-4-2'])").pluck().all() as string[]).join('\n');
    expect(plan).toMatch(/Index Cond: \(\(scope = 'shop'::text\) AND \(key = ANY/);
  });

  it('a session ended by the server answers an error, and the next statement too (no hang)', () => {
    const url = freshPgDatabase();
    const c = new SyncConnection(url);
    open.push(c);
    const pid = (c.query('SELECT pg_backend_pid() p').rows[0] as { p: number }).p;
    const admin = new SyncConnection(url);
    open.push(admin);
    admin.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(() => c.query('SELECT 1')).toThrow();
    expect(() => c.query('SELECT 1')).toThrow();
  });
});
