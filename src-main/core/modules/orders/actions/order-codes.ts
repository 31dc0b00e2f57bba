// Codes an order is found by besides its numbers (waybills, other references).
import type { CoreContext } from '../../../context';
import type { Db } from '../../../store/db';
import { insertOrderCode, orderExists } from '../store';

export function addOrderCode(ctx: CoreContext, orderId: string, code: string, kind: string): void {
  insertOrderCode(ctx.db, code, orderId, kind);
}

/** A waybill number issued for an order becomes one of the codes the order is found by. */
export function addWaybillCode(db: Db, waybill: string, orderId: string): void {
  if (orderExists(db, orderId)) insertOrderCode(db, waybill, orderId, 'waybill');
}
