// Orders found by a code, and an order's codes (the order_codes table): its number, its channel's
// number, a code kept on it (a waybill), its id, its ship-to phone. Split from store.ts, the orders'
// other SQL; the same tables, the same module.
import { prep, type Db } from '../../store/db';
import type { Order } from '../../../contract/orders';

/** selectOrderIdByExternal for many external ids of one channel in one statement: external id -> order id. */
export function selectOrderIdsByExternal(db: Db, channel: string, externalIds: readonly string[]): Map<string, string> {
  const rows = prep(db, `SELECT external_id, id FROM orders WHERE channel = ? AND external_id IN (SELECT value FROM json_each(?))`).all(channel, JSON.stringify(externalIds)) as { external_id: string; id: string }[];
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** An order by its channel's number (channel, external_id): once per order created, so it must use its index (tested). */
export const ORDER_ID_BY_EXTERNAL = 'SELECT id FROM orders WHERE channel = ? AND external_id = ?';

export function selectOrderIdByExternal(db: Db, channel: string, externalId: string): string | undefined {
  return (prep(db, ORDER_ID_BY_EXTERNAL).get(channel, externalId) as { id: string } | undefined)?.id;
}

/** An order's id by its id or its number. */
export function selectOrderIdByIdOrNumber(db: Db, ref: string): string | undefined {
  return prep(db, 'SELECT id FROM orders WHERE id = ? OR number = ?').pluck().get(ref, ref) as string | undefined;
}

/** Orders whose ship-to phone, without spaces, dashes and "+", is one of these (exact: orders_phone). */
export function selectOrderIdsByPhone(db: Db, digits: readonly string[], limit: number): string[] {
  return prep(db, `SELECT id FROM orders WHERE phone_digits IN (${digits.map(() => '?').join(',')}) LIMIT ?`).pluck().all(...digits, limit) as string[];
}

export function insertOrderCode(db: Db, code: string, orderId: string, kind: string): void {
  prep(db, 'INSERT OR IGNORE INTO order_codes (code, order_id, kind) VALUES (?, ?, ?)').run(code, orderId, kind);
}

export const selectOrderCodesOfKind = (db: Db, orderId: string, kind: string) =>
  prep(db, 'SELECT code FROM order_codes WHERE order_id = ? AND kind = ? ORDER BY code').pluck().all(orderId, kind) as string[];
export const deleteOrderCodesOfKind = (db: Db, orderId: string, kind: string) => void prep(db, 'DELETE FROM order_codes WHERE order_id = ? AND kind = ?').run(orderId, kind);

/**
 * Codes kept on an order that nobody types or scans: a platform's merge key (抖店's address id) is
 * compared by merging only, so a search or a scan never finds an order by it.
 */
const UNSEARCHED_KINDS = "'merge_key'";

/**
 * The codes an order is found by, by kind. The number and the channel's number come from the
 * order (older databases have code rows for them too, and for the id); a code equal to one listed
 * already is listed once.
 */
export function selectOrderCodes(db: Db, id: string, number: string, external: string): Order['codes'] {
  return prep(db, `SELECT code, kind FROM order_codes WHERE order_id = @id AND kind NOT IN ('id', 'number', 'external', ${UNSEARCHED_KINDS}) AND code NOT IN (@number, @external)
    UNION ALL SELECT @external, 'external' WHERE @external <> @number UNION ALL SELECT @number, 'number' ORDER BY kind`)
    .all({ id, number, external }) as Order['codes'];
}

/**
 * Order ids that carry a number: their id, order number, channel number or a code row (waybills).
 * A channel's number is unique per channel: orders' (channel, external_id) index is probed once per
 * channel, the channels being read from that index too (one seek each). The look-ups are merged by
 * the caller: UNION, or OR, built a temporary b-tree per call. Checked by EXPLAIN QUERY PLAN in tests.
 */
export const ORDER_IDS_BY_NUMBER = `WITH RECURSIVE channel(name) AS (
    SELECT (SELECT MIN(channel) FROM orders) UNION ALL SELECT (SELECT MIN(channel) FROM orders WHERE channel > name) FROM channel WHERE name IS NOT NULL)
  SELECT order_id FROM order_codes WHERE code = @code AND kind NOT IN (${UNSEARCHED_KINDS}) UNION ALL SELECT id FROM orders WHERE id = @code UNION ALL SELECT id FROM orders WHERE number = @code
  UNION ALL SELECT o.id FROM channel JOIN orders o ON o.channel = channel.name AND o.external_id = @code`;

/** The ids ORDER_IDS_BY_NUMBER finds (an order may come more than once). */
export function selectOrderIdsByNumber(db: Db, code: string): string[] {
  return prep(db, ORDER_IDS_BY_NUMBER).pluck().all({ code }) as string[];
}
