// The packing bench's core routes over the real HTTP server and a real SQLite file: start, label
// parcels (one and several), refusals that change nothing, weight tolerance and a lead's override,
// idempotent retries, version conflicts, void and re-label with a new waybill number.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { isValidWaybill } from '../../../src-main/contract/check-digits';
import { snapshot, count, addSku, setSettings } from '../helpers';
import { startPackShop, newOrder, postParcel, start, leadOverride, waybillCount, stockOf, freshKey, type PackShop } from './fixture';
import { BADGE } from '../helpers';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

/** Counts that a refused request must leave alone. */
const frozen = () => ({ ...snapshot(shop.s.core), parcels: count(shop.s.core, 'parcels'), waybills: count(shop.s.core, 'waybills'), exceptions: count(shop.s.core, 'exceptions') });

describe('starting an order at a bench', () => {
  it('moves it to packing and returns the ticket: lines with barcodes, weights, bins; boxes; a suggestion; tolerance; masked ship-to', async () => {
    const { s, sku, box } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
    const r = await start(s, o.id);
    expect(r.status).toBe(200);
    const t = r.body;
    expect(t.order).toMatchObject({ id: o.id, number: o.number, state: 'packing', carrier: 'sf', version: 2 });
    expect(t.order.shipTo.phone).toBe('138******78');
    expect(t.lines).toEqual([
      expect.objectContaining({ skuId: sku.A, sku: 'SKU-A', qty: 2, packed: 0, remaining: 2, unitWeightG: 100, location: 'A-01-01-1', dimensionsMm: { length: 100, width: 80, height: 50 },
        barcodes: [{ code: '6901234567892', units: 1 }, { code: 'CASE-A-6', units: 6 }] }),
      expect.objectContaining({ skuId: sku.B, sku: 'SKU-B', qty: 1, unitWeightG: 250, location: 'B-02-03-1' }),
    ]);
    expect(t.boxTypes.map((b: { code: string }) => b.code)).toEqual(['BOX-S', 'BOX-M', 'BOX-L']);
    // 3 items of 100 x 80 x 50 mm = 1.2 l: the small box (3 l) holds them
    expect(t.suggestedBox).toEqual({ id: box.S, code: 'BOX-S', name: 'Small', by: 'volume' });
    expect(t.tolerance).toEqual({ weightToleranceG: 50, weightTolerancePct: 5 });
    expect(t.parcels).toEqual([]);
    expect(t.warnings).toEqual([]);
    const lead = await start(s, o.id, 'B1', 'lead');
    expect(lead.body.order.shipTo.phone).toBe('13812345678');
    const ev = (await s.as('viewer', 'GET', `/api/orders/${o.id}/events`)).body.items;
    expect(ev.filter((e: { type: string }) => e.type === 'order.start_packing')).toEqual([expect.objectContaining({ data: expect.objectContaining({ from: 'allocated', to: 'packing', bench: 'B1', version: 2 }) })]);
  });

  it('the same bench may start again (nothing changes); another bench needs a lead badge to take it over', async () => {
    const { s } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    await start(s, o.id, 'B1');
    const before = frozen();
    expect((await start(s, o.id, 'B1')).status).toBe(200);
    const other = await start(s, o.id, 'B2');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect(other.body.error.message).toMatch(/being packed at bench B1 .*scan a lead's badge/);
    const byOperator = await start(s, o.id, 'B2', 'operator', { override: { badge: BADGE.operator, reason: 'B1 is down' } });
    expect(byOperator.status).toBe(403);
    expect(frozen()).toEqual(before);
    const taken = await start(s, o.id, 'B2', 'operator', { override: { badge: BADGE.lead, reason: 'B1 is down' } });
    expect(taken.status).toBe(200);
    const ev = (await s.as('viewer', 'GET', `/api/orders/${o.id}/events`)).body.items.at(-1);
    expect(ev).toMatchObject({ type: 'pack.taken_over', reason: 'B1 is down', data: { from: 'B1', bench: 'B2' } });
  });

  it.each([
    ['cancel', 'cancelled', /order PL\d+ is cancelled \(customer changed mind\): put the items back/],
    ['hold', 'on_hold', /order PL\d+ is on hold \(customer changed mind\): put it aside for a lead/],
  ])('refuses an order after %s with code order_state and words the bench can show', async (action, state, message) => {
    const { s } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/${action}`, { reason: 'customer changed mind' });
    const before = frozen();
    const r = await start(s, o.id);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'order_state', issues: [{ path: 'state', message: state }] });
    expect(r.body.error.message).toMatch(message);
    expect(frozen()).toEqual(before);
  });

  it('a viewer may not pack; warnings name what will stop the order later', async () => {
    const { s } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-N', qty: 1 }], 'yto');
    expect((await start(s, o.id, 'B1', 'viewer')).status).toBe(403);
    const t = (await start(s, o.id)).body;
    expect(t.warnings).toEqual([
      'no waybill numbers left for carrier "yto": add a number range before labelling',
      'SKU-N has no unit weight: parcels with it are not weight-checked (the weight is learned from the scale)',
    ]);
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: shop.sku.N, qty: 1 }], measuredG: 300, final: true });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('waybill_unavailable');
    expect(r.body.error.message).toMatch(/no waybill number range is set up for carrier "yto"; no label was made/);
  });
});

describe('stock still in transit', () => {
  it('is named on the ticket, and the last parcel is refused until it is received', async () => {
    const { s } = shop;
    setSettings(s.core, { inboundCoefficient: 1 });
    try {
      const skuId = addSku(s.core, 'SKU-INBOUND', { inTransit: 5, location: 'D-01-01-1' });
      const o = await newOrder(s, [{ sku: 'SKU-INBOUND', qty: 1 }]);
      const t = (await start(s, o.id)).body;
      expect(t.warnings).toContain('SKU-INBOUND at D-01-01-1: 1 reserved but 0 on hand (the rest is in transit): receive it before the last parcel');
      const before = frozen();
      const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId, qty: 1 }], measuredG: 100, final: true });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('insufficient_stock');
      expect(r.body.error.message).toMatch(/cannot pack order PL\d+: SKU-INBOUND at D-01-01-1 needs 1 but 0 are on hand/);
      expect(frozen()).toEqual(before);
    } finally {
      setSettings(s.core, { inboundCoefficient: 0 });
    }
  });
});

describe('labelling parcels', () => {
  it('one parcel: a valid waybill, the order packed, its stock taken off the shelf, label data for the printer', async () => {
    const { s, sku, box } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }]);
    const t = (await start(s, o.id)).body;
    const before = stockOf(s, sku.A);
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: box.S, items: [{ skuId: sku.A, qty: 2 }], measuredG: 285, final: true });
    expect(r.status).toBe(201);
    const { parcel, order, label } = r.body;
    expect(parcel).toMatchObject({ seq: 1, of: 1, carrier: 'sf', expectedG: 280, measuredG: 285, minG: 230, maxG: 330, boxCode: 'BOX-S', state: 'labelled', bench: 'B1', override: null });
    expect(isValidWaybill('mod11', parcel.waybill, { prefix: 'SF' })).toBe(true);
    expect(order).toMatchObject({ id: o.id, state: 'packed', remainingUnits: 0 });
    expect(stockOf(s, sku.A)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });
    expect(label).toMatchObject({
      order: { id: o.id, number: o.number },
      parcel: { id: parcel.id, index: 1, count: 1, weightG: 285, waybill: parcel.waybill },
      carrier: { code: 'sf' },
      // the operator's copy of the label data: the phone masked (the printed label masks it anyway)
      recipient: { name: '张三丰', phone: '138******78', city: '深圳市' },
      items: [{ sku: 'SKU-A', qty: 2 }],
    });
    // the waybill finds the order
    const found = await s.as('operator', 'GET', `/api/lookup/${parcel.waybill}`);
    expect(found.body.orders.map((x: { id: string }) => x.id)).toEqual([o.id]);
    const types = (await s.as('viewer', 'GET', `/api/orders/${o.id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order.start_packing', 'parcel.labelled', 'order.mark_packed']));
    const list = await s.as('viewer', 'GET', `/api/orders/${o.id}/parcels`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: parcel.id, of: 1, waybill: parcel.waybill })]);
  });

  it('several parcels: 1 of 2 keeps the order packing, 2 of 2 packs it; n of N on the labels', async () => {
    const { s, sku, box } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
    const t = (await start(s, o.id)).body;
    const first = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: box.S, items: [{ skuId: sku.A, qty: 2 }], measuredG: 280, final: false });
    expect(first.status).toBe(201);
    expect(first.body.parcel).toMatchObject({ seq: 1, of: null });
    expect(first.body.order).toMatchObject({ state: 'packing', remainingUnits: 1, version: t.order.version + 1 });
    const again = (await start(s, o.id)).body;
    expect(again.lines.map((l: { packed: number; remaining: number }) => [l.packed, l.remaining])).toEqual([[2, 0], [0, 1]]);
    expect(again.parcels).toHaveLength(1);
    const second = await postParcel(s, o.id, { bench: 'B1', expectedVersion: first.body.order.version, boxTypeId: box.S, items: [{ skuId: sku.B, qty: 1 }], measuredG: 330, final: true });
    expect(second.status).toBe(201);
    expect(second.body.parcel).toMatchObject({ seq: 2, of: 2 });
    expect(second.body.label.parcel).toMatchObject({ index: 2, count: 2 });
    expect(second.body.order.state).toBe('packed');
    expect(second.body.parcel.waybill).not.toBe(first.body.parcel.waybill);
    const list = (await s.as('viewer', 'GET', `/api/orders/${o.id}/parcels`)).body.items;
    expect(list.map((p: { seq: number; of: number }) => [p.seq, p.of])).toEqual([[1, 2], [2, 2]]);
    const reprint = await s.as('operator', 'POST', `/api/parcels/${first.body.parcel.id}/reprint`, { reason: 'label smudged' });
    expect(reprint.status).toBe(200);
    expect(reprint.body.label.parcel).toMatchObject({ index: 1, count: 2, waybill: first.body.parcel.waybill });
    const ev = (await s.as('viewer', 'GET', `/api/orders/${o.id}/events`)).body.items.at(-1);
    expect(ev).toMatchObject({ type: 'parcel.reprinted', reason: 'label smudged', data: { parcelId: first.body.parcel.id } });
  });

  it('refuses more items than are left, SKUs not in the order, and a "final" parcel that leaves items; nothing changes', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    const before = frozen();
    const tooMany = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 2 }, { skuId: sku.A, qty: 1 }], measuredG: 300, final: false });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: 'validation', issues: [{ path: 'items.0.qty', message: '3 x SKU-A but only 2 left (the order has 2, 0 already in parcels)' }] });
    const stranger = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.N, qty: 1 }], measuredG: 300, final: false });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.issues).toEqual([{ path: 'items.0.skuId', message: `${sku.N} is not in order ${o.number}` }]);
    const notLast = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 2 }], measuredG: 200, final: true });
    expect(notLast.status).toBe(422);
    expect(notLast.body.error.message).toMatch(/cannot be the last parcel .*1 x SKU-B still to pack/);
    const otherBench = await postParcel(s, o.id, { bench: 'B7', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: false });
    expect(otherBench.status).toBe(409);
    expect(frozen()).toEqual(before);
    // after one parcel, the earlier parcel counts against what is left
    const ok = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: false });
    expect(ok.status).toBe(201);
    const over = await postParcel(s, o.id, { bench: 'B1', expectedVersion: ok.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 2 }], measuredG: 200, final: false });
    expect(over.body.error.issues[0].message).toBe('2 x SKU-A but only 1 left (the order has 2, 1 already in parcels)');
  });
});

describe('weight tolerance', () => {
  it('out of tolerance is refused; an operator badge cannot override; a lead badge can, and it is on record', async () => {
    const { s, sku, box } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-B', qty: 2 }]); // 500 g + 150 g box = 650 g, tolerance max(50, 33) = 50
    const v = (await start(s, o.id)).body.order.version;
    const body = { bench: 'B1', expectedVersion: v, boxTypeId: box.M, items: [{ skuId: sku.B, qty: 2 }], measuredG: 760, final: true };
    const before = frozen();
    const refused = await postParcel(s, o.id, body);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'weight_out_of_tolerance', issues: [{ path: 'measuredG', message: '760 g outside 600-700 g' }] });
    expect(refused.body.error.message).toBe('parcel weighs 760 g but should weigh 650 g (600-700 g): check the items and the box, or a lead may let it pass');
    const byOperator = await postParcel(s, o.id, { ...body, override: { badge: BADGE.operator, reason: 'looks fine' } });
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error.message).toMatch(/is an operator: only a lead or admin badge may let a weight out of tolerance pass/);
    const unknown = await postParcel(s, o.id, { ...body, override: { badge: 'NOPE-1', reason: 'x' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: 'override.badge', message: 'not accepted' }]);
    expect(frozen()).toEqual(before);

    const ok = await postParcel(s, o.id, { ...body, override: leadOverride('gift wrap adds weight') });
    expect(ok.status).toBe(201);
    expect(ok.body.parcel).toMatchObject({ expectedG: 650, measuredG: 760, override: { byName: '陈静 Chen Jing', reason: 'gift wrap adds weight' } });
    const exc = await s.as('lead', 'GET', `/api/exceptions?kind=weight_override&orderId=${o.id}`);
    expect(exc.body.items).toEqual([expect.objectContaining({
      kind: 'weight_override', state: 'resolved', parcelId: ok.body.parcel.id, reason: 'gift wrap adds weight', bench: 'B1',
      detail: expect.objectContaining({ expectedG: 650, measuredG: 760, minG: 600, maxG: 700, waybill: ok.body.parcel.waybill }),
    })]);
    // the lead's queue of open exceptions does not fill with overrides the lead already approved
    const open = await s.as('lead', 'GET', `/api/exceptions?state=open&kind=weight_override`);
    expect(open.body.items).toEqual([]);
  });

  it('the percent allowance wins when it is larger than the grams (max of the two)', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-B', qty: 8 }]); // 2000 g, 5% = 100 g > 50 g
    const v = (await start(s, o.id)).body.order.version;
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.B, qty: 8 }], measuredG: 2090, final: true });
    expect(r.status).toBe(201);
    expect(r.body.parcel).toMatchObject({ expectedG: 2000, minG: 1900, maxG: 2100 });
  });
});

describe('retries never make a second waybill', () => {
  it('the same Idempotency-Key returns the same parcel and waybill; another body with it is a 409; no key is refused', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    const body = { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true };
    const noKey = await postParcel(s, o.id, body, { key: null });
    expect(noKey.status).toBe(422);
    expect(noKey.body.error.issues).toEqual([{ path: 'Idempotency-Key', message: 'required' }]);
    const key = freshKey();
    const a = await postParcel(s, o.id, body, { key });
    const b = await postParcel(s, o.id, body, { key, role: 'lead' }); // after a re-login by someone else, too
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body.parcel).toEqual(a.body.parcel);
    expect(waybillCount(s, o.id)).toBe(1);
    const other = await postParcel(s, o.id, { ...body, measuredG: 101 }, { key });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/already used with a different request body/);
  });

  it('concurrent duplicates (a station retrying while the first is in flight) get one parcel and one waybill', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    const key = freshKey();
    const body = { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: false };
    const replies = await Promise.all(Array.from({ length: 8 }, () => postParcel(s, o.id, body, { key })));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(replies.map((r) => r.body.parcel.waybill)).size).toBe(1);
    expect(waybillCount(s, o.id)).toBe(1);
    expect(count(s.core, 'parcels', `WHERE order_id = '${o.id}'`)).toBe(1);
    // and two different keys racing with the same version: one label, one version conflict
    const racing = await Promise.all([1, 2].map(() => postParcel(s, o.id, { ...body, expectedVersion: replies[0]!.body.order.version, items: [{ skuId: sku.B, qty: 1 }], measuredG: 250 })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(waybillCount(s, o.id)).toBe(2);
  });
});

describe('changes in flight', () => {
  it('a parcel for an order cancelled after the bench started is refused with a 409 that says what happened; no waybill', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'buyer cancelled in the app' });
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', issues: [{ path: 'state', message: 'cancelled' }] });
    expect(r.body.error.message).toBe(`order ${o.number} is cancelled (buyer cancelled in the app): put the items back; no label was made`);
    expect(waybillCount(s, o.id)).toBe(0);
  });

  it('a stale version (held and released meanwhile) names the changes', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/hold`, { reason: 'address check' });
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/release`, { reason: 'address confirmed' });
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(`order ${o.number} changed since version ${v}: put on hold by 陈静 Chen Jing: address check; release (now packing) by 陈静 Chen Jing: address confirmed. Start it again (version ${v + 2}); no label was made`);
    expect(waybillCount(s, o.id)).toBe(0);
  });
});

describe('void and label again', () => {
  it('voids the waybill (never reused), puts a packed order back to packing with its stock reserved, and the new parcel gets a new number', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const v = (await start(s, o.id)).body.order.version;
    const stock0 = stockOf(s, sku.A);
    const first = (await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true })).body;
    expect(first.order.state).toBe('packed');
    expect(stockOf(s, sku.A)).toEqual({ onHand: stock0.onHand - 1, reserved: stock0.reserved - 1 });
    const alone = await s.as('lead', 'POST', `/api/waybills/${first.parcel.waybill}/void`, { reason: 'wrong route' });
    expect(alone.status).toBe(409);
    expect(alone.body.error.message).toMatch(/is on parcel 1 of order PL\d+: void the parcel/);
    expect((await s.as('operator', 'POST', `/api/parcels/${first.parcel.id}/void`, {})).status).toBe(422); // a reason is required
    const voided = await s.as('operator', 'POST', `/api/parcels/${first.parcel.id}/void`, { reason: 'printer jammed' });
    expect(voided.status).toBe(200);
    expect(voided.body.parcel).toMatchObject({ state: 'voided', voidReason: 'printer jammed' });
    expect(voided.body.order).toMatchObject({ state: 'packing', remainingUnits: 1 });
    expect(stockOf(s, sku.A)).toEqual(stock0);
    expect(s.core.db.prepare('SELECT status FROM waybills WHERE number = ?').pluck().get(first.parcel.waybill)).toBe('voided');
    expect((await s.as('operator', 'POST', `/api/parcels/${first.parcel.id}/void`, { reason: 'again' })).status).toBe(409);
    expect((await s.as('operator', 'POST', `/api/parcels/${first.parcel.id}/reprint`, { reason: 'x' })).status).toBe(409);

    const second = await postParcel(s, o.id, { bench: 'B1', expectedVersion: voided.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(second.status).toBe(201);
    expect(second.body.parcel.seq).toBe(1); // the replacement takes the voided parcel's number
    expect(second.body.parcel.waybill).not.toBe(first.parcel.waybill);
    expect(second.body.order.state).toBe('packed');
    expect(stockOf(s, sku.A)).toEqual({ onHand: stock0.onHand - 1, reserved: stock0.reserved - 1 });
    const types = (await s.as('viewer', 'GET', `/api/orders/${o.id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['parcel.voided', 'stock.unpacked', 'order.reopen_packing']));
  });

  it('the internal reopen_packing action is not offered over the order action route', async () => {
    const { s } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const r = await s.as('lead', 'POST', `/api/orders/${o.id}/actions/reopen_packing`, {});
    expect(r.status).toBe(422);
  });
});
