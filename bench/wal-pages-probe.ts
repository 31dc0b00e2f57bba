// Which tables and indexes the ingest path's commits write (WAL frames per order, by B-tree): orders
// created in batches of BATCH (as the intake thread's group commit), WAL frames read back and each
// frame's page named through dbstat. npx tsx bench/wal-pages-probe.ts [orders=20000] [batch=5]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { createOrderRequests } from '../src-main/core/modules/orders/actions/order-requests';
import { seedBenchRules } from './servers/bench-rules';

const N = Number(process.argv[2] ?? 20000);
const BATCH = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'pl-walprobe-'));
const core = openCore({ dataDir: dir });
core.search.stop();
core.board.stop();
const sys = { id: 'system:bench', role: 'admin' };
core.writes.runNow(() => {
  for (let i = 0; i < 200; i++) {
    const s = createSku(core.ctx, { sku: `B-${i}`, name: `Bench item ${i}`, barcodes: [{ code: `690000${String(i).padStart(6, '0')}`, units: 1 }], unitWeightG: 100 + i }, sys);
    adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, sys);
  }
});
if (process.env.RULES) seedBenchRules(core, Number(process.env.RULES), 0);
const input = (n: number, prefix: string) => ({
  channel: 'bench', externalId: `${prefix}-${n}`, carrier: 'sf', total: { amount: 4990, currency: 'CNY' },
  shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' },
  lines: n % 2 ? [{ sku: `B-${n % 200}`, qty: 1 + (n % 3) }, { sku: `B-${(n * 7) % 200}`, qty: 1 }] : [{ sku: `B-${n % 200}`, qty: 1 + (n % 3) }],
});
const run = (from: number, to: number, prefix: string) => {
  for (let b = from; b < to; b += BATCH) {
    const reqs = Array.from({ length: BATCH }, (_, k) => ({ input: input(b + k, prefix), actor: sys, key: `${prefix}-${b + k}` }));
    core.writes.runNow(() => createOrderRequests(core.ctx, reqs));
  }
};
run(0, N, 'warm'); // a table of some size first
core.db.pragma('wal_checkpoint(TRUNCATE)');
core.db.pragma('wal_autocheckpoint = 0');
const M = Number(process.env.MEASURE ?? 2000);
run(0, M, 'm');
const wal = readFileSync(join(dir, 'packline.db-wal'));
const pageSize = wal.readUInt32BE(8);
const frames = (wal.length - 32) / (pageSize + 24);
const pages: number[] = [];
for (let i = 0; i < frames; i++) pages.push(wal.readUInt32BE(32 + i * (pageSize + 24)));
await core.close();
const ro = new Database(join(dir, 'packline.db'), { readonly: true });
const owner = new Map<number, string>();
for (const r of ro.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{ name: string; pageno: number }>) owner.set(r.pageno, r.name);
const by = new Map<string, number>();
for (const p of pages) by.set(owner.get(p) ?? `?`, (by.get(owner.get(p) ?? '?') ?? 0) + 1);
console.log(`page ${pageSize} B; ${frames} frames for ${M} orders in batches of ${BATCH}: ${(frames / M).toFixed(2)} pages/order, ${(frames * pageSize / M / 1024).toFixed(1)} KiB/order`);
for (const [k, v] of [...by].sort((a, b) => b[1] - a[1])) console.log(`${(v / M).toFixed(3)}\t${k}`);
rmSync(dir, { recursive: true, force: true });
