// An import's rows, matched and stored. First a plan from reads only (planImport): the rows not
// stored yet, each with the order it names, found a set at a time (a JSON list of numbers joined
// against orders' indexes, not a lookup per row): the merchant order number (商户订单号) as the
// channel's number or an order's payment reference, the transaction id as a payment reference, the
// merchant order number as a Packline number or id; a refund that names none takes its charge's
// order (the platform's transaction id). Then the writes, a piece of the plan per write job of the
// core's writer (storePiece): a hundred orders, each reckoned from its stored rows and the new ones
// (added up here, not in SQL), its new rows stored once, already in its state; then the rows that
// name no order. The plan is read in the statement worker on its own connection (or in a write
// job, for a small file), the pieces stored on the core's thread (statement-import.ts).
import type { CoreContext } from '../../../context';
import { ROW_FIELDS, type ParsedRow } from '../formats/cells';
import {
  insertRows, selectChargeOrdersByTxn, selectKnownRowKeys, selectOrdersByNumbers, selectReckonFactsOf, selectRules, selectTotalledRowsOf,
  type NumberMatch, type OrderReckonFacts, type RowTotalsRec, type RuleRec, type TotalledRow,
} from '../store';
import { reckonBatch, reconcileBatch, writeReckoned } from './match-rows';

export interface PlannedRow { row: ParsedRow; orderId: string | null; matchedBy: 'number' | 'charge' | null }

export interface ImportPlan {
  statementId: string;
  channel: string;
  /** the rows to store, in the file's order: a row stored already, or twice in the file, is left out */
  rows: PlannedRow[];
  /** the orders the rows name, in id order, each with its rows (indexes into `rows`) */
  orders: [string, number[]][];
  /** the rows that name no order */
  unmatched: number[];
}

/** Values per read of a JSON list: long enough that the statements are few, short enough to stay small. */
const READ_CHUNK = 5000;

function inChunks<T>(values: readonly T[], read: (json: string) => void): void {
  for (let i = 0; i < values.length; i += READ_CHUNK) read(JSON.stringify(values.slice(i, i + READ_CHUNK)));
}

/** How a row names its order, tried in this order until one finds it. */
const NUMBER_STEPS: [NumberMatch, (r: ParsedRow) => string | null][] = [
  ['external_id', (r) => r.merchantOrderNo],
  ['payment_ref', (r) => r.merchantOrderNo],
  ['payment_ref', (r) => r.platformTxnId],
  ['number', (r) => r.merchantOrderNo],
  ['id', (r) => r.merchantOrderNo],
];

/** Reads only: which rows are new, and the order each names (run it in one read transaction). */
export function planImport(db: CoreContext['db'], statementId: string, channel: string, parsed: readonly ParsedRow[]): ImportPlan {
  // A row twice in the file is one row (the first); a row stored already, by this file's key, is a duplicate.
  const firsts = new Map<string, ParsedRow>();
  for (const r of parsed) if (!firsts.has(r.key)) firsts.set(r.key, r);
  const known = new Set<string>();
  inChunks([...firsts.keys()], (keys) => selectKnownRowKeys(db, keys).forEach((k) => known.add(k)));
  const rows: PlannedRow[] = [];
  for (const [key, row] of firsts) if (!known.has(key)) rows.push({ row, orderId: null, matchedBy: null });

  for (const [by, valueOf] of NUMBER_STEPS) {
    const open = rows.filter((p) => p.orderId === null && valueOf(p.row) !== null);
    if (!open.length) continue;
    const found = new Map<string, string>();
    inChunks([...new Set(open.map((p) => valueOf(p.row)!))], (values) => {
      for (const [v, id] of selectOrdersByNumbers(db, by, channel, values)) if (!found.has(v)) found.set(v, id);
    });
    for (const p of open) {
      const id = found.get(valueOf(p.row)!);
      if (id !== undefined) [p.orderId, p.matchedBy] = [id, 'number'];
    }
  }

  // Refunds that name no order: the order of their charge, in this file (anywhere in it) or stored.
  const refunds = rows.filter((p) => p.orderId === null && p.row.kind === 'refund' && p.row.platformTxnId !== null);
  if (refunds.length) {
    const chargeOrder = new Map<string, string>();
    for (const p of rows) if (p.row.kind === 'charge' && p.orderId !== null && p.row.platformTxnId !== null && !chargeOrder.has(p.row.platformTxnId)) chargeOrder.set(p.row.platformTxnId, p.orderId);
    const stored = [...new Set(refunds.map((p) => p.row.platformTxnId!).filter((t) => !chargeOrder.has(t)))];
    inChunks(stored, (txns) => {
      for (const [txn, id] of selectChargeOrdersByTxn(db, txns)) if (!chargeOrder.has(txn)) chargeOrder.set(txn, id);
    });
    for (const p of refunds) {
      const id = chargeOrder.get(p.row.platformTxnId!);
      if (id !== undefined) [p.orderId, p.matchedBy] = [id, 'charge'];
    }
  }

  const byOrder = new Map<string, number[]>();
  const unmatched: number[] = [];
  rows.forEach((p, i) => {
    if (p.orderId === null) unmatched.push(i);
    else {
      const list = byOrder.get(p.orderId);
      if (list) list.push(i);
      else byOrder.set(p.orderId, [i]);
    }
  });
  const orders = [...byOrder].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { statementId, channel, rows, orders, unmatched };
}

const DAY_MS = 86_400_000;
/** YYYY-MM-DD `days` after the day of an ISO instant (SQLite's date(t, '+N days')). */
const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const asTotalled = (orderId: string, r: ParsedRow): TotalledRow => ({
  order_id: orderId, kind: r.kind, currency: r.currency, net_fen: r.netFen, fee_fen: r.feeFen, gross_fen: r.grossFen, merchant_coupon_fen: r.merchantCouponFen,
  platform_coupon_fen: r.platformCouponFen, refund_fen: r.refundFen, settled_on: r.settledOn, occurred_at: r.occurredAt,
});

/** An order's rows added up by kind, as store.ts selectRowTotalsOf adds them up in SQL (`rows`: stored ones first, in id order). */
export function totalsOf(f: OrderReckonFacts, rows: readonly TotalledRow[]): RowTotalsRec {
  const currency = f.currency ?? rows[0]!.currency;
  const due = f.cycle_days === null ? null : dayAfter(f.created_at, f.cycle_days);
  const t = { net: 0, fee: 0, gross: 0, merchant_coupon: 0, platform_coupon: 0, refund: 0, dispute: 0, reserve: 0, late: 0, refunds: 0 };
  let cmin = rows[0]!.currency;
  let cmax = cmin;
  for (const r of rows) {
    if (r.currency < cmin) cmin = r.currency;
    if (r.currency > cmax) cmax = r.currency;
    t.net += r.net_fen;
    t.fee += r.fee_fen;
    if (r.kind === 'charge') {
      t.gross += r.gross_fen;
      t.merchant_coupon += r.merchant_coupon_fen;
      t.platform_coupon += r.platform_coupon_fen;
      // A charge arrived on its payout date, else its own day.
      const arrived = r.settled_on ?? r.occurred_at?.slice(0, 10) ?? null;
      if (due !== null && arrived !== null && arrived > due) t.late += r.net_fen;
    } else if (r.kind === 'refund') {
      t.refund += r.refund_fen;
      t.refunds++;
    } else if (r.kind === 'dispute') t.dispute -= r.net_fen + r.fee_fen;
    else if (r.kind === 'reserve') t.reserve -= r.net_fen + r.fee_fen;
  }
  return {
    order_id: f.id, channel: f.channel, total_minor: f.total_minor, currency, cycle_days: f.cycle_days, tolerance_fen: f.tolerance_fen, rows: rows.length,
    mixed_currency: cmin !== cmax || cmin !== currency ? 1 : 0, ...t, matched_rows: 0, partly_matched_rows: 0,
    day: f.created_at.slice(0, 10), order_currency: f.currency ?? 'CNY', had_money: f.had_money, old_received: f.old_received, old_fee: f.old_fee,
  };
}

/** A planned row as insertRows binds it. */
function pushValues(values: unknown[], p: PlannedRow, state: string): void {
  for (const f of ROW_FIELDS) values.push(p.row[f]);
  values.push(p.orderId, p.matchedBy, state);
}

/** Orders reckoned and stored per piece: a write job of a few milliseconds (fewer pieces: fewer commits, each of which the board and the feed follow). */
const ORDER_PIECE = 200;
/** Rows that name no order stored per piece. */
const UNMATCHED_PIECE = 1000;

/** A piece of a plan, stored in one write job: orders with their new rows, or rows that name no order. */
export type ImportPiece = { orders: [string, PlannedRow[]][] } | { unmatched: PlannedRow[] };

/** The plan in pieces: its orders in id order, then the rows that name none. */
export function* piecesOf(plan: ImportPlan): Generator<ImportPiece> {
  for (let i = 0; i < plan.orders.length; i += ORDER_PIECE) {
    yield { orders: plan.orders.slice(i, i + ORDER_PIECE).map(([id, rows]) => [id, rows.map((r) => plan.rows[r]!)]) };
  }
  for (let i = 0; i < plan.unmatched.length; i += UNMATCHED_PIECE) yield { unmatched: plan.unmatched.slice(i, i + UNMATCHED_PIECE).map((r) => plan.rows[r]!) };
}

/** Whether a plan has charges that name no order and carry no number (matched by amount and time once stored). */
export const hasUnnumbered = (plan: ImportPlan) => plan.unmatched.some((i) => plan.rows[i]!.row.kind === 'charge' && plan.rows[i]!.row.merchantOrderNo === null);

/** Where an import's rows go: its statement, and the channel its rows are of. */
export interface ImportTarget { statementId: string; channel: string }

/**
 * Stores a batch of orders with their new rows: each order reckoned from its stored rows (read now,
 * in this write transaction) and its new ones, its new rows stored in their final state. Returns the rows stored.
 */
function storeOrders(ctx: CoreContext, target: ImportTarget, batch: readonly [string, PlannedRow[]][], rules: readonly RuleRec[]): number {
  const ids = JSON.stringify(batch.map(([id]) => id));
  const facts = new Map(selectReckonFactsOf(ctx.db, ids).map((f) => [f.id, f]));
  const stored = new Map<string, TotalledRow[]>();
  for (const r of selectTotalledRowsOf(ctx.db, ids)) {
    const list = stored.get(r.order_id);
    if (list) list.push(r);
    else stored.set(r.order_id, [r]);
  }
  const totals: RowTotalsRec[] = [];
  for (const [id, rows] of batch) {
    const f = facts.get(id);
    if (f) totals.push(totalsOf(f, [...(stored.get(id) ?? []), ...rows.map((p) => asTotalled(id, p.row))]));
  }
  const reckoned = reckonBatch(ctx.clock.iso(), totals, rules, (t) => stored.has(t.order_id));
  // The new rows in the file's order, each in its order's state.
  const rows = batch.flatMap(([, list]) => list).sort((a, b) => a.row.line - b.row.line);
  const values: unknown[] = [];
  for (const p of rows) pushValues(values, p, reckoned.stateOf.get(p.orderId!) ?? 'unmatched');
  let added = 0;
  writeReckoned(ctx, ids, reckoned, () => (added = insertRows(ctx.db, target.statementId, target.channel, values)));
  // Another import stored one of these rows since the plan was read: the orders are reckoned again from what is stored.
  if (added !== rows.length) reconcileBatch(ctx, ids, rules);
  return added;
}

/** Stores one piece of a plan (inside the caller's write transaction); returns the rows stored. */
export function storePiece(ctx: CoreContext, target: ImportTarget, piece: ImportPiece): number {
  if ('orders' in piece) return storeOrders(ctx, target, piece.orders, selectRules(ctx.db));
  const values: unknown[] = [];
  for (const p of piece.unmatched) pushValues(values, p, 'unmatched');
  return insertRows(ctx.db, target.statementId, target.channel, values);
}

/** The whole plan stored at once (the demo seed, in its own transaction); returns the rows stored. */
export function storePlan(ctx: CoreContext, plan: ImportPlan): number {
  let added = 0;
  for (const piece of piecesOf(plan)) added += storePiece(ctx, plan, piece);
  return added;
}
