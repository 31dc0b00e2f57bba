// Raising exceptions: one for the lead's queue (short, weight override), and the interception every
// cancel and hold of an order with labelled parcels raises.
import type { CoreContext } from '../../../context';
import type { OrderAction } from '../../../../contract/orders';
import type { ExceptionKind, PackException } from '../../../../contract/exceptions';
import { appendEvent, type Actor } from '../../../store/events';
import { insertException } from '../store';
import { getException, openInterceptOf } from '../queries';
import { liveParcelsOf } from '../../packing/queries';

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
  insertException(ctx.db, {
    id, kind: input.kind, orderId: input.orderId, parcelId: input.parcelId ?? null, bench: input.bench ?? null, detail: JSON.stringify(input.detail),
    reason: input.reason ?? null, raisedBy: actor.id, state: input.resolved ? 'resolved' : 'open', resolution: input.resolved?.resolution ?? null,
    resolvedBy: input.resolved?.by ?? null, createdAt: now, resolvedAt: input.resolved ? now : null,
  });
  appendEvent(ctx.db, ctx.clock, {
    type: 'exception.raised', entity: input.orderId ? 'order' : 'exception', entityId: input.orderId ?? id, actor, reason: input.reason ?? null,
    data: { exceptionId: id, kind: input.kind, state: input.resolved ? 'resolved' : 'open', parcelId: input.parcelId ?? null, bench: input.bench ?? null, ...input.detail },
  });
  return getException(ctx, id);
}

/**
 * Called by every cancel and hold (orders' applyOrderAction, in the same transaction): an order that has
 * labelled parcels gets an intercept exception listing their waybills, unless one is already open.
 */
export function raiseInterceptIfLabelled(ctx: CoreContext, order: { id: string; number: string }, action: OrderAction | 'address_changed', actor: Actor, reason: string | undefined): PackException | null {
  const parcels = liveParcelsOf(ctx, order.id);
  if (parcels.length === 0) return null;
  const open = openInterceptOf(ctx, order.id);
  if (open) return getException(ctx, open.id);
  return raiseException(ctx, {
    kind: 'intercept', orderId: order.id, reason: reason ?? null,
    detail: { action, number: order.number, waybills: parcels.map((p) => p.waybill), parcels: parcels.map((p) => p.id) },
  }, actor);
}
