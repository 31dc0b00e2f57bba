// The shop both PostgreSQL intake probes use (pg-statements.ts, pg-server-probe.ts): a core on the
// given database with 200 stocked SKUs, and `batch`, which creates orders as the intake thread does
// (a batch of requests per write job: createOrderRequests with lasting reads, commitNow).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { createOrderRequests } from '../src-main/core/modules/orders/actions/order-requests';
import { lastingReads } from '../src-main/core/modules/orders/actions/create-orders';

export function intakeShop(url: string) {
  const core = openCore({ dataDir: mkdtempSync(join(tmpdir(), 'pl-pgstat-')), file: url, intakeThread: false });
  const sys = { id: 'system:bench', role: 'admin' } as const;
  core.writes.runNow(() => { for (let i = 0; i < 200; i++) { const s = createSku(core.ctx, { sku: `B-${i}`, name: `x${i}`, barcodes: [], unitWeightG: 100 }, sys); adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1e6, inTransitDelta: 0, reason: 'b' }, sys); } });
  const body = (n: number) => ({ channel: 'bench', externalId: `x-${n}`, shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' }, lines: [{ sku: `B-${n % 200}`, qty: 1 }], carrier: 'sf', total: { amount: 4990, currency: 'CNY' } });
  const actor = { id: 'usr', role: 'admin' } as const;
  const reads = lastingReads();
  const batch = (from: number, n: number, tag: string) => core.writes.commitNow(() => createOrderRequests(core.ctx,
    Array.from({ length: n }, (_, i) => ({ input: body(from + i) as never, actor: actor as never, key: `${tag}${from + i}`, hash: null })), reads.take(core.ctx)));
  return { core, batch, warmUp: () => { for (let k = 0; k < 5; k++) batch(100000 + k * 10, 10, 'w'); } };
}
