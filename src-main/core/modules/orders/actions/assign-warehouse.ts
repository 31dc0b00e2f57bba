// The one way an order's warehouse changes after it arrived: by the routing again (its address or
// lines changed, or a rule says so) or by a lead's hand. Reservations follow the warehouse: what the
// order held in the old one is given back and taken again in the new one when it has everything;
// otherwise the order waits in "ready" with a transfer suggestion. Audited: order.warehouse_assigned.
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { StockView, planReservations } from '../../inventory/reservation-planning';
import { applyReservations, releaseOrderReservations } from '../../inventory/actions/reserve';
import { getWarehouse } from '../../locations/queries';
import { routingConfig } from '../../dispatch/queries';
import { routeOrder, transfersFor, type RouteDecision } from '../../dispatch/router';
import { setOrderTransfers } from '../../dispatch/actions/transfers';
import { orderRecord } from '../queries';
import { splitOrder } from './split-order';
import { orderHasReservation, selectLinesToAllocate, selectOrderVersion, selectSplitParts, updateOrderState, updateOrderWarehouse, updateRouteManual } from '../store';

/** Before it is in a wave: after that the pick list and the cart slot are in one warehouse. */
export const ROUTABLE_STATES: readonly OrderState[] = ['new', 'ready', 'allocated', 'on_hold', 'exception'];

export interface AssignWarehouseInput {
  /** a warehouse code or id: a lead's choice. Left out: the routing decides (as on arrival). */
  warehouse?: string;
  reason: string;
  /** a lead's choice (the HTTP re-route): kept when the routing runs again, until a lead clears it */
  byHand?: boolean;
  /** a lead gives the order back to the routing (clears a choice by hand), then it routes again */
  clearManual?: boolean;
}

export interface AssignedWarehouse { warehouseId: string; changed: boolean; decision: RouteDecision }

/**
 * (Re)assigns the order's warehouse. Run inside the writer. Refused (order_state) once the order is
 * in a wave or further; refused (validation) for an unknown or inactive warehouse.
 * The rules engine's "set warehouse" action calls this with `warehouse`.
 */
export function assignWarehouse(ctx: CoreContext, orderId: string, input: AssignWarehouseInput, actor: Actor): AssignedWarehouse {
  const o = orderRecord(ctx, orderId);
  if (!ROUTABLE_STATES.includes(o.state)) {
    fail('order_state', said('warehouseTooLate', { number: o.number, state: o.state }));
  }
  if (input.clearManual && o.route_manual) {
    updateRouteManual(ctx.db, orderId, false);
    appendEvent(ctx.db, ctx.clock, { type: 'order.route_manual_cleared', entity: 'order', entityId: orderId, actor, reason: input.reason, data: { number: o.number, warehouseId: o.warehouse_id, reason: input.reason } });
  } else if (!input.warehouse && (o.route_manual || o.split_of || selectSplitParts(ctx.db, orderId).length)) {
    // A lead's choice, or a split's shipment: the routing leaves it where it is.
    return { warehouseId: o.warehouse_id!, changed: false, decision: { warehouseId: o.warehouse_id!, regionWarehouseId: null, reason: 'manual', transfers: [] } };
  }
  const lines = selectLinesToAllocate(ctx.db, orderId);
  const view = new StockView(ctx);
  const config = routingConfig(ctx);
  // Units the order holds count as available where they are: it must not compete with itself.
  const hadStock = orderHasReservation(ctx.db, orderId);
  const held = (skuId: string, warehouseId: string) => (hadStock && warehouseId === o.warehouse_id ? lines.filter((l) => l.skuId === skuId).reduce((n, l) => n + l.qty, 0) : 0);
  const available = (skuId: string, warehouseId: string) => view.availableIn(skuId, warehouseId) + held(skuId, warehouseId);
  let decision: RouteDecision;
  if (input.warehouse) {
    const w = getWarehouse(ctx, input.warehouse);
    if (!w.active) fail('validation', `warehouse: ${w.code} is not active`, [issue('warehouse', said('warehouseNotActive', { code: w.code }))]);
    const need = new Map<string, number>();
    for (const l of lines) need.set(l.skuId, (need.get(l.skuId) ?? 0) + l.qty);
    decision = { warehouseId: w.id, regionWarehouseId: null, reason: 'manual', transfers: transfersFor(need, w.id, config.order, available) };
  } else {
    decision = routeOrder(config, JSON.parse(o.ship_to) as { province?: string; city?: string }, lines, available);
  }
  const changed = decision.warehouseId !== o.warehouse_id;
  if (changed) {
    const now = ctx.clock.iso();
    if (hadStock) releaseOrderReservations(ctx, orderId);
    updateOrderWarehouse(ctx.db, orderId, decision.warehouseId, now);
    let state = o.state;
    if (hadStock) {
      // Take the units again in the new warehouse, or wait for them there.
      const plan = planReservations(ctx, lines, new StockView(ctx), decision.warehouseId);
      if (plan) applyReservations(ctx, [{ lineIds: lines.map((l) => l.id), plan }]);
      else if (o.state === 'allocated') updateOrderState(ctx.db, orderId, (state = 'ready'), null, now);
      else updateOrderState(ctx.db, orderId, o.state, 'ready', now); // held: resumes to ready
    }
    appendEvent(ctx.db, ctx.clock, {
      type: 'order.warehouse_assigned', entity: 'order', entityId: orderId, actor, reason: input.reason,
      data: { number: o.number, fromWarehouse: o.warehouse_id, toWarehouse: decision.warehouseId, route: decision.reason, state, version: selectOrderVersion(ctx.db, orderId).version, transfers: decision.transfers.length, reason: input.reason },
    });
  }
  if (input.byHand && input.warehouse && !o.route_manual) updateRouteManual(ctx.db, orderId, true);
  setOrderTransfers(ctx, orderId, decision.warehouseId, decision.transfers);
  // Routed again and still short: split it when the shop allows (the part here keeps the channel's order).
  if (!input.warehouse && decision.reason === 'short' && config.split) splitOrder(ctx, orderId, decision.warehouseId, actor);
  return { warehouseId: decision.warehouseId, changed, decision };
}
