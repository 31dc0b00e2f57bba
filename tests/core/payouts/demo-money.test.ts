// The demo's money: finance opens the Money screen on a shop whose statements show every kind of
// difference, the routine fees cleared by a rule, overdue orders and money with no order.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { listDifferences, listOrderMoney, listRows, listStatements, moneySummary, orderMoneyDetail } from '../../../src-main/core/modules/payouts/queries';
import { profitByChannel } from '../../../src-main/core/modules/payouts/profit';
import { openTestCore } from '../helpers';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  seedDemo(core, { skus: 40, orders: 100 });
});
afterAll(() => core.close());

describe('demo money', () => {
  it('has statements of three channels with matched rows, a refused row and money with no order', () => {
    const st = listStatements(core.ctx);
    expect(st.map((x) => x.channel).sort()).toEqual(['douyin', 'miniprogram', 'pinduoduo']);
    const wx = st.find((x) => x.source === 'wechat')!;
    expect(wx.refused).toBe(1);
    expect(wx.errors[0]!.column).toBe('应结订单金额');
    expect(wx.matched).toBeGreaterThan(20);
    expect(listRows(core.ctx, { state: 'unmatched', limit: 10 }).total).toBe(3);
  });

  it('shows each kind of difference, the routine WeChat fees expected, and overdue orders per channel', () => {
    const open = listDifferences(core.ctx, { state: 'open', limit: 500 });
    const causes = new Set(open.map((d) => d.cause));
    for (const c of ['merchant_coupon', 'refund', 'timing', 'unexplained']) expect(causes, c).toContain(c);
    expect(open.filter((d) => d.cause === 'fee' && d.channel === 'miniprogram')).toHaveLength(0);
    expect(listDifferences(core.ctx, { state: 'expected', cause: 'fee', channel: 'miniprogram', limit: 500 }).length).toBeGreaterThan(10);
    const sum = moneySummary(core.ctx).channels;
    for (const ch of ['miniprogram', 'douyin', 'pinduoduo']) {
      const c = sum.find((x) => x.channel === ch)!;
      expect(c.paid.orders, ch).toBeGreaterThan(0);
      expect(c.overdue.orders, ch).toBeGreaterThan(0);
    }
    expect(listOrderMoney(core.ctx, { status: 'partly_paid', limit: 50 }).length).toBeGreaterThan(0);
  });

  it('shows profit after fees per channel and per order, and orders whose cost is unknown', () => {
    const today = new Date(core.ctx.clock.now()).toISOString().slice(0, 10);
    const from = new Date(core.ctx.clock.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const mini = profitByChannel(core.ctx, { from, to: today }).channels.find((c) => c.channel === 'miniprogram')!;
    expect(mini.profit).toBeGreaterThan(0);
    expect(mini.fees).toBeGreaterThan(0);
    expect(mini.unknownCostOrders).toBeGreaterThan(0);
    expect(mini.unknownCostOrders).toBeLessThan(mini.orders);
    const profits = listOrderMoney(core.ctx, { status: 'paid', channel: 'miniprogram', limit: 50 }).map((o) => orderMoneyDetail(core.ctx, o.orderId).profit);
    expect(profits.some((p) => p.profit !== null && p.fees > 0 && p.productCost! > 0)).toBe(true);
    expect(profits.some((p) => p.profit === null && p.unknown.some((u) => u.what === 'product_cost'))).toBe(true);
  });
});
