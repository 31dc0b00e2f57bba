// Stock of packed orders: taken off the shelf when packed, given back when unpacked or cancelled.
import type { CoreContext } from '../../../context';
import { appendEvent, type Actor } from '../../../store/events';
import { consumeReservations, insertPackedStock, returnPackedStock, selectOrderReservations, selectPackedStock } from '../store';
import { recordOrderMovements } from './order-movements';

/** Packed: the order's reserved units leave the shelf; remembered per line and bin to give back. */
export function takeOrderStock(ctx: CoreContext, orderId: string, actor: Actor): void {
  const rows = selectOrderReservations(ctx.db, orderId);
  insertPackedStock(ctx.db, orderId);
  consumeReservations(ctx.db, rows);
  recordOrderMovements(ctx, orderId, rows, 'pack', -1, actor, null);
}

/** Undoes takeOrderStock: 'reserve' puts the units back on the shelf reserved (packing again), 'restock' as free stock (cancelled). */
export function giveOrderStockBack(ctx: CoreContext, orderId: string, how: 'reserve' | 'restock', actor: Actor, reason: string): number {
  const rows = selectPackedStock(ctx.db, orderId);
  if (rows.length === 0) return 0;
  returnPackedStock(ctx.db, orderId, rows, how === 'reserve');
  recordOrderMovements(ctx, orderId, rows, how === 'reserve' ? 'unpack' : 'restock', 1, actor, reason);
  let units = 0;
  for (const r of rows) units += r.qty;
  appendEvent(ctx.db, ctx.clock, { type: how === 'reserve' ? 'stock.unpacked' : 'stock.restocked', entity: 'order', entityId: orderId, actor, reason, data: { units, bins: rows.map((r) => ({ skuId: r.sku_id, locationId: r.location_id, qty: r.qty })) } });
  return units;
}
