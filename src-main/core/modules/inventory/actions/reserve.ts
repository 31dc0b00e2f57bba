// Reservations of order lines: applying planned ones, giving them back, shipping them out.
import type { CoreContext } from '../../../context';
import type { ReservationPlan } from '../reservation-planning';
import type { Actor } from '../../../store/events';
import { onPostgres } from '../../../store/db';
import { applyReservationRows, reservationWriters, consumeReservations, deleteReservations, selectOrderReservations } from '../store';
import { recordOrderMovements } from './order-movements';

/**
 * Applies plans inside the caller's transaction: a reservation row per line and bin, and each
 * bin's reserved count raised once by the total (lineIds[i] is the order line of a plan's item i).
 */
export function applyReservations(ctx: CoreContext, plans: { lineIds: string[]; plan: ReservationPlan[] }[]): void {
  const totals = new Map<string, { skuId: string; locationId: string; qty: number }>();
  const add = (key: string, skuId: string, locationId: string, qty: number) => {
    const t = totals.get(key);
    if (t) t.qty += qty;
    else totals.set(key, { skuId, locationId, qty });
  };
  if (onPostgres(ctx.db)) {
    // PostgreSQL: set-based, two statements for the batch (a line and bin once, a bin once)
    const rows = new Map<string, { lineId: string; locationId: string; qty: number }>();
    for (const { lineIds, plan } of plans) {
      for (const p of plan) {
        const lineId = lineIds[p.item]!;
        const row = rows.get(`${lineId}\n${p.locationId}`);
        if (row) row.qty += p.qty;
        else rows.set(`${lineId}\n${p.locationId}`, { lineId, locationId: p.locationId, qty: p.qty });
        add(`${p.skuId}\n${p.locationId}`, p.skuId, p.locationId, p.qty);
      }
    }
    if (rows.size) applyReservationRows(ctx.db, [...rows.values()], [...totals.values()]);
    return;
  }
  const { add: rec, raise: bump } = reservationWriters(ctx.db);
  for (const { lineIds, plan } of plans) {
    for (const p of plan) {
      rec.run(lineIds[p.item]!, p.locationId, p.qty);
      add(`${p.skuId}\n${p.locationId}`, p.skuId, p.locationId, p.qty);
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
