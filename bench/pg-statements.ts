// Where an order's time goes with the core on PostgreSQL: every statement on the synchronous
// connection counted and timed while a core (no intake thread) creates orders in groups of 10.
//   npx tsx bench/pg-statements.ts postgres://user@host/empty_database [orders]
// Prints orders/s, statements per order, the time per statement, and the 25 costliest statements.
import { SyncConnection } from '../src-main/core/store/pg/sync-connection';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const url = process.argv[2];
if (!url) throw new Error('usage: npx tsx bench/pg-statements.ts postgres://user@host/empty_database [orders]');
const core = openCore({ dataDir: mkdtempSync(join(tmpdir(), 'pl-pgstat-')), file: url, intakeThread: false });
const sys = { id: 'system:bench', role: 'admin' } as const;
core.writes.runNow(() => { for (let i = 0; i < 200; i++) { const s = createSku(core.ctx, { sku: `B-${i}`, name: `x${i}`, barcodes: [], unitWeightG: 100 }, sys); adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1e6, inTransitDelta: 0, reason: 'b' }, sys); } });
const stats = new Map<string, { n: number; ms: number }>();
const orig = SyncConnection.prototype.query;
let on = false;
SyncConnection.prototype.query = function (text: string, values?: unknown[], array?: boolean) {
  const t0 = performance.now();
  try { return orig.call(this, text, values, array); } finally {
    if (on) { const k = text.replace(/\s+/g, ' ').slice(0, 110); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t0; stats.set(k, s); }
  }
};
const body = (n: number) => ({ channel: 'bench', externalId: `x-${n}`, shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' }, lines: [{ sku: `B-${n % 200}`, qty: 1 }], carrier: 'sf', total: { amount: 4990, currency: 'CNY' } });
const actor = { id: 'usr', role: 'admin' } as const;
await Promise.all(Array.from({ length: 50 }, (_, i) => core.submitOrder(body(100000 + i) as never, actor as never, null)));
on = true;
const N = Number(process.argv[3] ?? 500);
const t0 = performance.now();
for (let k = 0; k < N / 10; k++) await Promise.all(Array.from({ length: 10 }, (_, i) => core.submitOrder(body(k * 10 + i) as never, actor as never, `k${k}-${i}`)));
const dt = performance.now() - t0;
const all = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
const tot = all.reduce((n, [, s]) => n + s.n, 0), totMs = all.reduce((n, [, s]) => n + s.ms, 0);
console.log(`${N} orders in ${dt.toFixed(0)} ms = ${(N / dt * 1000).toFixed(0)}/s; ${tot} statements (${(tot / N).toFixed(1)}/order), ${totMs.toFixed(0)} ms in SQL (${(totMs / tot * 1000).toFixed(0)} us each); batches ${core.writes.batches}`);
for (const [k, s] of all.slice(0, 25)) console.log(`${s.n}\t${s.ms.toFixed(0)}ms\t${k}`);
core.close(); process.exit(0);
