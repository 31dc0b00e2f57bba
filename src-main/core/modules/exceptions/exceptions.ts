// Exceptions for the shift lead: items short at the bench, weights let through by a lead's badge,
// labelled parcels of orders that were cancelled or held (interceptions: pull the parcel, void the
// waybill). Rows and events only; what resolving one does to parcels and orders is in packing.ts.
import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { OrderAction, OrderState } from '../../../contract/orders';
import type { ExceptionKind, PackException } from '../../../contract/exceptions';
import { fail, notFound } from '../../../lib/errors';
import { appendEvent, type Actor } from '../../store/events';

interface ExceptionRow {
  id: string; kind: ExceptionKind; order_id: string | null; parcel_id: string | null; bench: string | null; detail: string; reason: string | null;
  raised_by: string; state: 'open' | 'resolved'; resolution: string | null; resolved_by: string | null; resolved_reason: string | null;
  created_at: string; resolved_at: string | null; order_number: string | null; order_state: OrderState | null;
}

const SELECT = `SELECT e.*, o.number order_number, o.state order_state FROM exceptions e LEFT JOIN orders o ON o.id = e.order_id`;

const toException = (r: ExceptionRow): PackException => ({
  id: r.id, kind: r.kind, state: r.state, orderId: r.order_id, orderNumber: r.order_number, orderState: r.order_state, parcelId: r.parcel_id,
  bench: r.bench, detail: JSON.parse(r.detail), reason: r.reason, raisedBy: r.raised_by, createdAt: r.created_at,
  resolution: r.resolution, resolvedBy: r.resolved_by, resolvedReason: r.resolved_reason, resolvedAt: r.resolved_at,
});

export interface RaiseInput {
  kind: ExceptionKind;
  orderId: string | null;
  parcelId?: string | null;
  bench?: string | null;
  detail: Record<string, unknown>;
  reason?: string | null;
  /** Already settled when raised (a lead approved it at the bench): kept for the record, not queued. */
  resolved?: { resolution: string; by: string };
}

/** Records an exception and its event (entity: the order, so a bench following the feed sees it). */
export function raiseException(ctx: CoreContext, input: RaiseInput, actor: Actor): PackException {
  const id = ctx.ids('exception');
  const now = ctx.clock.iso();
  prep(ctx.db, `INSERT INTO exceptions (id, kind, order_id, parcel_id, bench, detail, reason, raised_by, state, resolution, resolved_by, created_at, resolved_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id, input.kind, input.orderId, input.parcelId ?? null, input.bench ?? null, JSON.stringify(input.detail), input.reason ?? null, actor.id,
    input.resolved ? 'resolved' : 'open', input.resolved?.resolution ?? null, input.resolved?.by ?? null, now, input.resolved ? now : null,
  );
  appendEvent(ctx.db, ctx.clock, {
    type: 'exception.raised', entity: input.orderId ? 'order' : 'exception', entityId: input.orderId ?? id, actor, reason: input.reason ?? null,
    data: { exceptionId: id, kind: input.kind, state: input.resolved ? 'resolved' : 'open', parcelId: input.parcelId ?? null, bench: input.bench ?? null, ...input.detail },
  });
  return getException(ctx, id);
}

export function getException(ctx: CoreContext, id: string): PackException {
  const r = prep(ctx.db, `${SELECT} WHERE e.id = ?`).get(id) as ExceptionRow | undefined;
  return r ? toException(r) : notFound('exception', id);
}

/** Newest first; keyset pagination by id. */
export function listExceptions(ctx: CoreContext, q: { state?: 'open' | 'resolved'; kind?: ExceptionKind; orderId?: string; limit: number; cursor?: string }) {
  const filters: [string, unknown][] = [];
  if (q.state) filters.push(['e.state = ?', q.state]);
  if (q.kind) filters.push(['e.kind = ?', q.kind]);
  if (q.orderId) filters.push(['e.order_id = ?', q.orderId]);
  if (q.cursor) filters.push(['e.id < ?', q.cursor]);
  const where = filters.map((f) => f[0]);
  const args = filters.map((f) => f[1]);
  const rows = prep(ctx.db, `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY e.id DESC LIMIT ?`).all(...args, q.limit + 1) as ExceptionRow[];
  const page = rows.slice(0, q.limit);
  return { items: page.map(toException), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** Marks an open exception resolved and records who, what and why. Refuses one already resolved. */
export function markResolved(ctx: CoreContext, id: string, resolution: string, reason: string | undefined, actor: Actor): PackException {
  const e = getException(ctx, id);
  if (e.state === 'resolved') fail('conflict', `exception ${id} was already resolved (${e.resolution}) by ${e.resolvedBy} at ${e.resolvedAt}`);
  prep(ctx.db, "UPDATE exceptions SET state = 'resolved', resolution = ?, resolved_by = ?, resolved_reason = ?, resolved_at = ? WHERE id = ? AND state = 'open'")
    .run(resolution, actor.id, reason ?? null, ctx.clock.iso(), id);
  appendEvent(ctx.db, ctx.clock, {
    type: 'exception.resolved', entity: e.orderId ? 'order' : 'exception', entityId: e.orderId ?? id, actor, reason: reason ?? null,
    data: { exceptionId: id, kind: e.kind, resolution },
  });
  return getException(ctx, id);
}

/** Labelled (live) parcels of an order and their waybills. */
export function liveParcelsOf(ctx: CoreContext, orderId: string): { id: string; seq: number; waybill: string }[] {
  return prep(ctx.db, "SELECT id, seq, waybill FROM parcels WHERE order_id = ? AND state = 'labelled' ORDER BY seq").all(orderId) as { id: string; seq: number; waybill: string }[];
}

/**
 * Called by every cancel and hold (domain/orders.ts, in the same transaction): an order that has
 * labelled parcels gets an intercept exception listing their waybills, unless one is already open.
 */
export function raiseInterceptIfLabelled(ctx: CoreContext, order: { id: string; number: string }, action: OrderAction, actor: Actor, reason: string | undefined): PackException | null {
  const parcels = liveParcelsOf(ctx, order.id);
  if (parcels.length === 0) return null;
  const open = prep(ctx.db, "SELECT id FROM exceptions WHERE order_id = ? AND kind = 'intercept' AND state = 'open' LIMIT 1").get(order.id) as { id: string } | undefined;
  if (open) return getException(ctx, open.id);
  return raiseException(ctx, {
    kind: 'intercept', orderId: order.id, reason: reason ?? null,
    detail: { action, number: order.number, waybills: parcels.map((p) => p.waybill), parcels: parcels.map((p) => p.id) },
  }, actor);
}
