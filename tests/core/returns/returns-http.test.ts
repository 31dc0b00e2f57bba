// Returns over the real HTTP server and SQLite: a request per order line, approvals by amount, the
// bench receiving and grading (stock up by one in the SKU's bin for a sellable unit, a photo in the
// data folder), the refund approved by the right role and recorded, unknown parcels, channel events,
// exchanges, and the reasons report. Every refusal changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { count } from '../helpers';
import { startReturnsShop, shippedOrder, onHand, BARCODE, BIN, type ReturnsShop } from './fixture';

let shop: ReturnsShop;
beforeAll(async () => {
  shop = await startReturnsShop();
});
afterAll(() => shop.s.close());

// a 1x1 PNG, as a bench camera's picture would arrive (a data: URL)
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const ret = (id: string) => shop.s.as('lead', 'GET', `/api/returns/${id}`).then((r) => r.body);
const act = (role: 'operator' | 'lead' | 'finance' | 'viewer' | 'admin', id: string, action: string, body: object = {}) => shop.s.as(role, 'POST', `/api/returns/${id}/actions/${action}`, body);
const grade = (id: string, code: string, g: string, photo?: string) => shop.s.as('operator', 'POST', `/api/returns/${id}/units`, { code, grade: g, ...(photo ? { photo } : {}) });

describe('return requests', () => {
  it('an operator requests part of an order back; the lines, unit values and RMA number are there, and every step is in its history', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 2 }], 8000);
    const r = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'size_too_small', lines: [{ sku: 'SKU-A', qty: 1 }] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'requested', source: 'person', orderId: o.id, orderNumber: o.number, reason: 'size_too_small', units: 1, value: 2000, currency: 'CNY' });
    expect(r.body.number).toMatch(/^RMA-\d{6}$/);
    expect(r.body.lines).toEqual([expect.objectContaining({ sku: 'SKU-A', qty: 1, unitValue: 2000, accounted: 0 })]);
    expect(r.body.history.map((e: { type: string }) => e.type)).toEqual(['return.requested']);
    // by its number too
    expect((await ret(r.body.number)).id).toBe(r.body.id);
  });

  it('refuses what cannot come back, changing nothing: more units than left, an order not shipped, a viewer', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]);
    const before = count(shop.s.core, 'returns');
    const tooMany = await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'colour', lines: [{ sku: 'SKU-A', qty: 2 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.issues[0].path).toBe('lines.0.qty');
    const viewer = await shop.s.as('viewer', 'POST', '/api/returns', { order: o.id, reason: 'colour' });
    expect(viewer.status).toBe(403);
    const created = await shop.s.as('operator', 'POST', '/api/orders', { channel: 'shop', externalId: `NS-${Date.now()}`, shipTo: { name: '李四', phone: '13812345678', country: 'CN', city: '深圳市', address1: '科技园路1号' }, lines: [{ sku: 'SKU-A', qty: 1 }] });
    const notShipped = await shop.s.as('lead', 'POST', '/api/returns', { order: created.body.id ?? 'x', reason: 'colour' });
    expect([409, 422]).toContain(notShipped.status);
    expect(count(shop.s.core, 'returns')).toBe(before);
    // the whole order once; a second request for the same units is refused
    expect((await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'colour' })).status).toBe(201);
    expect((await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'colour' })).status).toBe(409);
  });

  it('approvals by amount: an operator approves up to the shop amount, above it only a lead; a decline needs a reason', async () => {
    expect((await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 5000, windowDays: 30, returnsBin: 'RET-01' })).status).toBe(200);
    const small = (await shop.s.as('operator', 'POST', '/api/returns', { order: shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }], 4000).id, reason: 'changed_mind' })).body;
    const big = (await shop.s.as('operator', 'POST', '/api/returns', { order: shippedOrder(shop, [{ sku: 'SKU-B', qty: 1 }], 9000).id, reason: 'defective' })).body;
    expect((await act('operator', small.id, 'approve')).body.state).toBe('approved');
    const refused = await act('operator', big.id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/lead/);
    expect((await ret(big.id)).state).toBe('requested');
    expect((await act('lead', big.id, 'decline')).status).toBe(422);
    expect((await act('lead', big.id, 'decline', { reason: 'bought in a sale without returns' })).body.state).toBe('declined');
    expect((await act('lead', big.id, 'approve')).body.error.code).toBe('invalid_transition');
  });
});

describe('the return bench', () => {
  it('receive, grade one sellable and one damaged unit with a photo, stock up by exactly one in the bin, the refund waits for approval, then recorded and closed', async () => {
    await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 20000, windowDays: 30, returnsBin: 'RET-01' });
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 2 }], 6000);
    const r = (await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'size_too_large' })).body;
    await act('operator', r.id, 'approve');
    expect((await act('operator', r.id, 'mark_in_transit', { waybill: 'SF1000RET01' })).body.state).toBe('in_transit');
    // the bench scans the return waybill: it names the return
    const scan = await shop.s.as('operator', 'GET', '/api/returns/scan/SF1000RET01');
    expect(scan.body.return.id).toBe(r.id);
    const received = await act('operator', r.id, 'receive');
    expect(received.body.state).toBe('received');
    expect((await shop.s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).toBe('returned');
    // grading before every unit is accounted for does not finish
    const stockBefore = onHand(shop, shop.sku.A, BIN.A);
    const g1 = await grade(r.id, BARCODE.A, 'sellable');
    expect(g1.status).toBe(200);
    expect(g1.body).toMatchObject({ expected: true, unit: { grade: 'sellable', bin: BIN.A, refund: 3000 } });
    expect(onHand(shop, shop.sku.A, BIN.A)).toBe(stockBefore + 1);
    expect((await act('operator', r.id, 'finish_inspection')).status).toBe(409);
    const g2 = await grade(r.id, BARCODE.A, 'damaged', PNG);
    // size is not the shop's fault: a damaged unit is not refunded
    expect(g2.body.unit).toMatchObject({ grade: 'damaged', bin: null, refund: 0 });
    expect(onHand(shop, shop.sku.A, BIN.A)).toBe(stockBefore + 1);
    expect(existsSync(join(shop.s.dir, 'returns', 'photos', g2.body.unit.photo))).toBe(true);
    const photo = await shop.s.as('viewer', 'GET', `/api/returns/photos/${g2.body.unit.photo}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    // the damaged unit waits where a lead sees it
    expect((await shop.s.as('lead', 'GET', '/api/returns/held-units')).body.items.map((u: { id: string }) => u.id)).toContain(g2.body.unit.id);

    const inspected = await act('operator', r.id, 'finish_inspection');
    expect(inspected.body).toMatchObject({ state: 'inspected', accountedUnits: 2, expectedUnits: 2, refund: { amount: 3000, state: 'none' } });
    const resolved = await act('operator', r.id, 'resolve', { resolution: 'refund' });
    expect(resolved.body).toMatchObject({ state: 'resolved', resolution: 'refund', refund: { amount: 3000, state: 'pending' } });
    expect((await act('operator', r.id, 'close')).status).toBe(409); // not before the refund is recorded
    expect((await shop.s.as('finance', 'POST', `/api/returns/${r.id}/refund/record`, { reference: 'WX-REF-1' })).status).toBe(409); // not approved yet
    expect((await shop.s.as('operator', 'POST', `/api/returns/${r.id}/refund/approve`, {})).body.refund.state).toBe('approved');
    expect((await shop.s.as('operator', 'POST', `/api/returns/${r.id}/refund/record`, { reference: 'WX-REF-1' })).status).toBe(403);
    expect((await shop.s.as('finance', 'POST', `/api/returns/${r.id}/refund/record`, { reference: 'WX-REF-1' })).body.refund).toMatchObject({ state: 'recorded', reference: 'WX-REF-1' });
    const closed = await act('operator', r.id, 'close');
    expect(closed.body.state).toBe('closed');
    expect(closed.body.history.map((e: { type: string }) => e.type)).toEqual([
      'return.requested', 'return.approve', 'return.mark_in_transit', 'return.receive', 'return.unit_graded', 'return.unit_graded',
      'return.finish_inspection', 'return.resolve', 'return.refund_approved', 'return.refund_recorded', 'return.close',
    ]);
    // the order's history names the return
    const orderEvents = (await shop.s.as('lead', 'GET', `/api/orders/${o.id}/events`)).body;
    const items = Array.isArray(orderEvents) ? orderEvents : orderEvents.items;
    expect(items.find((e: { type: string }) => e.type === 'order.return').reason).toBe(`return ${r.number} received`);
    // a lead writes the damaged unit off
    expect((await shop.s.as('operator', 'POST', `/api/returns/units/${g2.body.unit.id}/write-off`, {})).status).toBe(403);
    expect((await shop.s.as('lead', 'POST', `/api/returns/units/${g2.body.unit.id}/write-off`, { reason: 'torn' })).body.writtenOff).toBe(true);
  });

  it('a refund over the approval amount needs a lead; a wrong item says so and adds nothing; units never scanned count missing', async () => {
    await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 1000, windowDays: 30, returnsBin: 'RET-01' });
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }], 5000);
    const r = (await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'defective' })).body;
    await act('lead', r.id, 'receive', { waybill: 'YT-RET-2' });
    const wrong = await grade(r.id, 'CASE-A-6', 'sellable');
    expect(wrong.status).toBe(422); // a case barcode is not a unit
    const b = await grade(r.id, BARCODE.B, 'scrap');
    expect(b.body.unit.refund).toBe(2500); // defective: the shop's fault, refunded though scrapped
    const extra = await grade(r.id, BARCODE.B, 'sellable');
    expect(extra.body).toMatchObject({ expected: false, unit: { lineId: null, refund: 0 } });
    expect((await grade(r.id, 'NOT-OURS-123', 'sellable')).status).toBe(422);
    expect((await grade(r.id, 'NOT-OURS-123', 'not_ours')).body.expected).toBe(false);
    const done = await act('operator', r.id, 'finish_inspection', { markRestMissing: true });
    expect(done.body.unitsGraded.filter((u: { grade: string }) => u.grade === 'missing')).toHaveLength(1);
    expect(done.body.refund.amount).toBe(2500);
    await act('operator', r.id, 'resolve', { resolution: 'refund' });
    const over = await shop.s.as('operator', 'POST', `/api/returns/${r.id}/refund/approve`, {});
    expect(over.status).toBe(403);
    expect(over.body.error).toMatchObject({ key: 'refundOverLimit', params: { limit: '10.00 CNY', roles: 'lead or admin' } });
    expect((await shop.s.as('lead', 'POST', `/api/returns/${r.id}/refund/approve`, {})).body.refund.state).toBe('approved');
  });

  it('transitions only from their states: nothing is graded before the parcel is received, nothing received twice', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]);
    const r = (await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'other' })).body;
    expect((await grade(r.id, BARCODE.A, 'sellable')).body.error.code).toBe('invalid_transition');
    for (const a of ['finish_inspection', 'resolve', 'close']) expect((await act('lead', r.id, a, { resolution: 'refund' })).body.error.code).toBe('invalid_transition');
    expect((await act('operator', r.id, 'cancel', { reason: 'customer kept it' })).body.state).toBe('cancelled');
    expect((await act('operator', r.id, 'receive')).body.error.code).toBe('invalid_transition');
  });
});

describe('returns from elsewhere', () => {
  it('a parcel without a request is found by the outbound waybill on it and tied to its order; one with an unknown code still opens a case', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-B', qty: 1 }]);
    const look = await shop.s.as('operator', 'GET', `/api/returns/scan/${o.waybill}`);
    expect(look.body).toMatchObject({ return: null, order: { id: o.id, number: o.number } });
    const u = await shop.s.as('operator', 'POST', '/api/returns/unknown', { code: o.waybill });
    expect(u.status).toBe(201);
    expect(u.body).toMatchObject({ state: 'received', source: 'unknown', orderId: o.id, expectedUnits: 1, codes: [o.waybill] });
    expect((await shop.s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).toBe('returned');
    expect((await shop.s.as('operator', 'GET', `/api/returns/scan/${o.waybill}`)).body.return.id).toBe(u.body.id);
    const stray = await shop.s.as('operator', 'POST', '/api/returns/unknown', { code: 'ZT9988776655', note: 'no slip inside' });
    expect(stray.body).toMatchObject({ orderId: null, expectedUnits: 0, state: 'received' });
    const found = await shop.s.as('lead', 'GET', '/api/returns?q=ZT9988776655');
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([stray.body.id]);
    expect((await grade(stray.body.id, BARCODE.A, 'sellable')).body.unit.bin).toBe(BIN.A);
    expect((await act('operator', stray.body.id, 'finish_inspection')).body.state).toBe('inspected');
  });

  it("a channel's return event becomes a request once, its reason mapped from the platform's enum", async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 2 }]);
    const body = { channel: 'shop', externalOrderId: o.externalId, channelReturnId: 'gid://shopify/Return/77', reason: 'SIZE_TOO_SMALL', lines: [{ sku: 'SKU-A', qty: 1 }] };
    const a = await shop.s.as('lead', 'POST', '/api/returns/channel', body);
    expect(a.body).toMatchObject({ source: 'channel', reason: 'size_too_small', channelRef: 'gid://shopify/Return/77', units: 1 });
    const again = await shop.s.as('lead', 'POST', '/api/returns/channel', body);
    expect(again.body.id).toBe(a.body.id);
    expect((await shop.s.as('lead', 'POST', '/api/returns/channel', { ...body, channelReturnId: 'x', externalOrderId: 'NOPE' })).status).toBe(404);
  });

  it('an exchange creates a linked outbound order for the new item', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]);
    const r = (await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'size_too_large' })).body;
    await act('operator', r.id, 'receive');
    await grade(r.id, BARCODE.A, 'sellable');
    await act('operator', r.id, 'finish_inspection');
    expect((await act('operator', r.id, 'resolve', { resolution: 'exchange' })).status).toBe(422);
    const ex = await act('operator', r.id, 'resolve', { resolution: 'exchange', exchangeLines: [{ sku: 'SKU-B', qty: 1 }] });
    expect(ex.body).toMatchObject({ state: 'resolved', resolution: 'exchange', refund: { amount: 0, state: 'none' } });
    const linked = (await shop.s.as('lead', 'GET', `/api/orders/${ex.body.linkedOrderId}`)).body;
    expect(linked.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-B']);
    expect(linked.note).toContain(r.number);
    expect((await act('operator', r.id, 'close')).body.state).toBe('closed');
  });
});

describe('the reasons report', () => {
  it('counts units by reason with their share, by SKU and channel, and charges wrong-item returns to the packer', async () => {
    const o = shippedOrder(shop, [{ sku: 'SKU-B', qty: 1 }]);
    await shop.s.as('operator', 'POST', '/api/returns', { order: o.id, reason: 'wrong_item' });
    const rep = (await shop.s.as('viewer', 'GET', '/api/returns/report?days=30')).body;
    const units = rep.byReason.reduce((n: number, r: { units: number }) => n + r.units, 0);
    expect(units).toBe(rep.units);
    expect(rep.byReason.reduce((n: number, r: { share: number }) => n + r.share, 0)).toBeCloseTo(1, 5);
    expect(rep.byReason.find((r: { reason: string }) => r.reason === 'wrong_item').units).toBeGreaterThanOrEqual(1);
    expect(rep.byPacker).toEqual([expect.objectContaining({ packer: shop.operator.id, name: shop.operator.name, wrongItemReturns: 1 })]);
    expect(rep.bySku.map((s: { sku: string }) => s.sku)).toEqual(expect.arrayContaining(['SKU-A', 'SKU-B']));
    expect(rep.bySku.find((s: { sku: string }) => s.sku === 'SKU-A').flagged).toBe(true); // none the period before
    expect(rep.byChannel[0].channel).toBe('shop');
  });
});

describe('the policy window', () => {
  it('a request later than the window after shipping gets a warning, not a refusal', async () => {
    await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 20000, windowDays: 0, returnsBin: 'RET-01' });
    const late = await shop.s.as('operator', 'POST', '/api/returns', { order: shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]).id, reason: 'changed_mind' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ outsideWindow: true, windowWarning: expect.stringContaining('0 days') });
    await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 20000, windowDays: 7, returnsBin: 'RET-01' });
    const inTime = await shop.s.as('operator', 'POST', '/api/returns', { order: shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]).id, reason: 'changed_mind' });
    expect(inTime.body).toMatchObject({ outsideWindow: false, windowWarning: null });
    expect((await shop.s.as('operator', 'PUT', '/api/returns/settings', { approvalLimit: 1, windowDays: 7, returnsBin: 'RET-01' })).status).toBe(403);
  });
});

describe('import', () => {
  it('makes one request per order from a CSV with Chinese headers; a refused order is named by its row and column and the others are created', async () => {
    const a = shippedOrder(shop, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }]);
    const b = shippedOrder(shop, [{ sku: 'SKU-A', qty: 1 }]);
    const c = shippedOrder(shop, [{ sku: 'SKU-B', qty: 1 }]);
    const csv = [
      '订单号,商家编码,数量,退货原因,备注',
      `${a.number},SKU-A,1,尺码偏小,客户来电`,
      `${a.number},SKU-B,1,颜色不喜欢,`,
      `${b.number},SKU-A,3,SIZE_TOO_LARGE,`,
      `${c.number},SKU-B,x,COLOR,`,
    ].join('\r\n');
    const before = count(shop.s.core, 'returns');
    const r = await shop.s.as('operator', 'POST', '/api/returns/import', csv, { 'Content-Type': 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.body.created).toEqual([expect.objectContaining({ row: 2, order: a.number })]);
    expect(r.body.failed).toEqual([
      expect.objectContaining({ row: 4, column: '数量', message: expect.stringContaining('only 1') }),
      expect.objectContaining({ row: 5, column: '数量', message: '"x" is not a number of units', key: 'notUnits', params: { value: 'x' } }),
    ]);
    expect(count(shop.s.core, 'returns')).toBe(before + 1);
    const created = (await shop.s.as('lead', 'GET', `/api/returns/${r.body.created[0].number}`)).body;
    expect(created).toMatchObject({ reason: 'size_too_small', note: '客户来电', units: 2 });
    expect(created.lines.map((l: { sku: string; reason: string }) => [l.sku, l.reason])).toEqual([['SKU-A', 'size_too_small'], ['SKU-B', 'colour']]);
    expect((await shop.s.as('viewer', 'POST', '/api/returns/import', csv, { 'Content-Type': 'text/csv' })).status).toBe(403);
  });
});
