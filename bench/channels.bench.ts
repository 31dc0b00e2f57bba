// Sales channel webhooks: a burst of signed Shopify deliveries to 10 connections (some repeated
// with the same webhook id, some with a bad signature) -> orders created exactly once, the answer
// time, and the rate at which they become orders; beside POST /api/orders with the same orders in
// the same run. Then: a platform cancel to the change-feed event a bench blocks on. (The backlog of
// write-backs drained while a bench's read is timed: bench/channels-drain.bench.ts.)
//
// Client and core share this process (and the 2 shared cores), so every figure here is
// conservative: the client's own work is in it.
import { createHmac } from 'node:crypto';
import { request, Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createHttpServer } from '../src-main/core/http/server';
import { createUser } from '../src-main/core/modules/people/actions/create-user';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { createChannel } from '../src-main/core/modules/channels/actions/connections';
import { startChannelSync } from '../src-main/core/modules/channels/flows';
import { receiveDeliveries } from '../src-main/core/modules/channels/actions/receive-batch';
import { storeDeliveries } from '../src-main/core/modules/channels/actions/receive';
import { processPending } from '../src-main/core/modules/channels/actions/process-delivery';
import { DEMO_USERS } from '../src-main/core/demo/seed';
import { shopifyOrder } from '../src-main/demo/channels-peer';
import { stats, writeResult, type Target } from './lib';

const POSTS = Number(process.env.BENCH_POSTS ?? 2000);
const CONNECTIONS = 10;
const WARM_UP = 300;
const SYSTEM = { id: 'system:bench', role: 'admin' };

const dir = mkdtempSync(join(tmpdir(), 'pl-bench-channels-'));
const core = openCore({ dataDir: dir, intakeThread: true });
const channelIds: string[] = [];
core.writes.runNow(() => {
  for (const u of DEMO_USERS) createUser(core.ctx, u, SYSTEM);
  for (let i = 0; i < 50; i++) {
    const s = createSku(core.ctx, { sku: `B-${i}`, name: `Bench ${i}`, barcodes: [], unitWeightG: 100, location: 'A-01-01-1' }, SYSTEM);
    adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, 'A-01-01-1'), onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, SYSTEM);
  }
  for (let c = 0; c <= CONNECTIONS; c++) {
    channelIds.push(createChannel(core.ctx, { kind: 'shopify', name: `Store ${c}`, code: c === CONNECTIONS ? 'warm-up' : `store-${c}`, secret: `secret-${c}-xxxxxxxx`, writeBackOn: 'labelled', carrierNames: {}, pollMinutes: 0, enabled: true, defaultCarrier: 'sf' }, SYSTEM));
  }
});
const http = createHttpServer(core, { port: 0 });
const { url, port } = await http.listen();
const sync = startChannelSync(core, { tickMs: 200, retryBaseMs: 1000, breakerAfter: 1_000_000 });
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; ms: number; text: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** n jobs over `CONNECTIONS` workers. */
async function run<T>(n: number, job: (i: number) => Promise<T>): Promise<{ out: T[]; seconds: number }> {
  const out: T[] = new Array(n);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    for (let i = next++; i < n; i = next++) out[i] = await job(i);
  }));
  return { out, seconds: (performance.now() - t0) / 1000 };
}

const login = async (badge: string) => JSON.parse((await post('/api/session', JSON.stringify({ badge }), {})).text).token as string;
const leadToken = await login('LD-2001');
const ordersOf = (prefix: string) => core.db.prepare('SELECT COUNT(*) FROM orders WHERE channel LIKE ?').pluck().get(prefix) as number;

// --- the burst ---------------------------------------------------------------------------------
// Every 10th post repeats an earlier one's webhook id (Shopify's retry), every 20th is signed with a wrong secret.
const bodies = Array.from({ length: POSTS }, (_v, i) => shopifyOrder([{ sku: `B-${i % 50}`, title: 'Bench', quantity: 1 + (i % 3), price: '49.90' }]));
type Post = { c: number; bad: boolean; repeat: boolean; body: string; id: string; sig: string };
const plan: Post[] = [];
for (let i = 0; i < POSTS; i++) {
  if (i % 10 === 9) {
    plan.push({ ...plan[i - 5]!, repeat: true }); // Shopify's retry: same connection, webhook id and bytes
    continue;
  }
  const c = i % CONNECTIONS;
  const bad = i % 20 === 13;
  const body = JSON.stringify(bodies[i]);
  plan.push({ c, bad, repeat: false, body, id: `wh-${i}`, sig: createHmac('sha256', bad ? 'wrong-secret' : `secret-${c}-xxxxxxxx`).update(body).digest('base64') });
}
const expectedOrders = new Set(plan.filter((p) => !p.bad).map((p) => p.id)).size;

// Warm-up, not measured: both paths once through the JIT (the burst used to run cold and the baseline warm).
const baselineBody = (o: (typeof bodies)[number], channel: string) => JSON.stringify({ channel, externalId: String(o.id), shipTo: { name: 'Steve Shipper', phone: '555-555-5555', country: 'US', province: 'Kentucky', city: 'Shippington', address1: '123 Shipping Street', postcode: '40003' }, lines: o.line_items.map((l) => ({ sku: l.sku, qty: l.quantity, unitPrice: 4990 })), carrier: 'sf', total: { amount: 4990, currency: 'CNY' } });
{
  const warm = Array.from({ length: WARM_UP }, () => shopifyOrder([{ sku: 'B-1', title: 'Bench', quantity: 1, price: '49.90' }]));
  await run(WARM_UP, (i) => {
    const body = JSON.stringify(warm[i]);
    return post(`/api/hooks/${channelIds[CONNECTIONS]}`, body, { 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Webhook-Id': `warm-${i}`, 'X-Shopify-Hmac-Sha256': createHmac('sha256', `secret-${CONNECTIONS}-xxxxxxxx`).update(body).digest('base64'), 'X-Shopify-Triggered-At': new Date().toISOString() });
  });
  await run(WARM_UP, (i) => post('/api/orders', baselineBody(warm[i]!, 'warm-up-baseline'), { Authorization: `Bearer ${leadToken}`, 'Idempotency-Key': `w-${i}` }));
  await sync.drained();
}
const t0 = performance.now();
const burst = await run(POSTS, (i) => {
  const p = plan[i]!;
  return post(`/api/hooks/${channelIds[p.c]}`, p.body, { 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Webhook-Id': p.id, 'X-Shopify-Hmac-Sha256': p.sig, 'X-Shopify-Triggered-At': new Date().toISOString() });
});
await sync.drained();
const processedS = (performance.now() - t0) / 1000;
const hookStats = stats(burst.out.map((r) => r.ms));
const refused = burst.out.filter((r) => r.status === 401).length;
const created = ordersOf('store-%');
const dupAnswers = burst.out.filter((r) => r.status === 200 && JSON.parse(r.text).duplicates > 0).length;
const failedDeliveries = core.db.prepare("SELECT COUNT(*) FROM channel_inbox WHERE state = 'failed'").pluck().get() as number;

// --- baseline: POST /api/orders with the same orders, same connections ----------------------------
const baseline = await run(POSTS, (i) => {
  return post('/api/orders', baselineBody(bodies[i]!, 'baseline'), { Authorization: `Bearer ${leadToken}`, 'Idempotency-Key': `b-${i}` });
});
const baseStats = stats(baseline.out.map((r) => r.ms));

// --- a platform cancel -> the feed event a bench blocks on -----------------------------------------
const cancels: number[] = [];
{
  const feed = await fetch(`${url}/api/events`, { headers: { Authorization: `Bearer ${leadToken}`, Accept: 'text/event-stream' } });
  const reader = feed.body!.getReader();
  const waiting = new Map<string, number>();
  let buf = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += Buffer.from(value).toString('utf8');
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const msg = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const data = /^data: (.*)$/m.exec(msg)?.[1];
        if (!data) continue;
        const e = JSON.parse(data) as { type: string; entityId: string };
        const t = waiting.get(e.entityId);
        if (e.type === 'order.cancel' && t !== undefined) {
          cancels.push(performance.now() - t);
          waiting.delete(e.entityId);
        }
      }
    }
  })();
  for (let i = 0; i < 50; i++) {
    const o = bodies[i * 20]!;
    if (plan[i * 20]!.bad) continue;
    const row = core.db.prepare("SELECT id FROM orders WHERE channel = 'store-0' AND external_id = ?").get(String(o.id)) as { id: string } | undefined;
    if (!row) continue;
    const cancelled = { ...o, cancelled_at: new Date().toISOString(), cancel_reason: 'customer', updated_at: new Date(Date.now() + 1000).toISOString() };
    const body = JSON.stringify(cancelled);
    waiting.set(row.id, performance.now());
    await post(`/api/hooks/${channelIds[0]}`, body, { 'X-Shopify-Topic': 'orders/cancelled', 'X-Shopify-Webhook-Id': `cancel-${i}`, 'X-Shopify-Hmac-Sha256': createHmac('sha256', 'secret-0-xxxxxxxx').update(body).digest('base64') });
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 500));
  await reader.cancel();
  await pump.catch(() => {});
}
const cancelStats = stats(cancels);

// The write-back backlog drained while a bench's read is timed: bench/channels-drain.bench.ts.

// --- the intake thread's work per delivery ----------------------------------------------------------
// CPU time on this thread (the others idle), jobs of 10 deliveries (one a retry), taken in turn: stored
// and processed in one pass (each inbox row written once, the job's orders made together), and the
// way before (stored pending, read back, processed one by one, each row updated with its outcome).
const INTAKE_JOBS = Number(process.env.BENCH_INTAKE_JOBS ?? 150);
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const intakeUs = { once: 0, before: 0 };
const intakeRows = { once: 0, before: 0 };
for (let j = 0; j < INTAKE_JOBS; j++) {
  for (const mode of j % 2 ? (['once', 'before'] as const) : (['before', 'once'] as const)) {
    const channelId = channelIds[j % CONNECTIONS]!;
    const rows = Array.from({ length: 9 }, (_v, k) => ({ deliveryId: `intake-${mode}-${j}-${k}`, topic: 'orders/create', eventAt: null, headers: {}, body: Buffer.from(JSON.stringify(shopifyOrder([{ sku: `B-${k}`, title: 'Bench', quantity: 1, price: '49.90' }]))) }));
    rows.push(rows[4]!); // Shopify's retry in the same job
    const receivedAt = core.ctx.clock.iso();
    const t = cpuUs();
    core.writes.runNow(() => mode === 'once'
      ? receiveDeliveries(core.ctx, [{ channelId, source: 'webhook', receivedAt, rows }], { reads: null }, false)
      : (storeDeliveries(core.ctx, channelId, rows, 'webhook', receivedAt), processPending(core.ctx, 100, { reads: null }, false)));
    intakeUs[mode] += cpuUs() - t;
    intakeRows[mode] += 9;
  }
}
const intakeOnce = Math.round(intakeUs.once / intakeRows.once);
const intakeBefore = Math.round(intakeUs.before / intakeRows.before);

const targets: Target[] = [
  { what: `orders created from ${POSTS} webhook posts (${refused} bad signatures, ${dupAnswers} repeats): exactly once`, target: `${expectedOrders}`, measured: created, met: created === expectedOrders && failedDeliveries === 0 },
  { what: 'webhook answer p99 (verify + inbox write, 10 connections; POST /api/orders p99 same run in brackets)', target: '<= 20 ms', measured: `${hookStats.p99_ms} ms (${baseStats.p99_ms} ms)`, met: hookStats.p99_ms <= 20 },
  { what: 'verified, deduplicated deliveries to orders, end to end (POST /api/orders same run in brackets)', target: '>= 3000 orders/s', measured: `${Math.round(created / processedS)} orders/s (${Math.round(POSTS / baseline.seconds)} orders/s)`, met: created / processedS >= 3000 },
  { what: 'webhook answers per second', target: 'info', measured: `${Math.round(POSTS / burst.seconds)}/s`, met: true, info: true },
  { what: 'baseline POST /api/orders in the same run: answer p99', target: 'info', measured: `${baseStats.p99_ms} ms at ${Math.round(POSTS / baseline.seconds)}/s`, met: true, info: true },
  { what: `platform cancel -> order.cancel on the change feed (${cancelStats.n} cancels), p99`, target: '<= 1000 ms', measured: `${cancelStats.p99_ms} ms`, met: cancelStats.p99_ms <= 1000 },
  { what: `the intake thread's CPU per new delivery (store + process + commit, ${INTAKE_JOBS} jobs of 10, one a retry): rows written once and orders made together vs stored pending then processed one by one (the way before), in turn`, target: 'less than before', measured: `${intakeOnce} µs vs ${intakeBefore} µs (${Math.round((100 * intakeOnce) / intakeBefore)}%)`, met: intakeOnce < intakeBefore },
];
writeResult('channels', { targets, burst: { posts: POSTS, connections: CONNECTIONS, answer: hookStats, answerSeconds: burst.seconds, processedSeconds: processedS, refused, repeats: dupAnswers, created }, baseline: { answer: baseStats, seconds: baseline.seconds }, cancel: cancelStats, intakeCpuPerDelivery: { onceUs: intakeOnce, beforeUs: intakeBefore, jobs: INTAKE_JOBS }, loadavg: (await import('node:os')).loadavg() });

sync.stop();
agent.destroy();
await http.close();
await core.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
