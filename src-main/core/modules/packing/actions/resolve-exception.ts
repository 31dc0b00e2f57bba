// A lead clears an exception, and packing does what that means for the order's parcels and state.
import type { CoreContext } from '../../../context';
import type { PackException } from '../../../../contract/exceptions';
import { fail } from '../../../../lib/errors';
import type { Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { getOrder } from '../../orders/queries';
import { giveOrderStockBack } from '../../inventory/actions/packed-stock';
import { getException } from '../../exceptions/queries';
import { markResolved } from '../../exceptions/actions/mark-resolved';
import { liveParcelsOf, parcelById } from '../queries';
import { voidOne } from './void-parcel';

/**
 * Clears an exception. intercept: voids the waybills of the order's parcels (a cancelled order's
 * packed stock goes back on the shelf); short: a order still in exception goes back to packing.
 */
export function resolveException(ctx: CoreContext, id: string, input: { resolution: string; reason?: string; keepParcels?: boolean }, actor: Actor, atCarrier = false): PackException {
  const e = getException(ctx, id);
  if (e.state === 'resolved') return markResolved(ctx, id, input.resolution, input.reason, actor); // refuses, naming who resolved it
  const why = input.reason ? `${input.resolution}: ${input.reason}` : input.resolution;
  if (input.keepParcels && (e.kind !== 'intercept' || !e.orderId || ['cancelled', 'on_hold'].includes(getOrder(ctx, e.orderId).state))) {
    fail('validation', e.kind !== 'intercept' ? 'keepParcels applies to intercept exceptions only'
      : `order ${e.orderNumber} is ${getOrder(ctx, e.orderId!).state}: its parcels must not ship, so their waybills are voided`, [{ path: 'keepParcels', message: 'not allowed here' }]);
  }
  if (e.kind === 'intercept' && e.orderId && !input.keepParcels) {
    for (const p of liveParcelsOf(ctx, e.orderId)) voidOne(ctx, parcelById(ctx, p.id), `intercepted: ${why}`, actor, atCarrier);
    if (getOrder(ctx, e.orderId).state === 'cancelled') giveOrderStockBack(ctx, e.orderId, 'restock', actor, `intercepted: ${why}`);
  }
  if (e.kind === 'short' && e.orderId && getOrder(ctx, e.orderId).state === 'exception') {
    applyOrderAction(ctx, e.orderId, 'resolve_exception', actor, { reason: why, data: { exceptionId: id } });
  }
  return markResolved(ctx, id, input.resolution, input.reason, actor);
}
