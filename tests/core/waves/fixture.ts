// A small warehouse for the wave tests: two zones, four aisles each, SKUs in known bins, and
// helpers to make orders for a carrier with a ship-by time.
import type { Core } from '../../../src-main/core/core';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import type { OrderInput } from '../../../src-main/contract/orders';
import { addSku, orderInput, LEAD } from '../helpers';

/** SKU code -> bin. Zone A aisles 01-04, zone B aisles 01-02; bays 01-10. */
export const BINS: Record<string, string> = {
  'TEA-1': 'A-01-02-1',
  'TEA-2': 'A-01-07-2',
  'CUP-1': 'A-02-03-1',
  'CUP-2': 'A-02-09-1',
  'POT-1': 'A-03-05-1',
  'MAT-1': 'A-04-01-1',
  'BAG-1': 'B-01-04-1',
  'PEN-1': 'B-02-08-3',
};

export function stockWarehouse(core: Core, onHand = 500): Record<string, string> {
  const ids: Record<string, string> = {};
  Object.entries(BINS).forEach(([sku, location], i) => (ids[sku] = addSku(core, sku, { onHand, location, barcodes: [{ code: `690000000${100 + i}`, units: 1 }] })));
  return ids;
}

/** Creates an order (allocated when stock allows) and returns its id. */
export function order(core: Core, lines: [sku: string, qty: number][], over: Partial<OrderInput> = {}): string {
  return core.writes.runNow(() => createOrder(core.ctx, { ...orderInput(), lines: lines.map(([sku, qty]) => ({ sku, qty })), ...over }, LEAD).orderId);
}

export function act(core: Core, id: string, action: Parameters<typeof applyOrderAction>[2], reason?: string): void {
  core.writes.runNow(() => applyOrderAction(core.ctx, id, action, LEAD, { reason }));
}

export const stateOf = (core: Core, id: string) => core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id) as string;
export const hoursFrom = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
