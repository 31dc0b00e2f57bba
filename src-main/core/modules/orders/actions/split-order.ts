// Splitting an order no single warehouse can fill (the shop allows it: Settings -> Routing): one
// shipment per warehouse. The channel's order keeps the lines of the routed warehouse; each other
// warehouse's share becomes a part (an order row with split_of, number PL…-2, -3). A part is an
// ordinary order to the waves, the pick list and the bench, so none of them changes; the channel
// write-back reports a part's parcels on the channel's order with the parcel's own lines. The
// customer still has one order. Audited: order.split on the channel's order, order.created per part.
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import { appendEvent, type Actor } from '../../../store/events';
import { StockView, planReservations } from '../../inventory/reservation-planning';
import { applyReservations, releaseOrderReservations } from '../../inventory/actions/reserve';
import { getSettings } from '../../settings/queries';
import { routingConfig } from '../../dispatch/queries';
import { splitOrderLines, transfersFor, type SplitPart } from '../../dispatch/router';
import { setOrderTransfers } from '../../dispatch/actions/transfers';
import { orderRecord } from '../queries';
import {
  copyOrderLine, insertSplitPart, moveOrderLine, orderHasReservation, selectLinesToAllocate, selectOrderVersion, selectSplitParts, updateOrderState, updateOrderWarehouse,
} from '../store';

/** States a split may happen in: before a wave took the order (as for routing). */
const SPLITTABLE: readonly OrderState[] = ['new', 'ready', 'allocated'];

export interface SplitResult { parts: { orderId: string; number: string; warehouseId: string }[] }

/**
 * Splits the order across warehouses when the routing allows it and no single warehouse has every
 * unit (`firstWarehouseId`: the routed one, which keeps the channel's order). Returns null and
 * changes nothing when there is nothing to split. `view`: the intake's stock view, so what the
 * parts reserve is taken off it (the intake keeps it across batches).
 */
export function splitOrder(ctx: CoreContext, orderId: string, firstWarehouseId: string, actor: Actor, view?: StockView): SplitResult | null {
  const config = routingConfig(ctx);
  if (!config.enabled || !config.split) return null;
  const o = orderRecord(ctx, orderId);
  if (o.split_of || !SPLITTABLE.includes(o.state) || selectSplitParts(ctx.db, orderId).length) return null;
  const lines = selectLinesToAllocate(ctx.db, orderId);
  // Units the order holds count as available where they are: it must not compete with itself.
  const hadStock = orderHasReservation(ctx.db, orderId);
  const look = view ?? new StockView(ctx);
  const held = (sku: string, w: string) => (hadStock && w === o.warehouse_id ? lines.reduce((n, l) => n + (l.skuId === sku ? l.qty : 0), 0) : 0);
  const parts = splitOrderLines(firstWarehouseId, config.order, lines, (sku, w) => look.availableIn(sku, w) + held(sku, w));
  if (parts.length < 2) return null;
  if (hadStock) releaseOrderReservations(ctx, orderId);
  const stock = hadStock ? new StockView(ctx) : look;
  const now = ctx.clock.iso();
  const owner = new Map<string, string>(); // line id -> the order it belongs to now (the first share keeps the row)
  const madeParts: SplitResult['parts'] = [];
  parts.forEach((part, i) => {
    const partId = i === 0 ? orderId : ctx.ids('order');
    if (i > 0) {
      insertSplitPart(ctx.db, { id: partId, number: `${o.number}-${i + 1}`, externalId: `${o.external_id}#${i + 1}`, parentId: orderId, warehouseId: part.warehouseId, now });
      madeParts.push({ orderId: partId, number: `${o.number}-${i + 1}`, warehouseId: part.warehouseId });
    }
    for (const l of part.lines) {
      if (!owner.has(l.lineId)) {
        owner.set(l.lineId, partId);
        moveOrderLine(ctx.db, l.lineId, partId, l.qty);
      } else copyOrderLine(ctx.db, ctx.ids('line'), l.lineId, partId, l.qty);
    }
  });
  // A line none of the first part's units are in has moved away; the channel's order keeps at least one.
  if (o.warehouse_id !== parts[0]!.warehouseId) updateOrderWarehouse(ctx.db, orderId, parts[0]!.warehouseId, now);
  const autoAllocate = hadStock || getSettings(ctx).autoAllocate;
  const ids = [orderId, ...madeParts.map((p) => p.orderId)];
  const states = ids.map((id, i) => {
    const state: OrderState = autoAllocate && reserveIn(ctx, id, parts[i]!.warehouseId, stock) ? 'allocated' : 'ready';
    // the channel's order always gets a new version: a bench or a screen holding it reads its lines again
    if (i === 0 || state !== o.state) updateOrderState(ctx.db, id, state, null, now);
    return state;
  });
  // What nobody has waits in the first part as a transfer suggestion; the other parts have all they need.
  const need = new Map<string, number>();
  for (const l of parts[0]!.lines) need.set(l.skuId, (need.get(l.skuId) ?? 0) + l.qty);
  const fresh = new StockView(ctx);
  setOrderTransfers(ctx, orderId, parts[0]!.warehouseId, states[0] === 'allocated' ? [] : transfersFor(need, parts[0]!.warehouseId, config.order, (sku, w) => fresh.availableIn(sku, w)));
  const summary = (p: SplitPart) => p.lines.map((l) => ({ skuId: l.skuId, qty: l.qty }));
  appendEvent(ctx.db, ctx.clock, {
    type: 'order.split', entity: 'order', entityId: orderId, actor, reason: 'no warehouse has every unit',
    data: { number: o.number, version: selectOrderVersion(ctx.db, orderId).version, parts: parts.map((p, i) => ({ orderId: ids[i], number: i ? `${o.number}-${i + 1}` : o.number, warehouseId: p.warehouseId, lines: summary(p) })) },
  }, now);
  madeParts.forEach((p, i) => {
    const v = selectOrderVersion(ctx.db, p.orderId);
    appendEvent(ctx.db, ctx.clock, {
      type: 'order.created', entity: 'order', entityId: p.orderId, actor,
      data: { to: states[i + 1], channel: o.channel, externalId: `${o.external_id}#${i + 2}`, warehouseId: p.warehouseId, route: 'split', splitOf: orderId, splitOfNumber: o.number, number: v.number },
    }, now);
  });
  return { parts: madeParts };
}

/** Reserves the order's lines in the warehouse; false (nothing reserved) when it lacks any unit. */
function reserveIn(ctx: CoreContext, orderId: string, warehouseId: string, view: StockView): boolean {
  const lines = selectLinesToAllocate(ctx.db, orderId);
  const plan = planReservations(ctx, lines, view, warehouseId);
  if (plan) applyReservations(ctx, [{ lineIds: lines.map((l) => l.id), plan }]);
  return !!plan;
}
