// POST /api/orders/bulk: each order succeeds or fails on its own, reported with its index.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, count, snapshot, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 3 }) });
});
afterAll(() => s.close());

describe('bulk orders', () => {
  it('creates the valid ones and reports each invalid one with its index and field', async () => {
    const dup = orderInput();
    const orders = [
      orderInput(), // 0 ok
      { ...orderInput(), shipTo: { ...orderInput().shipTo, phone: 'call me' } }, // 1 bad phone
      orderInput({ sku: 'NO-SUCH' }), // 2 unknown SKU
      dup, // 3 ok
      dup, // 4 duplicate of 3
      'not an order', // 5 garbage
      orderInput({ qty: 5 }), // 6 ok, but not enough stock: waits in ready
    ];
    const before = count(s.core, 'orders');
    const r = await s.as('lead', 'POST', '/api/orders/bulk', { orders });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 3, duplicates: 1, failed: 3 });
    const res = r.body.results as { index: number; ok: boolean; code?: string; issues?: { path: string }[]; order?: { id: string; state: string }; duplicate?: boolean }[];
    expect(res.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(res.map((x) => x.ok)).toEqual([true, false, false, true, true, false, true]);
    expect(res[1]).toMatchObject({ code: 'validation' });
    expect(res[1]!.issues!.map((i) => i.path)).toEqual(['orders.1.shipTo.phone']);
    expect(res[2]).toMatchObject({ code: 'validation', issues: [{ path: 'orders.2.lines.0.sku' }] });
    // a keyed refusal keeps its key and values on the entry and on its issues, so a screen can say it
    expect((res[2]!.issues![0] as { key?: string; params?: object })).toMatchObject({ key: 'unknownSkuNamed', params: { sku: 'NO-SUCH' } });
    expect(res[4]).toMatchObject({ duplicate: true });
    expect(res[4]!.order!.id).toBe(res[3]!.order!.id);
    expect(res[5]!.code).toBe('validation');
    expect(res[0]!.order!.state).toBe('allocated');
    expect(res[6]!.order!.state).toBe('ready');
    expect(count(s.core, 'orders')).toBe(before + 3);
    // the failed ones left nothing behind: no lines or events for orders that do not exist
    expect(count(s.core, 'order_lines', 'WHERE order_id NOT IN (SELECT id FROM orders)')).toBe(0);
    expect(count(s.core, 'events', "WHERE entity = 'order' AND entity_id NOT IN (SELECT id FROM orders)")).toBe(0);
  });

  it('a failing order later in the batch does not undo the reservations of earlier ones', async () => {
    const r = await s.as('lead', 'POST', '/api/orders/bulk', { orders: [orderInput({ qty: 1 }), orderInput({ lines: [{ sku: 'SKU-A', qty: 1 }, { sku: 'NO-SUCH', qty: 1 }] })] });
    expect(r.body.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, false]);
    const reserved = s.core.db.prepare('SELECT SUM(reserved) FROM inventory').pluck().get() as number;
    const held = s.core.db.prepare('SELECT COALESCE(SUM(qty),0) FROM reservations').pluck().get() as number;
    expect(reserved).toBe(held);
    expect(reserved).toBeLessThanOrEqual(3);
  });

  it('an empty list or a wrong envelope is refused as a whole and changes nothing', async () => {
    const before = snapshot(s.core);
    const empty = await s.as('lead', 'POST', '/api/orders/bulk', { orders: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.error.issues[0].path).toBe('orders');
    const wrong = await s.as('lead', 'POST', '/api/orders/bulk', [orderInput()]);
    expect(wrong.status).toBe(422);
    await s.tokenFor('viewer');
    const before2 = snapshot(s.core);
    expect((await s.as('viewer', 'POST', '/api/orders/bulk', { orders: [orderInput()] })).status).toBe(403);
    expect(snapshot(s.core)).toEqual(before2);
    expect(before2.orders).toBe(before.orders);
  });
});

// A failure after an order has started writing (here a trigger refuses its reservation, standing in
// for a disk or constraint error) must undo that order alone: the batch is rolled back and run
// again with each order in its own savepoint.
describe('an order that fails mid-write', () => {
  const INJECT = "CREATE TRIGGER inject_failure BEFORE INSERT ON reservations WHEN NEW.qty = 7 BEGIN SELECT RAISE(ABORT, 'injected failure'); END";
  const leftovers = () => ({
    orphanLines: count(s.core, 'order_lines', 'WHERE order_id NOT IN (SELECT id FROM orders)'),
    orphanEvents: count(s.core, 'events', "WHERE entity = 'order' AND entity_id NOT IN (SELECT id FROM orders)"),
    reservedMatchesHeld: (s.core.db.prepare('SELECT SUM(reserved) FROM inventory').pluck().get() as number) === (s.core.db.prepare('SELECT COALESCE(SUM(qty),0) FROM reservations').pluck().get() as number),
  });
  const clean = { orphanLines: 0, orphanEvents: 0, reservedMatchesHeld: true };

  it('in a bulk request: that order is reported and leaves nothing, the others in its batch are stored', async () => {
    addSku(s.core, 'SKU-F', { onHand: 100 });
    s.core.db.exec(INJECT);
    try {
      const fallbacks = s.core.writes.isolatedBatches;
      const orders = [orderInput({ sku: 'SKU-F', qty: 1 }), orderInput({ sku: 'SKU-F', qty: 7 }), orderInput({ sku: 'SKU-F', qty: 2 })];
      const r = await s.as('lead', 'POST', '/api/orders/bulk', { orders });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ created: 2, failed: 1 });
      expect(r.body.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, true]);
      expect(r.body.results[1]).toMatchObject({ index: 1, code: 'internal' });
      expect(s.core.writes.isolatedBatches).toBeGreaterThan(fallbacks);
      expect(count(s.core, 'orders', `WHERE external_id = '${orders[1]!.externalId}'`)).toBe(0);
      expect(count(s.core, 'orders', `WHERE external_id IN ('${orders[0]!.externalId}', '${orders[2]!.externalId}') AND state = 'allocated'`)).toBe(2);
      expect(s.core.db.prepare("SELECT SUM(reserved) FROM inventory i JOIN skus k ON k.id = i.sku_id WHERE k.sku = 'SKU-F'").pluck().get()).toBe(3);
      expect(leftovers()).toEqual(clean);
    } finally {
      s.core.db.exec('DROP TRIGGER inject_failure');
    }
  });

  it('among concurrent single orders: that request fails, the others are created', async () => {
    addSku(s.core, 'SKU-G', { onHand: 100 });
    const token = await s.tokenFor('lead');
    s.core.db.exec(INJECT);
    try {
      const bodies = [1, 2, 7, 1, 3].map((qty) => orderInput({ sku: 'SKU-G', qty }));
      const replies = await Promise.all(bodies.map((b, i) => s.api('POST', '/api/orders', b, { Authorization: `Bearer ${token}`, 'Idempotency-Key': `mid-write-${i}` })));
      expect(replies.map((r) => r.status)).toEqual([201, 201, 500, 201, 201]);
      expect(count(s.core, 'orders', `WHERE external_id = '${bodies[2]!.externalId}'`)).toBe(0);
      expect(count(s.core, 'idempotency', "WHERE key = 'mid-write-2'")).toBe(0);
      expect(s.core.db.prepare("SELECT SUM(reserved) FROM inventory i JOIN skus k ON k.id = i.sku_id WHERE k.sku = 'SKU-G'").pluck().get()).toBe(7);
      expect(leftovers()).toEqual(clean);
    } finally {
      s.core.db.exec('DROP TRIGGER inject_failure');
    }
  });
});
