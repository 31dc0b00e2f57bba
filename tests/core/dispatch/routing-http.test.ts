// The seed documents' routing over HTTP, through the intake thread as the app runs it: 华中/西南 to
// Chengdu, the rest to Guangzhou; a short warehouse gives a transfer suggestion, never a refusal; a
// lead re-routes by hand (audited); an address change routes again; search and stock by warehouse.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 20 });
      addSku(core, 'SKU-B', { onHand: 10, location: 'A-01-02-1' });
      addSku(core, 'SKU-C', { onHand: 2, location: 'A-01-03-1' });
    },
  });
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓 Chengdu', province: '四川', city: '成都', benches: ['cd-bench-1'] })).status).toBe(201);
  expect((await s.as('admin', 'PATCH', '/api/warehouses/MAIN', { name: '广州仓 Guangzhou', province: '广东' })).status).toBe(200);
  for (const [sku, bin, qty] of [['SKU-A', 'CD-01-01-1', 5], ['SKU-C', 'CD-01-02-1', 5]] as const) {
    expect((await s.as('lead', 'POST', '/api/locations', { code: bin, warehouse: 'CD' })).status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku, location: bin, onHandDelta: qty, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  }
  const routing = await s.as('lead', 'PUT', '/api/routing', {
    enabled: true, priority: ['MAIN', 'CD'],
    rules: [{ name: '华中/西南 → 成都', warehouse: 'CD', provinces: ['四川', '重庆', '云南', '贵州', '西藏', '湖北', '湖南', '河南'], cities: [] }],
  });
  expect(routing.status).toBe(200);
});
afterAll(() => s.close());

const to = (province: string, city: string) => ({ ...orderInput().shipTo, province, city, district: '', address1: '人民路1号' });
async function order(province: string, city: string, lines: { sku: string; qty: number }[]) {
  const r = await s.as('lead', 'POST', '/api/orders', orderInput({ shipTo: to(province, city), lines }), { 'Idempotency-Key': `k-${Math.random()}` });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string; state: string; warehouseId: string; version: number };
}
const CD = async () => (await s.as('viewer', 'GET', '/api/warehouses')).body.items.find((w: { code: string }) => w.code === 'CD').id as string;

describe('routing (seed example)', () => {
  it('华中/西南 go to Chengdu, the rest to Guangzhou, each reserving in its own bins', async () => {
    const cd = await CD();
    const chengdu = await order('四川省', '成都市', [{ sku: 'SKU-A', qty: 1 }]);
    const wuhan = await order('湖北省', '武汉市', [{ sku: 'SKU-A', qty: 1 }]);
    const shenzhen = await order('广东省', '深圳市', [{ sku: 'SKU-A', qty: 1 }]);
    expect([chengdu.warehouseId, wuhan.warehouseId, shenzhen.warehouseId]).toEqual([cd, cd, 'wh_default']);
    expect([chengdu.state, wuhan.state, shenzhen.state]).toEqual(['allocated', 'allocated', 'allocated']);
    const stock = (await s.as('viewer', 'GET', '/api/inventory?q=SKU-A&warehouse=CD')).body.items;
    expect(stock).toEqual([expect.objectContaining({ location: 'CD-01-01-1', warehouse: 'CD', reserved: 2 })]);
    expect((await s.as('viewer', 'GET', '/api/inventory?q=SKU-A&warehouse=MAIN')).body.items).toEqual([expect.objectContaining({ location: 'A-01-01-1', reserved: 1 })]);
    // search by warehouse
    const found = (await s.as('viewer', 'GET', '/api/orders?warehouse=CD&limit=200')).body.items.map((o: { id: string }) => o.id);
    expect(found).toEqual(expect.arrayContaining([chengdu.id, wuhan.id]));
    expect(found).not.toContain(shenzhen.id);
    expect((await s.as('viewer', 'GET', '/api/orders?warehouse=NOPE')).status).toBe(404);
  });

  it('stock before region: a Chengdu order for what only Guangzhou has goes to Guangzhou', async () => {
    const o = await order('重庆市', '重庆市', [{ sku: 'SKU-B', qty: 2 }]);
    expect(o).toMatchObject({ warehouseId: 'wh_default', state: 'allocated' });
    expect((await s.as('viewer', 'GET', `/api/orders/${o.id}/routing`)).body).toEqual({ warehouseId: 'wh_default', warehouse: 'MAIN', transfers: [], manual: false, splitOf: null, shipments: [] });
  });

  it('short everywhere: the order is taken (201, ready) in the warehouse with the most, with a transfer suggestion, not refused', async () => {
    const cd = await CD();
    const o = await order('四川省', '绵阳市', [{ sku: 'SKU-C', qty: 6 }]);
    expect(o).toMatchObject({ warehouseId: cd, state: 'ready' });
    const routing = (await s.as('viewer', 'GET', `/api/orders/${o.number}/routing`)).body;
    expect(routing.transfers).toEqual([expect.objectContaining({ sku: 'SKU-C', qty: 1, from: 'MAIN', to: 'CD', number: o.number })]);
    const list = (await s.as('lead', 'GET', '/api/routing/transfers?warehouse=CD')).body.items;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ orderId: o.id, sku: 'SKU-C', qty: 1, from: 'MAIN' })]));
  });

  it('a lead re-routes by hand (audited); reservations follow; an operator may not; an order in a wave is refused', async () => {
    const o = await order('四川省', '成都市', [{ sku: 'SKU-A', qty: 1 }]);
    expect((await s.as('operator', 'POST', `/api/orders/${o.id}/warehouse`, { warehouse: 'MAIN', reason: 'x' })).status).toBe(403);
    const r = await s.as('lead', 'POST', `/api/orders/${o.id}/warehouse`, { warehouse: 'MAIN', reason: 'Chengdu dock closed today' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ warehouseId: 'wh_default', warehouse: 'MAIN', transfers: [] });
    const after = (await s.as('lead', 'GET', `/api/orders/${o.id}`)).body;
    expect(after).toMatchObject({ warehouseId: 'wh_default', state: 'allocated' });
    expect(after.version).toBeGreaterThan(o.version);
    const audit = (await s.as('lead', 'GET', `/api/audit?order=${o.number}&kind=order.warehouse_assigned`)).body.items;
    expect(audit).toEqual([expect.objectContaining({ actorName: '陈静 Chen Jing', reason: 'Chengdu dock closed today' })]);
    // into a wave of the default warehouse, then a re-route is refused and changes nothing
    const wave = await s.as('lead', 'POST', '/api/waves', { rule: { filter: { states: ['allocated'], warehouse: 'MAIN' } } });
    expect(wave.status).toBe(201);
    expect(wave.body.waves[0].warehouseId).toBe('wh_default');
    const refused = await s.as('lead', 'POST', `/api/orders/${o.id}/warehouse`, { warehouse: 'CD', reason: 'back' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('order_state');
  });

  it('a lead\'s re-route by hand stays when the address changes, until a lead gives it back to the routing (audited)', async () => {
    const cd = await CD();
    const o = await order('广东省', '广州市', [{ sku: 'SKU-A', qty: 1 }]);
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/warehouse`, { warehouse: 'CD', reason: 'Guangzhou short of packers today' })).body).toMatchObject({ warehouse: 'CD', manual: true });
    const moved = await s.as('lead', 'PUT', `/api/orders/${o.id}/ship-to`, { shipTo: to('浙江省', '杭州市'), reason: 'customer moved' });
    expect(moved.body.warehouseId).toBe(cd); // the routing would say Guangzhou: the lead's choice stays
    const back = await s.as('lead', 'POST', `/api/orders/${o.id}/warehouse`, { clearManual: true, reason: 'packers back' });
    expect(back.body).toMatchObject({ warehouse: 'MAIN', manual: false });
    const audit = (await s.as('lead', 'GET', `/api/orders/${o.id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(audit).toEqual(expect.arrayContaining(['order.warehouse_assigned', 'order.route_manual_cleared']));
  });

  it('an address change routes the order again; routing off sends everything to the default warehouse', async () => {
    const cd = await CD();
    const o = await order('广东省', '广州市', [{ sku: 'SKU-A', qty: 1 }]);
    expect(o.warehouseId).toBe('wh_default');
    const moved = await s.as('lead', 'PUT', `/api/orders/${o.id}/ship-to`, { shipTo: to('湖南省', '长沙市'), reason: 'customer moved' });
    expect(moved.status).toBe(200);
    expect(moved.body.warehouseId).toBe(cd);
    const routing = (await s.as('viewer', 'GET', '/api/routing')).body;
    expect((await s.as('lead', 'PUT', '/api/routing', { enabled: false, priority: routing.priority, rules: routing.rules.map((r: { name: string; warehouse: string; provinces: string[] }) => ({ name: r.name, warehouse: r.warehouse, provinces: r.provinces, cities: [] })) })).status).toBe(200);
    expect((await order('四川省', '成都市', [{ sku: 'SKU-A', qty: 1 }])).warehouseId).toBe('wh_default');
    expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'NOPE'], rules: [] })).body.error.issues[0].path).toBe('priority.1');
  });
});

describe('orders per state per warehouse (the Orders screen\'s state buttons)', () => {
  it('counts only the chosen warehouse\'s orders, as its list does; every warehouse without a choice; an unknown one is a 404 naming it', async () => {
    const held = await order('四川省', '成都市', [{ sku: 'SKU-A', qty: 1 }]);
    expect((await s.as('lead', 'POST', `/api/orders/${held.id}/warehouse`, { warehouse: 'CD', reason: 'Chengdu has it' })).status).toBe(200);
    expect((await s.as('lead', 'POST', `/api/orders/${held.id}/actions/hold`, { reason: 'check address' })).status).toBe(200);
    const stats = async (w?: string) => (await s.as('viewer', 'GET', `/api/orders-stats${w ? `?warehouse=${w}` : ''}`)).body.counts as Record<string, number>;
    const listed = async (w: string, state: string) => (await s.as('viewer', 'GET', `/api/orders?warehouse=${w}&state=${state}&limit=200`)).body.total as number;
    const [all, cd, main] = [await stats(), await stats('CD'), await stats('MAIN')];
    for (const state of Object.keys(all)) {
      expect(cd[state], `CD ${state}`).toBe(await listed('CD', state));
      expect(main[state], `MAIN ${state}`).toBe(await listed('MAIN', state));
      expect(cd[state]! + main[state]!, state).toBe(all[state]);
    }
    expect(cd.on_hold).toBeGreaterThan(0);
    expect(main.allocated).toBeGreaterThan(0);
    expect(await stats('all')).toEqual(all);
    expect(await stats(await CD())).toEqual(cd);
    const r = await s.as('viewer', 'GET', '/api/orders-stats?warehouse=NOPE');
    expect(r.status).toBe(404);
    expect(r.text).toContain('NOPE');
  });
});

describe('the lead\'s board per warehouse', () => {
  it('counts only the chosen warehouse\'s orders and benches; every warehouse without a choice', async () => {
    const all = (await s.as('lead', 'GET', '/api/shift-board')).body;
    const cd = (await s.as('lead', 'GET', '/api/shift-board?warehouse=CD')).body;
    const main = (await s.as('lead', 'GET', '/api/shift-board?warehouse=MAIN')).body;
    const open = (b: { carriers: { pool: number; inWave: number; packing: number; packed: number; exceptions: number }[] }) => b.carriers.reduce((n, c) => n + c.pool + c.inWave + c.packing + c.packed + c.exceptions, 0);
    expect(open(cd)).toBeGreaterThan(0);
    expect(open(cd) + open(main)).toBe(open(all));
  });
});
