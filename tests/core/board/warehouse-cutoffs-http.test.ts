// Carriers' cut-offs per warehouse, over HTTP with the core's clock set by the test: a warehouse
// overrides the shop's sf cut-off (Chengdu hands over at 15:00, the shop at 17:00); the shift board
// of one warehouse shows that warehouse's cut-offs; at-risk counts each order against the cut-off of
// its own warehouse (the KPI and its order list agree).
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
beforeAll(async () => {
  s = await startCore({
    core: { clock, ids: sequentialIds() },
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 100 });
      setSettings(core, { carrierCutoffs: { sf: '17:00', yto: '16:00' } });
    },
  });
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'CD-01-01-1', onHandDelta: 50, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'CD'], rules: [{ name: '西南 → 成都', warehouse: 'CD', provinces: ['四川'], cities: [] }] })).status).toBe(200);
});
afterAll(() => s.close());

async function order(province: string, city: string, shipByHour: number) {
  const shipTo = { ...orderInput().shipTo, province, city, district: '', address1: '人民路1号' };
  const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), carrier: 'sf', shipBy: iso(at(shipByHour)) }, { 'Idempotency-Key': `k-${Math.random()}` });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; number: string; warehouseId: string };
}
const cards = async (warehouse: string) => {
  const r = await s.as('viewer', 'GET', `/api/shift-board?warehouse=${warehouse}`);
  expect(r.status, r.text).toBe(200);
  return Object.fromEntries(r.body.carriers.map((c: { carrier: string; cutoff: string | null; nextPickupAt: string | null }) => [c.carrier, [c.cutoff, c.nextPickupAt]]));
};
const atRisk = async () => {
  await s.core.board.flush();
  const v = (await s.as('viewer', 'GET', '/api/kpis')).body.values.at_risk as number;
  const list = (await s.as('viewer', 'GET', '/api/kpis/at_risk/orders')).body as { total: number; items: { number: string }[] };
  expect(list.total).toBe(v);
  return list.items.map((x) => x.number).sort();
};

describe('carrier cut-offs per warehouse', () => {
  it('a warehouse overrides a carrier cut-off; its board cards show it, the others keep the shop one', async () => {
    const bad = await s.as('admin', 'PATCH', '/api/warehouses/CD', { carrierCutoffs: { sf: '25:00' } });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('HH:MM');
    const r = await s.as('admin', 'PATCH', '/api/warehouses/CD', { carrierCutoffs: { sf: '15:00' } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.carrierCutoffs).toEqual({ sf: '15:00' });
    expect((await s.as('viewer', 'GET', '/api/warehouses')).body.items.find((w: { code: string }) => w.code === 'MAIN').carrierCutoffs).toEqual({});
    now = at(9);
    expect(await cards('CD')).toEqual({ sf: ['15:00', iso(at(15))], yto: ['16:00', iso(at(16))] });
    expect(await cards('MAIN')).toEqual({ sf: ['17:00', iso(at(17))], yto: ['16:00', iso(at(16))] });
    expect(await cards('all')).toEqual({ sf: ['17:00', iso(at(17))], yto: ['16:00', iso(at(16))] });
  });

  it("at-risk counts each order against its own warehouse's cut-off", async () => {
    now = at(9);
    const gz16 = await order('广东省', '深圳市', 16); // due 16:00 <= MAIN's sf 17:00: at risk
    const cd16 = await order('四川省', '成都市', 16); // due 16:00 > CD's sf 15:00: after that pickup, not at risk today
    const cd14 = await order('四川省', '成都市', 14); // due 14:00 <= CD's 15:00: at risk
    expect([gz16.warehouseId, cd16.warehouseId === cd14.warehouseId, cd14.warehouseId !== 'wh_default']).toEqual(['wh_default', true, true]);
    expect(await atRisk()).toEqual([gz16.number, cd14.number].sort());
    // with no override Chengdu's 16:00 order is at risk against the shop's 17:00 again
    expect((await s.as('admin', 'PATCH', '/api/warehouses/CD', { carrierCutoffs: {} })).status).toBe(200);
    expect(await atRisk()).toEqual([gz16.number, cd16.number, cd14.number].sort());
    expect(await cards('CD')).toEqual({ sf: ['17:00', iso(at(17))], yto: ['16:00', iso(at(16))] });
  });
});
