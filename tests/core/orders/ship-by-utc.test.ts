// Ship-by times arrive with the offset of whoever sent them (a Chinese shop writes +08:00); the core
// compares and sorts them as text, so it keeps them in one form, UTC. An order due an hour ago in
// Beijing time is late, and sorts before one due tomorrow in UTC.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';
import migration from '../../../src-main/core/modules/orders/migrations/2026120940-ship-by-utc';
import type { Db } from '../../../src-main/core/store/db';

const HOUR = 3600_000;
/** The same instant as Beijing wall time: '2026-12-04T18:30:00.000+08:00'. */
const beijing = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace('Z', '+08:00');

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(() => s.close());

describe('ship-by with an offset', () => {
  it('is stored and answered as UTC; an order due an hour ago in +08:00 is late and sorts first', async () => {
    const dueAgo = Date.now() - HOUR;
    const late = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), shipBy: beijing(dueAgo) });
    expect(late.status, late.text).toBe(201);
    expect(late.body.shipBy).toBe(new Date(dueAgo).toISOString());
    const tomorrow = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), shipBy: new Date(Date.now() + 24 * HOUR).toISOString() });
    expect(tomorrow.status, tomorrow.text).toBe(201);

    const read = await s.as('lead', 'GET', `/api/orders/${late.body.id}`);
    expect(read.body.shipBy).toBe(new Date(dueAgo).toISOString());
    const lateList = await s.as('lead', 'GET', '/api/orders?late=true');
    expect(lateList.body.items.map((i: { id: string }) => i.id)).toEqual([late.body.id]);
    const sorted = await s.as('lead', 'GET', '/api/orders?sort=shipBy');
    expect(sorted.body.items.map((i: { id: string }) => i.id).slice(0, 2)).toEqual([late.body.id, tomorrow.body.id]);
  });
});

describe('the migration of older orders', () => {
  it('rewrites offsets as UTC and leaves UTC, empty and unreadable values as they were', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, ship_by TEXT)');
    const put = db.prepare('INSERT INTO orders VALUES (?, ?)');
    put.run('a', '2026-12-04T18:00:00+08:00');
    put.run('b', '2026-12-04T10:00:00Z');
    put.run('c', null);
    put.run('d', 'soon');
    migration.up(db as unknown as Db);
    expect(db.prepare('SELECT id, ship_by FROM orders ORDER BY id').all()).toEqual([
      { id: 'a', ship_by: '2026-12-04T10:00:00.000Z' },
      { id: 'b', ship_by: '2026-12-04T10:00:00Z' },
      { id: 'c', ship_by: null },
      { id: 'd', ship_by: 'soon' },
    ]);
  });
});
