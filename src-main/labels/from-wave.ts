// Label data for a wave's pick list (the lines in walking order with "slot:qty" for sort-to-slot)
// and for the end-of-day carrier manifest.
import type { ManifestDetail } from '../contract/shipping';
import type { PickList } from '../contract/waves';
import type { LabelDataInput } from '../contract/labels';

export function labelDataFromPickList(list: PickList, opts: { printedAt?: string; shopName?: string } = {}): LabelDataInput {
  return {
    order: { id: list.waveId, number: list.number },
    wave: { id: list.waveId, name: `${list.number} ${list.name}`, orders: list.orders, units: list.units },
    picks: list.lines.map((l) => ({ location: l.location, sku: l.sku, name: l.name, qty: l.qty, slots: l.slots.map((s) => `${s.slot}:${s.qty}`).join(' ') })),
    ...(opts.shopName ? { shop: { name: opts.shopName } } : {}),
    ...(opts.printedAt ? { printedAt: opts.printedAt } : {}),
  };
}

/** Label data for a carrier handover manifest. */
export function labelDataFromManifest(m: ManifestDetail, opts: { handedOverAt: string; shopName?: string }): LabelDataInput {
  const kg = (g: number) => (g / 1000).toFixed(2);
  return {
    order: { id: m.id, number: m.number },
    manifest: { id: m.id, number: m.number, carrier: m.carrier.toUpperCase(), parcels: m.parcels, orders: m.orders, weightKg: kg(m.weightG), handedOverAt: opts.handedOverAt, by: m.createdBy },
    parcels: m.items.map((p, i) => ({ n: i + 1, waybill: p.waybill, order: p.orderNumber, ofN: `${p.seq}/${p.count}`, destination: p.destination, weightKg: kg(p.weightG) })),
    ...(opts.shopName ? { shop: { name: opts.shopName } } : {}),
  };
}
