// Payouts' tables: payout_statements, payout_rows, payout_orders, payout_differences, payout_rules,
// payout_channels, payout_mappings. Reads join orders (number, total, time) where a view needs them.
import { prep, onPostgres, type Db } from '../../store/db';
import { ROW_FIELDS } from './formats/cells';

export interface StatementRowRec {
  id: number; statement_id: string; line_no: number; channel: string; kind: string; merchant_order_no: string | null; platform_txn_id: string | null;
  refund_no: string | null; occurred_at: string | null; settled_on: string | null; payout_ref: string | null; currency: string; gross_fen: number; fee_fen: number;
  merchant_coupon_fen: number; platform_coupon_fen: number; refund_fen: number; net_fen: number; order_id: string | null; matched_by: string | null;
  charge_row_id: number | null; state: string; raw: string; order_number?: string | null;
}
export interface StatementRec {
  id: string; source: string; channel: string; filename: string | null; file_sha256: string; encoding: string | null; rows_read: number; rows_added: number;
  rows_duplicate: number; rows_refused: number; errors: string; imported_by: string; imported_at: string;
}
export interface OrderMoneyRec {
  order_id: string; channel: string; currency: string; expected_fen: number; received_fen: number; fee_fen: number; gap_fen: number; unexplained_fen: number; status: string; updated_at: string;
}
export interface DifferenceRec {
  id: number; order_id: string; cause: string; amount_fen: number; currency: string; state: string; rule_id: number | null; confirmed_cause: string | null;
  note: string | null; confirmed_by: string | null; confirmed_at: string | null; order_number?: string; channel?: string;
}
export interface RuleRec { id: number; channel: string | null; cause: string; max_percent: number | null; max_fen: number | null; note: string | null; created_at: string }
export interface ChannelRec { channel: string; cycle_days: number; cycle_label: string; tolerance_fen: number; window_hours: number }
/** An order as payouts needs it: what the buyer paid, when, in which channel. */
export interface OrderFacts { id: string; number: string; channel: string; external_id: string; state: string; total_minor: number | null; currency: string | null; created_at: string }

// ---- statements and rows

export const selectStatementBySha = (db: Db, sha: string) => prep(db, 'SELECT * FROM payout_statements WHERE file_sha256 = ?').get(sha) as StatementRec | undefined;
export const selectStatement = (db: Db, id: string) => prep(db, 'SELECT * FROM payout_statements WHERE id = ?').get(id) as StatementRec | undefined;
export const selectStatements = (db: Db) => prep(db, 'SELECT * FROM payout_statements ORDER BY imported_at DESC, id DESC LIMIT 200').all() as StatementRec[];

export function insertStatement(db: Db, s: Pick<StatementRec, 'id' | 'source' | 'channel' | 'filename' | 'file_sha256' | 'encoding' | 'imported_by' | 'imported_at'>): void {
  prep(db, 'INSERT INTO payout_statements (id, source, channel, filename, file_sha256, encoding, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(s.id, s.source, s.channel, s.filename, s.file_sha256, s.encoding, s.imported_by, s.imported_at);
}

export const setStatementEncoding = (db: Db, id: string, encoding: string | null) => void prep(db, 'UPDATE payout_statements SET encoding = ? WHERE id = ?').run(encoding, id);
/** The orders a statement's rows reached. */
export const selectOrderIdsOfStatement = (db: Db, id: string) =>
  prep(db, 'SELECT DISTINCT order_id FROM payout_rows WHERE statement_id = ? AND order_id IS NOT NULL ORDER BY order_id').pluck().all(id) as string[];
/** A statement whose file turned out not to read: it and the rows stored so far go (nothing was reconciled from them yet). */
export function deleteStatement(db: Db, id: string): void {
  prep(db, 'DELETE FROM payout_rows WHERE statement_id = ?').run(id);
  prep(db, 'DELETE FROM payout_statements WHERE id = ?').run(id);
}

export function addStatementCounts(db: Db, id: string, c: { read: number; added: number; duplicate: number; refused: number; errors?: string }): void {
  prep(db, `UPDATE payout_statements SET rows_read = rows_read + ?, rows_added = rows_added + ?, rows_duplicate = rows_duplicate + ?, rows_refused = rows_refused + ?,
    errors = COALESCE(?, errors) WHERE id = ?`).run(c.read, c.added, c.duplicate, c.refused, c.errors ?? null, id);
}

// ---- an import's rows: read against what is stored (keys, orders), then stored a slice of orders
// at a time (actions/import-rows.ts), each row once, in its final state.

/** Which of these row keys (`keys`: a JSON array) are stored already. */
export const selectKnownRowKeys = (db: Db, keys: string) =>
  prep(db, 'SELECT p.row_key FROM json_each(?) j CROSS JOIN payout_rows p ON p.row_key = j.value').pluck().all(keys) as string[];

/**
 * The orders some statement numbers (`values`: a JSON array) name, one way each (`by`; the import
 * tries them in this order): the channel's number, the payment reference of an order of the
 * channel, a Packline number, an order id. Each found: the value and the order as payouts needs it
 * (OrderFacts, read with the match: the order's row is read for its id anyway), each value's orders in index order.
 */
export type NumberMatch = 'external_id' | 'payment_ref' | 'number' | 'id';
const FACTS = 'o.id, o.number, o.channel, o.external_id, o.state, o.total_minor, o.currency, o.created_at';
const NUMBER_MATCH_SQL: Record<NumberMatch, string> = {
  external_id: `SELECT j.value, ${FACTS} FROM json_each(?) j CROSS JOIN orders o ON o.channel = ? AND o.external_id = j.value`,
  payment_ref: `SELECT j.value, ${FACTS} FROM json_each(?) j CROSS JOIN orders o ON o.payment_ref = j.value WHERE o.channel = ?`,
  number: `SELECT j.value, ${FACTS} FROM json_each(?) j CROSS JOIN orders o ON o.number = j.value`,
  id: `SELECT j.value, ${FACTS} FROM json_each(?) j CROSS JOIN orders o ON o.id = j.value`,
};
export const selectOrdersByNumbers = (db: Db, by: NumberMatch, channel: string, values: string) =>
  prep(db, NUMBER_MATCH_SQL[by]).all(...(by === 'number' || by === 'id' ? [values] : [values, channel])) as (OrderFacts & { value: string })[];

/** Stored charges with an order, by transaction id (`txns`: a JSON array): pairs [txn, order id], for refunds that name no order. */
export const selectChargeOrdersByTxn = (db: Db, txns: string) =>
  prep(db, `SELECT c.platform_txn_id, c.order_id FROM json_each(?) j CROSS JOIN payout_rows c ON c.platform_txn_id = j.value AND c.kind = 'charge'
    WHERE c.order_id IS NOT NULL ORDER BY c.id`).raw().all(txns) as [string, string][];

/** What reckoning an order needs of it, its channel's settings and the money it had. */
export interface OrderReckonFacts {
  id: string; channel: string; total_minor: number | null; currency: string | null; created_at: string; cycle_days: number | null; tolerance_fen: number | null;
  had_money: number; old_received: number; old_fee: number;
}
/** Some orders (`orderIds`: a JSON array) as payouts needs them: read with an import's plan. */
export const selectOrderFactsOf = (db: Db, orderIds: string) =>
  prep(db, `SELECT ${FACTS} FROM json_each(?) j CROSS JOIN orders o ON o.id = j.value`).all(orderIds) as OrderFacts[];
/** The money some orders (`orderIds`: a JSON array) had: those that had some. */
export const selectMoneyOf = (db: Db, orderIds: string) =>
  prep(db, 'SELECT p.order_id, p.received_fen, p.fee_fen FROM json_each(?) j CROSS JOIN payout_orders p ON p.order_id = j.value').all(orderIds) as Pick<OrderMoneyRec, 'order_id' | 'received_fen' | 'fee_fen'>[];

/** A row as reckoning adds it up (stored ones, and an import's before they are stored). */
export interface TotalledRow {
  order_id: string; kind: string; currency: string; net_fen: number; fee_fen: number; gross_fen: number; merchant_coupon_fen: number; platform_coupon_fen: number;
  refund_fen: number; settled_on: string | null; occurred_at: string | null;
}
/** The stored rows of some orders (`orderIds`: a JSON array), in id order. */
export const selectTotalledRowsOf = (db: Db, orderIds: string) =>
  prep(db, `SELECT r.order_id, r.kind, r.currency, r.net_fen, r.fee_fen, r.gross_fen, r.merchant_coupon_fen, r.platform_coupon_fen, r.refund_fen, r.settled_on, r.occurred_at
    FROM json_each(?) j CROSS JOIN payout_rows r ON r.order_id = j.value ORDER BY r.id`).all(orderIds) as TotalledRow[];

/**
 * Runs `sqlOf(n)`, a statement of n rows of `width` values each (multi-row VALUES), over `values`
 * (rows one after another) in one statement per power of two of rows up to 512 (a handful of
 * statement shapes serve every batch); returns the rows it changed.
 */
function runInRows(db: Db, sqlOf: (n: number) => string, width: number, values: readonly unknown[], before: readonly unknown[] = []): number {
  const rows = values.length / width;
  let changed = 0;
  for (let at = 0; at < rows; ) {
    const n = 2 ** Math.min(9, Math.floor(Math.log2(rows - at)));
    const params: unknown[] = [];
    for (let i = at; i < at + n; i++) {
      for (const b of before) params.push(b);
      for (let k = i * width; k < (i + 1) * width; k++) params.push(values[k]);
    }
    changed += prep(db, sqlIn(sqlOf, n)).run(params).changes;
    at += n;
  }
  return changed;
}
/** Each statement shape's text made once: an import runs thousands of them, and the text of one of 512 rows is tens of kB to build and look up. */
const shapes = new Map<(n: number) => string, string[]>();
function sqlIn(sqlOf: (n: number) => string, n: number): string {
  let texts = shapes.get(sqlOf);
  if (!texts) shapes.set(sqlOf, (texts = []));
  return (texts[n] ??= sqlOf(n));
}
const valueRows = (n: number, width: number) => Array(n).fill(`(${Array(width).fill('?').join(', ')})`).join(', ');

/** payout_rows' columns an import writes, in the order insertRows binds them (ROW_FIELDS, then the order, how, and the state). */
const INSERT_COLUMNS = `line_no, row_key, kind, merchant_order_no, platform_txn_id, refund_no, occurred_at, settled_on, payout_ref, currency, gross_fen, fee_fen,
  merchant_coupon_fen, platform_coupon_fen, refund_fen, net_fen, raw, order_id, matched_by, state`;
const INSERT_VALUES = ROW_FIELDS.length + 3;
const insertRowsSql = (n: number) => `INSERT OR IGNORE INTO payout_rows (statement_id, channel, ${INSERT_COLUMNS}) VALUES ${valueRows(n, INSERT_VALUES + 2)}`;
/**
 * Stores rows (`values`: ROW_FIELDS of each, then its order id, matched by, state; rows one after
 * another), a row whose key is stored already skipped; returns how many were stored.
 */
export const insertRows = (db: Db, statementId: string, channel: string, values: readonly unknown[]): number =>
  runInRows(db, insertRowsSql, INSERT_VALUES, values, [statementId, channel]);
/** A statement's charges stored with no order and no order number: for the amount and time match. */
export const selectUnnumberedCharges = (db: Db, statementId: string) =>
  prep(db, "SELECT id FROM payout_rows WHERE statement_id = ? AND order_id IS NULL AND kind = 'charge' AND merchant_order_no IS NULL ORDER BY line_no").pluck().all(statementId) as number[];

export const setRowOrder = (db: Db, id: number, orderId: string, matchedBy: string) =>
  void prep(db, 'UPDATE payout_rows SET order_id = ?, matched_by = ? WHERE id = ?').run(orderId, matchedBy, id);
export const selectRowsOfOrder = (db: Db, orderId: string) => prep(db, 'SELECT * FROM payout_rows WHERE order_id = ? ORDER BY id').all(orderId) as StatementRowRec[];

/** Rows (`rowIds`: a JSON array) still without an order: for the amount and time match. */
export const selectRowsWithoutOrder = (db: Db, rowIds: string) =>
  prep(db, 'SELECT * FROM payout_rows WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) AND order_id IS NULL ORDER BY line_no').all(rowIds) as StatementRowRec[];

export function selectRows(db: Db, f: { statementId?: string; state?: string; channel?: string; limit: number }): { items: StatementRowRec[]; total: number } {
  const where = ['(? IS NULL OR r.statement_id = ?)', '(? IS NULL OR r.state = ?)', '(? IS NULL OR r.channel = ?)'].join(' AND ');
  const args = [f.statementId ?? null, f.statementId ?? null, f.state ?? null, f.state ?? null, f.channel ?? null, f.channel ?? null];
  const items = prep(db, `SELECT r.*, o.number order_number FROM payout_rows r LEFT JOIN orders o ON o.id = r.order_id WHERE ${where} ORDER BY r.statement_id DESC, r.line_no LIMIT ?`).all(...args, f.limit) as StatementRowRec[];
  const total = prep(db, `SELECT count(*) FROM payout_rows r WHERE ${where}`).pluck().get(...args) as number;
  return { items, total };
}

export const countRowStates = (db: Db, statementId: string) =>
  prep(db, 'SELECT state, count(*) n FROM payout_rows WHERE statement_id = ? GROUP BY state').all(statementId) as { state: string; n: number }[];
/** The same, for the rows of file lines after `afterLine` up to `uptoLine` (a range of payout_rows_statement). */
export const countRowStatesOfLines = (db: Db, statementId: string, afterLine: number, uptoLine: number) =>
  prep(db, 'SELECT state, count(*) n FROM payout_rows WHERE statement_id = ? AND line_no > ? AND line_no <= ? GROUP BY state').all(statementId, afterLine, uptoLine) as { state: string; n: number }[];
export const selectLastLineOf = (db: Db, statementId: string) =>
  (prep(db, 'SELECT max(line_no) FROM payout_rows WHERE statement_id = ?').pluck().get(statementId) as number | null) ?? 0;

// ---- orders' money

export const selectOrderFacts = (db: Db, id: string) =>
  prep(db, 'SELECT id, number, channel, external_id, state, total_minor, currency, created_at FROM orders WHERE id = ?').get(id) as OrderFacts | undefined;

/** An order's rows added up by kind, with what reckoning needs of the order and its channel: one row per order of `orderIds` (a JSON array) that has rows. */
export interface RowTotalsRec {
  order_id: string; channel: string; total_minor: number | null; currency: string; cycle_days: number | null; tolerance_fen: number | null;
  rows: number; mixed_currency: number; net: number; fee: number; gross: number; merchant_coupon: number; platform_coupon: number; refund: number; dispute: number; reserve: number;
  late: number; matched_rows: number; partly_matched_rows: number; refunds: number;
  /** the order's day and currency as payout_order_days counts it; what it had before this reckoning */
  day: string; order_currency: string; had_money: number; old_received: number; old_fee: number;
}
/**
 * The sums of each order's rows, by kind, in one read for a batch of orders. The due day is the
 * order's day + the channel's cycle (as reconcile.ts dueAt); a row arrived on its payout date, else its own day.
 */
const rowTotalsSql = (rows: string, firstCurrency: string) => `SELECT order_id, channel, total_minor, currency, cycle_days, tolerance_fen, rows, (cmin != cmax OR cmin != currency) AS mixed_currency, net, fee, gross, merchant_coupon, platform_coupon, refund, dispute, reserve, late,
      matched_rows, partly_matched_rows, refunds, day, order_currency, had_money, old_received, old_fee
    FROM (SELECT r.order_id, o.channel, o.total_minor, c.cycle_days, c.tolerance_fen, substr(o.created_at, 1, 10) AS day, COALESCE(o.currency, 'CNY') order_currency,
        p.order_id IS NOT NULL had_money, COALESCE(p.received_fen, 0) old_received, COALESCE(p.fee_fen, 0) old_fee, count(*) AS rows, min(r.currency) cmin, max(r.currency) cmax,
        CASE WHEN o.currency IS NULL THEN ${firstCurrency} ELSE o.currency END currency,
        sum(r.net_fen) net, sum(r.fee_fen) fee,
        sum(iif(r.kind = 'charge', r.gross_fen, 0)) gross, sum(iif(r.kind = 'charge', r.merchant_coupon_fen, 0)) merchant_coupon, sum(iif(r.kind = 'charge', r.platform_coupon_fen, 0)) platform_coupon,
        sum(iif(r.kind = 'refund', r.refund_fen, 0)) refund, sum(iif(r.kind = 'dispute', -(r.net_fen + r.fee_fen), 0)) dispute, sum(iif(r.kind = 'reserve', -(r.net_fen + r.fee_fen), 0)) reserve,
        sum(iif(r.kind = 'charge' AND c.cycle_days IS NOT NULL AND COALESCE(r.settled_on, substr(r.occurred_at, 1, 10)) > date(o.created_at, '+' || COALESCE(c.cycle_days, 0) || ' days'), r.net_fen, 0)) late,
        sum(r.state = 'matched') matched_rows, sum(r.state = 'partly_matched') partly_matched_rows, sum(r.kind = 'refund') refunds
      FROM ${rows} r JOIN orders o ON o.id = r.order_id LEFT JOIN payout_channels c ON c.channel = o.channel LEFT JOIN payout_orders p ON p.order_id = r.order_id
      WHERE r.order_id IN (SELECT value FROM json_each(@orderIds))
      GROUP BY r.order_id, o.channel, o.total_minor, o.currency, o.created_at, c.cycle_days, c.tolerance_fen, p.order_id, p.received_fen, p.fee_fen)`;

const STORED_FIRST_CURRENCY = '(SELECT f.currency FROM payout_rows f WHERE f.order_id = r.order_id ORDER BY f.id LIMIT 1)';
export const selectRowTotalsOf = (db: Db, orderIds: string) =>
  prep(db, rowTotalsSql('payout_rows', STORED_FIRST_CURRENCY)).all({ orderIds }) as RowTotalsRec[];

// ---- running totals per channel, currency and order day (the summary and the overdue list read these, not every order)

/** Adds what a reconciling batch changed (`values`: channel, currency, day, paid_orders, paid_total_fen, received_fen, fee_fen of each day, one after another). */
const addPaidToDaysSql = (n: number) => `INSERT INTO payout_order_days (channel, currency, day, paid_orders, paid_total_fen, received_fen, fee_fen) VALUES ${valueRows(n, 7)}
    ON CONFLICT (channel, currency, day) DO UPDATE SET paid_orders = payout_order_days.paid_orders + excluded.paid_orders, paid_total_fen = payout_order_days.paid_total_fen + excluded.paid_total_fen,
      received_fen = payout_order_days.received_fen + excluded.received_fen, fee_fen = payout_order_days.fee_fen + excluded.fee_fen`;
export const addPaidToDays = (db: Db, values: readonly unknown[]) => void runInRows(db, addPaidToDaysSql, 7, values);

/** Counts up to `limit` orders added since the last time (by rowid: orders are never deleted) into their days; false when there were none. */
export function countNewOrdersIntoDays(db: Db, limit: number): boolean {
  const from = prep(db, 'SELECT upto FROM payout_order_cursor WHERE id = 1').pluck().get() as number;
  const to = prep(db, 'SELECT max(rowid) FROM (SELECT rowid FROM orders WHERE rowid > ? ORDER BY rowid LIMIT ?)').pluck().get(from, limit) as number | null;
  if (to === null) return false;
  prep(db, `INSERT INTO payout_order_days (channel, currency, day, orders, fen)
    SELECT channel, COALESCE(currency, 'CNY'), substr(created_at, 1, 10), count(*), COALESCE(sum(total_minor), 0) FROM orders WHERE rowid > ? AND rowid <= ? GROUP BY 1, 2, 3
    ON CONFLICT (channel, currency, day) DO UPDATE SET orders = orders + excluded.orders, fen = fen + excluded.fen`).run(from, to);
  prep(db, 'UPDATE payout_order_cursor SET upto = ? WHERE id = 1').run(to);
  return true;
}
/** Whether orders were added since the days last counted them (a read, outside the writer). */
export const hasUncountedOrders = (db: Db) =>
  !!prep(db, 'SELECT 1 FROM orders WHERE rowid > (SELECT upto FROM payout_order_cursor WHERE id = 1) LIMIT 1').get();

/** Orders' money for a batch (`values`: order_id, channel, currency, expected, received, fee, gap, unexplained, status, updated_at of each, one after another), a statement per few hundred. */
const upsertOrderMoneySql = (n: number) => `INSERT INTO payout_orders (order_id, channel, currency, expected_fen, received_fen, fee_fen, gap_fen, unexplained_fen, status, updated_at)
    VALUES ${valueRows(n, 10)} ON CONFLICT (order_id) DO UPDATE SET channel = excluded.channel, currency = excluded.currency, expected_fen = excluded.expected_fen, received_fen = excluded.received_fen,
    fee_fen = excluded.fee_fen, gap_fen = excluded.gap_fen, unexplained_fen = excluded.unexplained_fen, status = excluded.status, updated_at = excluded.updated_at`;
export const upsertOrderMoneyOf = (db: Db, values: readonly unknown[]) => void runInRows(db, upsertOrderMoneySql, 10, values);
/** Each row of these orders (`orderIds`: a JSON array) takes `state`, their orders' state: one statement for a batch. */
export const setRowsStateOf = (db: Db, orderIds: string, state: string) =>
  void prep(db, 'UPDATE payout_rows SET state = ? WHERE order_id IN (SELECT value FROM json_each(?)) AND state != ?').run(state, orderIds, state);
/** Each refund of these orders (`orderIds`: a JSON array) points at its charge: the one with its transaction id, else the order's first. */
export const linkRefundsToCharges = (db: Db, orderIds: string) =>
  void prep(db, `UPDATE payout_rows SET charge_row_id = (SELECT c.id FROM payout_rows c WHERE c.order_id = payout_rows.order_id AND c.kind = 'charge'
      ORDER BY c.platform_txn_id IS payout_rows.platform_txn_id DESC, c.id LIMIT 1)
    WHERE order_id IN (SELECT value FROM json_each(?)) AND kind = 'refund'`).run(orderIds);
export const selectOrderMoney = (db: Db, orderId: string) => prep(db, 'SELECT * FROM payout_orders WHERE order_id = ?').get(orderId) as OrderMoneyRec | undefined;
/** The next orders with money (after `after`, in id order). */
export const selectOrderIdsWithMoney = (db: Db, after: string, limit: number) =>
  prep(db, 'SELECT order_id FROM payout_orders WHERE order_id > ? ORDER BY order_id LIMIT ?').pluck().all(after, limit) as string[];

export type OrderMoneyListRec = OrderFacts & Partial<Omit<OrderMoneyRec, 'channel' | 'currency' | 'order_id'>> & { cycle_days: number | null };

/** Orders with money (by status), joined with the order. */
export function selectOrderMoneyList(db: Db, f: { status: string; channel?: string; limit: number }): OrderMoneyListRec[] {
  return prep(db, `SELECT o.id, o.number, o.channel, o.external_id, o.state, o.total_minor, o.currency, o.created_at, p.expected_fen, p.received_fen, p.fee_fen, p.gap_fen, p.unexplained_fen, p.status, c.cycle_days
    FROM payout_orders p JOIN orders o ON o.id = p.order_id LEFT JOIN payout_channels c ON c.channel = o.channel
    WHERE p.status = ? AND (? IS NULL OR p.channel = ?) ORDER BY o.created_at LIMIT ?`).all(f.status, f.channel ?? null, f.channel ?? null, f.limit) as OrderMoneyListRec[];
}

/**
 * Orders no money has reached yet, oldest first; `overdue` true: past their channel's cycle at `now`,
 * false: still within it. Scans the orders of the channels (a cancelled order expects nothing).
 */
export function selectUnpaidOrders(db: Db, f: { channel?: string; overdue?: boolean; now: string; limit: number }): OrderMoneyListRec[] {
  // Orders of earlier days all have money (or were cancelled): the walk by created_at starts at the first day with some that have none.
  const from = selectFirstUnpaidDay(db, f.channel ?? null);
  if (from === null) return [];
  // Overdue ones were all placed before the latest cutoff of the channels (with a cycle): the walk stops there (a second after: the bound only saves reading).
  const shortest = f.overdue ? (prep(db, 'SELECT min(cycle_days) FROM payout_channels WHERE @channel IS NULL OR channel = @channel').pluck().get({ channel: f.channel ?? null }) as number | null) : null;
  const until = shortest === null ? null : new Date(Date.parse(f.now) - Number(shortest) * 86_400_000 + 1000).toISOString();
  if (f.overdue && until === null) return [];
  const due = f.overdue === undefined ? '1' : f.overdue ? '(c.cycle_days IS NOT NULL AND julianday(o.created_at) + c.cycle_days < julianday(?))' : '(c.cycle_days IS NULL OR julianday(o.created_at) + c.cycle_days >= julianday(?))';
  const args: unknown[] = f.overdue === undefined ? [] : [f.now];
  return prep(db, `SELECT o.id, o.number, o.channel, o.external_id, o.state, o.total_minor, o.currency, o.created_at, c.cycle_days
    FROM orders o LEFT JOIN payout_orders p ON p.order_id = o.id LEFT JOIN payout_channels c ON c.channel = o.channel
    WHERE o.created_at >= ? AND o.created_at < ? AND p.order_id IS NULL AND o.state != 'cancelled' AND (? IS NULL OR o.channel = ?) AND ${due} ORDER BY o.created_at LIMIT ?`)
    .all(from, until ?? '~', f.channel ?? null, f.channel ?? null, ...args, f.limit) as OrderMoneyListRec[];
}

export interface ChannelTotalsRec {
  channel: string; currency: string; cycle_days: number | null; cycle_label: string | null; paid_orders: number; paid_fen: number; fees: number;
  transit_orders: number; transit_fen: number; overdue_orders: number; overdue_fen: number;
}

/** The days' running totals, with the orders added since they were last counted (read by rowid, a short range) as days of their own. */
const DAYS = `(SELECT channel, currency, day, orders, fen, paid_orders, paid_total_fen, received_fen, fee_fen FROM payout_order_days
  UNION ALL SELECT channel, COALESCE(currency, 'CNY'), substr(created_at, 1, 10), count(*), COALESCE(sum(total_minor), 0), 0, 0, 0, 0
    FROM orders WHERE rowid > (SELECT upto FROM payout_order_cursor WHERE id = 1) GROUP BY 1, 2, 3)`;
/** The day before which every order of a channel is past its cycle at @now (its orders of that very day are looked at one by one). */
const CUTOFF_DAY = 'date(julianday(@now) - c.cycle_days)';

/**
 * Per channel and currency: paid (orders with money), in transit and overdue (orders without, by the
 * channel's cycle at `now`; a cancelled order expects nothing). Read from the running totals per
 * order day, not from every order: the days wholly before a channel's cutoff are overdue, those after
 * it in transit; the orders of the cutoff day itself and the cancelled orders are read one by one
 * (through the orders' created_at and state indexes). Three reads; the caller adds them up.
 */
export function selectChannelTotals(db: Db, now: string): { days: ChannelTotalsRec[]; cutoffDay: ChannelTotalsRec[]; cancelled: ChannelTotalsRec[] } {
  const days = prep(db, `SELECT d.channel, d.currency, c.cycle_days, c.cycle_label,
      sum(d.paid_orders) paid_orders, sum(d.received_fen) paid_fen, sum(d.fee_fen) fees,
      sum(iif(c.cycle_days IS NULL OR d.day > ${CUTOFF_DAY}, d.orders - d.paid_orders, 0)) transit_orders, sum(iif(c.cycle_days IS NULL OR d.day > ${CUTOFF_DAY}, d.fen - d.paid_total_fen, 0)) transit_fen,
      sum(iif(d.day < ${CUTOFF_DAY}, d.orders - d.paid_orders, 0)) overdue_orders, sum(iif(d.day < ${CUTOFF_DAY}, d.fen - d.paid_total_fen, 0)) overdue_fen
    FROM ${DAYS} d LEFT JOIN payout_channels c ON c.channel = d.channel GROUP BY d.channel, d.currency, c.cycle_days, c.cycle_label ORDER BY d.channel, d.currency`).all({ now }) as ChannelTotalsRec[];
  const overdue = 'julianday(o.created_at) + c.cycle_days < julianday(@now)';
  // Only channels whose cutoff day has orders without money; CROSS JOIN and +o.channel: that day is read through orders_created, never by channel (a fifth of every order).
  const cutoffDay = prep(db, `SELECT o.channel, COALESCE(o.currency, 'CNY') currency, 0 paid_orders, 0 paid_fen, 0 fees,
      sum(NOT ${overdue}) transit_orders, COALESCE(sum(iif(${overdue}, 0, o.total_minor)), 0) transit_fen, sum(${overdue}) overdue_orders, COALESCE(sum(iif(${overdue}, o.total_minor, 0)), 0) overdue_fen
    FROM (SELECT * FROM payout_channels c WHERE EXISTS (SELECT 1 FROM ${DAYS} d WHERE d.channel = c.channel AND d.day = ${CUTOFF_DAY} AND d.orders > d.paid_orders)) c
    CROSS JOIN orders o ON o.created_at >= ${CUTOFF_DAY} AND o.created_at < date(julianday(@now) - c.cycle_days, '+1 day') AND +o.channel = c.channel
    LEFT JOIN payout_orders p ON p.order_id = o.id
    WHERE p.order_id IS NULL AND o.state != 'cancelled' GROUP BY 1, 2`).all({ now }) as ChannelTotalsRec[];
  const unpaid = 'p.order_id IS NULL';
  const cancelled = prep(db, `SELECT o.channel, COALESCE(o.currency, 'CNY') currency,
      sum(p.order_id IS NOT NULL) paid_orders, COALESCE(sum(p.received_fen), 0) paid_fen, COALESCE(sum(p.fee_fen), 0) fees,
      sum(${unpaid} AND (c.cycle_days IS NULL OR substr(o.created_at, 1, 10) > ${CUTOFF_DAY})) transit_orders,
      COALESCE(sum(iif(${unpaid} AND (c.cycle_days IS NULL OR substr(o.created_at, 1, 10) > ${CUTOFF_DAY}), o.total_minor, 0)), 0) transit_fen,
      sum(${unpaid} AND substr(o.created_at, 1, 10) < ${CUTOFF_DAY}) overdue_orders,
      COALESCE(sum(iif(${unpaid} AND substr(o.created_at, 1, 10) < ${CUTOFF_DAY}, o.total_minor, 0)), 0) overdue_fen
    FROM orders o LEFT JOIN payout_orders p ON p.order_id = o.id LEFT JOIN payout_channels c ON c.channel = o.channel
    WHERE o.state = 'cancelled' GROUP BY 1, 2`).all({ now }) as ChannelTotalsRec[];
  return { days, cutoffDay, cancelled };
}

/** The first order day that still has orders without money (in `channel`, or any): the overdue and unpaid lists start there. */
export const selectFirstUnpaidDay = (db: Db, channel: string | null) =>
  prep(db, `SELECT min(day) FROM ${DAYS} WHERE orders > paid_orders AND (@channel IS NULL OR channel = @channel)`).pluck().get({ channel }) as string | null;

export const countOpenDifferencesByChannel = (db: Db) =>
  prep(db, "SELECT channel, currency, count(*) n FROM payout_differences WHERE state = 'open' GROUP BY channel, currency").all() as { channel: string; currency: string; n: number }[];
export const countUnmatchedRowsByChannel = (db: Db) =>
  prep(db, "SELECT channel, currency, count(*) n FROM payout_rows WHERE state = 'unmatched' GROUP BY channel, currency").all() as { channel: string; currency: string; n: number }[];

/** Orders of a channel without money, in a time span, with a total in a range: for rows that carry no order number. */
export function selectUnpaidByAmountTime(db: Db, channel: string, minFen: number, maxFen: number, from: string, to: string): OrderFacts[] {
  return prep(db, `SELECT o.id, o.number, o.channel, o.external_id, o.state, o.total_minor, o.currency, o.created_at FROM orders o LEFT JOIN payout_orders p ON p.order_id = o.id
    WHERE o.channel = ? AND o.total_minor BETWEEN ? AND ? AND o.created_at BETWEEN ? AND ? AND p.order_id IS NULL AND o.state != 'cancelled'`).all(channel, minFen, maxFen, from, to) as OrderFacts[];
}

// ---- differences

const DIFF_SELECT = 'SELECT d.*, o.number order_number, o.channel FROM payout_differences d JOIN orders o ON o.id = d.order_id';
export const selectDifferencesOfOrder = (db: Db, orderId: string) => prep(db, `${DIFF_SELECT} WHERE d.order_id = ? ORDER BY d.id`).all(orderId) as DifferenceRec[];
export const selectDifference = (db: Db, id: number) => prep(db, `${DIFF_SELECT} WHERE d.id = ?`).get(id) as DifferenceRec | undefined;
export function selectDifferences(db: Db, f: { state?: string; cause?: string; channel?: string; limit: number }): DifferenceRec[] {
  return prep(db, `${DIFF_SELECT} WHERE (? IS NULL OR d.state = ?) AND (? IS NULL OR COALESCE(d.confirmed_cause, d.cause) = ?) AND (? IS NULL OR o.channel = ?) ORDER BY d.id DESC LIMIT ?`)
    .all(f.state ?? null, f.state ?? null, f.cause ?? null, f.cause ?? null, f.channel ?? null, f.channel ?? null, f.limit) as DifferenceRec[];
}
/**
 * The differences of a batch of orders as they are now (`values`: order_id, cause, amount, currency,
 * state, rule_id, channel of each, one after another): each upserted (a confirmed one stays confirmed),
 * a statement per few hundred; the other causes of `orderIds` (a JSON array; null: none of them
 * had differences before) deleted.
 */
export function replaceDifferencesOf(db: Db, orderIds: string | null, values: readonly unknown[]): void {
  if (orderIds) {
    const now: string[] = [];
    for (let i = 0; i < values.length; i += 7) now.push(`${values[i] as string}\u0001${values[i + 1] as string}`);
    prep(db, `DELETE FROM payout_differences WHERE order_id IN (SELECT value FROM json_each(@orderIds))
      AND order_id || char(1) || cause NOT IN (SELECT value FROM json_each(@now))`).run({ orderIds, now: JSON.stringify(now) });
  }
  runInRows(db, upsertDifferencesSql, 7, values);
}
const upsertDifferencesSql = (n: number) => `INSERT INTO payout_differences (order_id, cause, amount_fen, currency, state, rule_id, channel) VALUES ${valueRows(n, 7)}
    ON CONFLICT (order_id, cause) DO UPDATE SET amount_fen = excluded.amount_fen, currency = excluded.currency, channel = excluded.channel,
    state = CASE WHEN payout_differences.state = 'confirmed' THEN 'confirmed' ELSE excluded.state END, rule_id = excluded.rule_id`;
export function confirmDifferenceRow(db: Db, id: number, c: { cause: string; note: string | null; by: string; at: string }): void {
  prep(db, "UPDATE payout_differences SET state = 'confirmed', confirmed_cause = ?, note = ?, confirmed_by = ?, confirmed_at = ? WHERE id = ?").run(c.cause, c.note, c.by, c.at, id);
}

// ---- rules, channels, mappings

export const selectRules = (db: Db) => prep(db, 'SELECT * FROM payout_rules ORDER BY id').all() as RuleRec[];
export function insertRule(db: Db, r: Omit<RuleRec, 'id'> & { created_by: string }): number {
  return Number(prep(db, 'INSERT INTO payout_rules (channel, cause, max_percent, max_fen, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(r.channel, r.cause, r.max_percent, r.max_fen, r.note, r.created_by, r.created_at).lastInsertRowid);
}
export const deleteRule = (db: Db, id: number) => prep(db, 'DELETE FROM payout_rules WHERE id = ?').run(id).changes > 0;
/** The next orders with differences (after `after`, in id order). */
export const selectOrderIdsWithDifferences = (db: Db, after: string, limit: number) =>
  prep(db, 'SELECT DISTINCT order_id FROM payout_differences WHERE order_id > ? ORDER BY order_id LIMIT ?').pluck().all(after, limit) as string[];

export const selectChannels = (db: Db) => prep(db, 'SELECT * FROM payout_channels ORDER BY channel').all() as ChannelRec[];
export const selectChannel = (db: Db, channel: string) => prep(db, 'SELECT * FROM payout_channels WHERE channel = ?').get(channel) as ChannelRec | undefined;
export function upsertChannel(db: Db, c: ChannelRec): void {
  prep(db, `INSERT INTO payout_channels (channel, cycle_days, cycle_label, tolerance_fen, window_hours) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (channel) DO UPDATE SET cycle_days = excluded.cycle_days, cycle_label = excluded.cycle_label, tolerance_fen = excluded.tolerance_fen, window_hours = excluded.window_hours`)
    .run(c.channel, c.cycle_days, c.cycle_label, c.tolerance_fen, c.window_hours);
}

export interface MappingRec { id: string; name: string; channel: string; mapping: string; created_at: string }
export const selectMappings = (db: Db) => prep(db, 'SELECT * FROM payout_mappings ORDER BY name').all() as MappingRec[];
export const mappingNameTaken = (db: Db, name: string) => !!prep(db, 'SELECT 1 FROM payout_mappings WHERE name = ?').get(name);
export const insertMapping = (db: Db, m: MappingRec) =>
  void prep(db, 'INSERT INTO payout_mappings (id, name, channel, mapping, created_at) VALUES (?, ?, ?, ?, ?)').run(m.id, m.name, m.channel, m.mapping, m.created_at);

// ---- export

/** Matched rows with their order number, for accounting: no buyer, no address, no phone. */
export function selectExportRows(db: Db, from: string | null, to: string | null): (StatementRowRec & { order_number: string })[] {
  return prep(db, `SELECT r.*, o.number order_number FROM payout_rows r JOIN orders o ON o.id = r.order_id
    WHERE r.state != 'unmatched' AND (? IS NULL OR substr(COALESCE(r.settled_on, r.occurred_at), 1, 10) >= ?) AND (? IS NULL OR substr(COALESCE(r.settled_on, r.occurred_at), 1, 10) <= ?)
    ORDER BY COALESCE(r.settled_on, r.occurred_at), r.id`).all(from, from, to, to) as (StatementRowRec & { order_number: string })[];
}

// ---- profit (read at read time, nothing stored)

/** An order's lines with their product's cost and the currency that cost is in. */
export interface CostLineRec { sku: string; qty: number; cost_minor: number | null; cost_currency: string | null }
export const selectCostLinesOf = (db: Db, orderId: string) =>
  prep(db, 'SELECT s.sku, l.qty, s.cost_minor, s.currency cost_currency FROM order_lines l JOIN skus s ON s.id = l.sku_id WHERE l.order_id = ? ORDER BY l.id').all(orderId) as CostLineRec[];

export interface ChannelProfitRec {
  channel: string; currency: string; orders: number; revenue: number; fees: number; refunds: number; cost: number; profit: number; known_revenue: number; unknown_cost_orders: number;
}
/**
 * Profit per channel and currency of the orders created in [from, to) (ISO instants), each order by
 * index: the range through orders_created, its money through payout_rows_order, its lines through
 * order_lines_order (scalar subqueries, not a join grouped by order: that made SQLite walk every order by id). As profit.ts reckons one order: revenue = what arrived before fees and refunds,
 * else the total; a line without a cost (or with a cost in another currency) leaves the order out of cost and profit, and counts it
 * as an order of unknown cost; so does an order with no total and no money, which is not counted as one (its cost is known).
 */
export const selectChannelProfit = (db: Db, from: string, to: string) => (onPostgres(db) ? selectChannelProfitPg(db, from, to) :
  // One index seek each for an order's rows and its lines (their sums as a JSON array); MATERIALIZED so each is read once.
  prep(db, `WITH per_order AS MATERIALIZED (SELECT o.channel, COALESCE(o.currency, 'CNY') currency, o.total_minor, o.state = 'cancelled' cancelled,
        (SELECT json_array(count(*), COALESCE(sum(r.net_fen), 0), COALESCE(sum(r.fee_fen), 0), COALESCE(sum(iif(r.kind = 'refund', r.refund_fen, 0)), 0))
          FROM payout_rows r WHERE r.order_id = o.id) money,
        iif(o.state = 'cancelled', '[0,0]', (SELECT json_array(COALESCE(sum(l.qty * s.cost_minor), 0),
            sum(s.cost_minor IS NULL OR (s.currency IS NOT NULL AND s.currency != COALESCE(o.currency, 'CNY'))))
          FROM order_lines l JOIN skus s ON s.id = l.sku_id WHERE l.order_id = o.id)) lines
      FROM orders o WHERE o.created_at >= ? AND o.created_at < ?),
    reckoned AS MATERIALIZED (SELECT channel, currency, money->>2 fees, money->>3 refunds, lines->>0 cost,
        iif(money->>0 > 0, money->>1 + money->>2 + money->>3, iif(cancelled, 0, total_minor)) revenue,
        (total_minor IS NOT NULL OR money->>0 > 0) AND COALESCE(lines->>1, 0) = 0 known, COALESCE(lines->>1, 0) > 0 unknown_cost
      FROM per_order WHERE money->>0 > 0 OR NOT cancelled)
    SELECT channel, currency, count(*) orders, COALESCE(sum(revenue), 0) revenue, sum(fees) fees, sum(refunds) refunds,
      COALESCE(sum(iif(known, cost, 0)), 0) cost, COALESCE(sum(iif(known, revenue - fees - refunds - cost, 0)), 0) profit,
      COALESCE(sum(iif(known, revenue, 0)), 0) known_revenue, sum(unknown_cost) unknown_cost_orders
    FROM reckoned GROUP BY channel, currency ORDER BY channel, currency`).all(from, to) as ChannelProfitRec[]);

/**
 * The same on PostgreSQL, whose ->> answers text (SQLite's answers numbers) and which has no
 * json_array: an order's money and lines as LATERAL sums instead of JSON arrays.
 */
const selectChannelProfitPg = (db: Db, from: string, to: string) =>
  prep(db, `WITH per_order AS MATERIALIZED (SELECT o.channel, COALESCE(o.currency, 'CNY') currency, o.total_minor, o.state = 'cancelled' cancelled,
        m.n, m.net, m.fee, m.refund, c.cost, c.unknown
      FROM orders o
      CROSS JOIN LATERAL (SELECT count(*) n, COALESCE(sum(r.net_fen), 0) net, COALESCE(sum(r.fee_fen), 0) fee,
          COALESCE(sum(CASE WHEN r.kind = 'refund' THEN r.refund_fen ELSE 0 END), 0) refund FROM payout_rows r WHERE r.order_id = o.id) m
      CROSS JOIN LATERAL (SELECT CASE WHEN o.state = 'cancelled' THEN 0 ELSE COALESCE(sum(l.qty * s.cost_minor), 0) END cost,
          CASE WHEN o.state = 'cancelled' THEN 0 ELSE COALESCE(sum(CASE WHEN s.cost_minor IS NULL OR (s.currency IS NOT NULL AND s.currency <> COALESCE(o.currency, 'CNY')) THEN 1 ELSE 0 END), 0) END unknown
        FROM order_lines l JOIN skus s ON s.id = l.sku_id WHERE l.order_id = o.id) c
      WHERE o.created_at >= ? AND o.created_at < ?),
    reckoned AS MATERIALIZED (SELECT channel, currency, fee fees, refund refunds, cost,
        CASE WHEN n > 0 THEN net + fee + refund WHEN cancelled THEN 0 ELSE total_minor END revenue,
        (total_minor IS NOT NULL OR n > 0) AND unknown = 0 known, unknown > 0 unknown_cost
      FROM per_order WHERE n > 0 OR NOT cancelled)
    SELECT channel, currency, count(*) orders, COALESCE(sum(revenue), 0) revenue, sum(fees) fees, sum(refunds) refunds,
      COALESCE(sum(CASE WHEN known THEN cost ELSE 0 END), 0) cost, COALESCE(sum(CASE WHEN known THEN revenue - fees - refunds - cost ELSE 0 END), 0) profit,
      COALESCE(sum(CASE WHEN known THEN revenue ELSE 0 END), 0) known_revenue, sum(CASE WHEN unknown_cost THEN 1 ELSE 0 END) unknown_cost_orders
    FROM reckoned GROUP BY channel, currency ORDER BY channel, currency`).all(from, to) as ChannelProfitRec[];
