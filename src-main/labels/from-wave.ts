// Label data for a wave's pick list: the lines in walking order with "slot:qty" for sort-to-slot.
import type { PickList } from '../contract/waves';
import type { LabelData } from './fields';

export function labelDataFromPickList(list: PickList, opts: { printedAt?: string; shopName?: string } = {}): LabelData {
  return {
    order: { id: list.waveId, number: list.number },
    wave: { id: list.waveId, name: `${list.number} ${list.name}`, orders: list.orders, units: list.units },
    picks: list.lines.map((l) => ({ location: l.location, sku: l.sku, name: l.name, qty: l.qty, slots: l.slots.map((s) => `${s.slot}:${s.qty}`).join(' ') })),
    ...(opts.shopName ? { shop: { name: opts.shopName } } : {}),
    ...(opts.printedAt ? { printedAt: opts.printedAt } : {}),
  };
}
