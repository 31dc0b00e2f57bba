// How a return moves its order: the order becomes `returned` when its parcel is received at the
// bench (the orders module's `return` action; a lead's direct `return` action without an RMA still works).
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { orderState } from '../../orders/queries';

export function markOrderReturned(ctx: CoreContext, orderId: string, number: string, returnId: string, actor: Actor): void {
  if (orderState(ctx, orderId) !== 'shipped') return; // already returned (another RMA, or the direct action)
  applyOrderAction(ctx, orderId, 'return', actor, { reason: `return ${number} received`, data: { returnId, rma: number } });
}
