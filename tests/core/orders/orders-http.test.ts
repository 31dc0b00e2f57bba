// Orders, catalog and settings over the real HTTP server: racing actions, search by any number a
// person holds, catalog and settings refusals.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { startCore, addSku, orderInput, setSettings, snapshot, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 1000, barcodes: [{ code: '6901234567892', units: 1 }, { code: 'CASE-A-6', units: 6 }] });
    },
  });
  await Promise.all((['lead', 'operator', 'admin', 'viewer'] as const).map((r) => s.tokenFor(r)));
});
afterAll(() => s.close());

const stockOf = (sku: string) =>
  s.core.db.prepare('SELECT SUM(i.on_hand) onHand, SUM(i.reserved) reserved FROM inventory i JOIN skus k ON k.id = i.sku_id WHERE k.sku = ?').get(sku) as { onHand: number; reserved: number };

describe('racing actions', () => {
  it('10 parallel cancels of one order: one succeeds, the rest are refused, stock is given back once', async () => {
    const o = await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 4 }));
    const before = stockOf('SKU-A');
    const replies = await Promise.all(Array.from({ length: 10 }, () => s.as('lead', 'POST', `/api/orders/${o.body.id}/actions/cancel`, { reason: 'buyer cancelled' })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'invalid_transition')).toBe(true);
    expect(stockOf('SKU-A')).toEqual({ onHand: before.onHand, reserved: before.reserved - 4 });
    const ev = await s.as('viewer', 'GET', `/api/orders/${o.body.id}/events`);
    expect(ev.body.items.filter((e: { type: string }) => e.type === 'order.cancel')).toHaveLength(1);
  });

  it('parallel allocation of waiting orders takes exactly the stock there is', async () => {
    setSettings(s.core, { autoAllocate: false });
    try {
      addSku(s.core, 'SKU-FEW', { onHand: 3 });
      const orders = await Promise.all(Array.from({ length: 10 }, () => s.as('lead', 'POST', '/api/orders', orderInput({ sku: 'SKU-FEW' }))));
      expect(orders.every((o) => o.body.state === 'ready')).toBe(true);
      const replies = await Promise.all(orders.map((o) => s.as('operator', 'POST', `/api/orders/${o.body.id}/actions/allocate`, {})));
      expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
      expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'insufficient_stock')).toHaveLength(7);
      expect(stockOf('SKU-FEW')).toEqual({ onHand: 3, reserved: 3 });
    } finally {
      setSettings(s.core, { autoAllocate: true });
    }
  });

  it('expectedVersion over HTTP: the second of two edits based on the same version is refused', async () => {
    const o = await s.as('lead', 'POST', '/api/orders', orderInput());
    const v = o.body.version as number;
    const [a, b] = await Promise.all([
      s.as('lead', 'POST', `/api/orders/${o.body.id}/actions/hold`, { reason: 'check address', expectedVersion: v }),
      s.as('lead', 'POST', `/api/orders/${o.body.id}/actions/deallocate`, { expectedVersion: v }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('conflict');
  });
});

describe('finding orders by any number a person holds', () => {
  let order: { id: string; number: string; externalId: string };
  beforeAll(async () => {
    const r = await s.as('lead', 'POST', '/api/orders', orderInput({ channel: 'jd', sku: 'CASE-A-6', qty: 1 }));
    order = r.body;
    expect(r.body.lines[0]).toMatchObject({ sku: 'SKU-A', qty: 6 });
  });

  it.each([
    ['order number', () => order.number],
    ['channel number', () => order.externalId],
    ['order id', () => order.id],
  ])('by %s', async (_what, code) => {
    const r = await s.as('viewer', 'GET', `/api/orders?q=${encodeURIComponent(code())}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([order.id]);
    const l = await s.as('operator', 'GET', `/api/lookup/${encodeURIComponent(code())}`);
    expect(l.body.orders.map((i: { id: string }) => i.id)).toEqual([order.id]);
  });

  it('by SKU or barcode: the orders that contain it; a case barcode says how many units it counts', async () => {
    const bySku = await s.as('viewer', 'GET', '/api/orders?q=SKU-A');
    expect(bySku.body.items.map((i: { id: string }) => i.id)).toContain(order.id);
    const lookup = await s.as('operator', 'GET', '/api/lookup/CASE-A-6');
    expect(lookup.body).toMatchObject({ code: 'CASE-A-6', units: 6, skus: [{ sku: 'SKU-A' }] });
    const unit = await s.as('operator', 'GET', '/api/lookup/6901234567892');
    expect(unit.body.units).toBe(1);
    const none = await s.as('operator', 'GET', '/api/lookup/NOTHING-HERE');
    expect(none.body).toMatchObject({ orders: [], skus: [], units: null });
  });

  it('filters by state and pages with a cursor without repeats', async () => {
    const all = new Set<string>();
    let cursor: string | null = null;
    let total = 0;
    do {
      const r: { body: { items: { id: string; state: string }[]; total: number; nextCursor: string | null } } = await s.as('viewer', 'GET', `/api/orders?state=cancelled&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      total = r.body.total;
      for (const i of r.body.items) {
        expect(i.state).toBe('cancelled');
        expect(all.has(i.id)).toBe(false);
        all.add(i.id);
      }
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(all.size).toBe(total);
    expect(total).toBeGreaterThan(0);
  });
});

describe('catalog and settings over HTTP', () => {
  it('a barcode that belongs to another SKU is a conflict naming the field; nothing is created', async () => {
    const before = snapshot(s.core);
    const skus = s.core.db.prepare('SELECT COUNT(*) FROM skus').pluck().get();
    const r = await s.as('lead', 'POST', '/api/skus', { sku: 'SKU-NEW', name: 'New', barcodes: [{ code: 'CASE-A-6' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.issues[0].path).toBe('barcodes.0.code');
    expect(s.core.db.prepare('SELECT COUNT(*) FROM skus').pluck().get()).toBe(skus);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('creates a SKU with barcodes and finds it by any of them', async () => {
    const r = await s.as('lead', 'POST', '/api/skus', { sku: 'SKU-B', name: '陶瓷马克杯 Mug', barcodes: [{ code: '6909999999993' }, { code: 'CASE-B-12', units: 12 }], unitWeightG: 390, location: 'C-02-03-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sku: 'SKU-B', location: 'C-02-03-1', stock: { onHand: 0, available: 0 } });
    const found = await s.as('viewer', 'GET', '/api/skus?q=CASE-B-12');
    expect(found.body.items.map((x: { sku: string }) => x.sku)).toEqual(['SKU-B']);
    const adj = await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'CASE-B-12', location: 'C-02-03-1', onHandDelta: 24, reason: 'received' });
    expect(adj.status).toBe(200);
    expect(adj.body).toMatchObject({ sku: 'SKU-B', onHand: 24 });
    const op = await s.as('operator', 'POST', '/api/inventory/adjustments', { sku: 'SKU-B', location: 'C-02-03-1', onHandDelta: 1, reason: 'x' });
    expect(op.status).toBe(403);
  });

  it('settings: only an admin changes them, and out-of-range values are refused', async () => {
    expect((await s.as('lead', 'PUT', '/api/settings', { inboundCoefficient: 0.5 })).status).toBe(403);
    const bad = await s.as('admin', 'PUT', '/api/settings', { inboundCoefficient: 1.5 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('inboundCoefficient');
    const ok = await s.as('admin', 'PUT', '/api/settings', { inboundCoefficient: 0.25 });
    expect(ok.body.inboundCoefficient).toBe(0.25);
    expect((await s.as('viewer', 'GET', '/api/settings')).body.inboundCoefficient).toBe(0.25);
    await s.as('admin', 'PUT', '/api/settings', { inboundCoefficient: 0 });
  });

  it('health is public and reports the schema version', async () => {
    const r = await s.api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, schema: MIGRATIONS.at(-1)!.version });
  });

  it('malformed percent-encoding in a path is a 4xx, not a crash', async () => {
    const r = await s.as('viewer', 'GET', '/api/orders/%E0%A4%A');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});

describe('idempotency keys belong to the caller', () => {
  it('two users may use the same key for different orders', async () => {
    const a = await s.as('lead', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'shared-key' });
    const b = await s.as('admin', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'shared-key' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});
