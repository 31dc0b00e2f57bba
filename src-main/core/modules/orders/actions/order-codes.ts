// Codes an order is found by besides its numbers (waybills, other references).
import type { CoreContext } from '../../../context';
import type { Db } from '../../../store/db';
import { deleteOrderCodesOfKind, insertOrderCode, orderExists, selectOrderCodesOfKind } from '../store';

export function addOrderCode(ctx: CoreContext, orderId: string, code: string, kind: string): void {
  insertOrderCode(ctx.db, code, orderId, kind);
}

/** The order's one code of this kind becomes `code` (a platform's merge key after an address change); false when it was that already. */
export function replaceOrderCode(ctx: CoreContext, orderId: string, code: string, kind: string): boolean {
  const before = selectOrderCodesOfKind(ctx.db, orderId, kind);
  if (before.length === 1 && before[0] === code) return false;
  deleteOrderCodesOfKind(ctx.db, orderId, kind);
  insertOrderCode(ctx.db, code, orderId, kind);
  return true;
}

/** A waybill number issued for an order becomes one of the codes the order is found by. */
export function addWaybillCode(db: Db, waybill: string, orderId: string): void {
  if (orderExists(db, orderId)) insertOrderCode(db, waybill, orderId, 'waybill');
}
