// Reads of payouts: statements and their rows, orders' money, differences, per-channel totals and
// aging, rules, channel cycles, saved mappings. Amounts stay integer fen.
import type { CoreContext } from '../../context';
import type {
  CauseRule, ChannelCycle, ChannelMoney, Difference, OrderMoney, PayStatus, RowIssue, StatementMapping, StatementReport, StatementRow, StatementSource,
} from '../../../contract/payouts';
import { fail, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { orderIdOf } from '../orders/queries';
import { dueAt } from './reconcile';
import { orderProfit } from './profit';
import {
  countOpenDifferencesByChannel, countRowStates, countRowStatesOfLines, countUnmatchedRowsByChannel, selectLastLineOf, selectChannelTotals, selectChannels, selectDifference, selectDifferences, selectDifferencesOfOrder,
  selectMappings, selectOrderFacts, selectOrderMoney, selectOrderMoneyList, selectRows, selectRowsOfOrder, selectRules, selectStatement, selectStatements,
  selectUnpaidOrders, selectChannel, type ChannelTotalsRec, type DifferenceRec, type OrderMoneyListRec, type StatementRec, type StatementRowRec,
} from './store';

export function statementReport(ctx: CoreContext, s: StatementRec | string): StatementReport {
  const rec = typeof s === 'string' ? (selectStatement(ctx.db, s) ?? notFound('statement', s)) : s;
  return reportOf(rec, Object.fromEntries(countRowStates(ctx.db, rec.id).map((x) => [x.state, x.n])));
}

/** File lines whose rows' states are counted in one read: about a millisecond (a 100,000-row statement at once held the loop 65-700 ms). */
const LINES_PER_READ = 2000;
/** Reads of one turn of the event loop, at most: then requests waiting are served. */
const TURN_MS = 4;

/**
 * statementReport for a big statement, its rows' states counted a range of file lines per read,
 * a few reads per turn of the event loop; reads only, so the counts are those of the moment each
 * range was read (an import of the same orders meanwhile may move a row from one state to another).
 */
export async function statementReportInTurns(ctx: CoreContext, statementId: string): Promise<StatementReport> {
  const states: Record<string, number> = {};
  let rec = selectStatement(ctx.db, statementId) ?? notFound('statement', statementId);
  const last = selectLastLineOf(ctx.db, statementId);
  for (let from = 0; from < last; ) {
    const until = performance.now() + TURN_MS;
    for (; from < last && performance.now() < until; from += LINES_PER_READ) {
      for (const x of countRowStatesOfLines(ctx.db, statementId, from, from + LINES_PER_READ)) states[x.state] = (states[x.state] ?? 0) + x.n;
    }
    if (from < last) await new Promise((r) => setImmediate(r));
  }
  rec = selectStatement(ctx.db, statementId) ?? rec;
  return reportOf(rec, states);
}

function reportOf(rec: StatementRec, states: Record<string, number>): StatementReport {
  return {
    statementId: rec.id, source: rec.source as StatementSource, channel: rec.channel, filename: rec.filename, encoding: rec.encoding, alreadyImported: false,
    rows: rec.rows_read, added: rec.rows_added, duplicates: rec.rows_duplicate, refused: rec.rows_refused,
    matched: states.matched ?? 0, partlyMatched: states.partly_matched ?? 0, unmatched: states.unmatched ?? 0,
    errors: JSON.parse(rec.errors) as RowIssue[], importedAt: rec.imported_at,
  };
}

export const listStatements = (ctx: CoreContext) => selectStatements(ctx.db).map((s) => statementReport(ctx, s));

const toRow = (r: StatementRowRec): StatementRow => ({
  id: r.id, statementId: r.statement_id, row: r.line_no, channel: r.channel, kind: r.kind as StatementRow['kind'], merchantOrderNo: r.merchant_order_no,
  platformTxnId: r.platform_txn_id, refundNo: r.refund_no, occurredAt: r.occurred_at, settledOn: r.settled_on, payoutRef: r.payout_ref, currency: r.currency,
  grossFen: r.gross_fen, feeFen: r.fee_fen, merchantCouponFen: r.merchant_coupon_fen, platformCouponFen: r.platform_coupon_fen, refundFen: r.refund_fen, netFen: r.net_fen,
  orderId: r.order_id, orderNumber: r.order_number ?? null, matchedBy: r.matched_by as StatementRow['matchedBy'], chargeRowId: r.charge_row_id,
  state: r.state as StatementRow['state'], raw: r.raw,
});

export function listRows(ctx: CoreContext, f: { statementId?: string; state?: string; channel?: string; limit: number }) {
  const { items, total } = selectRows(ctx.db, f);
  return { items: items.map(toRow), total };
}

const toDifference = (d: DifferenceRec): Difference => ({
  id: d.id, orderId: d.order_id, orderNumber: d.order_number ?? '', channel: d.channel ?? '', cause: (d.confirmed_cause ?? d.cause) as Difference['cause'],
  amountFen: d.amount_fen, currency: d.currency, state: d.state as Difference['state'], ruleId: d.rule_id, note: d.note, confirmedBy: d.confirmed_by, confirmedAt: d.confirmed_at,
});

export const getDifference = (ctx: CoreContext, id: number): Difference => toDifference(selectDifference(ctx.db, id) ?? notFound('difference', String(id)));

export const listDifferences = (ctx: CoreContext, f: { state?: string; cause?: string; channel?: string; limit: number }) => selectDifferences(ctx.db, f).map(toDifference);

function toOrderMoney(o: OrderMoneyListRec, now: number): OrderMoney {
  const due = dueAt(o.created_at, o.cycle_days);
  const status = (o.status ?? 'unpaid') as PayStatus;
  const expected = o.expected_fen ?? o.total_minor ?? 0;
  const received = o.received_fen ?? 0;
  return {
    orderId: o.id, orderNumber: o.number, channel: o.channel, externalId: o.external_id, orderState: o.state, createdAt: o.created_at, currency: o.currency ?? 'CNY',
    expectedFen: expected, receivedFen: received, feeFen: o.fee_fen ?? 0, gapFen: o.gap_fen ?? expected - received, unexplainedFen: o.unexplained_fen ?? expected - received,
    status, dueAt: due, overdue: status === 'unpaid' && due !== null && Date.parse(due) < now,
  };
}

export function listOrderMoney(ctx: CoreContext, f: { status?: PayStatus; channel?: string; overdue?: boolean; limit: number }): OrderMoney[] {
  const now = ctx.clock.now();
  const unpaid = () => selectUnpaidOrders(ctx.db, { channel: f.channel, overdue: f.overdue, now: new Date(now).toISOString(), limit: f.limit });
  const rows = f.status === 'unpaid' || (f.status === undefined && f.overdue !== undefined) ? unpaid()
    : f.status ? selectOrderMoneyList(ctx.db, { status: f.status, channel: f.channel, limit: f.limit })
    : (['partly_paid', 'over_paid', 'paid'] as const).flatMap((status) => selectOrderMoneyList(ctx.db, { status, channel: f.channel, limit: f.limit })).slice(0, f.limit);
  return rows.map((o) => toOrderMoney(o, now));
}

export function orderMoneyDetail(ctx: CoreContext, ref: string) {
  const id = orderIdOf(ctx, ref) ?? notFound('order', ref);
  const facts = selectOrderFacts(ctx.db, id) ?? notFound('order', ref);
  const money = selectOrderMoney(ctx.db, id);
  const cycle = selectChannel(ctx.db, facts.channel)?.cycle_days ?? null;
  const base = toOrderMoney({ ...facts, ...money, id: facts.id, cycle_days: cycle }, ctx.clock.now());
  const number = facts.number;
  const rows = selectRowsOfOrder(ctx.db, id);
  return {
    ...base,
    differences: selectDifferencesOfOrder(ctx.db, id).map(toDifference),
    rows: rows.map((r) => toRow({ ...r, order_number: number })),
    profit: orderProfit(ctx, { id, totalMinor: facts.total_minor, currency: base.currency, state: facts.state, rows }),
  };
}

/** The running totals, less the cancelled orders, plus the orders of each channel's cutoff day, by channel and currency. */
function addUpChannelTotals(t: ReturnType<typeof selectChannelTotals>): ChannelTotalsRec[] {
  const by = new Map(t.days.map((d) => [`${d.channel} ${d.currency}`, { ...d }]));
  const FIGURES = ['paid_orders', 'paid_fen', 'fees', 'transit_orders', 'transit_fen', 'overdue_orders', 'overdue_fen'] as const;
  for (const [rows, sign] of [[t.cancelled, -1], [t.cutoffDay, 1]] as const) {
    for (const r of rows) {
      const d = by.get(`${r.channel} ${r.currency}`);
      if (d) for (const f of FIGURES) d[f] += sign * r[f];
    }
  }
  return [...by.values()];
}

export function moneySummary(ctx: CoreContext): { channels: ChannelMoney[]; asOf: string } {
  const asOf = ctx.clock.iso();
  const open = new Map(countOpenDifferencesByChannel(ctx.db).map((x) => [`${x.channel} ${x.currency}`, x.n]));
  const unmatched = countUnmatchedRowsByChannel(ctx.db);
  const channels: ChannelMoney[] = addUpChannelTotals(selectChannelTotals(ctx.db, asOf)).map((t) => ({
    channel: t.channel, currency: t.currency, cycleLabel: t.cycle_label, cycleDays: t.cycle_days,
    paid: { orders: t.paid_orders, fen: t.paid_fen }, inTransit: { orders: t.transit_orders, fen: t.transit_fen }, overdue: { orders: t.overdue_orders, fen: t.overdue_fen },
    fees: t.fees, openDifferences: open.get(`${t.channel} ${t.currency}`) ?? 0, unmatchedRows: unmatched.filter((u) => u.channel === t.channel && u.currency === t.currency).reduce((s, u) => s + u.n, 0),
  }));
  // Money with no order in a channel that has no orders at all still shows.
  for (const u of unmatched) {
    if (!channels.some((c) => c.channel === u.channel && c.currency === u.currency)) {
      channels.push({ channel: u.channel, currency: u.currency, cycleLabel: null, cycleDays: null, paid: { orders: 0, fen: 0 }, inTransit: { orders: 0, fen: 0 }, overdue: { orders: 0, fen: 0 }, fees: 0, openDifferences: 0, unmatchedRows: u.n });
    }
  }
  return { channels, asOf };
}

export const listRules = (ctx: CoreContext): CauseRule[] =>
  selectRules(ctx.db).map((r) => ({ id: r.id, channel: r.channel, cause: r.cause as CauseRule['cause'], maxPercent: r.max_percent, maxFen: r.max_fen, note: r.note, createdAt: r.created_at }));

export const listChannelCycles = (ctx: CoreContext): ChannelCycle[] =>
  selectChannels(ctx.db).map((c) => ({ channel: c.channel, cycleDays: c.cycle_days, cycleLabel: c.cycle_label, toleranceFen: c.tolerance_fen, windowHours: c.window_hours }));

export const listStatementMappings = (ctx: CoreContext): StatementMapping[] =>
  selectMappings(ctx.db).map((m) => ({ id: m.id, name: m.name, channel: m.channel, createdAt: m.created_at, ...JSON.parse(m.mapping) }));

export function getStatementMapping(ctx: CoreContext, ref: string): StatementMapping {
  return listStatementMappings(ctx).find((m) => m.id === ref || m.name === ref) ?? fail('not_found', said('noStatementMapping', { name: ref }));
}
