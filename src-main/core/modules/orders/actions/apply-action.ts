// An order's actions through the state machine (allocate, hold, cancel, ship...): validate, apply, record.
import type { CoreContext } from '../../../context';
import type { OrderAction, OrderState } from '../../../../contract/orders';
import { TRANSITIONS } from '../../../../contract/state-machine';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { planReservations } from '../../inventory/reservation-planning';
import { applyReservations, releaseOrderReservations, consumeOrderReservations } from '../../inventory/actions/reserve';
import { liveParcelsOf } from '../../packing/queries';
import { raiseInterceptIfLabelled } from '../../exceptions/actions/raise-exception';
import { leaveWave } from '../../waves/actions/leave-wave';
import { LEAVES_MERGE, leaveShipment } from '../../merges/actions/merge';
import { assertOnHand, orderRecord } from '../queries';
import { UNMAPPED_SKU_ID } from '../../../../contract/channels';
import { orderHasSkuLine, orderHasReservation, selectLinesToAllocate, selectOrderVersion, selectSplitParts, updateOrderState } from '../store';

/** All lines or none: nothing is reserved unless every line can be covered. */
export function tryAllocate(ctx: CoreContext, orderId: string, lines: { id: string; skuId: string; qty: number }[], actor: Actor, from: OrderState, reason?: string): boolean {
  // only the order's own warehouse's bins: stock elsewhere is a transfer, not a reservation
  const plan = planReservations(ctx, lines, undefined, orderRecord(ctx, orderId).warehouse_id);
  if (!plan) return false;
  applyReservations(ctx, [{ lineIds: lines.map((l) => l.id), plan }]);
  updateOrderState(ctx.db, orderId, 'allocated', null, ctx.clock.iso());
  const v = selectOrderVersion(ctx.db, orderId);
  appendEvent(ctx.db, ctx.clock, { type: 'order.allocated', entity: 'order', entityId: orderId, actor, reason: reason ?? null, data: { from, to: 'allocated', version: v.version, number: v.number } });
  return true;
}

/**
 * Applies one action through the state machine: validate (state, version), apply (state and its
 * effects on stock), record (an event with actor and reason). Changes nothing when refused.
 */
export function applyOrderAction(
  ctx: CoreContext, id: string, action: OrderAction, actor: Actor, opts: { reason?: string; expectedVersion?: number; data?: Record<string, unknown> } = {},
): void {
  const o = orderRecord(ctx, id);
  const t = TRANSITIONS[action];
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== o.version) {
    fail('conflict', said('orderChanged', { number: o.number, version: o.version, had: opts.expectedVersion }));
  }
  if (!t.from.includes(o.state)) {
    fail('invalid_transition', said('orderCannot', { verb: action.replace('_', ' '), number: o.number, state: o.state, from: t.from.join(', ') }));
  }
  if ((action === 'hold' || action === 'cancel' || action === 'raise_exception') && !opts.reason) {
    fail('validation', said('reasonToAct', { verb: action.replace('_', ' ') }), [issue('reason', said('required'))]);
  }
  let to: OrderState = t.to === 'resume' ? (o.resume_state ?? 'ready') : t.to;
  let resume: OrderState | null = null;
  const data: Record<string, unknown> = { ...opts.data, from: o.state };
  switch (action) {
    case 'allocate': {
      const lines = selectLinesToAllocate(ctx.db, id);
      if (!tryAllocate(ctx, id, lines, actor, o.state, opts.reason)) fail('insufficient_stock', said('notEnoughToAllocate', { number: o.number }));
      return;
    }
    case 'deallocate':
      data.releasedUnits = releaseOrderReservations(ctx, id);
      break;
    case 'cancel':
      data.releasedUnits = releaseOrderReservations(ctx, id);
      // A parcel that already has a label must be pulled and its waybill voided (DESIGN.md).
      if (o.state === 'packed') data.intercept = true;
      break;
    case 'hold':
    case 'raise_exception':
      resume = o.state;
      break;
    case 'release':
    case 'resolve_exception':
      // Held until its channel SKU is mapped (channels module): released, it could be waved with a line nobody can pick.
      if (action === 'release' && orderHasSkuLine(ctx.db, id, UNMAPPED_SKU_ID)) fail('invalid_transition', said('releaseUnmapped', { number: o.number }));
      // An order that lost its reservation while held goes back to ready, never to a state that needs stock.
      if (!orderHasReservation(ctx.db, id) && ['allocated', 'in_wave', 'picked', 'packing'].includes(to)) to = 'ready';
      break;
    case 'remove_from_wave':
      // Back to the pool: the next wave may take it (one active wave per order, see 0050-waves).
      leaveWave(ctx, id);
      break;
    case 'ship':
      assertOnHand(ctx, id, o.number);
      consumeOrderReservations(ctx, id, actor);
      break;
  }
  updateOrderState(ctx.db, id, to, resume, ctx.clock.iso());
  // Labelled parcels of an order that must not ship become an interception task for the leads.
  const labelled = action === 'cancel' || action === 'hold' ? liveParcelsOf(ctx, id) : [];
  if (labelled.length) Object.assign(data, { intercept: true, waybills: labelled.map((p) => p.waybill) });
  // The new state and version ride on the event, so a bench following the feed needs no read-back.
  Object.assign(data, opts.data, { to, version: o.version + 1, number: o.number, ...(opts.reason ? { reason: opts.reason } : {}) });
  appendEvent(ctx.db, ctx.clock, { type: `order.${action}`, entity: 'order', entityId: id, actor, reason: opts.reason ?? null, data });
  if (labelled.length) raiseInterceptIfLabelled(ctx, o, action, actor, opts.reason);
  // The customer cancelled one order: every shipment split off it goes too.
  if (action === 'cancel' && !o.split_of) {
    for (const part of selectSplitParts(ctx.db, id)) {
      if (t.from.includes(part.state)) applyOrderAction(ctx, part.id, 'cancel', actor, { reason: `order ${o.number} cancelled: ${opts.reason}` });
    }
  }
  // an order that must not ship as it was leaves a parcel merged with another order's
  if (LEAVES_MERGE.has(action)) leaveShipment(ctx, id, action, actor, opts.reason);
}
