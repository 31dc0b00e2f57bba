// A shop with shipped orders for the returns tests: SKU-A and SKU-B with barcodes and bins, a
// waybill range for carrier sf, orders packed at a bench by the demo operator and shipped, on the
// real core and HTTP server (helpers.ts startCore) with a clock that moves a second per reading.
import type { OrderInput } from '../../../src-main/contract/orders';
import { fixedClock } from '../../../src-main/lib/clock';
import { addWaybillRange } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { startPacking } from '../../../src-main/core/modules/packing/actions/start-packing';
import { createParcel } from '../../../src-main/core/modules/packing/actions/create-parcel';
import { getOrder } from '../../../src-main/core/modules/orders/queries';
import type { Actor } from '../../../src-main/core/store/events';
import { startCore, addSku, orderInput, SYSTEM, type TestServer } from '../helpers';

export const BARCODE = { A: '6901234567892', B: '6909876543210' } as const;
export const BIN = { A: 'A-01-01-1', B: 'B-02-03-1' } as const;

export interface ReturnsShop {
  s: TestServer;
  sku: Record<'A' | 'B', string>;
  operator: Actor;
}

export async function startReturnsShop(): Promise<ReturnsShop> {
  const sku = {} as ReturnsShop['sku'];
  const s = await startCore({
    core: { clock: fixedClock('2026-11-20T08:00:00Z', 1000) },
    setup: (core) => {
      sku.A = addSku(core, 'SKU-A', { onHand: 50, barcodes: [{ code: BARCODE.A, units: 1 }, { code: 'CASE-A-6', units: 6 }], location: BIN.A });
      sku.B = addSku(core, 'SKU-B', { onHand: 50, barcodes: [{ code: BARCODE.B, units: 1 }], location: BIN.B });
      addWaybillRange(core.db, core.ctx.clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1, last: 1_000_000 }, SYSTEM);
    },
  });
  const operator = s.core.db.prepare("SELECT id, role, name FROM users WHERE role = 'operator' ORDER BY id LIMIT 1").get() as Actor;
  return { s, sku, operator };
}

/** An order packed at bench B1 by `packer` (one parcel) and shipped; its id, number and waybill. */
export function shippedOrder(shop: ReturnsShop, lines: OrderInput['lines'], total = 10_000, packer: Actor = shop.operator): { id: string; number: string; externalId: string; waybill: string } {
  const core = shop.s.core;
  return core.writes.runNow(() => {
    const ctx = core.ctx;
    const input = orderInput({ lines, carrier: 'sf', total: { amount: total, currency: 'CNY' } });
    const { orderId } = createOrder(ctx, input, SYSTEM);
    const t = startPacking(ctx, orderId, { bench: 'B1' }, packer);
    const p = createParcel(ctx, orderId, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: t.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), measuredG: t.lines.reduce((g, l) => g + (l.unitWeightG ?? 0) * l.qty, 0), final: true }, packer);
    applyOrderAction(ctx, orderId, 'ship', SYSTEM);
    return { id: orderId, number: getOrder(ctx, orderId).number, externalId: input.externalId, waybill: p.parcel.waybill };
  });
}

export const onHand = (shop: ReturnsShop, skuId: string, bin: string): number =>
  shop.s.core.db.prepare('SELECT inventory.on_hand FROM inventory JOIN locations ON locations.id = inventory.location_id WHERE inventory.sku_id = ? AND locations.code = ?').pluck().get(skuId, bin) as number;
