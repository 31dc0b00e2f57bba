// Storing statement rows and matching them to orders, run inside the core's writer. A row is
// matched by its merchant order number (商户订单号) against the order's channel number, then its
// Packline number; a refund without one through its charge (the platform's transaction id); a
// row with no order number at all by amount within the channel's tolerance and time within its
// window. A number that matches no order stays unmatched: money with no order, for finance to see.
import type { CoreContext } from '../../../context';
import { reckonTotals, routineRule } from '../reconcile';
import {
  addPaidToDays, linkRefundsToCharges, replaceDifferencesOf, selectChannel, selectRowTotalsOf, selectRowsWithoutOrder,
  selectRules, selectOrderIdsWithDifferences, selectOrderIdsWithMoney, selectUnpaidByAmountTime, setRowOrder, setRowsStateOf, upsertOrderMoneyOf, type RowTotalsRec, type RuleRec,
} from '../store';

/** Settings of a channel that has none saved: no cycle, a fen of tolerance, three days of window. */
const DEFAULT_TOLERANCE_FEN = 1;
const DEFAULT_WINDOW_HOURS = 72;

export function channelSettings(ctx: CoreContext, channel: string) {
  const c = selectChannel(ctx.db, channel);
  return { cycleDays: c?.cycle_days ?? null, toleranceFen: c?.tolerance_fen ?? DEFAULT_TOLERANCE_FEN, windowHours: c?.window_hours ?? DEFAULT_WINDOW_HOURS };
}

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

/** A batch of orders reckoned (reckonBatch): what writeReckoned stores, and each order's row state. */
export interface Reckoned {
  /** each order's money, as upsertOrderMoneyOf binds it (orders one after another) */
  money: unknown[];
  /** each difference, as replaceDifferencesOf binds it */
  diffs: unknown[];
  /** the orders that had money before (only they can have differences to delete) */
  hadMoney: string[];
  /** [order_id, state] of the orders whose stored rows may not have their order's state yet */
  states: [string, string][];
  /** every order's row state */
  stateOf: Map<string, string>;
  withRefunds: string[];
  /** what the batch changes in the running totals per order day (payout_order_days) */
  days: Map<string, [string, string, string, number, number, number, number]>;
}

/**
 * Works the money of a batch of orders out from their rows' totals (`totals`): totals and status,
 * each difference by cause (routine by a rule: expected; a cause a person confirmed stays confirmed),
 * each row's state (its order's). `restate`: whether an order's stored rows may need their state set.
 */
export function reckonBatch(at: string, totals: readonly RowTotalsRec[], rules: readonly RuleRec[], restate: (t: RowTotalsRec, state: string) => boolean): Reckoned {
  const r: Reckoned = { money: [], diffs: [], hadMoney: [], states: [], stateOf: new Map(), withRefunds: [], days: new Map() };
  for (const t of totals) {
    const m = reckonTotals(t.total_minor, totalsOf(t), t.tolerance_fen ?? DEFAULT_TOLERANCE_FEN);
    r.money.push(t.order_id, t.channel, m.currency, m.expectedFen, m.receivedFen, m.feeFen, m.gapFen, m.unexplainedFen, m.status, at);
    if (t.had_money) r.hadMoney.push(t.order_id);
    for (const c of m.causes) {
      const rule = routineRule(rules, t.channel, c.cause, c.amountFen, m.expectedFen);
      r.diffs.push(t.order_id, c.cause, c.amountFen, m.currency, rule ? 'expected' : 'open', rule?.id ?? null, t.channel);
    }
    // Every row of an order takes the order's state.
    const state = m.status === 'paid' ? 'matched' : 'partly_matched';
    r.stateOf.set(t.order_id, state);
    if (restate(t, state)) r.states.push([t.order_id, state]);
    if (t.refunds) r.withRefunds.push(t.order_id);
    const key = `${t.channel} ${t.order_currency} ${t.day}`;
    let d = r.days.get(key);
    if (!d) r.days.set(key, (d = [t.channel, t.order_currency, t.day, 0, 0, 0, 0]));
    if (!t.had_money) {
      d[3]++;
      d[4] += t.total_minor ?? 0;
    }
    d[5] += m.receivedFen - t.old_received;
    d[6] += m.feeFen - t.old_fee;
  }
  return r;
}

/**
 * Stores what reckonBatch worked out for a batch of orders, a statement or a few per table, so the
 * cost per order is the rows SQLite writes, not calls. `orderIdsJson`: the orders whose other
 * differences go (null: none of them had any). `beforeRefunds`: what must be stored before refunds
 * are linked to their charges (an import's new rows).
 */
export function writeReckoned(ctx: CoreContext, orderIdsJson: string | null, r: Reckoned, beforeRefunds?: () => void): void {
  upsertOrderMoneyOf(ctx.db, r.money);
  replaceDifferencesOf(ctx.db, orderIdsJson, r.diffs);
  for (const state of ['matched', 'partly_matched']) {
    const ids = r.states.filter(([, s]) => s === state).map(([id]) => id);
    if (ids.length) setRowsStateOf(ctx.db, JSON.stringify(ids), state);
  }
  beforeRefunds?.();
  if (r.withRefunds.length) linkRefundsToCharges(ctx.db, JSON.stringify(r.withRefunds));
  if (r.days.size) addPaidToDays(ctx.db, [...r.days.values()].flat());
}

/** Works the money of a batch of orders out again from all their stored rows (added up in SQL, one read for the batch). */
export function reconcileBatch(ctx: CoreContext, orderIdsJson: string, rules: readonly RuleRec[]): void {
  const totals = selectRowTotalsOf(ctx.db, orderIdsJson);
  writeReckoned(ctx, orderIdsJson, reckonBatch(ctx.clock.iso(), totals, rules, (t, state) => (state === 'matched' ? t.matched_rows : t.partly_matched_rows) !== t.rows));
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

/** Which orders a setting change may move: a rule those with differences; a settlement cycle those with money. */
export type Rework = 'differences' | 'money';
const REWORK_BATCH = 100;

/**
 * After a rule or a cycle changed: reconciles the orders it may move again, a batch at a time in id
 * order from `after`, for about `budgetMs` (all by default). Returns where the next slice starts, or null when done.
 */
export function reconcileAgain(ctx: CoreContext, which: Rework, after = '', budgetMs = Infinity): string | null {
  const rules = selectRules(ctx.db);
  const until = performance.now() + budgetMs;
  let from = after;
  do {
    const ids = which === 'differences' ? selectOrderIdsWithDifferences(ctx.db, from, REWORK_BATCH) : selectOrderIdsWithMoney(ctx.db, from, REWORK_BATCH);
    if (!ids.length) return null;
    reconcileBatch(ctx, JSON.stringify(ids), rules);
    from = ids[ids.length - 1]!;
  } while (performance.now() < until);
  return from;
}
