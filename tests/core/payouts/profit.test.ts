// Per-order profit after fees, through the real HTTP server: an order paid with a fee and a partial
// refund, whose products all have a cost, has an exact profit; an order with a SKU without a cost
// has none ("cost unknown", never 0); an order with no money yet counts its total; per channel the
// orders of a date range add up the same way, cancelled orders without money left out.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import type { OrderInput } from '../../../src-main/contract/orders';
import { startCore, addSku, SYSTEM, orderInput, type TestServer } from '../helpers';
import { wechatAllBill } from './statements';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const clock: Clock & { t: number } = { t: NOW, now() { return this.t; }, iso() { return new Date(this.t).toISOString(); } };
let s: TestServer;
const ids: Record<string, string> = {};
const skuIds: Record<string, string> = {};

function order(channel: string, externalId: string, totalFen: number | null, createdIso: string, lines: OrderInput['lines']) {
  const at = Date.parse(createdIso);
  const c = s.core.ctx;
  ids[externalId] = s.core.writes.runNow(() => createOrder({ ...c, clock: { now: () => at, iso: () => new Date(at).toISOString() } },
    orderInput({ channel, externalId, lines, total: totalFen === null ? undefined : { amount: totalFen, currency: 'CNY' } }), SYSTEM)).orderId;
}
const profitOf = async (externalId: string) => {
  const r = await s.as('finance', 'GET', `/api/payouts/orders/${ids[externalId]}`);
  expect(r.status).toBe(200);
  return r.body.profit;
};

beforeAll(async () => {
  s = await startCore({ core: { clock, ids: sequentialIds() }, setup: (core) => {
    for (const sku of ['WH-C1', 'WH-C2', 'WH-NC']) skuIds[sku] = addSku(core, sku, { onHand: 100 });
  } });
  // Costs as a catalog person sets them: 15.00 and 8.00 (one without a currency: the shop's own); WH-NC has none.
  expect((await s.as('admin', 'PATCH', `/api/skus/${skuIds['WH-C1']}`, { cost: 1500, currency: 'CNY' })).status).toBe(200);
  expect((await s.as('admin', 'PATCH', `/api/skus/${skuIds['WH-C2']}`, { cost: 800 })).status).toBe(200);
  order('miniprogram', 'PF1', 10000, '2026-11-28T02:00:00Z', [{ sku: 'WH-C1', qty: 2 }, { sku: 'WH-C2', qty: 1 }]); // fee + partial refund
  order('miniprogram', 'PF2', 5000, '2026-11-28T03:00:00Z', [{ sku: 'WH-NC', qty: 1 }, { sku: 'WH-C2', qty: 1 }]); // a SKU without cost
  order('miniprogram', 'PF3', 6000, '2026-11-30T15:00:00Z', [{ sku: 'WH-C2', qty: 3 }]); // no money yet; the range's last day (23:00 in Shanghai, the shop's zone)
  order('douyin', 'PF4', 9900, '2026-11-29T05:00:00Z', [{ sku: 'WH-C1', qty: 1 }]); // cancelled, no money
  order('miniprogram', 'PF5', 7000, '2026-10-15T05:00:00Z', [{ sku: 'WH-C1', qty: 1 }]); // before the range
  order('miniprogram', 'PF6', null, '2026-11-27T05:00:00Z', [{ sku: 'WH-C1', qty: 1 }]); // no total, no money: its costs are known
  // Either side of the shop's midnights (Asia/Shanghai, UTC+8), in a channel of their own.
  order('kiosk', 'PK1', 1000, '2026-10-31T16:30:00Z', [{ sku: 'WH-C2', qty: 1 }]); // 11-01 00:30 in Shanghai (10-31 in UTC): in November
  order('kiosk', 'PK2', 2000, '2026-11-30T16:30:00Z', [{ sku: 'WH-C2', qty: 1 }]); // 12-01 00:30 in Shanghai (11-30 in UTC): in December
  s.core.writes.runNow(() => applyOrderAction(s.core.ctx, ids.PF4!, 'cancel', SYSTEM, { reason: 'buyer cancelled' }));
  const bill = wechatAllBill([
    { time: '2026-11-28 10:00:05', txn: '4200000001202611280101', orderNo: 'PF1', settle: '100.00', fee: '0.60' },
    { time: '2026-11-29 15:30:00', txn: '4200000001202611280101', orderNo: 'PF1', status: 'REFUND', settle: '0.00', refundNo: '50300000012026112900101', refund: '30.00', fee: '-0.18', total: '0.00' },
    { time: '2026-11-28 11:00:05', txn: '4200000001202611280102', orderNo: 'PF2', settle: '50.00', fee: '0.30' },
  ]);
  const r = await s.as('finance', 'POST', '/api/payouts/statements?source=wechat&filename=profit.csv', bill, { 'Content-Type': 'application/octet-stream' });
  expect(r.status).toBe(201);
});
afterAll(() => s.close());

describe('profit of an order', () => {
  it('is exact for an order with a fee, a partial refund and known costs', async () => {
    // arrived: 100.00 - 0.60 fee, then 30.00 back less its 0.18 fee = 69.58; before fees and refunds: 100.00
    // cost: 2 x 15.00 + 8.00 = 38.00; profit: 100.00 - 0.42 - 30.00 - 38.00 = 31.58
    expect(await profitOf('PF1')).toEqual({
      currency: 'CNY', revenue: 10000, fees: 42, refunds: 3000, shipping: null, productCost: 3800, profit: 3158, marginPct: 31.6,
      unknown: [{ what: 'shipping', sku: null }],
    });
  });

  it('is unknown (null, not 0) when a line has no cost, and names the SKU', async () => {
    expect(await profitOf('PF2')).toEqual({
      currency: 'CNY', revenue: 5000, fees: 30, refunds: 0, shipping: null, productCost: null, profit: null, marginPct: null,
      unknown: [{ what: 'product_cost', sku: 'WH-NC' }, { what: 'shipping', sku: null }],
    });
  });

  it('counts the total while no money has arrived, and says the fees are not known yet', async () => {
    expect(await profitOf('PF3')).toMatchObject({ revenue: 6000, fees: 0, productCost: 2400, profit: 3600, marginPct: 60, unknown: [{ what: 'fees' }, { what: 'shipping' }] });
  });
});

describe('GET /api/payouts/profit', () => {
  it('adds up per channel the orders placed in the range, cost and profit of the orders whose cost is known', async () => {
    const r = await s.as('finance', 'GET', '/api/payouts/profit?from=2026-11-01&to=2026-11-30');
    expect(r.status).toBe(200);
    // PF1 + PF2 + PF3 + PF6; PF4 cancelled without money, PF5 before the range. Margin over PF1 + PF3: 67.58 / 160.00.
    // PF6 (no total, no money) adds nothing and is left out of cost and profit, but its cost is not unknown: only PF2's is.
    expect(r.body.channels.find((c: { channel: string }) => c.channel === 'miniprogram')).toEqual({
      channel: 'miniprogram', currency: 'CNY', orders: 4, revenue: 21000, fees: 72, refunds: 3000, cost: 6200, profit: 6758, marginPct: 42.2, unknownCostOrders: 1,
    });
  });

  it("counts the shop's days (its time zone), not UTC's: an order at 00:30 in Shanghai is on that Shanghai day", async () => {
    const kiosk = async (from: string, to: string) => {
      const r = await s.as('finance', 'GET', `/api/payouts/profit?from=${from}&to=${to}`);
      expect(r.status, r.text).toBe(200);
      return r.body.channels.find((c: { channel: string }) => c.channel === 'kiosk')?.revenue ?? 0;
    };
    expect(await kiosk('2026-11-01', '2026-11-30')).toBe(1000); // PK1 only
    expect(await kiosk('2026-12-01', '2026-12-01')).toBe(2000); // PK2 only
    expect(await kiosk('2026-10-31', '2026-10-31')).toBe(0);
  });

  it('is for finance, admins and leads only, and refuses a range it cannot read', async () => {
    expect((await s.as('admin', 'GET', '/api/payouts/profit?from=2026-11-01&to=2026-11-30')).status).toBe(200);
    expect((await s.as('operator', 'GET', '/api/payouts/profit?from=2026-11-01&to=2026-11-30')).status).toBe(403);
    expect((await s.as('operator', 'GET', `/api/payouts/orders/${ids.PF1}`)).status).toBe(403);
    const wide = await s.as('finance', 'GET', '/api/payouts/profit?from=2026-06-01&to=2026-11-30');
    expect(wide.status).toBe(422);
    expect(wide.body.error.message).toContain('at most 92 days');
    expect((await s.as('finance', 'GET', '/api/payouts/profit?from=2026-11-30&to=2026-11-01')).status).toBe(422);
    expect((await s.as('finance', 'GET', '/api/payouts/profit?from=yesterday&to=2026-11-30')).status).toBe(422);
  });
});
