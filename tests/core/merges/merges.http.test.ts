// Merging over the real HTTP server and SQLite: two orders of one buyer to one address pack as one
// parcel (both orders' lines on the ticket, the sum as expected weight, one waybill), a third of
// another buyer does not; a cancel takes an order out (before the bench, at the bench, after the
// label); hand-over ships both; a platform's merge key decides over the address.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { count, orderInput } from '../helpers';
import { startPackShop, postParcel, start, type PackShop } from '../packing/fixture';
import { addOrderCode } from '../../../src-main/core/modules/orders/actions/order-codes';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

const BUYER = { name: '李雷', phone: '13900001111', country: 'CN', province: '广东省', city: '广州市', district: '天河区', address1: '体育西路101号2栋1203', postcode: '510620' };
let buyers = 0;
/** A fresh buyer (own phone) unless `shipTo` is given; an allocated order for carrier sf. */
async function order(lines: { sku: string; qty: number }[], shipTo: Record<string, unknown> = { ...BUYER, phone: `1390000${String(2000 + ++buyers)}` }, carrier = 'sf') {
  const r = await shop.s.as('lead', 'POST', '/api/orders', { ...orderInput(), shipTo, lines, carrier });
  if (r.status !== 201 || r.body.state !== 'allocated') throw new Error(`order not created: ${r.status} ${r.text}`);
  return { id: r.body.id as string, number: r.body.number as string };
}
const stateOf = (id: string) => shop.s.core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id) as string;
const mergeOf = async (id: string) => (await shop.s.as('viewer', 'GET', `/api/orders/${id}/merge`)).body.shipment;
const setMerging = (enabled: boolean) => shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled, channels: [] });
const buyer = (phone: string) => ({ ...BUYER, phone });

describe('merging orders of one buyer to one address', () => {
  it('is off by default: a lead switches it on (an operator may not); then two orders of one buyer merge and a third of another buyer does not', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 2 }], buyer('13900000001'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000001'));
    const c = await order([{ sku: 'SKU-A', qty: 1 }], { ...buyer('13900000002'), name: '韩梅梅' });
    expect((await shop.s.as('viewer', 'GET', '/api/merges/settings')).body).toEqual({ enabled: false, channels: [] });
    expect(await mergeOf(a.id)).toBeNull();
    expect((await shop.s.as('operator', 'PUT', '/api/merges/settings', { enabled: true })).status).toBe(403);
    expect((await setMerging(true)).body).toEqual({ enabled: true, channels: [] });

    expect(await mergeOf(b.id)).toMatchObject({ state: 'planned', by: 'address', hostOrderId: a.id, orders: [{ id: a.id, units: 2 }, { id: b.id, units: 1 }] });
    expect(await mergeOf(c.id)).toBeNull();
    const listed = (await shop.s.as('viewer', 'GET', '/api/merges')).body.items;
    expect(listed.filter((m: { orders: { id: string }[] }) => m.orders.some((o) => [a.id, b.id, c.id].includes(o.id)))).toHaveLength(1);

    // The packer scans A: B comes onto the same bench; one ticket with both orders' lines.
    const t = (await start(shop.s, a.id)).body;
    expect(t.mergedOrders).toEqual([{ id: b.id, number: b.number, channel: 'shop', externalId: expect.any(String) }]);
    expect(t.lines.map((l: { sku: string; qty: number; orderNumber: string }) => [l.sku, l.qty, l.orderNumber])).toEqual([['SKU-A', 2, a.number], ['SKU-B', 1, b.number]]);
    expect(stateOf(b.id)).toBe('packing');
    expect(stateOf(c.id)).toBe('allocated');
    // Scanning C is its own parcel with only its line.
    const tc = (await start(shop.s, c.id, 'B2')).body;
    expect(tc.mergedOrders).toEqual([]);
    expect(tc.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-A']);

    // One parcel: only A's items is refused (a merged parcel is one box); all items: expected = the sum (2 x 100 + 250 + 80 tare).
    const short = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: 'BOX-S', items: [{ skuId: shop.sku.A, qty: 2 }], measuredG: 280, final: false });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toMatch(/merged into one parcel/);
    const r = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: 'BOX-S', items: [{ skuId: shop.sku.A, qty: 2 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 530, final: true });
    expect(r.status).toBe(201);
    expect(r.body.parcel).toMatchObject({ expectedG: 530, items: [{ skuId: shop.sku.A, qty: 2 }, { skuId: shop.sku.B, qty: 1 }] });
    // the label names both orders (the carrier's parcel is both customers' order) and each SKU by its code
    expect(r.body.label.order).toMatchObject({ number: a.number, mergedWith: `+ ${b.number}` });
    expect(r.body.label.items.map((i: { sku: string; qty: number }) => [i.sku, i.qty])).toEqual([['SKU-A', 2], ['SKU-B', 1]]);
    expect([stateOf(a.id), stateOf(b.id)]).toEqual(['packed', 'packed']);
    expect(count(shop.s.core, 'parcels', `WHERE order_id IN ('${a.id}', '${b.id}')`)).toBe(1);
    expect(await mergeOf(b.id)).toMatchObject({ state: 'labelled', orders: [{ id: a.id }, { id: b.id }] });
    const labelled = (await shop.s.as('viewer', 'GET', `/api/orders/${a.id}/events`)).body.items.find((e: { type: string }) => e.type === 'parcel.labelled');
    expect(labelled.data.mergedOrders).toEqual([{ orderId: a.id, items: [{ skuId: shop.sku.A, qty: 2 }] }, { orderId: b.id, items: [{ skuId: shop.sku.B, qty: 1 }] }]);

    // The carrier takes the parcel: both orders ship.
    const m = await shop.s.as('lead', 'POST', '/api/manifests', { carrier: 'sf' });
    expect(m.status).toBeLessThan(300);
    expect([stateOf(a.id), stateOf(b.id)]).toEqual(['shipped', 'shipped']);
  });

  it('matches the address however it is written (spaces, full-width digits) but not another door, another carrier, or an order in a wave or on hold', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000011'));
    const same = await order([{ sku: 'SKU-A', qty: 1 }], { ...buyer('139-0000-0011'), city: ' 广州市 ', address1: '体育西路１０１号 2栋 1203' });
    const otherDoor = await order([{ sku: 'SKU-A', qty: 1 }], { ...buyer('13900000011'), address1: '体育西路101号2栋1204' });
    const otherCarrier = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000011'), 'zto');
    const held = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000011'));
    await shop.s.as('lead', 'POST', `/api/orders/${held.id}/actions/hold`, { reason: 'address check' });
    const s = await mergeOf(a.id);
    expect(s.orders.map((o: { id: string }) => o.id)).toEqual([a.id, same.id]);
    for (const o of [otherDoor, otherCarrier, held]) expect((await mergeOf(o.id))?.orders.map((x: { id: string }) => x.id) ?? []).not.toContain(a.id);
    // limited to other channels: these orders (channel "shop") no longer merge
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: true, channels: ['pinduoduo'] })).body).toEqual({ enabled: true, channels: ['pinduoduo'] });
    expect(await mergeOf(a.id)).toBeNull();
    await setMerging(true);
  });

  it('a cancel takes an order out: before the bench it no longer merges; at the bench the label is refused until the packer scans again, then the other packs alone', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000021'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000021'));
    const c = await order([{ sku: 'SKU-B', qty: 2 }], buyer('13900000021'));
    await shop.s.as('lead', 'POST', `/api/orders/${c.id}/actions/cancel`, { reason: 'buyer cancelled' });
    expect((await mergeOf(a.id)).orders.map((o: { id: string }) => o.id)).toEqual([a.id, b.id]);

    const t = (await start(shop.s, a.id)).body;
    expect(t.mergedOrders.map((m: { id: string }) => m.id)).toEqual([b.id]);
    expect((await shop.s.as('lead', 'POST', `/api/orders/${b.id}/actions/cancel`, { reason: 'buyer cancelled' })).status).toBe(200);
    expect(await mergeOf(a.id)).toBeNull();
    const events = (await shop.s.as('viewer', 'GET', `/api/orders/${b.id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(events).toContain('merge.left');
    // the bench's ticket had both orders' items: the label is refused, nothing is made
    const before = count(shop.s.core, 'parcels');
    const refused = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 350, final: true });
    expect(refused.status).toBe(409);
    expect(count(shop.s.core, 'parcels')).toBe(before);
    const again = (await start(shop.s, a.id)).body;
    expect(again.mergedOrders).toEqual([]);
    expect(again.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-A']);
    const ok = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: again.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(ok.status).toBe(201);
    expect([stateOf(a.id), stateOf(b.id)]).toEqual(['packed', 'cancelled']);
  });

  it('a cancel after the label makes the merged parcel an interception task (it carries that order\'s lines)', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000031'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000031'));
    const t = (await start(shop.s, a.id)).body;
    const r = await postParcel(shop.s, a.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 350, final: true });
    expect(r.status).toBe(201);
    await shop.s.as('lead', 'POST', `/api/orders/${b.id}/actions/cancel`, { reason: 'buyer cancelled late' });
    const ex = (await shop.s.as('lead', 'GET', '/api/exceptions?state=open')).body.items.find((e: { orderId: string; kind: string }) => e.orderId === a.id && e.kind === 'intercept');
    expect(ex).toBeTruthy();
    expect(ex.reason).toMatch(new RegExp(`order ${b.number} of this merged parcel`));
  });

  it("a platform's merge key decides over the address: the same key merges two spellings, different keys do not merge one address", async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000041'));
    const b = await order([{ sku: 'SKU-A', qty: 1 }], { ...buyer('13900000041'), address1: '体育西路101号(加密)' });
    const c = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000041'));
    shop.s.core.writes.runNow(() => {
      addOrderCode(shop.s.core.ctx, a.id, 'OAID-7f3a', 'merge_key');
      addOrderCode(shop.s.core.ctx, b.id, 'OAID-7f3a', 'merge_key');
      addOrderCode(shop.s.core.ctx, c.id, 'OAID-9b21', 'merge_key');
    });
    const s = await mergeOf(a.id);
    expect(s).toMatchObject({ by: 'platform', orders: [{ id: a.id }, { id: b.id }] });
    expect(await mergeOf(c.id)).toBeNull();
  });

  it("a merge key is not an order code: search and a scan do not find the order by it; its platform id and shop number still do", async () => {
    const r = await shop.s.as('lead', 'POST', '/api/orders', { ...orderInput({ channel: 'douyin', externalId: '6920000000000000777' }), shipTo: buyer('13900000051'), lines: [{ sku: 'SKU-A', qty: 1 }], carrier: 'sf' });
    expect(r.status).toBe(201);
    const id = r.body.id as string;
    shop.s.core.writes.runNow(() => {
      addOrderCode(shop.s.core.ctx, id, 'douyin:#OAID-55aa', 'merge_key');
      addOrderCode(shop.s.core.ctx, id, '#1077', 'channel_number');
    });
    const searched = async (text: string) => (await shop.s.as('lead', 'GET', `/api/orders?q=${encodeURIComponent(text)}`)).body.items.map((o: { id: string }) => o.id);
    const scanned = async (code: string) => (await shop.s.as('operator', 'GET', `/api/lookup/${encodeURIComponent(code)}`)).body.orders.map((o: { id: string }) => o.id);
    expect(await searched('douyin:#OAID-55aa')).toEqual([]);
    expect(await scanned('douyin:#OAID-55aa')).toEqual([]);
    expect(await searched('6920000000000000777')).toEqual([id]);
    expect(await scanned('#1077')).toEqual([id]);
    expect(await searched('#1077')).toEqual([id]);
    const codes = (await shop.s.as('lead', 'GET', `/api/orders/${id}`)).body.codes.map((c: { kind: string }) => c.kind);
    expect(codes).not.toContain('merge_key');
    expect(codes).toEqual(expect.arrayContaining(['channel_number', 'external', 'number']));
  });

  it("shows the rules' note for the packer on the bench's ticket, of every order in a merged parcel", async () => {
    const rule = await shop.s.as('lead', 'POST', '/api/rules', { name: 'Fragile', conditions: [{ kind: 'sku', values: ['SKU-B'] }], actions: { packerNote: '易碎：多包气泡膜 Fragile: extra bubble wrap' } });
    expect(rule.status).toBe(200);
    const alone = await order([{ sku: 'SKU-B', qty: 1 }]);
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000051'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000051'));
    await shop.s.core.rules.flush();
    expect((await start(shop.s, alone.id, 'B3')).body.packerNote).toBe('易碎：多包气泡膜 Fragile: extra bubble wrap');
    const t = (await start(shop.s, a.id, 'B4')).body;
    expect(t.mergedOrders.map((m: { id: string }) => m.id)).toEqual([b.id]);
    expect(t.packerNote).toBe('易碎：多包气泡膜 Fragile: extra bubble wrap');
    await shop.s.as('lead', 'DELETE', `/api/rules/${rule.body.id}`);
    await shop.s.core.rules.reevaluate(); // the open orders were evaluated again in the background: done before the core closes
  });

  it('the order the parcel is labelled under cancelled after the label: an interception task; voiding the parcel puts the other order back to packing, alone', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000061'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000061'));
    const t = (await start(shop.s, a.id, 'B5')).body;
    const r = await postParcel(shop.s, a.id, { bench: 'B5', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 350, final: true });
    expect(r.status).toBe(201);
    await shop.s.as('lead', 'POST', `/api/orders/${a.id}/actions/cancel`, { reason: 'buyer cancelled' });
    expect(stateOf(b.id)).toBe('packed');
    const v = await shop.s.as('lead', 'POST', `/api/parcels/${r.body.parcel.id}/void`, { reason: 'pulled: order cancelled' });
    expect(v.status).toBe(200);
    expect(stateOf(b.id)).toBe('packing');
    expect(await mergeOf(b.id)).toBeNull();
    const tb = (await start(shop.s, b.id, 'B5')).body;
    expect(tb.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-B']);
    const rb = await postParcel(shop.s, b.id, { bench: 'B5', expectedVersion: tb.order.version, boxTypeId: null, items: [{ skuId: shop.sku.B, qty: 1 }], measuredG: 250, final: true });
    expect(rb.status).toBe(201);
    expect(stateOf(b.id)).toBe('packed');
  });

  it('the order a merged parcel is packed under pulled out at the bench (held): its mate is a shipment of its own, packable with only its lines; released, the held one packs alone', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000071'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000071'));
    const t = (await start(shop.s, a.id, 'B6')).body;
    expect(t.mergedOrders.map((m: { id: string }) => m.id)).toEqual([b.id]);
    expect((await shop.s.as('lead', 'POST', `/api/orders/${a.id}/actions/hold`, { reason: 'fraud check' })).status).toBe(200);
    expect(await mergeOf(b.id)).toBeNull();
    // the bench's ticket of both is refused; the mate scanned again is its own parcel
    const refused = await postParcel(shop.s, a.id, { bench: 'B6', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }, { skuId: shop.sku.B, qty: 1 }], measuredG: 350, final: true });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const tb = (await start(shop.s, b.id, 'B6')).body;
    expect(tb.mergedOrders).toEqual([]);
    expect(tb.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-B']);
    const rb = await postParcel(shop.s, b.id, { bench: 'B6', expectedVersion: tb.order.version, boxTypeId: null, items: [{ skuId: shop.sku.B, qty: 1 }], measuredG: 250, final: true });
    expect(rb.status, rb.text).toBe(201);
    expect(rb.body.label.order.mergedWith).toBeUndefined();
    expect(rb.body.parcel.items).toEqual([{ skuId: shop.sku.B, qty: 1 }]);
    // the held order, released, packs alone with its own line
    expect((await shop.s.as('lead', 'POST', `/api/orders/${a.id}/actions/release`, { reason: 'checked' })).status).toBe(200);
    const ta = (await start(shop.s, a.id, 'B6')).body;
    expect(ta.mergedOrders).toEqual([]);
    expect(ta.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-A']);
  });

  it('a pair in one wave, one of them pulled out of it (held): the other is picked and packed alone, with only its lines', async () => {
    const a = await order([{ sku: 'SKU-A', qty: 1 }], buyer('13900000081'));
    const b = await order([{ sku: 'SKU-B', qty: 1 }], buyer('13900000081'));
    expect((await mergeOf(a.id)).orders.map((o: { id: string }) => o.id)).toEqual([a.id, b.id]);
    const w = await shop.s.as('lead', 'POST', '/api/waves', { rule: { filter: { carriers: ['sf'] }, group: 'none', caps: { orders: 50 } }, waves: [{ orderIds: [a.id, b.id] }] });
    expect(w.status, w.text).toBe(201);
    expect([stateOf(a.id), stateOf(b.id)]).toEqual(['in_wave', 'in_wave']);
    expect((await shop.s.as('lead', 'POST', `/api/orders/${b.id}/actions/hold`, { reason: 'address check' })).status).toBe(200);
    expect(await mergeOf(a.id)).toBeNull();
    const ta = (await start(shop.s, a.id, 'B7')).body;
    expect(ta.mergedOrders).toEqual([]);
    expect(ta.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-A']);
    const ra = await postParcel(shop.s, a.id, { bench: 'B7', expectedVersion: ta.order.version, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(ra.status, ra.text).toBe(201);
    expect(ra.body.label.order.mergedWith).toBeUndefined();
    expect(stateOf(b.id)).toBe('on_hold');
  });
});
