// Storing statement rows and matching them to orders, run inside the core's writer. A row is
// matched by its merchant order number (商户订单号) against the order's channel number, then its
// Packline number; a refund without one through its charge (the platform's transaction id); a
// row with no order number at all by amount within the channel's tolerance and time within its
// window. A number that matches no order stays unmatched: money with no order, for finance to see.
import type { CoreContext } from '../../../context';
import { reckonTotals, routineRule } from '../reconcile';
import {
  addPaidToDays, insertRows, linkRefundsToCharges, matchRefundsToCharges, replaceDifferencesOf, selectChannel, selectRowTotalsOf, selectRowsWithoutOrder, selectRules,
  selectUnpaidByAmountTime, setRowOrder, setRowsStateOf, upsertOrderMoneyOf, type RowTotalsRec, type RuleRec,
} from '../store';

/** Settings of a channel that has none saved: no cycle, a fen of tolerance, three days of window. */
const DEFAULT_TOLERANCE_FEN = 1;
const DEFAULT_WINDOW_HOURS = 72;

export function channelSettings(ctx: CoreContext, channel: string) {
  const c = selectChannel(ctx.db, channel);
  return { cycleDays: c?.cycle_days ?? null, toleranceFen: c?.tolerance_fen ?? DEFAULT_TOLERANCE_FEN, windowHours: c?.window_hours ?? DEFAULT_WINDOW_HOURS };
}

/** What storing a batch of rows found: rows added, orders they matched, rows to match after the whole file is in. */
export interface StoredRows {
  added: number;
  touched: string[];
  /** refunds with a transaction id that named no order: matched to their charge's order at the end (the charge may come later in the file) */
  refundsWithoutOrder: number[];
  /** charges that carry no order number: matched by amount and time at the end */
  unnumbered: number[];
}

/**
 * Stores a batch of rows (`json`: formats rowsJson), each matched as it goes in by its merchant order
 * number: the order's channel number, then its Packline number. A row known already is skipped.
 */
export function storeRows(ctx: CoreContext, statementId: string, channel: string, json: string): StoredRows {
  const out: StoredRows = { added: 0, touched: [], refundsWithoutOrder: [], unnumbered: [] };
  for (const r of insertRows(ctx.db, statementId, channel, JSON.parse(json) as unknown[])) {
    out.added++;
    if (r.order_id) out.touched.push(r.order_id);
    else if (r.kind === 'refund' && r.platform_txn_id) out.refundsWithoutOrder.push(r.id);
    else if (r.kind === 'charge' && !r.merchant_order_no) out.unnumbered.push(r.id);
  }
  return out;
}

/** Refunds that named no order take their charge's order (the platform's transaction id); returns the orders. */
export const matchRefunds = (ctx: CoreContext, rowIds: readonly number[]): string[] => (rowIds.length ? matchRefundsToCharges(ctx.db, JSON.stringify(rowIds)) : []);

/**
 * Charges that carry no order number (`rowIds`, from storeRows): each takes the unpaid order of the
 * channel whose total is within the tolerance and whose time is nearest within the window (one order, one charge).
 */
export function matchByAmountAndTime(ctx: CoreContext, rowIds: readonly number[], channel: string): Set<string> {
  const { toleranceFen, windowHours } = channelSettings(ctx, channel);
  const taken = new Set<string>();
  const windowMs = windowHours * 3_600_000;
  if (!rowIds.length) return taken;
  for (const r of selectRowsWithoutOrder(ctx.db, JSON.stringify(rowIds))) {
    if (!r.occurred_at) continue;
    const t = Date.parse(r.occurred_at);
    const candidates = selectUnpaidByAmountTime(ctx.db, channel, r.gross_fen - toleranceFen, r.gross_fen + toleranceFen, new Date(t - windowMs).toISOString(), new Date(t + windowMs).toISOString())
      .filter((o) => !taken.has(o.id))
      .sort((a, b) => Math.abs(Date.parse(a.created_at) - t) - Math.abs(Date.parse(b.created_at) - t));
    const o = candidates[0];
    if (!o) continue;
    taken.add(o.id);
    setRowOrder(ctx.db, r.id, o.id, 'amount_time');
  }
  return taken;
}

/** Orders reconciled per batch: one read and five writes serve this many orders. */
const RECONCILE_BATCH = 500;

/**
 * Works the money of a batch of orders out again from all their rows: totals and status, each
 * difference by cause (routine by a rule: expected; a cause a person confirmed stays confirmed),
 * each row's state (its order's), each refund linked to its charge. The rows are added up in SQL
 * (one read for the batch); the causes are worked out here (reconcile.ts); the results go back in
 * one statement per table, so the cost per order is the rows SQLite writes, not calls.
 */
function reconcileBatch(ctx: CoreContext, orderIdsJson: string, rules: readonly RuleRec[]): void {
  const at = ctx.clock.iso();
  const money: unknown[][] = [];
  const diffs: unknown[][] = [];
  const states: [string, string][] = [];
  const withRefunds: string[] = [];
  // What this batch changes in the running totals per order day (payout_order_days).
  const days = new Map<string, [string, string, string, number, number, number, number]>();
  for (const t of selectRowTotalsOf(ctx.db, orderIdsJson)) {
    const m = reckonTotals(t.total_minor, totalsOf(t), t.tolerance_fen ?? DEFAULT_TOLERANCE_FEN);
    money.push([t.order_id, t.channel, m.currency, m.expectedFen, m.receivedFen, m.feeFen, m.gapFen, m.unexplainedFen, m.status, at]);
    for (const c of m.causes) {
      const rule = routineRule(rules, t.channel, c.cause, c.amountFen, m.expectedFen);
      diffs.push([t.order_id, c.cause, c.amountFen, m.currency, rule ? 'expected' : 'open', rule?.id ?? null, t.channel]);
    }
    // Every row of an order takes the order's state.
    const state = m.status === 'paid' ? 'matched' : 'partly_matched';
    if ((state === 'matched' ? t.matched_rows : t.partly_matched_rows) !== t.rows) states.push([t.order_id, state]);
    if (t.refunds) withRefunds.push(t.order_id);
    const key = `${t.channel} ${t.order_currency} ${t.day}`;
    let d = days.get(key);
    if (!d) days.set(key, (d = [t.channel, t.order_currency, t.day, 0, 0, 0, 0]));
    if (!t.had_money) {
      d[3]++;
      d[4] += t.total_minor ?? 0;
    }
    d[5] += m.receivedFen - t.old_received;
    d[6] += m.feeFen - t.old_fee;
  }
  upsertOrderMoneyOf(ctx.db, JSON.stringify(money));
  replaceDifferencesOf(ctx.db, orderIdsJson, JSON.stringify(diffs));
  if (states.length) setRowsStateOf(ctx.db, JSON.stringify(states));
  if (withRefunds.length) linkRefundsToCharges(ctx.db, JSON.stringify(withRefunds));
  if (days.size) addPaidToDays(ctx.db, JSON.stringify([...days.values()]));
}

const totalsOf = (t: RowTotalsRec) => ({
  rows: t.rows, currency: t.currency, mixedCurrency: t.mixed_currency === 1, net: t.net, fee: t.fee, gross: t.gross, merchantCoupon: t.merchant_coupon,
  platformCoupon: t.platform_coupon, refund: t.refund, dispute: t.dispute, reserve: t.reserve, late: t.late,
});

/**
 * Reconciles orders a batch at a time (reconcileBatch), from `from` on, for about `budgetMs` (all by
 * default); returns where the next slice starts.
 */
export function reconcileOrders(ctx: CoreContext, orderIds: Iterable<string>, from = 0, budgetMs = Infinity): number {
  const ids = Array.isArray(orderIds) ? (orderIds as string[]) : [...orderIds];
  const rules = selectRules(ctx.db);
  const until = performance.now() + budgetMs;
  let done = from;
  // Within a time budget, smaller batches: the budget is checked between batches.
  const batch = budgetMs === Infinity ? RECONCILE_BATCH : RECONCILE_BATCH / 5;
  while (done < ids.length && (done === from || performance.now() < until)) {
    const chunk = ids.slice(done, done + batch);
    reconcileBatch(ctx, JSON.stringify(chunk), rules);
    done += chunk.length;
  }
  return done;
}
