// Exceptions for the leads, over the real HTTP server: a cancel or hold after a label intercepts
// the parcels (in the same transaction, visible on the change feed at once), short items send the
// order to exception, and resolving clears them (voiding intercepted waybills, giving stock back).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sseClient } from '../helpers';
import { startPackShop, newOrder, postParcel, start, stockOf, type PackShop } from '../packing/fixture';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

/** An order of 2 x SKU-A + 1 x SKU-B at bench B1 with parcel 1 (2 x SKU-A) labelled; `all` labels parcel 2 too. */
async function labelled(all = false) {
  const { s, sku } = shop;
  const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
  const v = (await start(s, o.id)).body.order.version;
  const p1 = (await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 2 }], measuredG: 200, final: false })).body;
  if (!all) return { o, parcels: [p1.parcel] };
  const p2 = (await postParcel(s, o.id, { bench: 'B1', expectedVersion: p1.order.version, boxTypeId: null, items: [{ skuId: sku.B, qty: 1 }], measuredG: 250, final: true })).body;
  expect(p2.order.state).toBe('packed');
  return { o, parcels: [p1.parcel, p2.parcel] };
}

const exceptionsOf = async (orderId: string) => (await shop.s.as('lead', 'GET', `/api/exceptions?orderId=${orderId}`)).body.items;
const waybillStatus = (n: string) => shop.s.core.db.prepare('SELECT status FROM waybills WHERE number = ?').pluck().get(n);

describe('interception', () => {
  it('a cancel after a label raises an intercept listing the waybills, and the feed tells a bench at once with the new state', async () => {
    const { s } = shop;
    const { o, parcels } = await labelled();
    const feed = sseClient(s.url, await s.tokenFor('operator'));
    await feed.opened;
    const cancel = await s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'fraud check failed' });
    expect(cancel.status).toBe(200);
    await feed.until(2);
    const ev = feed.events.find((e) => e.data.type === 'order.cancel')!;
    expect(ev.data).toMatchObject({ entity: 'order', entityId: o.id, data: { from: 'packing', to: 'cancelled', number: o.number, intercept: true, waybills: [parcels[0].waybill] } });
    expect(typeof ev.data.data.version).toBe('number');
    const raised = feed.events.find((e) => e.data.type === 'exception.raised')!;
    expect(raised.data).toMatchObject({ entityId: o.id, data: { kind: 'intercept', waybills: [parcels[0].waybill] } });
    feed.close();

    const [exc] = await exceptionsOf(o.id);
    expect(exc).toMatchObject({ kind: 'intercept', state: 'open', orderNumber: o.number, orderState: 'cancelled', reason: 'fraud check failed', detail: { action: 'cancel', waybills: [parcels[0].waybill] } });
    const queue = await s.as('lead', 'GET', '/api/exceptions?state=open&kind=intercept');
    expect(queue.body.items.map((e: { id: string }) => e.id)).toContain(exc.id);
    // the label is not printed again for a cancelled order
    const reprint = await s.as('operator', 'POST', `/api/parcels/${parcels[0].id}/reprint`, { reason: 'smudged' });
    expect(reprint.status).toBe(409);
    expect(reprint.body.error.code).toBe('order_state');

    expect((await s.as('operator', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'pulled' })).status).toBe(403);
    const done = await s.as('lead', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'parcel pulled, items back on the shelf' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'resolved', resolution: 'parcel pulled, items back on the shelf', resolvedBy: expect.stringMatching(/^usr_/) });
    expect(waybillStatus(parcels[0].waybill)).toBe('voided');
    const list = (await s.as('viewer', 'GET', `/api/orders/${o.id}/parcels`)).body.items;
    expect(list).toEqual([expect.objectContaining({ state: 'voided', voidReason: 'intercepted: parcel pulled, items back on the shelf' })]);
    const again = await s.as('lead', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already resolved \(parcel pulled, items back on the shelf\)/);
  });

  it('a packed order cancelled: resolving the intercept voids every waybill and puts the packed stock back on the shelf', async () => {
    const { s, sku } = shop;
    const a0 = stockOf(s, sku.A);
    const { o, parcels } = await labelled(true);
    expect(stockOf(s, sku.A)).toEqual({ onHand: a0.onHand - 2, reserved: a0.reserved });
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer cancelled' });
    const [exc] = await exceptionsOf(o.id);
    expect(exc.detail.waybills).toEqual(parcels.map((p) => p.waybill));
    await s.as('lead', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'pulled both parcels' });
    expect(parcels.map((p) => waybillStatus(p.waybill))).toEqual(['voided', 'voided']);
    expect(stockOf(s, sku.A)).toEqual(a0);
  });

  it('voiding the last parcel of a cancelled order at the bench closes the intercept too', async () => {
    const { s } = shop;
    const { o, parcels } = await labelled();
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer cancelled' });
    const v = await s.as('operator', 'POST', `/api/parcels/${parcels[0].id}/void`, { reason: 'pulled at the bench' });
    expect(v.status).toBe(200);
    const [exc] = await exceptionsOf(o.id);
    expect(exc).toMatchObject({ kind: 'intercept', state: 'resolved', resolution: 'every parcel voided' });
  });

  it('a hold after a label intercepts too; after release a lead may keep the parcels', async () => {
    const { s } = shop;
    const { o, parcels } = await labelled();
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/hold`, { reason: 'address check' });
    const [exc] = await exceptionsOf(o.id);
    expect(exc).toMatchObject({ kind: 'intercept', state: 'open', detail: { action: 'hold' } });
    const early = await s.as('lead', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'keep', keepParcels: true });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/is on_hold: its parcels must not ship/);
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/release`, { reason: 'address fine' });
    const kept = await s.as('lead', 'POST', `/api/exceptions/${exc.id}/resolve`, { resolution: 'address fine, parcel goes', keepParcels: true });
    expect(kept.status).toBe(200);
    expect(waybillStatus(parcels[0].waybill)).toBe('allocated');
  });

  it('a cancel with no labelled parcel raises no intercept', async () => {
    const { s } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    await start(s, o.id);
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer cancelled' });
    expect(await exceptionsOf(o.id)).toEqual([]);
  });
});

describe('short items', () => {
  it('sends the order to exception with a short exception; resolving puts it back to packing', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
    await start(s, o.id);
    const tooMany = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/short`, { bench: 'B1', reason: 'bin empty', missing: [{ skuId: sku.B, qty: 2 }] });
    expect(tooMany.status).toBe(422);
    const r = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/short`, { bench: 'B1', reason: 'bin empty', missing: [{ skuId: sku.B, qty: 1 }] });
    expect(r.status).toBe(200);
    expect(r.body.order).toMatchObject({ id: o.id, state: 'exception' });
    expect(r.body.exception).toMatchObject({ kind: 'short', state: 'open', bench: 'B1', reason: 'bin empty', detail: { missing: [{ skuId: sku.B, sku: 'SKU-B', qty: 1 }] } });
    const blocked = await start(s, o.id);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/has an open exception \(bin empty\): put it aside until a lead clears it/);
    const open = await s.as('lead', 'GET', '/api/exceptions?state=open&kind=short');
    expect(open.body.items.map((e: { id: string }) => e.id)).toContain(r.body.exception.id);
    const resolved = await s.as('lead', 'POST', `/api/exceptions/${r.body.exception.id}/resolve`, { resolution: 'found in returns area' });
    expect(resolved.body).toMatchObject({ state: 'resolved', orderState: 'packing' });
    expect((await start(s, o.id)).status).toBe(200);
  });
});

describe('listing', () => {
  it('pages newest first and refuses unknown filters', async () => {
    const { s } = shop;
    const page = await s.as('viewer', 'GET', '/api/exceptions?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    const next = await s.as('viewer', 'GET', `/api/exceptions?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].id < page.body.items[1].id).toBe(true);
    expect((await s.as('viewer', 'GET', '/api/exceptions?kind=nonsense')).status).toBe(422);
    expect((await s.as('viewer', 'GET', '/api/exceptions/exc_nope')).status).toBe(404);
  });
});
