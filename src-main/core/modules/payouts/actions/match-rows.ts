// Storing statement rows and matching them to orders, run inside the core's writer. A row is
// matched by its merchant order number (商户订单号) against the order's channel number, then its
// Packline number; a refund without one through its charge (the platform's transaction id); a
// row with no order number at all by amount within the channel's tolerance and time within its
// window. A number that matches no order stays unmatched: money with no order, for finance to see.
import type { CoreContext } from '../../../context';
import { findOrderIdByExternal, orderIdOf } from '../../orders/queries';
import type { ParsedRow } from '../formats';
import { reckon, routineRule } from '../reconcile';
import {
  deleteDifference, insertRow, selectChannel, selectChargeByTxn, selectDifferenceCausesOf, selectOrderFactsOf, selectRowsOfOrders, selectRules, selectUnnumberedRows,
  selectUnpaidByAmountTime, setOrdersRowsState, setRowCharge, setRowOrder, upsertDifference, upsertOrderMoney, type OrderFacts, type RowMoneyRec, type RuleRec,
} from '../store';

/** Settings of a channel that has none saved: no cycle, a fen of tolerance, three days of window. */
const DEFAULT_TOLERANCE_FEN = 1;
const DEFAULT_WINDOW_HOURS = 72;

export function channelSettings(ctx: CoreContext, channel: string) {
  const c = selectChannel(ctx.db, channel);
  return { cycleDays: c?.cycle_days ?? null, toleranceFen: c?.tolerance_fen ?? DEFAULT_TOLERANCE_FEN, windowHours: c?.window_hours ?? DEFAULT_WINDOW_HOURS };
}

/** The order a statement's order number names in this channel: its channel number, else its Packline number. */
function orderOfNumber(ctx: CoreContext, channel: string, no: string): string | undefined {
  return findOrderIdByExternal(ctx, channel, no) ?? orderIdOf(ctx, no);
}

/**
 * Stores rows from `from` on, matched as they go in (a row known already is counted, not stored
 * again), until `budgetMs` has passed: a write job stays short however fast the machine is.
 */
export function storeRows(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[], from = 0, budgetMs = Infinity) {
  const touched = new Set<string>();
  const until = performance.now() + budgetMs;
  let added = 0;
  let i = from;
  for (; i < rows.length && (i === from || (i - from) % 32 !== 0 || performance.now() < until); i++) {
    const r = rows[i]!;
    let orderId = r.merchantOrderNo ? orderOfNumber(ctx, channel, r.merchantOrderNo) : undefined;
    let by = 'number';
    if (!orderId && r.kind === 'refund' && r.platformTxnId) {
      orderId = selectChargeByTxn(ctx.db, r.platformTxnId)?.order_id ?? undefined;
      by = 'charge';
    }
    if (!insertRow(ctx.db, statementId, channel, r, orderId ?? null, orderId ? by : null)) continue;
    added++;
    if (orderId) touched.add(orderId);
  }
  return { added, duplicates: i - from - added, touched, next: i };
}

/**
 * This statement's charges that carry no order number: each takes the unpaid order of the channel
 * whose total is within the tolerance and whose time is nearest within the window (one order, one charge).
 */
export function matchByAmountAndTime(ctx: CoreContext, statementId: string, channel: string): Set<string> {
  const { toleranceFen, windowHours } = channelSettings(ctx, channel);
  const taken = new Set<string>();
  const windowMs = windowHours * 3_600_000;
  for (const r of selectUnnumberedRows(ctx.db, statementId)) {
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

/** Orders reconciled per read: three reads (facts, rows, differences) serve this many orders. */
const RECONCILE_BATCH = 500;

type RowState = 'matched' | 'partly_matched';

type Settings = Map<string, ReturnType<typeof channelSettings>>;

/**
 * Works an order's money out again from all its rows: its totals and status, each difference by
 * cause (routine by a rule: expected; a cause a person confirmed stays confirmed), each row's state,
 * and each refund linked to its charge. `causes`: the causes the order has differences for now.
 */
function reconcileOne(ctx: CoreContext, order: OrderFacts, rows: readonly RowMoneyRec[], causes: readonly string[], rules: readonly RuleRec[], settings: Settings): RowState | null {
  const orderId = order.id;
  let cfg = settings.get(order.channel);
  if (!cfg) settings.set(order.channel, (cfg = channelSettings(ctx, order.channel)));
  const { cycleDays, toleranceFen } = cfg;
  const m = reckon(order, rows, cycleDays, toleranceFen);
  upsertOrderMoney(ctx.db, {
    order_id: orderId, channel: order.channel, currency: m.currency, expected_fen: m.expectedFen, received_fen: m.receivedFen, fee_fen: m.feeFen,
    gap_fen: m.gapFen, unexplained_fen: m.unexplainedFen, status: m.status, updated_at: ctx.clock.iso(),
  });
  const present = new Set<string>();
  for (const c of m.causes) {
    present.add(c.cause);
    const rule = routineRule(rules, order.channel, c.cause, c.amountFen, m.expectedFen);
    upsertDifference(ctx.db, { orderId, cause: c.cause, amountFen: c.amountFen, currency: m.currency, state: rule ? 'expected' : 'open', ruleId: rule?.id ?? null });
  }
  for (const cause of causes) if (!present.has(cause)) deleteDifference(ctx.db, orderId, cause);
  const charges = rows.filter((r) => r.kind === 'charge');
  for (const r of rows) {
    if (r.kind !== 'refund') continue;
    const charge = charges.find((c) => c.platform_txn_id === r.platform_txn_id) ?? charges[0];
    if ((charge?.id ?? null) !== r.charge_row_id) setRowCharge(ctx.db, r.id, charge?.id ?? null);
  }
  // Every row of an order takes the order's state; the caller sets it for a batch of orders at once.
  const state = m.status === 'paid' ? 'matched' : 'partly_matched';
  return rows.some((r) => r.state !== state) ? state : null;
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
};

/**
 * Reconciles orders a batch at a time: each batch's orders, rows and differences are read in three
 * queries (not three per order), so a statement of 100,000 orders costs the writes, not the reads.
 * From `from` on, for about `budgetMs` (all by default); returns where the next slice starts.
 */
export function reconcileOrders(ctx: CoreContext, orderIds: Iterable<string>, from = 0, budgetMs = Infinity): number {
  const ids = Array.isArray(orderIds) ? (orderIds as string[]) : [...orderIds];
  const rules = selectRules(ctx.db);
  const settings: Settings = new Map();
  const until = performance.now() + budgetMs;
  let done = from;
  // Within a time budget, smaller batches: the budget is checked between batches.
  const batch = budgetMs === Infinity ? RECONCILE_BATCH : RECONCILE_BATCH / 5;
  while (done < ids.length && (done === from || performance.now() < until)) {
    const chunk = ids.slice(done, done + batch);
    const json = JSON.stringify(chunk);
    const facts = new Map(selectOrderFactsOf(ctx.db, json).map((o) => [o.id, o]));
    const rows = groupBy(selectRowsOfOrders(ctx.db, json), (r) => r.order_id!);
    const causes = groupBy(selectDifferenceCausesOf(ctx.db, json), (d) => d.order_id);
    const toState: Record<RowState, string[]> = { matched: [], partly_matched: [] };
    for (const id of chunk) {
      const order = facts.get(id);
      const state = order && reconcileOne(ctx, order, rows.get(id) ?? [], (causes.get(id) ?? []).map((d) => d.cause), rules, settings);
      if (state) toState[state].push(id);
    }
    for (const state of ['matched', 'partly_matched'] as const) if (toState[state].length) setOrdersRowsState(ctx.db, JSON.stringify(toState[state]), state);
    done += chunk.length;
  }
  return done;
}
