// Transfer suggestions: the units an order's warehouse lacks and where they could come from. They
// are advice for the lead (move stock, or buy it in), kept while the order is open and replaced each
// time the order is routed again.
import type { CoreContext } from '../../../context';
import type { Transfer } from '../router';
import { insertTransfers, replaceTransfers } from '../store';

/** Suggestions of orders just created (they have none yet). */
export function recordNewTransfers(ctx: CoreContext, orders: readonly { orderId: string; toWarehouseId: string; transfers: readonly Transfer[] }[], now: string): void {
  if (orders.length) insertTransfers(ctx.db, orders, now);
}

/** The order's suggestions become these (none: the warehouse has everything). */
export function setOrderTransfers(ctx: CoreContext, orderId: string, toWarehouseId: string, transfers: readonly Transfer[]): void {
  replaceTransfers(ctx.db, orderId, toWarehouseId, transfers, ctx.clock.iso());
}
