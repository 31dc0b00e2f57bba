// Label data as the core holds it (reads only; the label renderer's input). For a real order: the
// order, its first live waybill (with the carrier's sorting code and bag point) and the shop's sender,
// used by label previews over HTTP and by `npm run label --data`. For a parcel: its own waybill,
// "n of N" and the items in that box, printed at the bench.
import type { LabelData } from '../../../labels/fields';
import { labelDataFromOrder } from '../../../labels/from-order';
import { maskPhone } from '../../../contract/privacy';
import type { Order } from '../../../contract/orders';
import type { Parcel } from '../../../contract/packing';
import { AppError } from '../../../lib/errors';
import type { CoreContext } from '../../context';
import { getOrder, orderIdsByNumber } from '../orders/orders';
import { getSettings } from '../settings/settings';
import { getWaybill, waybillsForOrder } from '../shipping/queries';

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

/** The label renderer's input for a parcel: the full ship-to (templates mask it), this box's items. */
export function parcelLabelData(ctx: CoreContext, order: Order, parcel: Parcel): LabelData {
  const w = getWaybill(ctx.db, parcel.waybill);
  const s = getSettings(ctx);
  const data = labelDataFromOrder(order, {
    parcel: { id: parcel.id, index: parcel.seq, count: parcel.of ?? parcel.seq, weightG: parcel.measuredG },
    waybill: { number: w.number, sortCode: w.sortCode, bagPoint: w.bagPoint },
    carrier: { code: parcel.carrier },
    sender: s.sender,
    shopName: s.shopName,
    printedAt: ctx.clock.iso().slice(0, 16).replace('T', ' '),
  });
  const line = new Map(order.lines.map((l) => [l.skuId, l]));
  data.items = parcel.items.map((i) => ({ sku: line.get(i.skuId)?.sku ?? i.skuId, name: line.get(i.skuId)?.name ?? i.skuId, qty: i.qty }));
  return data;
}
