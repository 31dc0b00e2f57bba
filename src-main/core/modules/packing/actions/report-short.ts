// Items missing at the bench: the order goes to exception with a short exception for a lead.
import type { CoreContext } from '../../../context';
import type { PackException } from '../../../../contract/exceptions';
import type { PackItem, PackOrderRef } from '../../../../contract/packing';
import { fail } from '../../../../lib/errors';
import type { Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { getOrder } from '../../orders/queries';
import { raiseException } from '../../exceptions/actions/raise-exception';
import { orderRef, remainingBySku } from '../queries';
import { assertStillYours, checkItems, notPackable } from './checks';

/** Items are missing at the bench: the order goes to exception (state machine) with a short exception for a lead. */
export function reportShort(ctx: CoreContext, orderId: string, input: { bench: string; reason: string; missing: PackItem[] }, actor: Actor): { order: PackOrderRef; exception: PackException } {
  const o = getOrder(ctx, orderId);
  if (o.state !== 'packing') fail('order_state', o.state === 'packed' ? `order ${o.number} is packed: nothing is missing` : notPackable(ctx, o), [{ path: 'state', message: o.state }]);
  assertStillYours(ctx, o, input.bench);
  const want = checkItems(o, input.missing, remainingBySku(ctx, o), 'missing');
  const sku = new Map(o.lines.map((l) => [l.skuId, l.sku]));
  const missing = [...want].map(([skuId, qty]) => ({ skuId, sku: sku.get(skuId), qty }));
  applyOrderAction(ctx, orderId, 'raise_exception', actor, { reason: input.reason, data: { bench: input.bench, short: missing } });
  const exception = raiseException(ctx, { kind: 'short', orderId, bench: input.bench, reason: input.reason, detail: { missing } }, actor);
  return { order: orderRef(ctx, orderId), exception };
}
