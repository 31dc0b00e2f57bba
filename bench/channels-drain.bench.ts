// Write-back drain: a backlog of pending write-backs sent to a platform while a bench's read (GET an
// order) is timed, with the sending on the core's thread (how it ran before: the baseline) and in
// the sender thread, one after the other in the same run. The platform runs in a thread of its own
// (it is another machine: its work is not the core's) and answers each shipment after 2 ms.
//
// BENCH_PROFILE=<dir>: a CPU profile of the core's thread during each drain, written there
// (drain-core.cpuprofile, drain-thread.cpuprofile).
import { Worker } from 'node:worker_threads';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createHttpServer } from '../src-main/core/http/server';
import { createUser } from '../src-main/core/modules/people/actions/create-user';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { createChannel } from '../src-main/core/modules/channels/actions/connections';
import { startChannelSync, type SyncOptions } from '../src-main/core/modules/channels/flows';
import { insertOutbox } from '../src-main/core/modules/channels/store';
import { DEMO_USERS } from '../src-main/core/demo/seed';
import { stats, writeResult, type Target } from './lib';

const WRITE_BACKS = Number(process.env.BENCH_WRITE_BACKS ?? 10_000);
const LIMIT_MS = 120_000;
const SYSTEM = { id: 'system:bench', role: 'admin' };
const profileDir = process.env.BENCH_PROFILE;

// --- the platform: a thread of its own, recording each idempotency key once ------------------------
const platform = new Worker(`
  const { parentPort } = require('node:worker_threads');
  const http = require('node:http');
  const seen = new Set();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => {
      seen.add(String(req.headers['idempotency-key']));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    }, 2));
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (m) => parentPort.postMessage({ received: [...seen].filter((k) => k.startsWith(m.prefix)).length }));
`, { eval: true });
const platformPort = await new Promise<number>((r) => platform.once('message', (m: { port: number }) => r(m.port)));
const receivedWith = (prefix: string) => new Promise<number>((r) => {
  platform.once('message', (m: { received: number }) => r(m.received));
  platform.postMessage({ prefix });
});

// --- the core -------------------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'pl-bench-drain-'));
const core = openCore({ dataDir: dir, intakeThread: true });
const channelId = core.writes.runNow(() => {
  for (const u of DEMO_USERS) createUser(core.ctx, u, SYSTEM);
  const s = createSku(core.ctx, { sku: 'B-1', name: 'Bench 1', barcodes: [], unitWeightG: 100, location: 'A-01-01-1' }, SYSTEM);
  adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, 'A-01-01-1'), onHandDelta: 1000, inTransitDelta: 0, reason: 'bench' }, SYSTEM);
  return createChannel(core.ctx, { kind: 'generic', name: 'ERP', code: 'erp', secret: 'erp-secret-xxxx', writeBackUrl: `http://127.0.0.1:${platformPort}/shipments`, writeBackOn: 'labelled', carrierNames: {}, pollMinutes: 0, enabled: true }, SYSTEM);
});
const http = createHttpServer(core, { port: 0 });
const { url } = await http.listen();
const post = (path: string, body: unknown, token?: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
const token = (await post('/api/session', { badge: 'LD-2001' })).token as string;
const sample = (await post('/api/orders', { channel: 'erp', externalId: 'X-1', shipTo: { name: 'Steve Shipper', phone: '555-555-5555', country: 'US', city: 'Shippington', address1: '123 Shipping Street' }, lines: [{ sku: 'B-1', qty: 1 }], carrier: 'sf' }, token)).id as string;

const read = async () => {
  const t = performance.now();
  await fetch(`${url}/api/orders/${sample}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
  return performance.now() - t;
};

const sentCount = (name: string) => core.db.prepare("SELECT COUNT(*) FROM channel_outbox WHERE state = 'sent' AND idem_key LIKE ?").pluck().get(`${name}:%`) as number;

/** Queues the backlog, times the read idle, then drains it (sending as `opts` says) with the read timed every 20 ms. */
async function drain(name: string, opts: SyncOptions) {
  core.writes.runNow(() => {
    const at = new Date().toISOString();
    for (let i = 0; i < WRITE_BACKS; i++) {
      insertOutbox(core.db, { id: `wbk_${name}_${i}`, channel_id: channelId, order_id: sample, parcel_id: `par_${name}_${i}`, idem_key: `${name}:${i}`, created_at: at, payload: JSON.stringify({ externalId: 'X-1', orderNumber: 'X-1', waybill: `SF${i}`, carrierCode: 'sf', carrier: 'SF', lines: [], parcel: { id: `par_${name}_${i}`, seq: 1 } }) });
    }
  });
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) {
    idle.push(await read());
    await new Promise((r) => setTimeout(r, 10));
  }
  const session = profileDir ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const sync = startChannelSync(core, { tickMs: 200, retryBaseMs: 1000, breakerAfter: 1_000_000, ...opts });
  const reads: number[] = [];
  const t0 = performance.now();
  let received = 0;
  while (performance.now() - t0 < LIMIT_MS) {
    reads.push(await read());
    await new Promise((r) => setTimeout(r, 20));
    if (reads.length % 25 === 0 && (received = await receivedWith(`${name}:`)) >= WRITE_BACKS) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  sync.stop();
  // the pass in flight records its last answers before the next drain starts
  for (let i = 0; i < 50 && sentCount(name) < received; i++) await new Promise((r) => setTimeout(r, 100));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profileDir!, { recursive: true });
    writeFileSync(join(profileDir!, `drain-${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  return { received: received || (await receivedWith(`${name}:`)), recorded: sentCount(name), seconds, read: stats(reads), idleRead: stats(idle) };
}

const onCore = await drain('core', { sendThread: false });
const inThread = await drain('thread', { sendThread: true });

const targets: Target[] = [
  { what: `${WRITE_BACKS} write-backs drained by the sender thread (platform answers after 2 ms)`, target: 'all, once', measured: `${inThread.received} in ${inThread.seconds.toFixed(1)} s (${inThread.recorded} recorded sent)`, met: inThread.received === WRITE_BACKS && inThread.recorded === WRITE_BACKS },
  { what: 'bench read (GET an order) p99 during the drain, sender thread (idle before it, same run, in brackets)', target: '<= 20 ms', measured: `${inThread.read.p99_ms} ms (idle ${inThread.idleRead.p99_ms} ms)`, met: inThread.read.p99_ms <= 20 },
  { what: 'baseline, same run: sending on the core thread: read p99 during its drain (idle before it), drained in', target: 'info', measured: `${onCore.read.p99_ms} ms (idle ${onCore.idleRead.p99_ms} ms), ${onCore.received} in ${onCore.seconds.toFixed(1)} s`, met: true, info: true },
];
writeResult('channels-drain', { targets, writeBacks: WRITE_BACKS, thread: inThread, core: onCore, loadavg: (await import('node:os')).loadavg() });

await platform.terminate();
await http.close();
await core.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
