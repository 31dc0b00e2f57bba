// Waves take a merged shipment whole (issue 19), over the real HTTP server and SQLite: the orders one
// buyer sends to one address (merges) go into the same wave or neither, whatever the caps; a hand-made
// plan that splits them is refused for both orders with the reason, and nothing of theirs moves.
// Property (fast-check): random pools of merged pairs and single orders, random caps, release.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { orderInput } from '../helpers';
import { startPackShop, start, type PackShop } from '../packing/fixture';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
  expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: true, channels: [] })).status).toBe(200);
});
afterAll(() => shop.s.close());

const ADDRESS = { country: 'CN', province: '广东省', city: '广州市', district: '天河区', address1: '体育西路101号', postcode: '510620' };
let buyers = 0;
const newBuyer = () => ({ ...ADDRESS, name: `买家${++buyers}`, phone: `1370${String(1_000_000 + buyers).slice(-7)}` });

async function order(shipTo: Record<string, unknown>, qty: number) {
  const r = await shop.s.as('lead', 'POST', '/api/orders', { ...orderInput(), shipTo, lines: [{ sku: 'SKU-A', qty }], carrier: 'sf' });
  if (r.status !== 201 || r.body.state !== 'allocated') throw new Error(`order not created: ${r.status} ${r.text}`);
  return { id: r.body.id as string, number: r.body.number as string };
}
const waveOf = (id: string) => shop.s.core.db.prepare('SELECT wave_id FROM wave_orders WHERE order_id = ?').pluck().get(id) as string | undefined;
const stateOf = (id: string) => shop.s.core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id) as string;
/** Cancels every order still in the pool, so the next case starts from an empty one. */
async function clearPool() {
  for (const id of shop.s.core.db.prepare("SELECT id FROM orders WHERE state = 'allocated'").pluck().all() as string[]) {
    const r = await shop.s.as('lead', 'POST', `/api/orders/${id}/actions/cancel`, { reason: 'next case' });
    if (r.status !== 200) throw new Error(`cancel: ${r.status} ${r.text}`);
  }
}

describe('a merged pair goes into one wave or none', () => {
  it('with room for one order only, neither order of a pair is taken; with room for two, both are', async () => {
    await clearPool();
    const buyer = newBuyer();
    const a = await order(buyer, 1);
    const b = await order(buyer, 1);
    expect((await shop.s.as('viewer', 'GET', `/api/orders/${a.id}/merge`)).body.shipment).toMatchObject({ state: 'planned', orders: [{ id: a.id }, { id: b.id }] });
    const one = { filter: { carriers: ['sf'] }, group: 'none', caps: { orders: 1 } };
    const preview = await shop.s.as('lead', 'POST', '/api/waves/preview', { rule: one });
    expect(preview.body).toMatchObject({ eligible: 2, leftOver: 2, waves: [] });
    const none = await shop.s.as('lead', 'POST', '/api/waves', { rule: one });
    expect(none.body.waves).toEqual([]);
    expect([waveOf(a.id), waveOf(b.id)]).toEqual([undefined, undefined]);
    const two = await shop.s.as('lead', 'POST', '/api/waves', { rule: { ...one, caps: { orders: 2 } } });
    expect(two.status).toBe(201);
    expect(two.body.waves).toHaveLength(1);
    expect(waveOf(a.id)).toBe(two.body.waves[0].id);
    expect(waveOf(b.id)).toBe(two.body.waves[0].id);
  });

  it('a plan that puts the pair in two waves releases neither of them, saying why; the single order is released', async () => {
    await clearPool();
    const buyer = newBuyer();
    const a = await order(buyer, 1);
    const b = await order(buyer, 2);
    const c = await order(newBuyer(), 1);
    const rule = { filter: { carriers: ['sf'] }, group: 'none', caps: { orders: 5 } };
    const r = await shop.s.as('lead', 'POST', '/api/waves', { rule, waves: [{ orderIds: [a.id, c.id] }, { orderIds: [b.id] }] });
    expect(r.status, r.text).toBe(201);
    expect(r.body.skipped).toEqual(expect.arrayContaining([
      { orderId: a.id, number: a.number, reason: `it is merged with order ${b.number}, which is not in this wave: they go into one wave together` },
      { orderId: b.id, number: b.number, reason: `it is merged with order ${a.number}, which is not in this wave: they go into one wave together` },
    ]));
    expect([waveOf(a.id), waveOf(b.id), stateOf(a.id), stateOf(b.id)]).toEqual([undefined, undefined, 'allocated', 'allocated']);
    expect(waveOf(c.id)).toBe(r.body.waves[0].id);
  });

  it('a pair released into one wave is packed as one parcel: the bench scanning one takes its mate of that wave, never one outside it', async () => {
    await clearPool();
    const buyer = newBuyer();
    const a = await order(buyer, 1);
    const b = await order(buyer, 2);
    const r = await shop.s.as('lead', 'POST', '/api/waves', { rule: { filter: { carriers: ['sf'] }, group: 'none', caps: { orders: 2 } } });
    expect(r.status, r.text).toBe(201);
    expect([stateOf(a.id), stateOf(b.id), waveOf(a.id)]).toEqual(['in_wave', 'in_wave', waveOf(b.id)]);
    // the same buyer's order that came after the wave: same address, but not in it
    const later = await order(buyer, 1);
    const t = await start(shop.s, a.id);
    expect(t.status, t.text).toBe(200);
    expect(t.body.mergedOrders).toEqual([{ id: b.id, number: b.number, channel: 'shop', externalId: expect.any(String) }]);
    expect(t.body.lines.map((l: { qty: number; orderNumber: string }) => [l.qty, l.orderNumber])).toEqual([[1, a.number], [2, b.number]]);
    expect([stateOf(a.id), stateOf(b.id), stateOf(later.id)]).toEqual(['packing', 'packing', 'allocated']);
  });

  it('property: over random pools of pairs and singles and random caps, every pair is in one wave or in none, and caps hold', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ pair: fc.boolean(), qty: fc.integer({ min: 1, max: 3 }), qty2: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
      fc.record({ orders: fc.integer({ min: 1, max: 5 }), units: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) }),
      async (shipments, caps) => {
        await clearPool();
        const pairs: [string, string][] = [];
        for (const sh of shipments) {
          const buyer = newBuyer();
          const a = await order(buyer, sh.qty);
          if (sh.pair) pairs.push([a.id, (await order(buyer, sh.qty2)).id]);
        }
        const r = await shop.s.as('lead', 'POST', '/api/waves', { rule: { filter: { carriers: ['sf'] }, group: 'none', caps } });
        expect(r.status, r.text).toBe(201);
        for (const [a, b] of pairs) expect(waveOf(a)).toBe(waveOf(b));
        for (const w of r.body.waves as { progress: { orders: number; units: number } }[]) {
          expect(w.progress.orders).toBeLessThanOrEqual(caps.orders);
          if (caps.units) expect(w.progress.units).toBeLessThanOrEqual(caps.units);
        }
      },
    ), { numRuns: 12 });
  });
});
