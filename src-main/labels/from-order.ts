// Label data from a core order (the contract's Order), its parcel and waybill, and the shop's
// sender settings. Platform-neutral: the station calls it with an order fetched over HTTP.
import type { Order } from '../contract/orders';
import type { LabelData } from '../contract/labels';

export interface LabelContext {
  parcel?: { id?: string; index?: number; count?: number; weightG?: number; sscc?: string };
  waybill?: { number: string; sortCode?: string | null; bagPoint?: string | null; masterNumber?: string };
  carrier?: { code: string; name?: string; service?: string; trackingUrl?: string; template?: string };
  sender?: { name: string; phone: string; address: string; company?: string };
  shopName?: string;
  printedAt?: string;
}

export function labelDataFromOrder(order: Order, ctx: LabelContext = {}): LabelData {
  const carrierCode = ctx.carrier?.code ?? order.carrier ?? undefined;
  const units = order.lines.reduce((n, l) => n + l.qty, 0);
  return {
    order: { id: order.id, number: order.number, channel: order.channel, ...(order.note ? { note: order.note } : {}), createdAt: order.createdAt, ...(order.shipBy ? { shipBy: order.shipBy } : {}) },
    parcel: {
      index: ctx.parcel?.index ?? 1,
      count: ctx.parcel?.count ?? 1,
      ...(ctx.parcel?.id ? { id: ctx.parcel.id } : {}),
      ...(ctx.parcel?.weightG !== undefined ? { weightG: ctx.parcel.weightG } : {}),
      ...(ctx.parcel?.sscc ? { sscc: ctx.parcel.sscc } : {}),
      ...(ctx.waybill ? { waybill: ctx.waybill.number } : {}),
      ...(ctx.waybill?.masterNumber ? { masterWaybill: ctx.waybill.masterNumber } : {}),
    },
    ...(carrierCode ? {
      carrier: {
        code: carrierCode,
        name: ctx.carrier?.name ?? carrierCode,
        ...(ctx.carrier?.service ?? order.service ? { service: ctx.carrier?.service ?? order.service ?? undefined } : {}),
        ...(ctx.waybill?.sortCode ? { sortCode: ctx.waybill.sortCode } : {}),
        ...(ctx.waybill?.bagPoint ? { bagPoint: ctx.waybill.bagPoint } : {}),
        ...(ctx.carrier?.trackingUrl ? { trackingUrl: ctx.carrier.trackingUrl } : {}),
        ...(ctx.carrier?.template ? { template: ctx.carrier.template } : {}),
      },
    } : {}),
    recipient: { ...order.shipTo },
    ...(ctx.sender?.name ? { sender: { name: ctx.sender.name, phone: ctx.sender.phone, address1: ctx.sender.address, ...(ctx.sender.company ? { company: ctx.sender.company } : {}) } } : {}),
    items: order.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, ...(l.location ? { location: l.location } : {}) })),
    // A one-order pick list: the lines in bin order, all into slot 1.
    picks: [...order.lines].sort((a, b) => (a.location ?? '~').localeCompare(b.location ?? '~'))
      .map((l) => ({ location: l.location ?? '-', sku: l.sku, name: l.name, qty: l.qty, slots: `1:${l.qty}` })),
    wave: { id: order.id, name: order.number, orders: 1, units },
    parcels: [],
    ...(ctx.shopName ? { shop: { name: ctx.shopName } } : {}),
    ...(ctx.printedAt ? { printedAt: ctx.printedAt } : {}),
  };
}
