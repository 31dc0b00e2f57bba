// PostgreSQL only (PACKLINE_TEST_STORE=postgres): `npm run migrate-store` copies a SQLite shop (the
// demo seed, real SQLite file) into an empty database of the test cluster, verifies it, and a core
// started on that database serves the same shop: orders, stock, logins, new orders numbered on.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCore } from '../../../src-main/core/core';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { migrateStore, type MigrateStoreSummary } from '../../../src-main/core/store/migrate-store';
import { PgDatabase } from '../../../src-main/core/store/pg/pg-database';
import { startCore, tempDir, BADGE, orderInput, type TestServer } from '../helpers';

const base = process.env.PACKLINE_TEST_PG!;
let made = 0;
/** A new, empty database (CREATE DATABASE and nothing else), as a shop owner makes one. */
function emptyDatabase(): string {
  const admin = new PgDatabase(`${base}postgres`);
  const name = `mig_${process.pid}_${++made}`;
  try {
    admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  return base + name;
}

describe('npm run migrate-store: a SQLite shop into PostgreSQL', () => {
  const source = tempDir('packline-mig-src-');
  const target = tempDir('packline-mig-pg-');
  let url: string;
  let summary: MigrateStoreSummary;
  let sqlite: Database.Database;
  let s: TestServer;
  const progress: string[] = [];

  beforeAll(async () => {
    const shop = openCore({ dataDir: source.dir, intakeThread: false }); // SQLite: the shop as it runs on one PC
    seedDemo(shop, { skus: 40, orders: 300 });
    await shop.close();
    sqlite = new Database(join(source.dir, 'packline.db'), { readonly: true });
    url = emptyDatabase();
    summary = await migrateStore({ from: source.dir, to: url, batchRows: 97, progress: (l) => progress.push(l) });
    writeFileSync(join(target.dir, 'postgres-url'), url); // tests/pg-store.ts: the folder's database
    s = await startCore({ dir: target.dir });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    sqlite?.close();
    source.cleanup();
    target.cleanup();
  });

  const one = (sql: string) => sqlite.prepare(sql).pluck().get() as number;

  it('copies every table and verifies counts and totals on both sides', () => {
    expect(summary.rows).toBeGreaterThan(1000);
    expect(summary.tables.find((t) => t.table === 'orders')!.rows).toBe(one('SELECT count(*) FROM orders'));
    expect(summary.checks.every((c) => c.equal)).toBe(true);
    const check = (what: string) => summary.checks.find((c) => c.what === what)!;
    expect(check('orders: rows').postgres).toBe(String(one('SELECT count(*) FROM orders')));
    expect(check('orders: sum of order totals (minor units)').postgres).toBe(String(one('SELECT sum(total_minor) FROM orders')));
    expect(check('stock on hand / reserved per SKU').equal).toBe(true);
    expect(check('payouts: sum of net amounts (fen)').postgres).toBe(String(one('SELECT coalesce(sum(net_fen), 0) FROM payout_rows')));
    expect(summary.skipped).toContain('order_search_data'); // SQLite's FTS5 storage
    expect(progress).toContainEqual(expect.stringMatching(new RegExp(`^  orders: ${one('SELECT count(*) FROM orders')} rows`)));
    expect(progress).toContain('Verifying counts and totals on both sides...');
  });

  it('a core on the PostgreSQL database serves the same shop: login, orders, stock', async () => {
    const login = await s.api('POST', '/api/session', { badge: BADGE.lead });
    expect(login.status).toBe(200);
    const stats = await s.as('lead', 'GET', '/api/orders-stats');
    const byState = Object.fromEntries(sqlite.prepare('SELECT state, count(*) AS n FROM orders GROUP BY state').all().map((r) => [(r as { state: string }).state, (r as { n: number }).n]));
    expect(Object.fromEntries(Object.entries(stats.body.counts as Record<string, number>).filter(([, n]) => n > 0))).toEqual(byState);
    expect(stats.body.lastEventId).toBeGreaterThanOrEqual(one('SELECT max(id) FROM events')); // the login is one more
    const first = sqlite.prepare('SELECT id, number FROM orders ORDER BY rowid LIMIT 1').get() as { id: string; number: string };
    const order = await s.as('lead', 'GET', `/api/orders/${first.id}`);
    expect(order.status).toBe(200);
    expect(order.body.number).toBe(first.number);
    const stock = await s.as('lead', 'GET', '/api/inventory?limit=500');
    // per SKU over its bins (the list has a row per SKU and bin)
    const onHand = (rows: { sku: string; onHand: number; reserved: number }[]) => {
      const per: Record<string, [number, number]> = {};
      for (const r of rows) per[r.sku] = [(per[r.sku]?.[0] ?? 0) + r.onHand, (per[r.sku]?.[1] ?? 0) + r.reserved];
      return Object.fromEntries(Object.entries(per).map(([k, [h, r]]) => [k, `${h}/${r}`]));
    };
    const sqliteStock = sqlite.prepare('SELECT k.sku, sum(i.on_hand) AS onHand, sum(i.reserved) AS reserved FROM inventory i JOIN skus k ON k.id = i.sku_id GROUP BY k.sku').all() as { sku: string; onHand: number; reserved: number }[];
    expect(onHand(stock.body.items)).toEqual(onHand(sqliteStock));
  });

  it('a new order on PostgreSQL is numbered after the copied ones and reserves stock', async () => {
    const sku = sqlite.prepare('SELECT k.sku FROM inventory i JOIN skus k ON k.id = i.sku_id WHERE i.on_hand - i.reserved > 5 ORDER BY k.sku LIMIT 1').pluck().get() as string;
    const before = (await s.as('lead', 'GET', `/api/inventory?q=${sku}`)).body.items[0];
    const created = await s.as('lead', 'POST', '/api/orders', orderInput({ sku, qty: 2 }));
    expect(created.status).toBe(201);
    expect(sqlite.prepare('SELECT 1 FROM orders WHERE number = ?').get(created.body.number)).toBeUndefined();
    const after = (await s.as('lead', 'GET', `/api/inventory?q=${sku}`)).body.items[0];
    expect(after.reserved).toBe(before.reserved + 2);
    const stats = await s.as('lead', 'GET', '/api/orders-stats');
    expect(stats.body.lastEventId).toBeGreaterThan(one('SELECT max(id) FROM events'));
  });

  it('refuses a target that already holds a shop, and keeps it as it was', async () => {
    const orders = (await s.as('lead', 'GET', '/api/orders-stats')).body.lastEventId;
    await expect(migrateStore({ from: source.dir, to: url })).rejects.toThrow(/is not empty: it already holds a shop \(6 users, \d+ orders, 4\d skus, \d+ events\)\. migrate-store copies into an empty database only.*--force/);
    expect((await s.as('lead', 'GET', '/api/orders-stats')).body.lastEventId).toBe(orders);
  });

  it('refuses a SQLite file that is not a Packline store, and a file that is not SQLite', async () => {
    const other = join(source.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    await expect(migrateStore({ from: other, to: emptyDatabase() })).rejects.toThrow(/is a SQLite database but not a Packline store \(no schema_migrations, users, orders, skus, events tables\)/);
    const text = join(source.dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough to have a header\n'.repeat(10));
    await expect(migrateStore({ from: text, to: emptyDatabase() })).rejects.toThrow(/is not a SQLite database/);
  });

  it('the command line says why it refuses, and exits 1', () => {
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src-main/migrate-store.ts', '--from', source.dir, '--to', url], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/migrate-store: The target database postgres:\/\/127\.0\.0\.1:\d+\/mig_\d+_1 is not empty: it already holds a shop/);
  });
});
