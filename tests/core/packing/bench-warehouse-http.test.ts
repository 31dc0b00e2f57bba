// A bench packs its own warehouse's orders: over HTTP, a Chengdu order scanned at a Guangzhou bench
// is refused with both warehouses named and nothing changes; a Chengdu bench packs it; a bench the
// core has no row for works in the default warehouse.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, snapshot, type TestServer } from '../helpers';

let s: TestServer;
let cdBench: string;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 20 }) });
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: ['cd-bench-1'] })).status).toBe(201);
  expect((await s.as('admin', 'PATCH', '/api/warehouses/MAIN', { name: '广州仓' })).status).toBe(200);
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'CD-01-01-1', onHandDelta: 5, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'CD'], rules: [{ name: '西南 → 成都', warehouse: 'CD', provinces: ['四川'], cities: [] }] })).status).toBe(200);
  const benches = (await s.as('lead', 'GET', '/api/benches')).body.items as { id: string; name: string }[];
  cdBench = benches.find((b) => b.name === 'cd-bench-1')!.id;
});
afterAll(() => s.close());

async function chengduOrder() {
  const shipTo = { ...orderInput().shipTo, province: '四川省', city: '成都市', district: '武侯区', address1: '人民南路1号' };
  const r = await s.as('lead', 'POST', '/api/orders', orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), { 'Idempotency-Key': `k-${Math.random()}` });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string; state: string; version: number };
}

describe('a bench packs its own warehouse orders', () => {
  it('a Chengdu order at a Guangzhou bench is refused naming both warehouses, and nothing changes', async () => {
    const o = await chengduOrder();
    expect(o.state).toBe('allocated');
    await s.tokenFor('operator'); // the operator's login is an event of its own, before the count
    const before = snapshot(s.core);
    // bench-1 has no row: it works in the default warehouse (MAIN)
    for (const bench of ['bench-1', 'DEMO-1']) {
      const r = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/start`, { bench });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain(`order ${o.number} is for warehouse 成都仓 CD; this bench packs in 广州仓 MAIN`);
      expect(r.body.error.issues).toEqual([{ path: 'bench', message: 'warehouse MAIN' }]);
    }
    expect(snapshot(s.core)).toEqual(before);
    const after = (await s.as('viewer', 'GET', `/api/orders/${o.id}`)).body;
    expect(after).toMatchObject({ state: 'allocated', version: o.version });
  });

  it("the Chengdu bench packs it, and the bench's warehouse is what the station shows", async () => {
    const o = await chengduOrder();
    const r = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/start`, { bench: cdBench });
    expect(r.status).toBe(200);
    expect(r.body.order).toMatchObject({ id: o.id, state: 'packing' });
    const wh = await s.as('operator', 'GET', `/api/benches/${cdBench}/warehouse`);
    expect(wh.body.warehouse).toMatchObject({ code: 'CD', name: '成都仓' });
  });

  it('a Guangzhou order packs at an unknown bench (the default warehouse) and is refused at the Chengdu bench', async () => {
    const shipTo = { ...orderInput().shipTo, province: '广东省', city: '深圳市' };
    const o = (await s.as('lead', 'POST', '/api/orders', orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), { 'Idempotency-Key': `k-${Math.random()}` })).body;
    const refused = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/start`, { bench: cdBench });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`order ${o.number} is for warehouse 广州仓 MAIN; this bench packs in 成都仓 CD`);
    expect((await s.as('operator', 'POST', `/api/orders/${o.id}/pack/start`, { bench: 'bench-1' })).status).toBe(200);
  });
});
