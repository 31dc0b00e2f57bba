// SQL of the exceptions module: the `exceptions` table, read with its order's number and state.
import { prep, type Db } from '../../store/db';
import type { ExceptionKind } from '../../../contract/exceptions';
import type { OrderState } from '../../../contract/orders';

export interface ExceptionRow {
  id: string; kind: ExceptionKind; order_id: string | null; parcel_id: string | null; bench: string | null; detail: string; reason: string | null;
  raised_by: string; state: 'open' | 'resolved'; resolution: string | null; resolved_by: string | null; resolved_reason: string | null;
  created_at: string; resolved_at: string | null; order_number: string | null; order_state: OrderState | null;
}

// Tables named in full (no aliases), so query plans name them (tests/core/packing/packing-schema.test.ts).
const SELECT = `SELECT exceptions.*, orders.number order_number, orders.state order_state FROM exceptions LEFT JOIN orders ON orders.id = exceptions.order_id`;

export interface NewExceptionRow {
  id: string; kind: ExceptionKind; orderId: string | null; parcelId: string | null; bench: string | null; detail: string; reason: string | null;
  raisedBy: string; state: 'open' | 'resolved'; resolution: string | null; resolvedBy: string | null; createdAt: string; resolvedAt: string | null;
}

export function insertException(db: Db, r: NewExceptionRow): void {
  prep(db, `INSERT INTO exceptions (id, kind, order_id, parcel_id, bench, detail, reason, raised_by, state, resolution, resolved_by, created_at, resolved_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.id, r.kind, r.orderId, r.parcelId, r.bench, r.detail, r.reason, r.raisedBy, r.state, r.resolution, r.resolvedBy, r.createdAt, r.resolvedAt,
  );
}

export function exceptionRow(db: Db, id: string): ExceptionRow | undefined {
  return prep(db, `${SELECT} WHERE exceptions.id = ?`).get(id) as ExceptionRow | undefined;
}

export interface ExceptionFilter { state?: 'open' | 'resolved'; kind?: ExceptionKind; orderId?: string; cursor?: string }

function exceptionFilters(q: ExceptionFilter): [string, unknown][] {
  const filters: [string, unknown][] = [];
  if (q.state) filters.push(['exceptions.state = ?', q.state]);
  if (q.kind) filters.push(['exceptions.kind = ?', q.kind]);
  if (q.orderId) filters.push(['exceptions.order_id = ?', q.orderId]);
  if (q.cursor) filters.push(['exceptions.id < ?', q.cursor]);
  return filters;
}

const listSql = (where: string[]) => `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY exceptions.id DESC LIMIT ?`;

/** The text of a page query for these filters (the filters present matter, not their values): checked with EXPLAIN QUERY PLAN. */
export const exceptionListSql = (q: ExceptionFilter): string => listSql(exceptionFilters(q).map((f) => f[0]));

/** Newest first; keyset pagination by id (one row more than `limit`, so the caller knows a next page exists). */
export function exceptionRows(db: Db, q: ExceptionFilter, limit: number): ExceptionRow[] {
  const filters = exceptionFilters(q);
  const where = filters.map((f) => f[0]);
  const args = filters.map((f) => f[1]);
  return prep(db, listSql(where)).all(...args, limit) as ExceptionRow[];
}

export function setExceptionResolved(db: Db, id: string, r: { resolution: string; by: string; reason: string | null; at: string }): void {
  prep(db, "UPDATE exceptions SET state = 'resolved', resolution = ?, resolved_by = ?, resolved_reason = ?, resolved_at = ? WHERE id = ? AND state = 'open'")
    .run(r.resolution, r.by, r.reason, r.at, id);
}

/** The open intercept exceptions of an order (EXPLAIN QUERY PLAN checked in tests/core/packing/packing-schema.test.ts). */
export const OPEN_INTERCEPTS_OF_ORDER = "SELECT id FROM exceptions WHERE order_id = ? AND kind = 'intercept' AND state = 'open'";

export function openInterceptIds(db: Db, orderId: string): { id: string }[] {
  return prep(db, OPEN_INTERCEPTS_OF_ORDER).all(orderId) as { id: string }[];
}

export function firstOpenIntercept(db: Db, orderId: string): { id: string } | undefined {
  return prep(db, "SELECT id FROM exceptions WHERE order_id = ? AND kind = 'intercept' AND state = 'open' LIMIT 1").get(orderId) as { id: string } | undefined;
}
