// Storing statement rows and matching them to orders, run inside the core's writer. A row is
// matched by its merchant order number (商户订单号) against the order's channel number, then its
// Packline number; a refund without one through its charge (the platform's transaction id); a
// row with no order number at all by amount within the channel's tolerance and time within its
// window. A number that matches no order stays unmatched: money with no order, for finance to see.
import type { CoreContext } from '../../../context';
import { reckonTotals, routineRule } from '../reconcile';
import {
  addPaidToDays, linkRefundsToCharges, matchStagedRefunds, moveStagedRowsOf, moveStagedRowsWithoutOrder, replaceDifferencesOf, selectChannel, selectRowTotalsOf, selectRowsWithoutOrder,
  selectRules, selectStagedOrderIds, selectStagedRowTotalsOf, selectOrderIdsWithDifferences, selectOrderIdsWithMoney, selectUnpaidByAmountTime, setRowOrder, setRowsStateOf, stageRows, upsertOrderMoneyOf, type RowTotalsRec, type RuleRec,
} from '../store';

/** Settings of a channel that has none saved: no cycle, a fen of tolerance, three days of window. */
const DEFAULT_TOLERANCE_FEN = 1;
const DEFAULT_WINDOW_HOURS = 72;

export function channelSettings(ctx: CoreContext, channel: string) {
  const c = selectChannel(ctx.db, channel);
  return { cycleDays: c?.cycle_days ?? null, toleranceFen: c?.tolerance_fen ?? DEFAULT_TOLERANCE_FEN, windowHours: c?.window_hours ?? DEFAULT_WINDOW_HOURS };
}

/** Where an import's rows wait until their orders are reconciled (store.ts payout_stage): its statement, and the channel its rows are of. */
export interface Staged { statementId: string; channel: string }

/**
 * Stages a batch of rows (`json`: formats rowsJson), each matched as it goes in by its merchant order
 * number: the order's channel number, then its Packline number. A row known already is skipped;
 * returns the rows staged.
 */
export const stageBatch = (ctx: CoreContext, staged: Staged, json: string): number => stageRows(ctx.db, staged.statementId, staged.channel, JSON.parse(json) as unknown[]);

/** Once every row is staged: refunds that named no order take their charge's (which may have come later in the file, or in an earlier one). */
export const matchRefunds = (ctx: CoreContext, staged: Staged): void => void matchStagedRefunds(ctx.db, staged.statementId);

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
function reconcileBatch(ctx: CoreContext, orderIdsJson: string, rules: readonly RuleRec[], staged?: Staged): void {
  const at = ctx.clock.iso();
  const money: unknown[][] = [];
  const diffs: unknown[][] = [];
  const states: [string, string][] = [];
  const withRefunds: string[] = [];
  // What this batch changes in the running totals per order day (payout_order_days).
  const days = new Map<string, [string, string, string, number, number, number, number]>();
  const totals = staged ? selectStagedRowTotalsOf(ctx.db, staged.statementId, orderIdsJson) : selectRowTotalsOf(ctx.db, orderIdsJson);
  for (const t of totals) {
    const m = reckonTotals(t.total_minor, totalsOf(t), t.tolerance_fen ?? DEFAULT_TOLERANCE_FEN);
    money.push([t.order_id, t.channel, m.currency, m.expectedFen, m.receivedFen, m.feeFen, m.gapFen, m.unexplainedFen, m.status, at]);
    for (const c of m.causes) {
      const rule = routineRule(rules, t.channel, c.cause, c.amountFen, m.expectedFen);
      diffs.push([t.order_id, c.cause, c.amountFen, m.currency, rule ? 'expected' : 'open', rule?.id ?? null, t.channel]);
    }
    // Every row of an order takes the order's state.
    const state = m.status === 'paid' ? 'matched' : 'partly_matched';
    if (staged || (state === 'matched' ? t.matched_rows : t.partly_matched_rows) !== t.rows) states.push([t.order_id, state]);
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
  const statesJson = JSON.stringify(states);
  // The stored rows first, then the staged ones go in already in their order's state: each row is written once.
  if (states.length) setRowsStateOf(ctx.db, statesJson);
  if (staged && states.length) moveStagedRowsOf(ctx.db, staged.statementId, staged.channel, statesJson);
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

/** Staged orders reconciled per batch within a write job's time budget. */
const STAGED_BATCH = 100;

/**
 * Reconciles the orders an import's staged rows name, in batches, from order id `after` on, for about
 * `budgetMs` (all by default); each batch's rows then go into payout_rows in their final state.
 * Returns where the next slice starts, or null once every order is done.
 */
export function reconcileStaged(ctx: CoreContext, staged: Staged, after = '', budgetMs = Infinity): string | null {
  const rules = selectRules(ctx.db);
  const until = performance.now() + budgetMs;
  let from = after;
  do {
    const ids = selectStagedOrderIds(ctx.db, staged.statementId, from, STAGED_BATCH);
    if (!ids.length) return null;
    reconcileBatch(ctx, JSON.stringify(ids), rules, staged);
    from = ids[ids.length - 1]!;
  } while (performance.now() < until);
  return from;
}

/** Staged rows that found no order stored per batch. */
const UNMATCHED_BATCH = 2000;

/**
 * Stores the staged rows that found no order, a batch at a time from stage seq `after`, for about
 * `budgetMs`; the charges without an order number among them go into `unnumbered` (matched by amount and time at the end).
 * Returns where the next slice starts, or null once every row is in.
 */
export function storeRowsWithoutOrder(ctx: CoreContext, staged: Staged, unnumbered: number[], after = 0, budgetMs = Infinity): number | null {
  const until = performance.now() + budgetMs;
  let from: number | null = after;
  do {
    const r = moveStagedRowsWithoutOrder(ctx.db, staged.statementId, staged.channel, from, UNMATCHED_BATCH);
    for (const row of r.rows) if (row.kind === 'charge' && !row.merchant_order_no) unnumbered.push(row.id);
    from = r.next;
  } while (from !== null && performance.now() < until);
  return from;
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
