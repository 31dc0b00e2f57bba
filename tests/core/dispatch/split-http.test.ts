// Split by warehouse over HTTP, from a Shopify order to two parcels written back: the shop allows a
// split (Settings -> Routing); an order whose SKU-A only Guangzhou (MAIN) has and whose SKU-B only
// Chengdu has becomes two shipments; each warehouse's wave takes its own; each bench packs only its
// lines; each parcel is written back to the one Shopify order with its own line items.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startChannelShop, orderOf, type ChannelShop } from '../channels/fixture';
import { postParcel, start } from '../packing/fixture';
import { addChengduWithSkuB, allowSplit } from './chengdu';
import { shopifyOrder } from '../../../src-main/demo/channels-peer';
import { orderInput, sleep } from '../helpers';

let shop: ChannelShop;
beforeAll(async () => {
  shop = await startChannelShop();
  await addChengduWithSkuB(shop.s);
});
afterAll(() => shop.close());

const routing = (split: boolean) => allowSplit(shop.s, split);

async function placeAB(qtyA: number, qtyB: number) {
  const o = shopifyOrder([{ sku: 'SKU-A', title: 'Aviator sunglasses', quantity: qtyA, price: '89.99' }, { sku: 'SKU-B', title: 'Sun hat', quantity: qtyB, price: '39.00' }]);
  await shop.peer.placeOrder(o);
  await shop.sync.drained();
  return { ext: o.id, order: orderOf(shop, o.id)! };
}

describe('split by warehouse (HTTP)', () => {
  it('off by default: a short order goes whole to one warehouse with a transfer suggestion', async () => {
    expect((await shop.s.as('viewer', 'GET', '/api/routing')).body.split).toBe(false);
    expect((await routing(false)).status).toBe(200);
    const { order } = await placeAB(1, 1);
    const r = (await shop.s.as('lead', 'GET', `/api/orders/${order.id}/routing`)).body;
    expect(r).toMatchObject({ warehouse: 'MAIN', shipments: [], splitOf: null });
    expect(r.transfers).toEqual([expect.objectContaining({ sku: 'SKU-B', qty: 1, from: 'CD' })]);
  });

  it('allowed: the order becomes two shipments in two warehouses\' waves, each packs only its lines, each parcel is written back with its own lines', async () => {
    const s = shop.s;
    expect((await s.as('operator', 'PUT', '/api/routing', { enabled: true, split: true, priority: ['MAIN', 'CD'], rules: [] })).status).toBe(403);
    expect((await routing(true)).body.split).toBe(true);
    const { ext, order } = await placeAB(2, 1); // MAIN has more of it (2 of 3 units): it keeps the channel's order

    // The lead sees the split on the order: the channel's order (MAIN, SKU-A) and its part (CD, SKU-B).
    const r = (await s.as('lead', 'GET', `/api/orders/${order.id}/routing`)).body;
    expect(r.shipments).toEqual([
      expect.objectContaining({ orderId: order.id, number: order.number, warehouse: 'MAIN', state: 'allocated', lines: [expect.objectContaining({ sku: 'SKU-A', qty: 2 })] }),
      expect.objectContaining({ number: `${order.number}-2`, warehouse: 'CD', state: 'allocated', lines: [expect.objectContaining({ sku: 'SKU-B', qty: 1 })] }),
    ]);
    expect(r.transfers).toEqual([]);
    const partId = r.shipments[1].orderId as string;
    const part = (await s.as('lead', 'GET', `/api/orders/${partId}/routing`)).body;
    expect(part).toMatchObject({ warehouse: 'CD', splitOf: { orderId: order.id, number: order.number } });
    // Stock: each shipment reserved in its own warehouse's bins.
    expect((await s.as('viewer', 'GET', '/api/inventory?q=SKU-B&warehouse=CD')).body.items).toEqual([expect.objectContaining({ location: 'CD-01-01-1', reserved: 1 })]);
    // The part's line shows the Chengdu bin it is reserved in, not SKU-B's home bin in Guangzhou.
    expect((await s.as('operator', 'GET', `/api/orders/${partId}`)).body.lines).toEqual([expect.objectContaining({ sku: 'SKU-B', location: 'CD-01-01-1' })]);
    const history = (await s.as('lead', 'GET', `/api/orders/${order.id}/events`)).body.items as { type: string }[];
    expect(history.map((e) => e.type)).toContain('order.split');

    // Each warehouse's wave takes its own shipment.
    const waveOf = async (warehouse: string) => {
      const w = await s.as('lead', 'POST', '/api/waves', { rule: { filter: { states: ['allocated'], warehouse } } });
      expect(w.status).toBe(201);
      return (await s.as('lead', 'GET', `/api/waves/${w.body.waves[0].id}`)).body.orders.map((o: { orderId: string }) => o.orderId) as string[];
    };
    const main = await waveOf('MAIN');
    const cd = await waveOf('CD');
    expect(main).toContain(order.id);
    expect(main).not.toContain(partId);
    expect(cd).toEqual([partId]);

    // Each bench packs only its shipment's lines: SKU-A in the Chengdu part is refused and changes nothing.
    const vPart = (await start(s, partId, 'cd-bench-1')).body.order.version;
    const wrong = await postParcel(s, partId, { bench: 'cd-bench-1', expectedVersion: vPart, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const cdParcel = await postParcel(s, partId, { bench: 'cd-bench-1', expectedVersion: vPart, boxTypeId: null, items: [{ skuId: shop.sku.B, qty: 1 }], measuredG: 250, final: true });
    expect(cdParcel.status).toBe(201);
    const vMain = (await start(s, order.id, 'B1')).body.order.version;
    const mainParcel = await postParcel(s, order.id, { bench: 'B1', expectedVersion: vMain, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 2 }], measuredG: 200, final: true });
    expect(mainParcel.status).toBe(201);

    // Write-back: two fulfillments on the one Shopify order, each with its parcel's waybill and lines.
    const doc = shop.peer.shopify.get(ext)!;
    for (let i = 0; i < 200 && doc.fulfillments.length < 2; i++) {
      await shop.sync.tick();
      await sleep(10);
    }
    const lineOf = (sku: string) => doc.line_items.find((l) => l.sku === sku)!.id;
    const byWaybill = Object.fromEntries(doc.fulfillments.map((f) => [f.tracking_number, f.line_items]));
    expect(doc.fulfillments).toHaveLength(2);
    expect(byWaybill[cdParcel.body.parcel.waybill]).toEqual([{ id: lineOf('SKU-B'), quantity: 1 }]);
    expect(byWaybill[mainParcel.body.parcel.waybill]).toEqual([{ id: lineOf('SKU-A'), quantity: 2 }]);
    const wbs = (await s.as('lead', 'GET', '/api/write-backs')).body.items.filter((w: { orderId: string }) => w.orderId === order.id || w.orderId === partId);
    expect(wbs.map((w: { state: string }) => w.state)).toEqual(['sent', 'sent']);
    // the list names the platform's order each write-back told, the part's too (not the part's own PL…-2)
    expect(wbs.map((w: { externalId: string }) => w.externalId)).toEqual([String(ext), String(ext)]);
  });

  it('an order posted to the API (the intake thread) splits the same way, and reserves each part in its own warehouse', async () => {
    const r = await shop.s.as('lead', 'POST', '/api/orders', { ...orderInput(), externalId: 'API-SPLIT-1', lines: [{ sku: 'SKU-A', qty: 3 }, { sku: 'SKU-B', qty: 1 }] }, { 'Idempotency-Key': 'api-split-1' });
    expect(r.status).toBe(201);
    const routing = (await shop.s.as('lead', 'GET', `/api/orders/${r.body.id}/routing`)).body;
    expect(routing.shipments.map((p: { warehouse: string; state: string; lines: { sku: string; qty: number }[] }) => [p.warehouse, p.state, p.lines.map((l) => `${l.qty}×${l.sku}`).join()])).toEqual([
      ['MAIN', 'allocated', '3×SKU-A'], ['CD', 'allocated', '1×SKU-B'],
    ]);
  });

  it('manifests per warehouse: each warehouse hands its own parcels to the carrier; two warehouses\' parcels on one manifest are refused', async () => {
    const s = shop.s;
    const pendingIn = async (w: string) => (await s.as('lead', 'GET', `/api/manifests/pending?warehouse=${w}`)).body.items.find((r: { carrier: string }) => r.carrier === 'sf')?.parcels ?? 0;
    expect(await pendingIn('CD')).toBe(1); // the split's Chengdu parcel
    expect(await pendingIn('MAIN')).toBeGreaterThanOrEqual(1);
    const mixed = await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf' });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.issues[0].path).toBe('warehouse');
    const cd = await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf', warehouse: 'CD' });
    expect(cd.status).toBe(201);
    expect(cd.body).toMatchObject({ warehouse: 'CD', parcels: 1, items: [expect.objectContaining({ orderNumber: expect.stringMatching(/-2$/) })] });
    expect(await pendingIn('CD')).toBe(0);
    expect(await pendingIn('MAIN')).toBeGreaterThanOrEqual(1); // Guangzhou's parcels wait for its own truck
    expect((await s.as('lead', 'GET', '/api/manifests?warehouse=MAIN')).body.items.map((m: { id: string }) => m.id)).not.toContain(cd.body.id);
    expect((await s.as('lead', 'GET', '/api/manifests?warehouse=CD')).body.items.map((m: { id: string }) => m.id)).toEqual([cd.body.id]);
    // now one warehouse is left: the warehouse may be left out
    expect((await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf' })).body).toMatchObject({ warehouse: 'MAIN' });
  });

  it('planning a wave needs a warehouse when the shop has two: "all" is refused with the field named, and nothing changes', async () => {
    const r = await shop.s.as('lead', 'POST', '/api/waves/preview', { rule: { filter: { states: ['allocated'] } } });
    expect(r.status).toBe(422);
    expect(r.body.error.issues[0].path).toBe('rule.filter.warehouse');
    const before = shop.s.core.db.prepare('SELECT COUNT(*) FROM waves').pluck().get();
    expect((await shop.s.as('lead', 'POST', '/api/waves', { rule: { filter: { states: ['allocated'], warehouse: 'all' } } })).status).toBe(422);
    expect(shop.s.core.db.prepare('SELECT COUNT(*) FROM waves').pluck().get()).toBe(before);
    expect((await shop.s.as('lead', 'POST', '/api/waves/preview', { rule: { filter: { states: ['allocated'], warehouse: 'CD' } } })).status).toBe(200);
  });

  it('the customer\'s one order: a new address reaches every shipment, a cancel cancels them all', async () => {
    const { order } = await placeAB(1, 1);
    const parts = (await shop.s.as('lead', 'GET', `/api/orders/${order.id}/routing`)).body.shipments as { orderId: string; warehouse: string }[];
    expect(parts.map((p) => p.warehouse)).toEqual(['MAIN', 'CD']);
    const shipTo = { name: '王芳', phone: '13900000000', country: 'CN', province: '广东省', city: '广州市', district: '天河区', address1: '体育西路2号' };
    expect((await shop.s.as('lead', 'PUT', `/api/orders/${order.id}/ship-to`, { shipTo, reason: 'customer called' })).status).toBe(200);
    for (const p of parts) expect((await shop.s.as('lead', 'GET', `/api/orders/${p.orderId}`)).body.shipTo).toMatchObject({ address1: '体育西路2号' });
    // the split holds: the new address routed nothing away
    expect(((await shop.s.as('lead', 'GET', `/api/orders/${order.id}/routing`)).body.shipments as { warehouse: string }[]).map((p) => p.warehouse)).toEqual(['MAIN', 'CD']);
    expect((await shop.s.as('lead', 'POST', `/api/orders/${order.id}/actions/cancel`, { reason: 'customer cancelled' })).status).toBe(200);
    for (const p of parts) expect((await shop.s.as('lead', 'GET', `/api/orders/${p.orderId}`)).body.state).toBe('cancelled');
  });
});
