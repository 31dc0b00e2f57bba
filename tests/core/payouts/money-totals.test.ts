// The Money summary and the overdue list read running totals per order day, not every order: they
// must still say exactly what reading every order said (the reference below is the query the
// summary used before), with cancelled orders, orders on either side of a channel's cutoff on its
// cutoff day, orders placed after the totals were last counted, and money imported after; open
// differences counted per channel from their own index.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { moneySummary } from '../../../src-main/core/modules/payouts/queries';
import { startCore, addSku, SYSTEM, orderInput, type TestServer } from '../helpers';
import { wechatAllBill } from './statements';

/** Now is 2026-12-05 02:00 UTC: 小程序's D+1 cutoff is 2026-12-04 02:00, in the middle of its cutoff day. */
const NOW = Date.parse('2026-12-05T02:00:00Z');
const clock: Clock & { t: number } = { t: NOW, now() { return this.t; }, iso() { return new Date(this.t).toISOString(); } };
let s: TestServer;
const ids: Record<string, string> = {};

function order(channel: string, externalId: string, totalFen: number, createdIso: string) {
  const at = Date.parse(createdIso);
  const c = s.core.ctx;
  ids[externalId] = s.core.writes.runNow(() => createOrder({ ...c, clock: { now: () => at, iso: () => new Date(at).toISOString() } }, orderInput({ channel, externalId, sku: 'WH-1', total: { amount: totalFen, currency: 'CNY' } }), SYSTEM)).orderId;
}
const cancel = (externalId: string) => s.core.writes.runNow(() => applyOrderAction(s.core.ctx, ids[externalId]!, 'cancel', SYSTEM, { reason: 'buyer cancelled' }));

/** The summary's figures as reading every order gives them (the query the summary ran before the running totals). */
function everyOrder() {
  return s.core.db.prepare(`SELECT o.channel, COALESCE(o.currency, 'CNY') currency,
      sum(p.order_id IS NOT NULL) paid_orders, COALESCE(sum(p.received_fen), 0) paid_fen, COALESCE(sum(p.fee_fen), 0) fees,
      sum(p.order_id IS NULL AND NOT (c.cycle_days IS NOT NULL AND julianday(o.created_at) + c.cycle_days < julianday(@now))) transit_orders,
      COALESCE(sum(CASE WHEN p.order_id IS NULL AND NOT (c.cycle_days IS NOT NULL AND julianday(o.created_at) + c.cycle_days < julianday(@now)) THEN o.total_minor END), 0) transit_fen,
      sum(p.order_id IS NULL AND c.cycle_days IS NOT NULL AND julianday(o.created_at) + c.cycle_days < julianday(@now)) overdue_orders,
      COALESCE(sum(CASE WHEN p.order_id IS NULL AND c.cycle_days IS NOT NULL AND julianday(o.created_at) + c.cycle_days < julianday(@now) THEN o.total_minor END), 0) overdue_fen
    FROM orders o LEFT JOIN payout_orders p ON p.order_id = o.id LEFT JOIN payout_channels c ON c.channel = o.channel
    WHERE o.state != 'cancelled' GROUP BY 1, 2 ORDER BY 1, 2`).all({ now: clock.iso() }) as Record<string, string | number>[];
}
const summarised = () => moneySummary(s.core.ctx).channels.map((c) => ({
  channel: c.channel, currency: c.currency, paid_orders: c.paid.orders, paid_fen: c.paid.fen, fees: c.fees,
  transit_orders: c.inTransit.orders, transit_fen: c.inTransit.fen, overdue_orders: c.overdue.orders, overdue_fen: c.overdue.fen,
}));

beforeAll(async () => {
  s = await startCore({ core: { clock, ids: sequentialIds() }, setup: (core) => void addSku(core, 'WH-1', { onHand: 1000 }) });
  order('miniprogram', 'MT1', 19900, '2026-11-28T02:00:00Z'); // paid
  order('miniprogram', 'MT2', 6600, '2026-11-20T05:00:00Z'); // no money: overdue
  order('miniprogram', 'MT3', 4100, '2026-12-04T01:00:00Z'); // the cutoff day, before the cutoff: overdue
  order('miniprogram', 'MT4', 4200, '2026-12-04T05:00:00Z'); // the cutoff day, after it: in transit
  order('miniprogram', 'MT5', 4300, '2026-12-05T01:00:00Z'); // in transit
  order('miniprogram', 'MT6', 1500, '2026-11-25T05:00:00Z'); // cancelled, no money: expects nothing
  order('miniprogram', 'MT7', 2500, '2026-11-26T05:00:00Z'); // paid, then cancelled
  order('jd', 'J1', 15600, '2026-11-30T01:00:00Z'); // a channel with no cycle: in transit
  order('jd', 'J2', 900, '2026-11-30T02:00:00Z'); // cancelled
});
afterAll(() => s.close());

describe('the Money summary from running totals', () => {
  it('says what reading every order says, before and after money, cancels and new orders', async () => {
    expect(summarised()).toEqual(everyOrder());
    const bill = wechatAllBill([
      { time: '2026-11-28 10:00:05', txn: '4200000001202611280101', orderNo: 'MT1', settle: '199.00', fee: '1.19' },
      { time: '2026-11-26 13:00:05', txn: '4200000001202611260107', orderNo: 'MT7', settle: '25.00', fee: '0.15' },
    ]);
    const r = await s.as('finance', 'POST', '/api/payouts/statements?source=wechat', bill, { 'Content-Type': 'application/octet-stream' });
    expect(r.body).toMatchObject({ added: 2, matched: 2 });
    cancel('MT6');
    cancel('MT7');
    cancel('J2');
    const now = summarised();
    expect(now).toEqual(everyOrder());
    // Open differences per channel, counted from their own index: as many as joining each to its order says.
    const open = s.core.db.prepare("SELECT o.channel, count(*) n FROM payout_differences d JOIN orders o ON o.id = d.order_id WHERE d.state = 'open' GROUP BY 1").all() as { channel: string; n: number }[];
    expect(open.length).toBeGreaterThan(0);
    for (const { channel, n } of open) expect(moneySummary(s.core.ctx).channels.find((c) => c.channel === channel)?.openDifferences).toBe(n);
    expect(now.find((c) => c.channel === 'miniprogram')).toMatchObject({ paid_orders: 1, overdue_orders: 2, overdue_fen: 6600 + 4100, transit_orders: 2, transit_fen: 4200 + 4300 });
    // Orders placed after the totals were counted (read one by one until counted), then counted through the API.
    order('miniprogram', 'MT8', 700, '2026-11-21T05:00:00Z');
    order('jd', 'J3', 800, '2026-12-01T05:00:00Z');
    expect(summarised()).toEqual(everyOrder());
    const api = await s.as('finance', 'GET', '/api/payouts/summary');
    expect(api.body.channels.find((c: { channel: string }) => c.channel === 'miniprogram').overdue).toEqual({ orders: 3, fen: 6600 + 4100 + 700 });
    expect(s.core.db.prepare('SELECT upto FROM payout_order_cursor').pluck().get()).toBe(s.core.db.prepare('SELECT max(rowid) FROM orders').pluck().get());
    expect(summarised()).toEqual(everyOrder());
    // The overdue list starts at the first day that has orders without money, and lists them oldest first.
    const overdue = await s.as('finance', 'GET', '/api/payouts/orders?overdue=true&channel=miniprogram');
    expect(overdue.body.items.map((o: { externalId: string }) => o.externalId)).toEqual(['MT2', 'MT8', 'MT3']);
  });
});
