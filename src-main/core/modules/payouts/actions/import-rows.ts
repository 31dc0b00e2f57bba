// An import's rows, matched and stored. First a plan from reads only (planImport): the rows not
// stored yet, each with the order it names, found a set at a time (a JSON list of numbers joined
// against orders' indexes, not a lookup per row): the merchant order number (商户订单号) as the
// channel's number or an order's payment reference, the transaction id as a payment reference, the
// merchant order number as a Packline number or id; a refund that names none takes its charge's
// order (the platform's transaction id). Then the writes, a slice of orders at a time (storeSlice):
// each order reckoned from its stored rows and the new ones (added up here, not in SQL), its new
// rows stored once, already in its state; then the rows that name no order. The slices run in the
// statement worker's own write transactions, or through the core's writer (statement-import.ts).
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
  duplicates: number;
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
  return { statementId, channel, rows, duplicates: parsed.length - rows.length, orders, unmatched };
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

/** Orders reckoned and stored per batch; a slice runs batches until its time is up. */
const ORDER_BATCH = 100;
/** Rows that name no order stored per batch. */
const UNMATCHED_BATCH = 1000;

/** Where the next slice starts: the orders first, then the rows without one; null when all is stored. */
export type ImportCursor = { orders: number; unmatched: number } | null;
export const FIRST_SLICE: ImportCursor = { orders: 0, unmatched: 0 };

/**
 * Stores a batch of the plan's orders: each reckoned from its stored rows (read now, in this write
 * transaction) and its new ones, its new rows stored in their final state. Returns the rows stored.
 */
function storeOrders(ctx: CoreContext, plan: ImportPlan, batch: readonly [string, number[]][], rules: readonly RuleRec[]): number {
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
    if (f) totals.push(totalsOf(f, [...(stored.get(id) ?? []), ...rows.map((i) => asTotalled(id, plan.rows[i]!.row))]));
  }
  const reckoned = reckonBatch(ctx.clock.iso(), totals, rules, (t) => stored.has(t.order_id));
  // The new rows in the file's order, each in its order's state.
  const indexes = batch.flatMap(([, rows]) => rows).sort((a, b) => a - b);
  const values: unknown[] = [];
  for (const i of indexes) pushValues(values, plan.rows[i]!, reckoned.stateOf.get(plan.rows[i]!.orderId!) ?? 'unmatched');
  let added = 0;
  writeReckoned(ctx, ids, reckoned, () => (added = insertRows(ctx.db, plan.statementId, plan.channel, values)));
  // Another import stored one of these rows since the plan was read: the orders are reckoned again from what is stored.
  if (added !== indexes.length) reconcileBatch(ctx, ids, rules);
  return added;
}

/**
 * Stores the plan from `cursor` on for about `budgetMs` (at least one batch; all by default), inside
 * the caller's write transaction. Returns the rows stored and where the next slice starts.
 */
export function storeSlice(ctx: CoreContext, plan: ImportPlan, cursor: NonNullable<ImportCursor>, budgetMs = Infinity): { added: number; next: ImportCursor } {
  const until = performance.now() + budgetMs;
  const rules = selectRules(ctx.db);
  let { orders, unmatched } = cursor;
  let added = 0;
  do {
    if (orders < plan.orders.length) {
      const batch = plan.orders.slice(orders, orders + ORDER_BATCH);
      added += storeOrders(ctx, plan, batch, rules);
      orders += batch.length;
    } else if (unmatched < plan.unmatched.length) {
      const values: unknown[] = [];
      const batch = plan.unmatched.slice(unmatched, unmatched + UNMATCHED_BATCH);
      for (const i of batch) pushValues(values, plan.rows[i]!, 'unmatched');
      added += insertRows(ctx.db, plan.statementId, plan.channel, values);
      unmatched += batch.length;
    } else return { added, next: null };
  } while (performance.now() < until);
  return { added, next: orders < plan.orders.length || unmatched < plan.unmatched.length ? { orders, unmatched } : null };
}

/** The whole plan stored at once (the demo seed, in its own transaction). */
export function storePlan(ctx: CoreContext, plan: ImportPlan): number {
  return storeSlice(ctx, plan, FIRST_SLICE!).added;
}
