// Stock over the real HTTP server: receiving scanned goods (a case barcode counts its units),
// adjusting and counting with a reason, moving between bins; every change a movement, listed with
// filters; safety-stock alerts as a list and as events on the change feed. Roles; a refusal names
// the field and changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, count, snapshot, type TestServer } from '../helpers';
import { shopDay } from '../../../src-main/contract/shop-time';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'CUP-1', { onHand: 10, location: 'A-01-01-1', safetyStock: 8, barcodes: [{ code: '6900000000101', units: 1 }, { code: 'CASE-CUP-6', units: 6 }] });
      addSku(core, 'PEN-1', { onHand: 50, location: 'A-01-02-1' });
    },
  });
});
afterAll(() => s.close());

const movements = () => count(s.core, 'stock_movements');
const onHand = (sku: string, bin: string) =>
  s.core.db.prepare('SELECT on_hand FROM inventory i JOIN skus s ON s.id = i.sku_id JOIN locations l ON l.id = i.location_id WHERE s.sku = ? AND l.code = ?').pluck().get(sku, bin) as number | undefined;

describe('receiving', () => {
  it('a lead receives scanned codes from a supplier: unit and case barcodes of one SKU make one line, each recorded as a movement', async () => {
    const before = movements();
    const r = await s.as('lead', 'POST', '/api/inventory/receipts', {
      source: 'supplier', reference: 'DN-20261203-1', location: 'A-01-01-1', lines: [{ code: '6900000000101', qty: 3 }, { code: 'CASE-CUP-6', qty: 2 }, { code: 'PEN-1', qty: 1 }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ units: 16, lines: [{ sku: 'CUP-1', units: 15, onHand: 25 }, { sku: 'PEN-1', units: 1, onHand: 1 }] });
    expect(movements()).toBe(before + 2);
    const m = await s.as('viewer', 'GET', '/api/inventory/movements?kind=receive&sku=CUP-1');
    expect(m.body.items[0]).toMatchObject({ kind: 'receive', sku: 'CUP-1', location: 'A-01-01-1', onHandDelta: 15, onHandAfter: 25, reference: 'supplier: DN-20261203-1', actorName: expect.any(String) });
  });

  it('a transfer is received the same way, into a bin that did not exist yet', async () => {
    const r = await s.as('admin', 'POST', '/api/inventory/receipts', { source: 'transfer', reference: 'from Guangzhou', location: 'B-07-01-1', lines: [{ code: 'PEN-1', qty: 4 }] });
    expect(r.status).toBe(200);
    expect(onHand('PEN-1', 'B-07-01-1')).toBe(4);
  });

  it('refuses an unknown code by its line and receives nothing of the receipt; an operator may not receive', async () => {
    await s.tokenFor('operator'); // logging in is an event of its own
    const before = { ...snapshot(s.core), movements: movements() };
    const r = await s.as('lead', 'POST', '/api/inventory/receipts', { source: 'supplier', location: 'A-01-01-1', lines: [{ code: 'PEN-1', qty: 1 }, { code: 'NOPE-9', qty: 1 }] });
    expect(r.status).toBe(422);
    expect(r.body.error.issues[0].path).toBe('lines.1.code');
    const bad = await s.as('lead', 'POST', '/api/inventory/receipts', { source: 'gift', location: 'A-01-01-1', lines: [] });
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['lines', 'source']);
    expect((await s.as('operator', 'POST', '/api/inventory/receipts', { source: 'supplier', location: 'A-01-01-1', lines: [{ code: 'PEN-1', qty: 1 }] })).status).toBe(403);
    expect({ ...snapshot(s.core), movements: movements() }).toEqual(before);
  });
});

describe('adjust, count, move', () => {
  it('an adjustment and a count carry their reason; a count sets on hand to what was counted', async () => {
    const a = await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'PEN-1', location: 'A-01-02-1', onHandDelta: -2, reason: 'damaged in the aisle' });
    expect(a.body.onHand).toBe(48);
    const c = await s.as('lead', 'POST', '/api/inventory/counts', { sku: 'PEN-1', location: 'A-01-02-1', counted: 45, reason: 'cycle count' });
    expect(c.body.onHand).toBe(45);
    const m = await s.as('lead', 'GET', '/api/inventory/movements?sku=PEN-1&location=A-01-02-1&limit=2');
    expect(m.body.items.map((x: { kind: string; onHandDelta: number; reason: string }) => [x.kind, x.onHandDelta, x.reason])).toEqual([['count', -3, 'cycle count'], ['adjust', -2, 'damaged in the aisle']]);
  });

  it('moves free units between bins as two movements; reserved units and more than there is are refused by field', async () => {
    const r = await s.as('lead', 'POST', '/api/inventory/moves', { sku: 'PEN-1', from: 'A-01-02-1', to: 'C-01-01-1', qty: 5, reason: 'closer to the benches' });
    expect(r.status).toBe(200);
    expect([r.body.from.onHand, r.body.to.onHand]).toEqual([40, 5]);
    const kinds = (await s.as('lead', 'GET', '/api/inventory/movements?sku=PEN-1&limit=2')).body.items.map((x: { kind: string; reference: string }) => [x.kind, x.reference]);
    expect(kinds).toEqual([['move_in', 'A-01-02-1'], ['move_out', 'C-01-01-1']]);
    const before = { ...snapshot(s.core), movements: movements() };
    const tooMany = await s.as('lead', 'POST', '/api/inventory/moves', { sku: 'PEN-1', from: 'A-01-02-1', to: 'C-01-01-1', qty: 41, reason: 'x' });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.issues[0].path).toBe('qty');
    const same = await s.as('lead', 'POST', '/api/inventory/moves', { sku: 'PEN-1', from: 'A-01-02-1', to: 'A-01-02-1', qty: 1, reason: 'x' });
    expect(same.body.error.issues[0].path).toBe('to');
    const noReason = await s.as('lead', 'POST', '/api/inventory/counts', { sku: 'PEN-1', location: 'A-01-02-1', counted: 1, reason: '' });
    expect(noReason.body.error.issues[0].path).toBe('reason');
    const badBin = await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'PEN-1', location: 'A 1', onHandDelta: 1, reason: 'x' });
    expect(badBin.body.error.issues[0].path).toBe('location');
    for (const path of ['adjustments', 'counts', 'moves']) expect((await s.as('operator', 'POST', `/api/inventory/${path}`, {})).status).toBe(403);
    expect({ ...snapshot(s.core), movements: movements() }).toEqual(before);
  });

  it('lists stock per SKU and bin for anyone, by SKU, bin or barcode', async () => {
    const bins = (await s.as('viewer', 'GET', '/api/inventory?q=PEN-1')).body.items.map((r: { location: string; onHand: number }) => [r.location, r.onHand]);
    expect(bins).toEqual([['A-01-01-1', 1], ['A-01-02-1', 40], ['B-07-01-1', 4], ['C-01-01-1', 5]]);
    expect((await s.as('finance', 'GET', '/api/inventory?q=C-01-01-1')).body.items.map((r: { sku: string }) => r.sku)).toEqual(['PEN-1']);
    expect((await s.as('viewer', 'GET', '/api/inventory?limit=0')).body.error.issues[0].path).toBe('query.limit');
  });

  it('lists movements by person and date, newest first, page by page', async () => {
    const lead = s.core.db.prepare("SELECT id FROM users WHERE role = 'lead'").pluck().get() as string;
    const mine = await s.as('viewer', 'GET', `/api/inventory/movements?actor=${lead}`);
    expect(mine.body.items.length).toBeGreaterThan(3);
    expect(mine.body.items.every((m: { actor: string }) => m.actor === lead)).toBe(true);
    // the shop's day (Asia/Shanghai unless set), not the UTC date: from 16:00 UTC they differ
    const today = shopDay(Date.now(), (await s.as('viewer', 'GET', '/api/settings')).body.timeZone);
    const p1 = await s.as('viewer', 'GET', `/api/inventory/movements?from=${today}&to=${today}&limit=2`);
    expect(p1.body.items).toHaveLength(2);
    const p2 = await s.as('viewer', 'GET', `/api/inventory/movements?from=${today}&to=${today}&limit=2&before=${p1.body.nextCursor}`);
    expect(p2.body.items[0].id).toBeLessThan(p1.body.items[1].id);
    expect((await s.as('viewer', 'GET', '/api/inventory/movements?from=2020-01-01&to=2020-01-02')).body.items).toEqual([]);
    expect((await s.as('viewer', 'GET', '/api/inventory/movements?kind=teleport')).body.error.issues[0].path).toBe('query.kind');
  });
});

describe('safety stock', () => {
  it('falling under the safety level lists the SKU as an alert and puts one event on the change feed; climbing back clears it', async () => {
    // CUP-1: 25 on hand, safety 8
    const feedBefore = count(s.core, 'events', "WHERE type = 'stock.below_safety'");
    const restoredBefore = count(s.core, 'events', "WHERE type = 'stock.safety_restored'");
    expect((await s.as('viewer', 'GET', '/api/inventory/alerts')).body.count).toBe(0);
    await s.as('lead', 'POST', '/api/inventory/counts', { sku: 'CUP-1', location: 'A-01-01-1', counted: 5, reason: 'shelf count' });
    const alerts = await s.as('operator', 'GET', '/api/inventory/alerts');
    expect(alerts.body).toEqual({ count: 1, items: [{ skuId: expect.any(String), sku: 'CUP-1', name: 'Product CUP-1', available: 5, safetyStock: 8 }] });
    expect(count(s.core, 'events', "WHERE type = 'stock.below_safety'")).toBe(feedBefore + 1);
    const ev = s.core.db.prepare("SELECT data FROM events WHERE type = 'stock.below_safety' ORDER BY id DESC").pluck().get() as string;
    expect(JSON.parse(ev)).toEqual({ available: 5, safetyStock: 8 });
    // a raised level alone also alerts; lowering it back clears
    await s.as('lead', 'PATCH', '/api/skus/PEN-1', { safetyStock: 100 });
    expect((await s.as('viewer', 'GET', '/api/inventory/alerts')).body.count).toBe(2);
    await s.as('lead', 'POST', '/api/inventory/receipts', { source: 'supplier', location: 'A-01-01-1', lines: [{ code: 'CASE-CUP-6', qty: 1 }] });
    expect((await s.as('viewer', 'GET', '/api/inventory/alerts')).body.items.map((a: { sku: string }) => a.sku)).toEqual(['PEN-1']);
    expect(count(s.core, 'events', "WHERE type = 'stock.safety_restored'")).toBe(restoredBefore + 1);
  });
});
