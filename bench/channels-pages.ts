// Probe (not a bench with targets): the WAL frames one commit of webhook deliveries writes (30
// Shopify orders, 3 for each of 10 connections, through receiveDeliveries as the intake thread runs
// it) after 9,000 orders, and which b-trees the pages of one such commit belong to (the WAL's frame
// headers name the pages; dbstat names their owners). Each connection's key region is a page of its
// own per commit: this shows which keys do that. Usage: npx tsx bench/channels-pages.ts [checkout]
// (another checkout's code, e.g. /work/main, for a before/after).
// STATEMENTS=1: then commits of 10 deliveries (one per connection, the size of the channels-wrk
// bench's jobs at 10 connections): the CPU per delivery of the whole job (commit included), the WAL
// frames per such commit, and the time per delivery of each statement, largest first (wall time: a busy machine inflates it, the
// ranking holds). STATEMENTS_COMMITS: how many (default 1,000).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
const root = process.argv[2] ?? join(import.meta.dirname, '..');
const im = (p: string) => import(join(root, p));
const { openCore } = await im('src-main/core/core.ts');
const { createSku } = await im('src-main/core/modules/catalog/actions/skus.ts');
const { adjustStock } = await im('src-main/core/modules/inventory/actions/adjust-stock.ts');
const { ensureLocation } = await im('src-main/core/modules/locations/actions/create-location.ts');
const { createChannel } = await im('src-main/core/modules/channels/actions/connections.ts');
const { openDatabase } = await im('src-main/core/database.ts');
const { systemClock } = await im('src-main/lib/clock.ts');
const { ulidIds } = await im('src-main/lib/ids.ts');
const { receiveDeliveries } = await im('src-main/core/modules/channels/actions/receive-batch.ts');
const { shopifyOrder } = await im('src-main/demo/channels-peer.ts');
const dir = mkdtempSync(join(tmpdir(), 'pl-pages-'));
const sys = { id: 'system:bench', role: 'admin' };
const core = openCore({ dataDir: dir });
const channels: string[] = core.writes.runNow(() => {
  for (let i = 0; i < 200; i++) {
    const s = createSku(core.ctx, { sku: `B-${i}`, name: `Bench item ${i}`, barcodes: [{ code: `690000${String(i).padStart(6, '0')}`, units: 1 }], unitWeightG: 100 + i }, sys);
    adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, sys);
  }
  return Array.from({ length: 10 }, (_, c) => createChannel(core.ctx, { kind: 'shopify', name: `Store ${c}`, code: `store-${c}`, secret: `secret-${c}-xxxxxxxx`, writeBackOn: 'labelled', carrierNames: {}, pollMinutes: 0, enabled: true, defaultCarrier: 'sf' }, sys));
});
await core.close();
const db = openDatabase(join(dir, 'packline.db'));
db.pragma('wal_autocheckpoint = 0');
const ctx = { db, clock: systemClock, ids: ulidIds(() => Date.now()) };
let n = 0;
const batch = (per: number) => channels.map((channelId) => ({ channelId, source: 'webhook', receivedAt: new Date().toISOString(), rows: Array.from({ length: per }, () => {
  const i = n++;
  const body = JSON.stringify(shopifyOrder([{ sku: `B-${i % 200}`, title: 'Bench', quantity: 1 + (i % 3), price: '49.90' }]));
  return { deliveryId: `d-${i}-${createHmac('sha256', 'k').update(String(i)).digest('hex').slice(0, 16)}`, topic: 'orders/create', eventAt: null, headers: {}, body: Buffer.from(body) };
}) }));
const wal = () => statSync(join(dir, 'packline.db-wal')).size;
const commit = (fn: () => void) => db.transaction(fn).immediate();
const WARM = Number(process.env.WARM ?? 300);
for (let k = 0; k < WARM; k++) {
  commit(() => receiveDeliveries(ctx, batch(3), { reads: null }, false));
  if (k % 50 === 0) db.pragma('wal_checkpoint(TRUNCATE)');
}
db.pragma('wal_checkpoint(TRUNCATE)');
const frames: number[] = [];
for (let k = 0; k < 40; k++) {
  const w0 = wal();
  commit(() => receiveDeliveries(ctx, batch(3), { reads: null }, false));
  frames.push(Math.round((wal() - w0) / 4120));
}
frames.sort((a, b) => a - b);
// Which b-trees the pages of one more commit belong to (the WAL's frame headers name the pages).
{
  db.pragma('wal_checkpoint(TRUNCATE)');
  commit(() => receiveDeliveries(ctx, batch(Number(process.env.PER ?? 3)), { reads: null }, false));
  const { readFileSync } = await import('node:fs');
  const buf = readFileSync(join(dir, 'packline.db-wal'));
  const pages = new Set<number>();
  for (let off = 32; off + 24 <= buf.length; off += 4096 + 24) pages.add(buf.readUInt32BE(off));
  const owner = new Map((db.prepare('SELECT pageno, name FROM dbstat').all() as { pageno: number; name: string }[]).map((r) => [r.pageno, r.name]));
  const by: Record<string, number> = {};
  for (const p of pages) by[owner.get(p) ?? '?'] = (by[owner.get(p) ?? '?'] ?? 0) + 1;
  console.log(JSON.stringify(Object.entries(by).sort((a, b) => b[1] - a[1])));
}
if (process.env.STATEMENTS === '1') {
  const COMMITS = Number(process.env.STATEMENTS_COMMITS ?? 1000);
  const timed = new Map<string, { calls: number; ns: bigint }>();
  // Every statement's run/get/all timed, keyed by its SQL (the driver's Statement prototype, from one of this connection's statements).
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const plainOf: Record<string, (...a: unknown[]) => unknown> = {};
  const timedOf: Record<string, (...a: unknown[]) => unknown> = {};
  for (const m of ['run', 'get', 'all']) {
    const plain = (plainOf[m] = proto[m]!);
    proto[m] = timedOf[m] = function (this: { source: string }, ...a: unknown[]) {
      const t = process.hrtime.bigint();
      try {
        return plain.apply(this, a);
      } finally {
        const k = this.source.replace(/\s+/g, ' ').slice(0, 100);
        const e = timed.get(k) ?? { calls: 0, ns: 0n };
        e.calls++;
        e.ns += process.hrtime.bigint() - t;
        timed.set(k, e);
      }
    };
  }
  // As the intake thread runs them: SKU and stock reads lasting from job to job; the WAL starts over
  // every 100 commits (the core's checkpointer does that on its own thread: not counted here).
  const { lastingReads } = await im('src-main/core/modules/orders/actions/create-orders.ts');
  const reads = lastingReads();
  let us = 0;
  const framesOf10: number[] = [];
  for (let k = 0; k < COMMITS; k++) {
    if (k % 100 === 0) {
      Object.assign(proto, plainOf); // the checkpoint is not timed
      db.pragma('wal_checkpoint(RESTART)'); // the file stays (as the core's): a commit overwrites it, not grows it
      Object.assign(proto, timedOf);
    }
    const deliveries = batch(1); // made (signed, serialised) outside the time counted
    const cpu0 = process.cpuUsage();
    commit(() => {
      const job = { reads: reads.take(ctx) };
      receiveDeliveries(ctx, deliveries, job, false);
      if (job.reads === null) reads.forget();
    });
    const cpu = process.cpuUsage(cpu0);
    us += cpu.user + cpu.system;
  }
  Object.assign(proto, plainOf);
  db.pragma('wal_checkpoint(TRUNCATE)'); // the WAL's growth is what such a commit wrote
  for (let k = 0; k < 40; k++) {
    const w0 = wal();
    commit(() => receiveDeliveries(ctx, batch(1), { reads: null }, false));
    framesOf10.push(Math.round((wal() - w0) / 4120));
  }
  framesOf10.sort((a, b) => a - b);
  const n = COMMITS * channels.length;
  console.log(`jobs of 10 deliveries: ${Math.round(us / n)} µs CPU per delivery (${COMMITS} commits; the WAL starts over every 100, not counted); WAL frames per commit of 10: median ${framesOf10[framesOf10.length >> 1]} (${framesOf10[0]}-${framesOf10[framesOf10.length - 1]})`);
  for (const [sql, e] of [...timed].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25)) {
    console.log(`${(Number(e.ns) / 1000 / n).toFixed(1).padStart(7)} µs ${(e.calls / n).toFixed(2).padStart(5)}x  ${sql}`);
  }
}
console.log(JSON.stringify({ root, orders: db.prepare('SELECT count(*) FROM orders').pluck().get(), framesPerCommitOf30: { median: frames[20], min: frames[0], max: frames[39] } }));
db.close();
rmSync(dir, { recursive: true, force: true }); // ~50 MB a run
