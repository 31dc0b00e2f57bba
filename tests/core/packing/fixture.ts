// A packing shop for the packing tests: SKUs with weights and sizes (one without a weight), box
// types, a waybill range for carrier "sf", on the real core and HTTP server (helpers.ts startCore).
import { createBoxType } from '../../../src-main/core/modules/catalog/actions/create-box-type';
import { addWaybillRange } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { updateSku } from '../../../src-main/core/modules/catalog/actions/skus';
import type { Role } from '../../../src-main/contract/people';
import { startCore, addSku, orderInput, SYSTEM, BADGE, type TestServer } from '../helpers';

export interface PackShop {
  s: TestServer;
  sku: Record<'A' | 'B' | 'N' | 'M', string>;
  box: Record<'S' | 'M' | 'L', string>;
}

/** SKU-A 100 g, SKU-B 250 g (both 100 x 80 x 50 mm), SKU-N and SKU-M with no weight. Boxes S/M/L with tare 80/150/260 g. */
export async function startPackShop(): Promise<PackShop> {
  const sku = {} as PackShop['sku'];
  const box = {} as PackShop['box'];
  const s = await startCore({
    setup: (core) => {
      sku.A = addSku(core, 'SKU-A', { onHand: 500, barcodes: [{ code: '6901234567892', units: 1 }, { code: 'CASE-A-6', units: 6 }], location: 'A-01-01-1' });
      sku.B = addSku(core, 'SKU-B', { onHand: 500, barcodes: [{ code: '6909876543210', units: 1 }], location: 'B-02-03-1' });
      sku.N = addSku(core, 'SKU-N', { onHand: 500, location: 'C-01-01-1' });
      sku.M = addSku(core, 'SKU-M', { onHand: 500, location: 'C-01-02-1' });
      core.writes.runNow(() => {
        updateSku(core.ctx, sku.A, { lengthMm: 100, widthMm: 80, heightMm: 50 }, SYSTEM);
        updateSku(core.ctx, sku.B, { unitWeightG: 250, lengthMm: 100, widthMm: 80, heightMm: 50 }, SYSTEM);
        updateSku(core.ctx, sku.N, { unitWeightG: null }, SYSTEM);
        updateSku(core.ctx, sku.M, { unitWeightG: null }, SYSTEM);
        box.S = createBoxType(core.ctx, { code: 'BOX-S', name: 'Small', tareG: 80, lengthMm: 200, widthMm: 150, heightMm: 100, maxWeightG: 3000 }, SYSTEM).id;
        box.M = createBoxType(core.ctx, { code: 'BOX-M', name: 'Medium', tareG: 150, lengthMm: 300, widthMm: 200, heightMm: 150, maxWeightG: 8000 }, SYSTEM).id;
        box.L = createBoxType(core.ctx, { code: 'BOX-L', name: 'Large', tareG: 260, lengthMm: 400, widthMm: 300, heightMm: 250, maxWeightG: 20000 }, SYSTEM).id;
      });
      addWaybillRange(core.db, core.ctx.clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1, last: 1_000_000 }, SYSTEM);
    },
  });
  return { s, sku, box };
}

/** An allocated order for carrier sf with these lines (SKU codes). */
export async function newOrder(s: TestServer, lines: { sku: string; qty: number }[], carrier: string | undefined = 'sf'): Promise<{ id: string; number: string }> {
  const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), lines, ...(carrier ? { carrier } : {}) });
  if (r.status !== 201 || r.body.state !== 'allocated') throw new Error(`order not created: ${r.status} ${r.text}`);
  return { id: r.body.id, number: r.body.number };
}

let keys = 0;
export const freshKey = () => `key-${process.pid}-${++keys}`;

/** POST a parcel with a fresh Idempotency-Key unless one is given. */
export function postParcel(s: TestServer, orderId: string, body: Record<string, unknown>, opts: { role?: Role; key?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? freshKey();
  return s.as(opts.role ?? 'operator', 'POST', `/api/orders/${orderId}/parcels`, body, headers);
}

export const start = (s: TestServer, orderId: string, bench = 'B1', role: Role = 'operator', extra: Record<string, unknown> = {}) =>
  s.as(role, 'POST', `/api/orders/${orderId}/pack/start`, { bench, ...extra });

export const leadOverride = (reason = 'scale checked, box is fine') => ({ badge: BADGE.lead, reason });

export const waybillCount = (s: TestServer, orderId: string) =>
  s.core.db.prepare('SELECT COUNT(*) FROM waybills WHERE order_id = ?').pluck().get(orderId) as number;

export const stockOf = (s: TestServer, skuId: string) =>
  s.core.db.prepare('SELECT SUM(on_hand) onHand, SUM(reserved) reserved FROM inventory WHERE sku_id = ?').get(skuId) as { onHand: number; reserved: number };
