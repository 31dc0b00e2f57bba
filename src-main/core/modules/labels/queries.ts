// Label data as the core holds it (reads only; the label renderer's input). For a real order: the
// order, its first live waybill (with the carrier's sorting code and bag point) and the shop's sender,
// used by label previews over HTTP and by `npm run label --data`. For a parcel: its own waybill,
// "n of N" and the items in that box, printed at the bench.
import type { LabelData } from '../../../contract/labels';
import { labelDataFromOrder } from '../../../labels/from-order';
import { maskPhone } from '../../../contract/privacy';
import type { Order } from '../../../contract/orders';
import type { Parcel } from '../../../contract/packing';
import { AppError, issue } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import type { CoreContext } from '../../context';
import { getOrder, orderIdsByNumber } from '../orders/queries';
import { getSettings } from '../settings/queries';
import { carrierAccountOf, carrierLabelFields, findCarrier, getWaybill, senderOf, waybillsForOrder } from '../shipping/queries';
import { trackingUrlOf } from '../../../contract/carriers';
import { mergedMembersOf } from '../merges/queries';

/** The order a person means by an id, order number, channel number or waybill; refuses none or several. */
export function resolveOrderRef(ctx: CoreContext, ref: string): string {
  const ids = orderIdsByNumber(ctx, ref);
  if (ids.length === 0) throw new AppError('not_found', said('noOrderNumbered', { ref }), [issue('order', said('unknownOrder'))]);
  if (ids.length > 1) throw new AppError('conflict', `"${ref}" is the number of several orders; use the order number (PL...)`, [{ path: 'order', message: 'ambiguous' }]);
  return ids[0]!;
}

/**
 * The one place the core builds label data (through labels/from-order.ts): the order with the shop's
 * sender, and either a parcel (its own waybill with the carrier's sorting code and bag point, "n of N",
 * the items in that box) or, without one, the order's first live waybill and all its lines (previews,
 * `npm run label --data`). `fullPhone: false` masks the recipient's phone for roles that may not read
 * it; a parcel's label is built unmasked and stored so (a retry replays it), and the packing routes
 * mask it for the role that receives it (templates print the masked fields either way).
 */
export function labelData(ctx: CoreContext, order: Order, opts: { parcel?: Parcel; fullPhone: boolean; printedAt?: string }): LabelData {
  const { parcel } = opts;
  const settings = getSettings(ctx);
  const waybill = parcel ? getWaybill(ctx.db, parcel.waybill) : waybillsForOrder(ctx.db, order.id).find((w) => w.status === 'allocated');
  const shown = opts.fullPhone ? order : { ...order, shipTo: { ...order.shipTo, phone: maskPhone(order.shipTo.phone) } };
  // the carrier's name (in the recipient's language) and tracking page come from the carriers list
  const code = parcel?.carrier ?? order.carrier;
  const carrier = code ? findCarrier(ctx.db, code) : undefined;
  const tracking = carrier && waybill ? trackingUrlOf(carrier.trackingUrl, waybill.number) : null;
  const data = labelDataFromOrder(shown, {
    ...(parcel ? { parcel: { id: parcel.id, index: parcel.seq, count: parcel.of ?? parcel.seq, weightG: parcel.measuredG } } : {}),
    ...(code ? { carrier: { code, ...(carrier ? { name: order.shipTo.country === 'CN' ? carrier.nameZh : carrier.nameEn, template: carrier.labelTemplate } : {}), ...(tracking ? { trackingUrl: tracking } : {}) } } : {}),
    ...(waybill ? { waybill: { number: waybill.number, sortCode: waybill.sortCode, bagPoint: waybill.bagPoint } } : {}),
    sender: senderOf(code ? carrierAccountOf(ctx.db, code, order.warehouseId) : undefined, settings.sender),
    shopName: settings.shopName,
    printedAt: opts.printedAt ?? ctx.clock.iso().slice(0, 16).replace('T', ' '),
  });
  if (data.carrier) Object.assign(data.carrier, carrierLabelFields(ctx.db, data.carrier.code, order.warehouseId));
  // a merged parcel carries other orders' lines too: its label (and a preview of it) names each order, its items each SKU
  const merged = mergedMembersOf(ctx.db, order.id).map((id) => getOrder(ctx, id));
  if (merged.length) data.order.mergedWith = merged.map((m) => `+ ${m.number}`).join(' ');
  if (parcel) {
    const line = new Map([order, ...merged].flatMap((o) => o.lines).map((l) => [l.skuId, l]));
    data.items = parcel.items.map((i) => ({ sku: line.get(i.skuId)?.sku ?? i.skuId, name: line.get(i.skuId)?.name ?? i.skuId, qty: i.qty }));
  }
  return data;
}

/** Label data for an order by its id (previews, the label command line). */
export const orderLabelData = (ctx: CoreContext, orderId: string, opts: { fullPhone: boolean; printedAt?: string }): LabelData => labelData(ctx, getOrder(ctx, orderId), opts);
