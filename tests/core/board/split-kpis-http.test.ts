// KPIs count a split order once (issue 19), over HTTP: an order no single warehouse can fill splits
// into the channel's order (Guangzhou) and a part (Chengdu). The backlog and late counts (and the
// order lists behind them) count the customer's order once while any of it is open; it counts as
// shipped (and on time) once, when its last part is handed over; parcels count per parcel.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { orderInput } from '../helpers';
import { startPackShop, postParcel, start, type PackShop } from '../packing/fixture';
import { addChengduWithSkuB, allowSplit } from '../dispatch/chengdu';
import { partsCounted } from '../../../src-main/core/modules/board/store';
import { onTestPostgres, postgresPlan } from '../../pg-store';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
  await addChengduWithSkuB(shop.s); // an order for A and B splits
  expect((await allowSplit(shop.s)).status).toBe(200);
});
afterAll(() => shop.s.close());

const kpis = async () => {
  await shop.s.core.board.flush();
  return (await shop.s.as('viewer', 'GET', '/api/kpis')).body.values as Record<string, number>;
};
const listTotal = async (key: string) => (await shop.s.as('viewer', 'GET', `/api/kpis/${key}/orders`)).body.total as number;

async function pack(orderId: string, bench: string, skuId: string, qty: number, weightG: number) {
  const v = (await start(shop.s, orderId, bench)).body.order.version;
  const r = await postParcel(shop.s, orderId, { bench, expectedVersion: v, boxTypeId: null, items: [{ skuId, qty }], measuredG: weightG, final: true });
  expect(r.status, r.text).toBe(201);
}

describe('a split order counts once', () => {
  it('in the backlog and late while open, as shipped and on time once its last part ships; parcels per parcel', async () => {
    const s = shop.s;
    const before = await kpis();
    const past = new Date(Date.now() - 3_600_000).toISOString(); // due an hour ago: late
    const future = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const late = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), carrier: 'sf', shipBy: past, lines: [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }] }, { 'Idempotency-Key': `k-${Math.random()}` });
    expect(late.status, late.text).toBe(201);
    const o = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), carrier: 'sf', shipBy: future, lines: [{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }] }, { 'Idempotency-Key': `k-${Math.random()}` });
    const shipments = async (id: string) => (await s.as('lead', 'GET', `/api/orders/${id}/routing`)).body.shipments as { orderId: string; warehouse: string }[];
    const [head, part] = await shipments(o.body.id);
    expect([head!.warehouse, part!.warehouse, head!.orderId]).toEqual(['MAIN', 'CD', o.body.id]);
    expect((await shipments(late.body.id))).toHaveLength(2);

    // two customer orders in four order rows: backlog +2, late +1, and the lists behind them agree
    let v = await kpis();
    expect(v.backlog - before.backlog).toBe(2);
    expect(v.late - before.late).toBe(1);
    expect(await listTotal('backlog')).toBe(v.backlog);
    expect(await listTotal('late')).toBe(v.late);

    // Chengdu packs its part, Guangzhou its share: two parcels, still two open orders until handed over
    await pack(part!.orderId, 'cd-bench-1', shop.sku.B, 1, 250);
    await pack(head!.orderId, 'B1', shop.sku.A, 1, 100);
    v = await kpis();
    expect(v.parcels_today - before.parcels_today).toBe(2);
    expect(v.backlog - before.backlog).toBe(1); // the late order, not packed yet

    // Chengdu's truck first: the order is not shipped until its last part is
    expect((await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf', warehouse: 'CD' })).status).toBe(201);
    v = await kpis();
    expect(v.shipped_today - before.shipped_today).toBe(0);
    expect((await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf', warehouse: 'MAIN' })).status).toBe(201);
    v = await kpis();
    expect(v.shipped_today - before.shipped_today).toBe(1);
    expect(v.on_time_today - before.on_time_today).toBe(1);
    expect(v.on_time_due_today - before.on_time_due_today).toBe(1);
    expect(await listTotal('shipped_today')).toBe(v.shipped_today);
  });
});

describe('the split-once counts look at the parts only', () => {
  const counted = partsCounted('@packed = 0 AND @created_at >= ? AND @created_at < ?');
  if (onTestPostgres) {
    // PostgreSQL's planner, the same indexes (EXPLAIN's words differ from SQLite's)
    it('EXPLAIN: the parts by their partial index, each order by its key (never a walk over the open orders)', () => {
      const plan = postgresPlan(shop.s.core.db, counted, 'a', 'b', 'a', 'b');
      // (the order each table is joined in is the planner's guess on a test's empty tables)
      expect(plan).toMatch(/Index (Only )?Scan using board_open_parts on board_open x/);
      expect(plan).toMatch(/Index Scan using board_open_pkey on board_open [ph]\b/);
      expect(plan).not.toMatch(/Seq Scan/);
    });
    return;
  }
  it('EXPLAIN QUERY PLAN: the parts by their partial index, each order by its key (never a walk over the open orders)', () => {
    const plan = (shop.s.core.db.prepare(`EXPLAIN QUERY PLAN ${counted}`).all('a', 'b', 'a', 'b') as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/USING (COVERING )?INDEX board_open_parts/);
    expect(plan.slice(1).every((d) => /USING PRIMARY KEY/.test(d))).toBe(true);
  });
});
