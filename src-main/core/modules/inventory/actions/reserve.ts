// Reservations of order lines: applying planned ones, giving them back, shipping them out.
import type { CoreContext } from '../../../context';
import type { ReservationPlan } from '../reservation-planning';
import type { Actor } from '../../../store/events';
import { reservationWriters, consumeReservations, deleteReservations, selectOrderReservations } from '../store';
import { recordOrderMovements } from './order-movements';

/**
 * Applies plans inside the caller's transaction: a reservation row per line and bin, and each
 * bin's reserved count raised once by the total (lineIds[i] is the order line of a plan's item i).
 */
export function applyReservations(ctx: CoreContext, plans: { lineIds: string[]; plan: ReservationPlan[] }[]): void {
  const { add: rec, raise: bump } = reservationWriters(ctx.db);
  const totals = new Map<string, { skuId: string; locationId: string; qty: number }>();
  for (const { lineIds, plan } of plans) {
    for (const p of plan) {
      rec.run(lineIds[p.item]!, p.locationId, p.qty);
      const key = `${p.skuId}\n${p.locationId}`;
      const t = totals.get(key);
      if (t) t.qty += p.qty;
      else totals.set(key, { skuId: p.skuId, locationId: p.locationId, qty: p.qty });
    }
  }
  for (const t of totals.values()) bump.run(t.qty, t.skuId, t.locationId);
}

/** Gives back every unit an order holds. */
export function releaseOrderReservations(ctx: CoreContext, orderId: string): number {
  const rows = selectOrderReservations(ctx.db, orderId);
  deleteReservations(ctx.db, rows);
  let units = 0;
  for (const r of rows) units += r.qty;
  return units;
}

/** Ships reserved stock out (an order shipped without packing here): on hand and reserved both drop by what the order held. */
export function consumeOrderReservations(ctx: CoreContext, orderId: string, actor: Actor): void {
  const rows = selectOrderReservations(ctx.db, orderId);
  consumeReservations(ctx.db, rows);
  recordOrderMovements(ctx, orderId, rows, 'ship', -1, actor, null);
}
