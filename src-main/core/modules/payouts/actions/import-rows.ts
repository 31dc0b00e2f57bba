// An import's rows, matched and stored. First a plan from reads only (planPart, a part of the file
// at a time, then planEnd): the rows not stored yet, each with the order it names, found a set at a
// time (a JSON list of numbers joined against orders' indexes, not a lookup per row): the merchant
// order number (商户订单号) as the channel's number or an order's payment reference, the transaction
// id as a payment reference, the merchant order number as a Packline number or id; a refund that
// names none takes its charge's order (the platform's transaction id), at the end. Then the writes,
// a piece of the plan per write job of the core's writer (storePiece): a couple of hundred orders
// (read with the plan), each reckoned from its stored rows and the new ones (added up here, not in
// SQL), its new rows stored once, already in its state; then the rows that name no order. The plan
// is read in the statement worker on its own connection, its pieces stored on the core's thread
// while the worker plans the next part (or all in a write job, for a small file: statement-import.ts).
import type { CoreContext } from '../../../context';
import { ROW_FIELDS, type ParsedRow } from '../formats/cells';
import {
  insertRows, selectChannels, selectChargeOrdersByTxn, selectKnownRowKeys, selectMoneyOf, selectOrderFactsOf, selectOrdersByNumbers, selectRules, selectTotalledRowsOf,
  type NumberMatch, type OrderFacts, type OrderReckonFacts, type RowTotalsRec, type RuleRec, type TotalledRow,
} from '../store';
import { reckonBatch, reconcileBatch, writeReckoned } from './match-rows';

export interface PlannedRow { row: ParsedRow; orderId: string | null; matchedBy: 'number' | 'charge' | null }

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

/**
 * Planning a file, a part at a time (the statement worker hands each part's pieces on while it plans
 * the next, so the core stores while the worker reads): what one part leaves for the next and the end.
 */
export interface Planner {
  db: CoreContext['db'];
  channel: string;
  /** every row key of the file so far: a row twice in the file is one row (the first) */
  seen: Set<string>;
  /** the order of each charge of the file that found one, by its transaction id: for refunds that name no order */
  chargeOrder: Map<string, string>;
  /** refunds that name no order: matched to their charge at the end, when every charge of the file is known */
  refunds: PlannedRow[];
  /** rows that name no order (stored at the end) */
  unmatched: PlannedRow[];
  /** some charge names no order and carries no number (matched by amount and time once stored) */
  unnumbered: boolean;
}

export const newPlanner = (db: CoreContext['db'], channel: string): Planner =>
  ({ db, channel, seen: new Set(), chargeOrder: new Map(), refunds: [], unmatched: [], unnumbered: false });

/**
 * Orders reckoned and stored per piece: a write job of a few milliseconds, which a read arriving
 * meanwhile waits for (200 made the bench's lookup p99 during an import ~30 ms); fewer pieces would
 * be fewer commits, each of which the board and the feed follow.
 */
const ORDER_PIECE = 100;
/** Rows that name no order stored per piece: 500 took one write job 29 ms on the bench, as long as a read should ever wait. */
const UNMATCHED_PIECE = 150;

/**
 * A piece of a plan, stored in one write job, as flat lists of plain values (the worker hands it to
 * the core as a few arrays, which cost far less to copy between threads and to collect than an
 * object per row and per order): `orders`, ORDER_VALUES per order (what reckoning needs of each, read
 * with the plan), in id order; `rows`, the new rows as insertRows binds them (ROW_FIELDS, then the
 * order id, matched by and state; ROW_VALUES each), in the file's order. No orders: rows that name no order.
 */
export interface ImportPiece { orders: (string | number | null)[]; rows: unknown[] }

/** A piece's order: id, channel, total_minor, currency, created_at. */
const ORDER_VALUES = 5;
/** A piece's row: ROW_FIELDS, then order_id, matched_by, state (insertRows' order). */
const ROW_VALUES = ROW_FIELDS.length + 3;
const at = (field: (typeof ROW_FIELDS)[number]) => ROW_FIELDS.indexOf(field);
const [KIND, CURRENCY, NET, FEE, GROSS, MERCHANT_COUPON, PLATFORM_COUPON, REFUND, SETTLED_ON, OCCURRED_AT] =
  (['kind', 'currency', 'netFen', 'feeFen', 'grossFen', 'merchantCouponFen', 'platformCouponFen', 'refundFen', 'settledOn', 'occurredAt'] as const).map(at);
const ORDER_ID = ROW_FIELDS.length;
const STATE = ROW_FIELDS.length + 2;

/** Rows as a piece holds them (`state`: what the core stores them in unless it reckons another). */
function flatRows(rows: readonly PlannedRow[]): unknown[] {
  const values: unknown[] = [];
  for (const p of rows) {
    for (const f of ROW_FIELDS) values.push(p.row[f]);
    values.push(p.orderId, p.matchedBy, 'unmatched');
  }
  return values;
}

/**
 * Rows that found their orders as pieces: the orders in id order, a piece of them at a time, each
 * with its rows. `known`: orders read already (with the match); the others are read here.
 */
function orderPieces(db: CoreContext['db'], matched: readonly PlannedRow[], known: ReadonlyMap<string, OrderFacts> = new Map()): ImportPiece[] {
  const byOrder = new Map<string, PlannedRow[]>();
  for (const p of matched) {
    const list = byOrder.get(p.orderId!);
    if (list) list.push(p);
    else byOrder.set(p.orderId!, [p]);
  }
  const facts = new Map<string, OrderFacts>();
  const unread: string[] = [];
  for (const id of byOrder.keys()) {
    const f = known.get(id);
    if (f) facts.set(id, f);
    else unread.push(id);
  }
  inChunks(unread, (ids) => selectOrderFactsOf(db, ids).forEach((f) => facts.set(f.id, f)));
  // An order gone since its row found it (never, orders are not deleted) is left out, as reckoning would.
  const orders = [...byOrder].filter(([id]) => facts.has(id)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pieces: ImportPiece[] = [];
  for (let i = 0; i < orders.length; i += ORDER_PIECE) {
    const some = orders.slice(i, i + ORDER_PIECE);
    const values: ImportPiece['orders'] = [];
    for (const [id] of some) {
      const f = facts.get(id)!;
      values.push(f.id, f.channel, f.total_minor, f.currency, f.created_at);
    }
    // The new rows in the file's order (each order's in its own order too: reckoning takes its first row's currency).
    pieces.push({ orders: values, rows: flatRows(some.flatMap(([, rows]) => rows).sort((a, b) => a.row.line - b.row.line)) });
  }
  return pieces;
}

/**
 * Reads only (run it in one read transaction): plans a part of the file (its rows in the file's
 * order): which rows are new, the order each names; returns the pieces of the orders found.
 */
export function planPart(p: Planner, parsed: readonly ParsedRow[]): ImportPiece[] {
  const firsts: ParsedRow[] = [];
  for (const r of parsed) {
    if (p.seen.has(r.key)) continue;
    p.seen.add(r.key);
    firsts.push(r);
  }
  // A row stored already, by this file's key, is a duplicate.
  const known = new Set<string>();
  inChunks(firsts.map((r) => r.key), (keys) => selectKnownRowKeys(p.db, keys).forEach((k) => known.add(k)));
  const rows: PlannedRow[] = [];
  for (const row of firsts) if (!known.has(row.key)) rows.push({ row, orderId: null, matchedBy: null });

  const facts = new Map<string, OrderFacts>();
  for (const [by, valueOf] of NUMBER_STEPS) {
    const open = rows.filter((r) => r.orderId === null && valueOf(r.row) !== null);
    if (!open.length) continue;
    const found = new Map<string, string>();
    inChunks([...new Set(open.map((r) => valueOf(r.row)!))], (values) => {
      for (const { value, ...order } of selectOrdersByNumbers(p.db, by, p.channel, values)) {
        if (found.has(value)) continue;
        found.set(value, order.id);
        facts.set(order.id, order);
      }
    });
    for (const r of open) {
      const id = found.get(valueOf(r.row)!);
      if (id !== undefined) [r.orderId, r.matchedBy] = [id, 'number'];
    }
  }
  for (const r of rows) {
    if (r.orderId !== null && r.row.kind === 'charge' && r.row.platformTxnId !== null && !p.chargeOrder.has(r.row.platformTxnId)) p.chargeOrder.set(r.row.platformTxnId, r.orderId);
  }
  const matched: PlannedRow[] = [];
  for (const r of rows) {
    if (r.orderId === null && r.row.kind === 'refund' && r.row.platformTxnId !== null) {
      // A refund that names no order: its charge's, found in the file so far (this part included); else at the end.
      const id = p.chargeOrder.get(r.row.platformTxnId);
      if (id === undefined) p.refunds.push(r);
      else matched.push(Object.assign(r, { orderId: id, matchedBy: 'charge' as const }));
    } else if (r.orderId !== null) matched.push(r);
    else {
      if (r.row.kind === 'charge' && r.row.merchantOrderNo === null) p.unnumbered = true;
      p.unmatched.push(r);
    }
  }
  return orderPieces(p.db, matched, facts);
}

/**
 * Reads only: the end of the plan. Refunds that named no order and whose charge was not in the file
 * before them take the order of their charge, later in this file or stored; then the rows that name
 * no order, in the file's order.
 */
export function planEnd(p: Planner): ImportPiece[] {
  const stored = [...new Set(p.refunds.map((r) => r.row.platformTxnId!).filter((t) => !p.chargeOrder.has(t)))];
  inChunks(stored, (txns) => {
    for (const [txn, id] of selectChargeOrdersByTxn(p.db, txns)) if (!p.chargeOrder.has(txn)) p.chargeOrder.set(txn, id);
  });
  const matched: PlannedRow[] = [];
  for (const r of p.refunds) {
    const id = p.chargeOrder.get(r.row.platformTxnId!);
    if (id !== undefined) matched.push(Object.assign(r, { orderId: id, matchedBy: 'charge' as const }));
    else p.unmatched.push(r);
  }
  const unmatched = p.unmatched.sort((a, b) => a.row.line - b.row.line);
  const pieces = orderPieces(p.db, matched);
  for (let i = 0; i < unmatched.length; i += UNMATCHED_PIECE) pieces.push({ orders: [], rows: flatRows(unmatched.slice(i, i + UNMATCHED_PIECE)) });
  return pieces;
}

/** A whole file planned at once (a small file, in a write job; the demo seed): its pieces, and whether some charge carries no order number. */
export interface ImportPlan { pieces: ImportPiece[]; unnumbered: boolean }

export function planImport(db: CoreContext['db'], channel: string, parsed: readonly ParsedRow[]): ImportPlan {
  const p = newPlanner(db, channel);
  const pieces = [...planPart(p, parsed), ...planEnd(p)];
  return { pieces, unnumbered: p.unnumbered };
}

const DAY_MS = 86_400_000;
/** YYYY-MM-DD `days` after the day of an ISO instant (SQLite's date(t, '+N days')). */
const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The row of a piece's `rows` at `i` as reckoning adds it up. */
const asTotalled = (v: readonly unknown[], i: number): TotalledRow => ({
  order_id: v[i + ORDER_ID] as string, kind: v[i + KIND] as string, currency: v[i + CURRENCY] as string, net_fen: v[i + NET] as number, fee_fen: v[i + FEE] as number,
  gross_fen: v[i + GROSS] as number, merchant_coupon_fen: v[i + MERCHANT_COUPON] as number, platform_coupon_fen: v[i + PLATFORM_COUPON] as number,
  refund_fen: v[i + REFUND] as number, settled_on: v[i + SETTLED_ON] as string | null, occurred_at: v[i + OCCURRED_AT] as string | null,
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

/** Where an import's rows go: its statement, and the channel its rows are of. */
export interface ImportTarget { statementId: string; channel: string }

/**
 * Stores a piece of orders with their new rows: each order reckoned from its stored rows (read now,
 * in this write transaction) and its new ones, its new rows stored in their final state. Returns the rows stored.
 */
function storeOrders(ctx: CoreContext, target: ImportTarget, piece: ImportPiece, rules: readonly RuleRec[]): number {
  const { orders, rows } = piece;
  const orderIds: string[] = [];
  for (let i = 0; i < orders.length; i += ORDER_VALUES) orderIds.push(orders[i] as string);
  const ids = JSON.stringify(orderIds);
  // The orders as the plan read them; their settings and the money they had, as they are now.
  const channels = new Map(selectChannels(ctx.db).map((c) => [c.channel, c]));
  const money = new Map(selectMoneyOf(ctx.db, ids).map((m) => [m.order_id, m]));
  const stored = new Map<string, TotalledRow[]>();
  const all = new Map<string, TotalledRow[]>();
  for (const r of selectTotalledRowsOf(ctx.db, ids)) {
    const list = stored.get(r.order_id);
    if (list) list.push(r);
    else stored.set(r.order_id, [r]);
  }
  for (const [id, list] of stored) all.set(id, [...list]);
  for (let i = 0; i < rows.length; i += ROW_VALUES) {
    const r = asTotalled(rows, i);
    const list = all.get(r.order_id);
    if (list) list.push(r);
    else all.set(r.order_id, [r]);
  }
  const totals: RowTotalsRec[] = [];
  for (let i = 0; i < orders.length; i += ORDER_VALUES) {
    const id = orders[i] as string;
    const channel = orders[i + 1] as string;
    const c = channels.get(channel);
    const m = money.get(id);
    const f: OrderReckonFacts = {
      id, channel, total_minor: orders[i + 2] as number | null, currency: orders[i + 3] as string | null, created_at: orders[i + 4] as string,
      cycle_days: c?.cycle_days ?? null, tolerance_fen: c?.tolerance_fen ?? null, had_money: m ? 1 : 0, old_received: m?.received_fen ?? 0, old_fee: m?.fee_fen ?? 0,
    };
    totals.push(totalsOf(f, all.get(id)!));
  }
  const reckoned = reckonBatch(ctx.clock.iso(), totals, rules, (t) => stored.has(t.order_id));
  // Each new row in its order's state.
  for (let i = 0; i < rows.length; i += ROW_VALUES) rows[i + STATE] = reckoned.stateOf.get(rows[i + ORDER_ID] as string) ?? 'unmatched';
  let added = 0;
  // Only an order that had money can have differences to take away (both are written together).
  const hadMoney = reckoned.hadMoney.length ? JSON.stringify(reckoned.hadMoney) : null;
  writeReckoned(ctx, hadMoney, reckoned, () => (added = insertRows(ctx.db, target.statementId, target.channel, rows)));
  // Another import stored one of these rows since the plan was read: the orders are reckoned again from what is stored.
  if (added !== rows.length / ROW_VALUES) reconcileBatch(ctx, ids, rules);
  return added;
}

/** Stores one piece of a plan (inside the caller's write transaction); returns the rows stored. */
export function storePiece(ctx: CoreContext, target: ImportTarget, piece: ImportPiece): number {
  if (piece.orders.length) return storeOrders(ctx, target, piece, selectRules(ctx.db));
  return insertRows(ctx.db, target.statementId, target.channel, piece.rows);
}

/** The whole plan stored at once (the demo seed, in its own transaction); returns the rows stored. */
export function storePlan(ctx: CoreContext, target: ImportTarget, plan: ImportPlan): number {
  let added = 0;
  for (const piece of plan.pieces) added += storePiece(ctx, target, piece);
  return added;
}
