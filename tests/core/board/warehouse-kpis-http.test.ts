// KPIs per warehouse and a split order counted once in holds and at risk (issue 19), over HTTP.
// Guangzhou (MAIN) has SKU-A only, Chengdu (CD) SKU-B only: an order for A and B splits into the
// channel's order (MAIN) and a part (CD). GET /api/kpis?warehouse= answers that warehouse's figures
// (each key checked against the orders put there), and the channels' and money keys say they are the shop's.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { orderInput } from '../helpers';
import { startPackShop, postParcel, start, type PackShop } from '../packing/fixture';
import { addChengduWithSkuB, allowSplit } from '../dispatch/chengdu';
import { shopLocal } from '../../../src-main/contract/shop-time';
import { DEFAULT_SETTINGS } from '../../../src-main/contract/settings';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
  const s = shop.s;
  await addChengduWithSkuB(s);
  expect((await allowSplit(s)).status).toBe(200);
  // sf's pickup two hours from now (the shop's time), so an order due in an hour is at risk
  const pickup = shopLocal(Date.now() + 2 * 3_600_000, DEFAULT_SETTINGS.timeZone).time;
  const r = await s.as('admin', 'PUT', '/api/settings', { carrierCutoffs: { sf: pickup } });
  expect(r.status, r.text).toBe(200);
});
afterAll(() => shop.s.close());

const kpis = async (warehouse?: string) => {
  await shop.s.core.board.flush();
  const r = await shop.s.as('viewer', 'GET', `/api/kpis${warehouse ? `?warehouse=${warehouse}` : ''}`);
  expect(r.status, r.text).toBe(200);
  return r.body as { warehouse: string | null; values: Record<string, number>; shopWide: string[] };
};
const delta = (a: Record<string, number>, b: Record<string, number>, k: string) => (a[k] ?? 0) - (b[k] ?? 0);
const listTotal = async (key: string, warehouse?: string) =>
  (await shop.s.as('viewer', 'GET', `/api/kpis/${encodeURIComponent(key)}/orders${warehouse ? `?warehouse=${warehouse}` : ''}`)).body.total as number;

async function order(lines: { sku: string; qty: number }[], shipBy: string) {
  const r = await shop.s.as('lead', 'POST', '/api/orders', { ...orderInput(), carrier: 'sf', shipBy, lines }, { 'Idempotency-Key': `k-${Math.random()}` });
  expect(r.status, r.text).toBe(201);
  const shipments = (await shop.s.as('lead', 'GET', `/api/orders/${r.body.id}/routing`)).body.shipments as { orderId: string; warehouse: string }[];
  return { id: r.body.id as string, shipments };
}
const hold = async (id: string, reason: string) => expect((await shop.s.as('lead', 'POST', `/api/orders/${id}/actions/hold`, { reason })).status).toBe(200);

describe('GET /api/kpis?warehouse=', () => {
  it("answers each warehouse's own open orders, shipped orders and benches; the shop's keys are named", async () => {
    const s = shop.s;
    const [all0, main0, cd0] = [await kpis(), await kpis('MAIN'), await kpis('CD')];
    const late = new Date(Date.now() - 3_600_000).toISOString();
    const later = new Date(Date.now() + 48 * 3_600_000).toISOString();
    // Guangzhou: one late order, one to pack; Chengdu: one late order
    await order([{ sku: 'SKU-A', qty: 1 }], late);
    const packMe = await order([{ sku: 'SKU-A', qty: 1 }], later);
    const cdLate = await order([{ sku: 'SKU-B', qty: 1 }], late);
    await hold(cdLate.id, 'address check');
    // Chengdu packs nothing, Guangzhou packs one on its bench B1 and hands it over
    const v = (await start(s, packMe.id, 'B1')).body.order.version;
    expect((await postParcel(s, packMe.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }], measuredG: 100, final: true })).status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf', warehouse: 'MAIN' })).status).toBe(201);

    const [all, main, cd] = [await kpis(), await kpis('MAIN'), await kpis('CD')];
    expect(cd.warehouse).toBe('CD');
    const d = (k: string) => [delta(all.values, all0.values, k), delta(main.values, main0.values, k), delta(cd.values, cd0.values, k)];
    expect(d('backlog')).toEqual([2, 1, 1]);
    expect(d('backlog_lt4h')).toEqual([2, 1, 1]);
    expect(d('late')).toEqual([2, 1, 1]);
    expect(d('holds')).toEqual([1, 0, 1]);
    expect(d('holds:address check')).toEqual([1, 0, 1]);
    expect(d('shipped_today')).toEqual([1, 1, 0]);
    expect(d('parcels_today')).toEqual([1, 1, 0]);
    expect(cd.values['bench_pph:B1']).toBeUndefined(); // B1 is Guangzhou's bench
    // the lists behind the numbers are the warehouse's too
    expect(await listTotal('late', 'CD')).toBe(cd.values.late);
    expect(await listTotal('holds:address check', 'CD')).toBe(cd.values['holds:address check']);
    expect(await listTotal('backlog', 'MAIN')).toBe(main.values.backlog);
    // the channels' syncing and the money are the shop's, said so; the same figure everywhere
    expect(cd.shopWide).toEqual(expect.arrayContaining(['channel_success_rate', 'payout_differences_open']));
    for (const k of cd.shopWide) expect(cd.values[k]).toBe(all.values[k]);
    // the trend of one warehouse: its shipped orders and its benches' parcels
    const today = async (w: string) => ((await s.as('viewer', 'GET', `/api/kpis/trend?days=1&warehouse=${w}`)).body.days as { shipped: number; parcels: number }[])[0]!;
    expect(await today('CD')).toMatchObject({ shipped: cd.values.shipped_today, parcels: cd.values.parcels_today });
    expect(await today('MAIN')).toMatchObject({ shipped: main.values.shipped_today, parcels: main.values.parcels_today });
    // the floor of one warehouse shows the same numbers
    const floor = (await s.as('lead', 'GET', '/api/floor?warehouse=CD')).body;
    expect([floor.kpis.late, floor.kpis.backlog, floor.kpis.holds]).toEqual([cd.values.late, cd.values.backlog, cd.values.holds]);
  });

  it("the lists behind shipped, parcels, returns and exceptions are the warehouse's, as their figures are", async () => {
    const s = shop.s;
    const later = new Date(Date.now() + 48 * 3_600_000).toISOString();
    /** An order packed at a bench of its warehouse and handed over to sf. */
    const pack = async (sku: 'A' | 'B', bench: string) => {
      const o = await order([{ sku: `SKU-${sku}`, qty: 1 }], later);
      const v = (await start(s, o.id, bench)).body.order.version;
      const parcel = await postParcel(s, o.id, { bench, expectedVersion: v, boxTypeId: null, items: [{ skuId: shop.sku[sku], qty: 1 }], measuredG: sku === 'A' ? 100 : 250, final: true });
      expect(parcel.status, parcel.text).toBe(201);
      return o.id;
    };
    const packAndShip = async (sku: 'A' | 'B', bench: string, warehouse: string) => {
      const id = await pack(sku, bench);
      expect((await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf', warehouse })).status).toBe(201);
      return id;
    };
    const inMain = await packAndShip('A', 'B1', 'MAIN');
    const inCd = await packAndShip('B', 'cd-bench-1', 'CD');
    const returned = await s.as('operator', 'POST', '/api/returns', { order: inMain, reason: 'wrong_item' });
    expect(returned.status, returned.text).toBe(201);
    // Chengdu: a labelled order cancelled becomes an interception task (an open exception of a Chengdu order)
    const intercepted = await pack('B', 'cd-bench-1');
    expect((await s.as('lead', 'POST', `/api/orders/${intercepted}/actions/cancel`, { reason: 'buyer cancelled' })).status).toBe(200);

    const [main, cd] = [await kpis('MAIN'), await kpis('CD')];
    const list = async (key: string, warehouse: string) => (await s.as('viewer', 'GET', `/api/kpis/${encodeURIComponent(key)}/orders?warehouse=${warehouse}&limit=200`)).body as { total: number; items: { id: string }[] };
    // each key: the order it lists in Guangzhou and the one in Chengdu (null: none there)
    const expected: Record<string, [string | null, string | null]> = {
      shipped_today: [inMain, inCd], parcels_today: [inMain, inCd], returns: [inMain, null], wrong_item_returns_7d: [inMain, null], exceptions_open: [null, intercepted],
    };
    for (const [key, [mainOrder, cdOrder]] of Object.entries(expected)) {
      for (const [w, k, mine, theirs] of [['MAIN', main, mainOrder, cdOrder], ['CD', cd, cdOrder, mainOrder]] as const) {
        const l = await list(key, w);
        expect([key, w, l.total], 'the list counts what the figure counts').toEqual([key, w, k.values[key]]);
        const ids = l.items.map((i) => i.id);
        if (mine) expect(ids, `${key} of ${w}`).toContain(mine);
        if (theirs) expect(ids, `${key} of ${w}`).not.toContain(theirs);
      }
    }
    expect((await list('bench_pph:cd-bench-1', 'CD')).items.map((i) => i.id)).toContain(inCd);
  });

  it('an unknown warehouse is refused, naming it; none or "all" is the whole shop', async () => {
    const r = await shop.s.as('viewer', 'GET', '/api/kpis?warehouse=NOPE');
    expect(r.status).toBe(404);
    expect(r.text).toContain('NOPE');
    expect((await kpis('all')).values.backlog).toBe((await kpis()).values.backlog);
  });
});

describe('holds and at risk count a split order once', () => {
  it('the channel order and its part both held (or both due before the pickup) count one order; each warehouse counts its own', async () => {
    const [all0, main0, cd0] = [await kpis(), await kpis('MAIN'), await kpis('CD')];
    const soon = new Date(Date.now() + 3_600_000).toISOString(); // before sf's pickup in 2 h: at risk
    const atRisk = await order([{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }], soon);
    expect(atRisk.shipments.map((x) => x.warehouse)).toEqual(['MAIN', 'CD']);
    let [all, main, cd] = [await kpis(), await kpis('MAIN'), await kpis('CD')];
    expect([delta(all.values, all0.values, 'at_risk'), delta(main.values, main0.values, 'at_risk'), delta(cd.values, cd0.values, 'at_risk')]).toEqual([1, 1, 1]);
    expect(await listTotal('at_risk')).toBe(all.values.at_risk);

    const later = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const held = await order([{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }], later);
    for (const sh of held.shipments) await hold(sh.orderId, 'fraud check');
    [all, main, cd] = [await kpis(), await kpis('MAIN'), await kpis('CD')];
    expect([delta(all.values, all0.values, 'holds'), delta(main.values, main0.values, 'holds'), delta(cd.values, cd0.values, 'holds')]).toEqual([1, 1, 1]);
    expect(delta(all.values, all0.values, 'holds:fraud check')).toBe(1);
    expect(await listTotal('holds:fraud check')).toBe(all.values['holds:fraud check']);
    expect(await listTotal('holds')).toBe(all.values.holds);
  });
});
