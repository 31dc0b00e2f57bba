// Profit after fees, worked out when read (nothing is stored): one order from its statement rows and
// its lines' product cost, and per channel over a date range (store.ts selectChannelProfit, the same
// reckoning in SQL). revenue = what arrived before the platform took its fees and the refunds went
// back (received + fees + refunds; a shop coupon is already off), or the order's total while no
// money has arrived. A cancelled order sold nothing: no product cost, and no revenue until money
// comes. Packline keeps no label or carrier cost, so shipping is left out and said so.
import type { CoreContext } from '../../context';
import type { ChannelProfit, OrderProfit, ProfitUnknown } from '../../../contract/payouts';
import { fail, issue } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { shopDayStart } from '../../../contract/shop-time';
import { getSettings } from '../settings/queries';
import { selectChannelProfit, selectCostLinesOf, type CostLineRec, type StatementRowRec } from './store';

const DAY_MS = 86_400_000;
/** The widest range the per-channel profit reads: a quarter (the read is on the core's connection: about 90 ms per 26,000 orders). */
const MAX_RANGE_DAYS = 92;

/** profit / revenue in percent with one decimal; null when either is not known or revenue is 0. */
const marginOf = (profit: number | null, revenue: number | null) => (profit === null || !revenue ? null : Math.round((profit * 1000) / revenue) / 10);

export interface ProfitFacts {
  totalMinor: number | null;
  currency: string;
  cancelled: boolean;
  rows: readonly Pick<StatementRowRec, 'kind' | 'net_fen' | 'fee_fen' | 'refund_fen'>[];
  lines: readonly CostLineRec[];
}

export function reckonProfit(f: ProfitFacts): OrderProfit {
  const unknown: ProfitUnknown[] = [];
  const fees = f.rows.reduce((s, r) => s + r.fee_fen, 0);
  const refunds = f.rows.reduce((s, r) => s + (r.kind === 'refund' ? r.refund_fen : 0), 0);
  let revenue: number | null;
  if (f.rows.length > 0) revenue = f.rows.reduce((s, r) => s + r.net_fen, 0) + fees + refunds;
  else {
    revenue = f.cancelled ? 0 : f.totalMinor;
    if (!f.cancelled) unknown.push({ what: 'fees', sku: null });
    if (revenue === null) unknown.push({ what: 'revenue', sku: null });
  }
  let productCost: number | null = 0;
  if (!f.cancelled) {
    for (const l of f.lines) {
      if (l.cost_minor === null || (l.cost_currency !== null && l.cost_currency !== f.currency)) {
        unknown.push({ what: 'product_cost', sku: l.sku });
        productCost = null;
      } else if (productCost !== null) productCost += l.cost_minor * l.qty;
    }
  }
  unknown.push({ what: 'shipping', sku: null });
  const profit = revenue === null || productCost === null ? null : revenue - fees - refunds - productCost;
  return { currency: f.currency, revenue, fees, refunds, shipping: null, productCost, profit, marginPct: marginOf(profit, revenue), unknown };
}

/** One order's profit (orderMoneyDetail has its rows already). */
export const orderProfit = (ctx: CoreContext, o: { id: string; totalMinor: number | null; currency: string; state: string; rows: ProfitFacts['rows'] }): OrderProfit =>
  reckonProfit({ totalMinor: o.totalMinor, currency: o.currency, cancelled: o.state === 'cancelled', rows: o.rows, lines: selectCostLinesOf(ctx.db, o.id) });

/**
 * Profit per channel of the orders placed from `from` to `to`: the shop's days (its `timeZone`
 * setting), both included, from the shop's midnight starting `from` to the one ending `to`.
 */
export function profitByChannel(ctx: CoreContext, q: { from: string; to: string }): { channels: ChannelProfit[]; from: string; to: string } {
  // The days counted as calendar days (UTC arithmetic on the dates alone); the instants are the shop's.
  const first = Date.parse(`${q.from}T00:00:00Z`);
  const after = Date.parse(`${q.to}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(first)) fail('validation', `from: "${q.from}" is not a day`, [{ path: 'from', message: 'not a day' }]);
  if (Number.isNaN(after)) fail('validation', `to: "${q.to}" is not a day`, [{ path: 'to', message: 'not a day' }]);
  if (after <= first) fail('validation', said('toBeforeFrom'), [issue('to', said('beforeFrom'))]);
  if (after - first > MAX_RANGE_DAYS * DAY_MS) fail('validation', said('rangeTooLong', { max: MAX_RANGE_DAYS }), [issue('to', said('daysAfterFrom', { max: MAX_RANGE_DAYS }))]);
  const { timeZone } = getSettings(ctx);
  const start = shopDayStart(q.from, timeZone);
  const end = shopDayStart(q.to, timeZone, 1);
  const channels = selectChannelProfit(ctx.db, new Date(start).toISOString(), new Date(end).toISOString()).map((c) => ({
    channel: c.channel, currency: c.currency, orders: c.orders, revenue: c.revenue, fees: c.fees, refunds: c.refunds, cost: c.cost, profit: c.profit,
    marginPct: c.orders > c.unknown_cost_orders ? marginOf(c.profit, c.known_revenue) : null, unknownCostOrders: c.unknown_cost_orders,
  }));
  return { channels, from: q.from, to: q.to };
}
