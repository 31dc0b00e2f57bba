// A merged parcel's write-back to a local Shopify peer (src-main/demo/channels-peer.ts): one outbox
// entry per order of the parcel, each telling the platform its own order with its own lines and the
// parcel's one waybill.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { shopifyOrder } from '../../../src-main/demo/channels-peer';
import { startChannelShop, orderOf, type ChannelShop } from '../channels/fixture';
import { postParcel, start } from '../packing/fixture';
import { sleep } from '../helpers';

let shop: ChannelShop;
beforeAll(async () => {
  shop = await startChannelShop();
});
afterAll(() => shop.close());

describe('write-back of a merged parcel', () => {
  it('tells each platform order its own lines with the same waybill, once each', async () => {
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: true })).status).toBe(200);
    // Two orders of the same Shopify buyer to the same address (the documentation's example address).
    const x = shopifyOrder([{ sku: 'SKU-A', title: 'Aviator sunglasses', quantity: 2, price: '89.99' }]);
    const y = shopifyOrder([{ sku: 'SKU-B', title: 'Mid-century lounger', quantity: 1, price: '159.99' }]);
    await shop.peer.placeOrder(x);
    await shop.peer.placeOrder(y);
    await shop.sync.drained();
    const a = orderOf(shop, x.id)!;
    const b = orderOf(shop, y.id)!;
    const t = (await start(shop.s, a.id)).body;
    expect(t.mergedOrders.map((m: { id: string }) => m.id)).toEqual([b.id]);
    const r = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 2 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 450, final: true });
    expect(r.status).toBe(201);
    const waybill = r.body.parcel.waybill;

    for (let i = 0; i < 200 && shop.peer.writeBacks.filter((w) => w.status === 201).length < 2; i++) {
      await shop.sync.tick();
      await sleep(10);
    }
    const wbs = (await shop.s.as('lead', 'GET', '/api/write-backs')).body.items.filter((w: { orderId: string }) => [a.id, b.id].includes(w.orderId));
    expect(wbs.map((w: { orderId: string; state: string; parcelId: string }) => [w.orderId, w.state, w.parcelId]).sort()).toEqual([[a.id, 'sent', r.body.parcel.id], [b.id, 'sent', r.body.parcel.id]].sort());
    // At the platform: each order has one fulfillment with the parcel's waybill and only its own line.
    const fx = shop.peer.shopify.get(x.id)!.fulfillments;
    const fy = shop.peer.shopify.get(y.id)!.fulfillments;
    expect(fx).toEqual([expect.objectContaining({ tracking_number: waybill, line_items: [{ id: x.line_items[0]!.id, quantity: 2 }] })]);
    expect(fy).toEqual([expect.objectContaining({ tracking_number: waybill, line_items: [{ id: y.line_items[0]!.id, quantity: 1 }] })]);
    await shop.sync.tick();
    expect(shop.peer.writeBacks.filter((w) => w.status === 201)).toHaveLength(2);
  });
});
