// The live floor and the wall per warehouse (issue 19), over HTTP with the core's clock set by the
// test: Chengdu's floor lists Chengdu's late and at-risk orders only (at risk against Chengdu's own
// cut-off), its backlog and holds, and only its benches and waves; "all" (or nothing) is the owner's
// whole shop; a wall link shows one warehouse's floor with `warehouse`; an unknown warehouse is a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, addSku, orderInput, setSettings, type TestServer } from '../helpers';
import { sequentialIds } from '../../../src-main/lib/ids';
import type { Clock } from '../../../src-main/lib/clock';

// the shop's wall clock: the default shop is in Asia/Shanghai (UTC+8, no summer time), whatever the machine's zone
const at = (h: number, m = 0) => Date.UTC(2026, 10, 20, h - 8, m);
let now = at(9);
const clock: Clock = { now: () => now, iso: () => new Date(now).toISOString() };
const iso = (ms: number) => new Date(ms).toISOString();

let s: TestServer;
const made: Record<string, { id: string; number: string; warehouseId: string }> = {};

async function order(province: string, city: string, shipByHour: number) {
  const shipTo = { ...orderInput().shipTo, province, city, district: '', address1: '人民路1号' };
  const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), carrier: 'sf', shipBy: iso(at(shipByHour)) }, { 'Idempotency-Key': `k-${Math.random()}` });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; number: string; warehouseId: string };
}

beforeAll(async () => {
  s = await startCore({
    core: { clock, ids: sequentialIds() },
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 100 });
      setSettings(core, { carrierCutoffs: { sf: '17:00' } });
    },
  });
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: ['cd-bench-1'] })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'CD-01-01-1', onHandDelta: 50, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'CD'], rules: [{ name: '西南 → 成都', warehouse: 'CD', provinces: ['四川'], cities: [] }] })).status).toBe(200);
  expect((await s.as('admin', 'PATCH', '/api/warehouses/CD', { carrierCutoffs: { sf: '15:00' } })).status).toBe(200);
  now = at(9);
  made.gzLate = await order('广东省', '深圳市', 8); // due 08:00: late at 09:00
  made.gzRisk = await order('广东省', '深圳市', 16); // due 16:00 <= Guangzhou's (the shop's) 17:00 pickup
  made.cdLate = await order('四川省', '成都市', 7);
  made.cdRisk = await order('四川省', '成都市', 14); // due 14:00 <= Chengdu's 15:00 pickup
  made.cdAfter = await order('四川省', '成都市', 16); // due after Chengdu's pickup: not at risk today
  expect((await s.as('lead', 'POST', `/api/orders/${made.cdAfter.id}/actions/hold`, { reason: 'address check' })).status).toBe(200);
});
afterAll(() => s.close());

const numbers = (items: { number: string }[]) => items.map((i) => i.number).sort();

describe('the live floor per warehouse', () => {
  it("Chengdu's floor shows Chengdu's late and at-risk orders, backlog and holds only, against Chengdu's cut-off", async () => {
    expect(made.cdLate!.warehouseId).not.toBe('wh_default');
    const r = await s.as('lead', 'GET', '/api/floor?warehouse=CD');
    expect(r.status, r.text).toBe(200);
    const f = r.body;
    expect(numbers(f.late)).toEqual([made.cdLate!.number]);
    expect(numbers(f.atRisk)).toEqual([made.cdRisk!.number]);
    expect([f.lateTotal, f.atRiskTotal]).toEqual([1, 1]);
    expect(f.kpis).toMatchObject({ late: 1, at_risk: 1, backlog: 3, holds: 1, shipped_today: 0, parcels_today: 0 });
    expect(f.board.carriers.find((c: { carrier: string }) => c.carrier === 'sf')).toMatchObject({ cutoff: '15:00', nextPickupAt: iso(at(15)) });
  });

  it("the owner's floor (all, or nothing) is the whole shop; MAIN's is Guangzhou's", async () => {
    for (const q of ['', '?warehouse=all']) {
      const f = (await s.as('lead', 'GET', `/api/floor${q}`)).body;
      expect(numbers(f.late)).toEqual(numbers([made.gzLate!, made.cdLate!]));
      expect(f.kpis).toMatchObject({ late: 2, backlog: 5, holds: 1 });
    }
    const gz = (await s.as('viewer', 'GET', '/api/floor?warehouse=MAIN')).body;
    expect(numbers(gz.late)).toEqual([made.gzLate!.number]);
    expect(numbers(gz.atRisk)).toEqual([made.gzRisk!.number]);
    expect(gz.kpis).toMatchObject({ late: 1, at_risk: 1, backlog: 2, holds: 0 });
    const bad = await s.as('lead', 'GET', '/api/floor?warehouse=XA');
    expect(bad.status).toBe(404);
  });

  it("a wall link shows one warehouse's floor with `warehouse`, and refuses one that does not exist", async () => {
    const link = await s.as('lead', 'POST', '/api/wall-links', { name: '成都 Dock TV' });
    expect(link.status).toBe(200);
    const cd = await s.api('GET', `/api/wall/${link.body.token}/floor?warehouse=CD`);
    expect(cd.status, cd.text).toBe(200);
    expect(numbers(cd.body.late)).toEqual([made.cdLate!.number]);
    expect(cd.body.kpis).toMatchObject({ late: 1, at_risk: 1 });
    const all = await s.api('GET', `/api/wall/${link.body.token}/floor`);
    expect(all.body.lateTotal).toBe(2);
    expect((await s.api('GET', `/api/wall/${link.body.token}/floor?warehouse=XA`)).status).toBe(404);
  });
});
