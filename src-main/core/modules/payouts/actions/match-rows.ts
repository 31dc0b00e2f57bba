// Storing statement rows and matching them to orders, run inside the core's writer. A row is
// matched by its merchant order number (商户订单号) against the order's channel number, then its
// Packline number; a refund without one through its charge (the platform's transaction id); a
// row with no order number at all by amount within the channel's tolerance and time within its
// window. A number that matches no order stays unmatched: money with no order, for finance to see.
import type { CoreContext } from '../../../context';
import type { Cause } from '../../../../contract/payouts';
import { findOrderIdByExternal, orderIdOf } from '../../orders/queries';
import type { ParsedRow } from '../formats';
import { reckon, routineRule } from '../reconcile';
import {
  deleteDifference, insertRow, selectChannel, selectChargeByTxn, selectDifferencesOfOrder, selectOrderFacts, selectRowsOfOrder, selectRules, selectUnnumberedRows,
  selectUnpaidByAmountTime, setRowLinkState, setRowOrder, upsertDifference, upsertOrderMoney, type RuleRec,
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

/** Stores a slice of rows (a row known already is counted, not stored again); returns the orders they touched. */
export function storeRows(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[]): { added: number; duplicates: number; touched: Set<string> } {
  const touched = new Set<string>();
  let added = 0;
  for (const r of rows) {
    const id = insertRow(ctx.db, statementId, channel, r);
    if (id === undefined) continue;
    added++;
    let orderId = r.merchantOrderNo ? orderOfNumber(ctx, channel, r.merchantOrderNo) : undefined;
    let by = 'number';
    if (!orderId && r.kind === 'refund' && r.platformTxnId) {
      orderId = selectChargeByTxn(ctx.db, r.platformTxnId)?.order_id ?? undefined;
      by = 'charge';
    }
    if (orderId) {
      setRowOrder(ctx.db, id, orderId, by);
      touched.add(orderId);
    }
  }
  return { added, duplicates: rows.length - added, touched };
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

/**
 * Works an order's money out again from all its rows: its totals and status, each difference by
 * cause (routine by a rule: expected; a cause a person confirmed stays confirmed), each row's state,
 * and each refund linked to its charge.
 */
export function reconcileOrder(ctx: CoreContext, orderId: string, rules: readonly RuleRec[] = selectRules(ctx.db)): void {
  const order = selectOrderFacts(ctx.db, orderId);
  if (!order) return;
  const rows = selectRowsOfOrder(ctx.db, orderId);
  const { cycleDays, toleranceFen } = channelSettings(ctx, order.channel);
  const m = reckon(order, rows, cycleDays, toleranceFen);
  upsertOrderMoney(ctx.db, {
    order_id: orderId, channel: order.channel, currency: m.currency, expected_fen: m.expectedFen, received_fen: m.receivedFen, fee_fen: m.feeFen,
    gap_fen: m.gapFen, unexplained_fen: m.unexplainedFen, status: m.status, updated_at: ctx.clock.iso(),
  });
  const present = new Set<Cause>();
  for (const c of m.causes) {
    present.add(c.cause);
    const rule = routineRule(rules, order.channel, c.cause, c.amountFen, m.expectedFen);
    upsertDifference(ctx.db, { orderId, cause: c.cause, amountFen: c.amountFen, currency: m.currency, state: rule ? 'expected' : 'open', ruleId: rule?.id ?? null });
  }
  for (const d of selectDifferencesOfOrder(ctx.db, orderId)) if (!present.has(d.cause as Cause)) deleteDifference(ctx.db, d.id);
  const charges = rows.filter((r) => r.kind === 'charge');
  const rowState = m.status === 'paid' ? 'matched' : 'partly_matched';
  for (const r of rows) {
    const charge = r.kind === 'refund' ? (charges.find((c) => c.platform_txn_id === r.platform_txn_id) ?? charges[0]) : undefined;
    if (r.state !== rowState || (charge?.id ?? null) !== r.charge_row_id) setRowLinkState(ctx.db, r.id, charge?.id ?? null, rowState);
  }
}

export function reconcileOrders(ctx: CoreContext, orderIds: Iterable<string>): void {
  const rules = selectRules(ctx.db);
  for (const id of orderIds) reconcileOrder(ctx, id, rules);
}
