// Exceptions for the shift lead: items short at the bench, weights let through by a lead's badge,
// labelled parcels of orders that were cancelled or held (interceptions: pull the parcel, void the
// waybill). This module keeps rows and events only; what resolving one does to parcels and orders is
// packing's resolveException. This file: the reads (one exception, a page, an order's open interceptions).
import type { CoreContext } from '../../context';
import type { ExceptionKind, PackException } from '../../../contract/exceptions';
import { notFound } from '../../../lib/errors';
import { exceptionRow, exceptionRows, firstOpenIntercept, openInterceptIds, type ExceptionRow } from './store';

const toException = (r: ExceptionRow): PackException => ({
  id: r.id, kind: r.kind, state: r.state, orderId: r.order_id, orderNumber: r.order_number, orderState: r.order_state, parcelId: r.parcel_id,
  bench: r.bench, detail: JSON.parse(r.detail), reason: r.reason, raisedBy: r.raised_by, createdAt: r.created_at,
  resolution: r.resolution, resolvedBy: r.resolved_by, resolvedReason: r.resolved_reason, resolvedAt: r.resolved_at,
});

export function getException(ctx: CoreContext, id: string): PackException {
  const r = exceptionRow(ctx.db, id);
  return r ? toException(r) : notFound('exception', id);
}

/** Newest first; keyset pagination by id. */
export function listExceptions(ctx: CoreContext, q: { state?: 'open' | 'resolved'; kind?: ExceptionKind; orderId?: string; limit: number; cursor?: string }) {
  const rows = exceptionRows(ctx.db, q, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toException), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** Ids of the order's open intercept exceptions. */
export function openInterceptsOf(ctx: CoreContext, orderId: string): { id: string }[] {
  return openInterceptIds(ctx.db, orderId);
}

/** The order's open intercept exception, if any. */
export function openInterceptOf(ctx: CoreContext, orderId: string): { id: string } | undefined {
  return firstOpenIntercept(ctx.db, orderId);
}
