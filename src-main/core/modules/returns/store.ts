// SQL of the returns module: returns, return_lines, return_units, return_settings. Reads join
// orders, skus and events for names and history; writes touch only this module's tables.
import { prep, type Db } from '../../store/db';
import type { Grade, RefundState, Resolution, ReturnReason, ReturnSource, ReturnState } from '../../../contract/returns';

export interface ReturnRow {
  id: string; number: string; state: ReturnState; source: ReturnSource; order_id: string | null; order_number: string | null; channel: string | null;
  channel_ref: string | null; reason: ReturnReason; note: string | null; waybill: string | null; codes: string; currency: string | null; value: number;
  outside_window: number; resolution: Resolution | null; refund_amount: number; refund_state: RefundState; refund_ref: string | null;
  refund_approved_by: string | null; refund_recorded_by: string | null; linked_order_id: string | null; created_at: string; created_by: string; updated_at: string;
  units: number;
}

const SELECT = `SELECT returns.*, orders.number order_number,
  (SELECT COALESCE(SUM(return_lines.qty), 0) FROM return_lines WHERE return_lines.return_id = returns.id) units
  FROM returns LEFT JOIN orders ON orders.id = returns.order_id`;

export interface NewReturn {
  id: string; number: string; state: ReturnState; source: ReturnSource; orderId: string | null; channel: string | null; channelRef: string | null;
  reason: ReturnReason; note: string | null; waybill: string | null; codes: string[]; currency: string | null; value: number; outsideWindow: boolean;
  at: string; by: string;
}

export function insertReturn(db: Db, r: NewReturn): void {
  prep(db, `INSERT INTO returns (id, number, state, source, order_id, channel, channel_ref, reason, note, waybill, codes, currency, value, outside_window, created_at, created_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.id, r.number, r.state, r.source, r.orderId, r.channel, r.channelRef, r.reason, r.note, r.waybill, JSON.stringify(r.codes), r.currency, r.value,
    r.outsideWindow ? 1 : 0, r.at, r.by, r.at,
  );
}

export function insertReturnLine(db: Db, l: { id: string; returnId: string; orderLineId: string | null; skuId: string; qty: number; reason: ReturnReason; value: number }): void {
  prep(db, 'INSERT INTO return_lines (id, return_id, order_line_id, sku_id, qty, reason, unit_value, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(l.id, l.returnId, l.orderLineId, l.skuId, l.qty, l.reason, Math.floor(l.value / l.qty), l.value);
}

/** Columns a transition may change (only those given). */
export interface ReturnPatch {
  state?: ReturnState; waybill?: string | null; resolution?: Resolution | null; refund_amount?: number; refund_state?: RefundState; refund_ref?: string | null;
  refund_approved_by?: string | null; refund_recorded_by?: string | null; linked_order_id?: string | null; order_id?: string | null; channel?: string | null;
}

export function updateReturn(db: Db, id: string, patch: ReturnPatch, at: string): void {
  const keys = Object.keys(patch) as (keyof ReturnPatch)[];
  const set = [...keys.map((k) => `${k} = ?`), 'updated_at = ?'].join(', ');
  prep(db, `UPDATE returns SET ${set} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), at, id);
}

export function returnRow(db: Db, idOrNumber: string): ReturnRow | undefined {
  return (prep(db, `${SELECT} WHERE returns.id = ?`).get(idOrNumber) ?? prep(db, `${SELECT} WHERE returns.number = ?`).get(idOrNumber)) as ReturnRow | undefined;
}

export function returnByChannelRef(db: Db, channel: string, ref: string): { id: string } | undefined {
  return prep(db, 'SELECT id FROM returns WHERE channel = ? AND channel_ref = ?').get(channel, ref) as { id: string } | undefined;
}

/** Returns of these orders, newest first. */
export const RETURNS_OF_ORDER = 'SELECT id, state FROM returns WHERE order_id = ? ORDER BY id DESC';
export function returnIdsOfOrders(db: Db, orderIds: readonly string[]): { id: string; state: ReturnState }[] {
  return orderIds.flatMap((id) => prep(db, RETURNS_OF_ORDER).all(id) as { id: string; state: ReturnState }[]);
}

/** The queries a bench's scan runs (EXPLAIN QUERY PLAN checked in tests/core/returns/query-plans.test.ts). */
export const RETURNS_BY_WAYBILL = 'SELECT id, state FROM returns WHERE waybill = ?';
export const RETURNS_BY_CHANNEL_REF = 'SELECT id, state FROM returns WHERE channel_ref = ?';
export const RETURNS_BY_PARCEL_CODE = 'SELECT returns.id, returns.state FROM return_codes JOIN returns ON returns.id = return_codes.return_id WHERE return_codes.code = ?';

/** Returns whose parcel carries this waybill, whose channel return id it is, or whose unknown parcel showed this code; newest first. */
export function returnIdsByCode(db: Db, code: string): { id: string; state: ReturnState }[] {
  const rows = [RETURNS_BY_WAYBILL, RETURNS_BY_CHANNEL_REF, RETURNS_BY_PARCEL_CODE].flatMap((sql) => prep(db, sql).all(code) as { id: string; state: ReturnState }[]);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => (a.id < b.id ? 1 : -1));
}

export function insertReturnCodes(db: Db, returnId: string, codes: readonly string[]): void {
  for (const c of codes) prep(db, 'INSERT OR IGNORE INTO return_codes (code, return_id) VALUES (?, ?)').run(c, returnId);
}

export function returnRows(db: Db, q: { state?: ReturnState; ids?: readonly string[] }, limit: number): ReturnRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.state) {
    where.push('returns.state = ?');
    args.push(q.state);
  }
  if (q.ids) {
    where.push(`returns.id IN (${q.ids.map(() => '?').join(',') || "''"})`);
    args.push(...q.ids);
  }
  return prep(db, `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY returns.id DESC LIMIT ?`).all(...args, limit) as ReturnRow[];
}

export interface ReturnLineRow { id: string; order_line_id: string | null; sku_id: string; sku: string; name: string; qty: number; reason: ReturnReason; unit_value: number; value: number; accounted: number }

export function returnLineRows(db: Db, returnId: string): ReturnLineRow[] {
  return prep(db, `SELECT return_lines.id, return_lines.order_line_id, return_lines.sku_id, skus.sku, skus.name, return_lines.qty, return_lines.reason, return_lines.unit_value, return_lines.value,
      (SELECT COUNT(*) FROM return_units WHERE return_units.line_id = return_lines.id) accounted
    FROM return_lines JOIN skus ON skus.id = return_lines.sku_id WHERE return_lines.return_id = ? ORDER BY return_lines.id`).all(returnId) as ReturnLineRow[];
}

export interface ReturnUnitRow {
  id: string; return_id: string; line_id: string | null; sku_id: string | null; sku: string | null; code: string; grade: Grade; bin: string | null; photo: string | null;
  refund: number; written_off_at: string | null; graded_at: string; graded_by: string;
}
const UNIT_SELECT = 'SELECT return_units.*, skus.sku FROM return_units LEFT JOIN skus ON skus.id = return_units.sku_id';

export function returnUnitRows(db: Db, returnId: string): ReturnUnitRow[] {
  return prep(db, `${UNIT_SELECT} WHERE return_units.return_id = ? ORDER BY return_units.id`).all(returnId) as ReturnUnitRow[];
}

export function returnUnitRow(db: Db, id: string): ReturnUnitRow | undefined {
  return prep(db, `${UNIT_SELECT} WHERE return_units.id = ?`).get(id) as ReturnUnitRow | undefined;
}

export function heldUnitRows(db: Db, limit: number): (ReturnUnitRow & { number: string })[] {
  return prep(db, `SELECT return_units.*, skus.sku, returns.number FROM return_units LEFT JOIN skus ON skus.id = return_units.sku_id JOIN returns ON returns.id = return_units.return_id
    WHERE return_units.grade IN ('damaged','repair','scrap') AND return_units.written_off_at IS NULL ORDER BY return_units.id DESC LIMIT ?`).all(limit) as (ReturnUnitRow & { number: string })[];
}

export function insertReturnUnit(db: Db, u: { id: string; returnId: string; lineId: string | null; skuId: string | null; code: string; grade: Grade; bin: string | null; photo: string | null; refund: number; at: string; by: string }): void {
  prep(db, 'INSERT INTO return_units (id, return_id, line_id, sku_id, code, grade, bin, photo, refund, graded_at, graded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(u.id, u.returnId, u.lineId, u.skuId, u.code, u.grade, u.bin, u.photo, u.refund, u.at, u.by);
}

export function setUnitWrittenOff(db: Db, id: string, at: string): void {
  prep(db, 'UPDATE return_units SET written_off_at = ? WHERE id = ?').run(at, id);
}

export function returnHistory(db: Db, returnId: string): { id: number; at: string; type: string; actor: string; reason: string | null }[] {
  return prep(db, 'SELECT id, at, type, actor, reason FROM events WHERE entity_id = ? ORDER BY id').all(returnId) as { id: number; at: string; type: string; actor: string; reason: string | null }[];
}

export function selectReturnSettings(db: Db): string | undefined {
  return prep(db, 'SELECT settings FROM return_settings WHERE id = 1').pluck().get() as string | undefined;
}

export function upsertReturnSettings(db: Db, json: string): void {
  prep(db, 'INSERT INTO return_settings (id, settings) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET settings = excluded.settings').run(json);
}

// ---- the reasons report: units per reason, SKU, channel, grade within [from, to) by the request's creation time

export function unitsByReason(db: Db, from: string, to: string): { reason: ReturnReason; returns: number; units: number }[] {
  return prep(db, `SELECT return_lines.reason, COUNT(DISTINCT returns.id) returns, SUM(return_lines.qty) units FROM returns JOIN return_lines ON return_lines.return_id = returns.id
    WHERE returns.created_at >= ? AND returns.created_at < ? AND returns.state NOT IN ('declined','cancelled') GROUP BY return_lines.reason ORDER BY units DESC`).all(from, to) as { reason: ReturnReason; returns: number; units: number }[];
}

export function unitsBySku(db: Db, from: string, to: string): { sku_id: string; sku: string; name: string; units: number }[] {
  return prep(db, `SELECT return_lines.sku_id, skus.sku, skus.name, SUM(return_lines.qty) units FROM returns JOIN return_lines ON return_lines.return_id = returns.id JOIN skus ON skus.id = return_lines.sku_id
    WHERE returns.created_at >= ? AND returns.created_at < ? AND returns.state NOT IN ('declined','cancelled') GROUP BY return_lines.sku_id, skus.sku, skus.name ORDER BY units DESC LIMIT 200`).all(from, to) as { sku_id: string; sku: string; name: string; units: number }[];
}

export function returnsByChannel(db: Db, from: string, to: string): { channel: string; returns: number; units: number }[] {
  return prep(db, `SELECT COALESCE(returns.channel, '-') channel, COUNT(DISTINCT returns.id) returns, COALESCE(SUM(return_lines.qty), 0) units FROM returns LEFT JOIN return_lines ON return_lines.return_id = returns.id
    WHERE returns.created_at >= ? AND returns.created_at < ? AND returns.state NOT IN ('declined','cancelled') GROUP BY 1 ORDER BY returns DESC`).all(from, to) as { channel: string; returns: number; units: number }[];
}

export function unitsByGrade(db: Db, from: string, to: string): { grade: Grade; units: number }[] {
  return prep(db, `SELECT return_units.grade, COUNT(*) units FROM return_units JOIN returns ON returns.id = return_units.return_id
    WHERE returns.created_at >= ? AND returns.created_at < ? GROUP BY return_units.grade ORDER BY units DESC`).all(from, to) as { grade: Grade; units: number }[];
}

/** Orders of wrong-item returns in the period (their parcels' packers are charged). */
export function wrongItemOrderIds(db: Db, from: string, to: string): string[] {
  return prep(db, `SELECT DISTINCT returns.order_id FROM returns JOIN return_lines ON return_lines.return_id = returns.id
    WHERE returns.created_at >= ? AND returns.created_at < ? AND return_lines.reason = 'wrong_item' AND returns.order_id IS NOT NULL
      AND returns.state NOT IN ('declined','cancelled')`).pluck().all(from, to) as string[];
}

/** Units of each order line already asked back by the order's live returns (not declined or cancelled). */
export function requestedByOrderLine(db: Db, orderId: string): Map<string, number> {
  const rows = prep(db, `SELECT return_lines.order_line_id id, SUM(return_lines.qty) qty FROM return_lines JOIN returns ON returns.id = return_lines.return_id
    WHERE returns.order_id = ? AND returns.state NOT IN ('declined','cancelled') AND return_lines.order_line_id IS NOT NULL GROUP BY return_lines.order_line_id`).all(orderId) as { id: string; qty: number }[];
  return new Map(rows.map((r) => [r.id, r.qty]));
}
