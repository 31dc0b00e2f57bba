// An order scan in one round trip (POST /api/pack/scan): the code is looked up and the one order it
// names is started at the bench, as lookup then packStart did. Each refusal (cancelled, on hold,
// another bench's, another warehouse's) is packStart's own, word for word, and changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { snapshot, orderInput } from '../helpers';
import { startPackShop, newOrder, start, type PackShop } from './fixture';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
  await shop.s.tokenFor('operator'); // the operator's login is an event of its own, before any count
});
afterAll(() => shop.s.close());

const scan = (code: string, bench = 'B1') => shop.s.as('operator', 'POST', '/api/pack/scan', { code, bench });
const orderNow = async (id: string) => (await shop.s.as('viewer', 'GET', `/api/orders/${id}`)).body as { state: string; version: number };

describe('an order scan in one round trip', () => {
  it('starts the order the code names and returns the ticket packStart returns', async () => {
    const o = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 2 }]);
    const events = snapshot(shop.s.core).events;
    const r = await scan(o.number);
    expect(r.status).toBe(200);
    expect(r.body.refused).toBeNull();
    expect(r.body.orders).toEqual([{ id: o.id, number: o.number, state: 'allocated' }]);
    expect(r.body.ticket.order).toMatchObject({ id: o.id, state: 'packing' });
    expect(r.body.ticket.order.shipTo.phone).toMatch(/\*/); // masked for an operator, as packStart masks it
    expect(r.body.ticket.lines).toMatchObject([{ sku: 'SKU-A', qty: 2, remaining: 2 }]);
    expect(snapshot(shop.s.core).events).toBeGreaterThan(events); // the start is recorded as packStart records it
    // scanned again at the same bench: resumed, the same ticket as packStart gives
    const again = await scan(o.number);
    const viaStart = await start(shop.s, o.id);
    expect(again.body.ticket).toEqual(viaStart.body);
  });

  it('a product barcode starts nothing: the bench sorts it (put wall) or refuses it', async () => {
    await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }]);
    const before = snapshot(shop.s.core);
    const r = await scan('6901234567892');
    expect(r.body).toMatchObject({ orders: [], skus: [{ sku: 'SKU-A' }], ticket: null, refused: null });
    expect(snapshot(shop.s.core)).toEqual(before);
  });

  it('a code nobody knows finds nothing and changes nothing', async () => {
    const before = snapshot(shop.s.core);
    expect((await scan('NO-SUCH-CODE')).body).toMatchObject({ orders: [], skus: [], ticket: null, refused: null });
    expect(snapshot(shop.s.core)).toEqual(before);
  });

  const refusals: [string, (id: string) => Promise<void>][] = [
    ['cancelled', async (id) => void expect((await shop.s.as('lead', 'POST', `/api/orders/${id}/actions/cancel`, { reason: 'buyer cancelled' })).status).toBe(200)],
    ['on hold', async (id) => void expect((await shop.s.as('lead', 'POST', `/api/orders/${id}/actions/hold`, { reason: 'address check' })).status).toBe(200)],
    ['held by another bench', async (id) => void expect((await start(shop.s, id, 'B2')).status).toBe(200)],
  ];
  for (const [what, make] of refusals) {
    it(`an order ${what} is refused with packStart's words, and nothing changes`, async () => {
      const o = await newOrder(shop.s, [{ sku: 'SKU-B', qty: 1 }]);
      await make(o.id);
      const was = await orderNow(o.id);
      const before = snapshot(shop.s.core);
      const r = await scan(o.number);
      expect(r.status).toBe(200);
      expect(r.body.ticket).toBeNull();
      expect(r.body.orders).toEqual([{ id: o.id, number: o.number, state: was.state }]);
      expect(snapshot(shop.s.core)).toEqual(before);
      expect(await orderNow(o.id)).toMatchObject(was);
      const viaStart = await start(shop.s, o.id);
      expect(viaStart.status).toBeGreaterThanOrEqual(400);
      expect(r.body.refused).toEqual(viaStart.body.error);
    });
  }

  it("another warehouse's order is refused naming both warehouses, and nothing changes", async () => {
    const s = shop.s;
    expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: ['cd-bench-1'] })).status).toBe(201);
    const benches = (await s.as('lead', 'GET', '/api/benches')).body.items as { id: string; name: string }[];
    const cdBench = benches.find((b) => b.name === 'cd-bench-1')!.id;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const before = snapshot(s.core);
    const r = await scan(o.number, cdBench);
    expect(r.body.refused).toMatchObject({ code: 'conflict', issues: [{ path: 'bench', message: 'warehouse CD' }] });
    expect(r.body.refused.message).toContain(`order ${o.number} is for warehouse`);
    expect(snapshot(s.core)).toEqual(before);
    expect((await orderNow(o.id)).state).toBe('allocated');
  });

  it('a code several orders carry starts the one still packable, else none', async () => {
    const s = shop.s;
    const slip = `SLIP-${Date.now()}`;
    const a = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const b = (await s.as('lead', 'POST', '/api/orders', { ...orderInput(), externalId: slip, channel: 'manual', lines: [{ sku: 'SKU-A', qty: 1 }], carrier: 'sf' })).body;
    const c = (await s.as('lead', 'POST', '/api/orders', { ...orderInput(), externalId: slip, channel: 'phone', lines: [{ sku: 'SKU-A', qty: 1 }], carrier: 'sf' })).body;
    expect(a.id).toBeTruthy();
    // both open: which one is meant is not known, nothing starts
    const before = snapshot(s.core);
    const many = await scan(slip);
    expect(many.body.orders.map((x: { id: string }) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect(many.body).toMatchObject({ ticket: null, refused: null });
    expect(snapshot(s.core)).toEqual(before);
    // one of them cancelled: the other is the one
    expect((await s.as('lead', 'POST', `/api/orders/${c.id}/actions/cancel`, { reason: 'duplicate' })).status).toBe(200);
    const one = await scan(slip);
    expect(one.body.ticket.order).toMatchObject({ id: b.id, state: 'packing' });
  });
});
