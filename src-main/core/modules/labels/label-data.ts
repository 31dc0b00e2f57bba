// Label data for a real order, as the core holds it: the order, its first live waybill (with the
// carrier's sorting code and bag point) and the shop's sender. Used by label previews over HTTP and
// by `npm run label --data`.
import type { LabelData } from '../../../labels/fields';
import { labelDataFromOrder } from '../../../labels/from-order';
import { maskPhone } from '../../../contract/privacy';
import { AppError } from '../../../lib/errors';
import type { CoreContext } from '../../context';
import { getOrder, orderIdsByNumber } from '../orders/queries';
import { getSettings } from '../settings/queries';
import { waybillsForOrder } from '../shipping/waybills';

/** The order a person means by an id, order number, channel number or waybill; refuses none or several. */
export function resolveOrderRef(ctx: CoreContext, ref: string): string {
  const ids = orderIdsByNumber(ctx, ref);
  if (ids.length === 0) throw new AppError('not_found', `no order has the number "${ref}"`, [{ path: 'order', message: 'unknown order' }]);
  if (ids.length > 1) throw new AppError('conflict', `"${ref}" is the number of several orders; use the order number (PL...)`, [{ path: 'order', message: 'ambiguous' }]);
  return ids[0]!;
}

/** Label data for an order; `fullPhone: false` masks the recipient's phone (roles that may not read it). */
export function orderLabelData(ctx: CoreContext, orderId: string, opts: { fullPhone: boolean; printedAt?: string }): LabelData {
  const order = getOrder(ctx, orderId);
  const settings = getSettings(ctx);
  const waybill = waybillsForOrder(ctx.db, orderId).find((w) => w.status === 'allocated');
  const shown = opts.fullPhone ? order : { ...order, shipTo: { ...order.shipTo, phone: maskPhone(order.shipTo.phone) } };
  return labelDataFromOrder(shown, {
    ...(waybill ? { waybill: { number: waybill.number, sortCode: waybill.sortCode, bagPoint: waybill.bagPoint } } : {}),
    sender: settings.sender,
    shopName: settings.shopName,
    printedAt: opts.printedAt ?? ctx.clock.iso().slice(0, 16).replace('T', ' '),
  });
}
