// The change feed under load (issue 13, "Prove it"): 200 subscribers, half of them never reading
// a byte, while 20,000 orders arrive over HTTP. Records the core's peak RSS and how soon a reading
// bench gets each order's event (the event's `at`, taken in the order's transaction, to the moment
// the subscriber has parsed it). Baseline in the same run: the same load and readers with no
// subscriber that stops reading. Each round runs in a fresh core process.
import autocannon from 'autocannon';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { request } from 'node:http';
import { benchDir, percentile, startServerProcess, stats, writeResult, type Target } from './lib';

const ORDERS = Number(process.env.BENCH_FEED_ORDERS ?? 20_000);
const READERS = 100;
const SILENT = 100;
/** Readers that parse every event and time it; the others take the bytes and drop them (less load on the shared CPU). */
const TIMED = 10;
const PER_TOKEN = 4; // the feed's streams per session

/** Peak RSS (VmHWM) of the process that runs the core: tsx starts it as a child of the pid we spawned. */
function peakRssMb(pid: number): number {
  const tree = (p: number): number[] => [p, ...readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number).flatMap(tree))];
  const hwm = (p: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return Math.round(Math.max(...tree(pid).map(hwm)) * 10) / 10;
}

async function api<T>(url: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) } });
  const json = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Enough API tokens for `streams` streams at the feed's per-session limit (one admin creates them). */
async function streamTokens(url: string, admin: string, streams: number): Promise<string[]> {
  const me = await api<{ user: { id: string } }>(url, 'GET', '/api/session', admin);
  const out: string[] = [];
  for (let i = 0; i < Math.ceil(streams / PER_TOKEN); i++) out.push((await api<{ token: string }>(url, 'POST', '/api/tokens', admin, { userId: me.user.id, label: `feed bench ${i}` })).token);
  return out;
}

interface Reader { orders: number; latencies: number[]; inOrder: boolean; close(): void }

/** A subscriber that parses each event and notes its delivery latency. */
function reader(url: string, token: string): Promise<Reader> {
  const u = new URL('/api/events', url);
  return new Promise((resolve, reject) => {
    const r: Reader = { orders: 0, latencies: [], inOrder: true, close: () => req.destroy() };
    let last = 0;
    let buf = '';
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = Date.now();
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const d = block.indexOf('\ndata: ');
          if (d < 0) continue;
          const e = JSON.parse(block.slice(d + 7)) as { id: number; at: string; type: string };
          if (e.id <= last) r.inOrder = false;
          last = e.id;
          if (e.type !== 'order.created') continue;
          r.orders++;
          r.latencies.push(now - Date.parse(e.at));
        }
      });
      resolve(r);
    });
    req.on('error', (e) => (r.orders ? undefined : reject(e)));
    req.end();
  });
}

/** A subscriber on a bare socket: it takes the bytes and drops them (`reads`), or never reads a byte. */
function rawSubscriber(url: string, token: string, reads: boolean): Promise<Socket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => {
      sock.write(`GET /api/events HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      resolve(sock);
    });
    if (reads) sock.on('data', () => undefined);
    sock.on('error', reject);
  });
}

function orderBody(n: number, prefix: string) {
  return JSON.stringify({
    channel: 'bench', externalId: `${prefix}-${n}`,
    shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' },
    lines: [{ sku: `B-${n % 200}`, qty: 1 }], carrier: 'sf', total: { amount: 4990, currency: 'CNY' },
  });
}

async function round(silentCount: number) {
  const core = await startServerProcess(join(benchDir, 'servers', 'core-server.ts'));
  const url = core.info.url!;
  const admin = core.info.token!;
  const tokens = await streamTokens(url, admin, READERS + silentCount);
  const token = (i: number) => tokens[Math.floor(i / PER_TOKEN)]!;
  const timed = await Promise.all(Array.from({ length: TIMED }, (_, i) => reader(url, token(i))));
  const sockets = await Promise.all([
    ...Array.from({ length: READERS - TIMED }, (_, i) => rawSubscriber(url, token(TIMED + i), true)),
    ...Array.from({ length: silentCount }, (_, i) => rawSubscriber(url, token(READERS + i), false)),
  ]);
  await new Promise((r) => setTimeout(r, 300));

  // /api/health every 50 ms meanwhile: what any other request feels
  const health: number[] = [];
  let loading = true;
  const probe = (async () => {
    while (loading) {
      const t = performance.now();
      await (await fetch(`${url}/api/health`)).arrayBuffer();
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  let n = 0;
  const prefix = `feed${silentCount}`;
  const t0 = performance.now();
  const load = await autocannon({
    url: `${url}/api/orders`, connections: 10, amount: ORDERS,
    requests: [{ method: 'POST', setupRequest: (req) => {
      const i = n++;
      return { ...req, body: orderBody(i, prefix), headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'idempotency-key': `${prefix}-${i}` } };
    } }],
  });
  const seconds = (performance.now() - t0) / 1000;
  const deadline = Date.now() + 20_000;
  while (timed.some((r) => r.orders < ORDERS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  loading = false;
  await probe;
  const rss = peakRssMb(core.child.pid!);
  for (const r of timed) r.close();
  for (const s of sockets) s.destroy();
  core.child.kill('SIGTERM');

  const latencies = timed.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    silent_subscribers: silentCount, reading_subscribers: READERS,
    orders: { sent: ORDERS, created: load['2xx'], non2xx: load.non2xx, errors: load.errors, seconds: Math.round(seconds * 10) / 10, per_s: Math.round(load['2xx'] / seconds) },
    delivery_ms: { n: latencies.length, median: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN },
    every_timed_reader_got_every_order_in_order: timed.every((r) => r.orders === load['2xx'] && r.inOrder),
    health: stats(health),
    core_peak_rss_mb: rss,
    // the machine is shared: its load during the round, beside the figures
    load_average_1min: Math.round(loadavg()[0]! * 10) / 10,
  };
}

const baseline = await round(0);
const loaded = await round(SILENT);
const ok = (r: typeof loaded) => r.orders.non2xx === 0 && r.orders.errors === 0 && r.every_timed_reader_got_every_order_in_order;
const targets: Target[] = [
  { what: `core peak RSS, ${READERS} reading + ${SILENT} never-reading subscribers while ${ORDERS} orders arrive over HTTP (MB)`, target: '< 400', measured: loaded.core_peak_rss_mb, met: loaded.core_peak_rss_mb < 400 && ok(loaded) },
  { what: `a reading subscriber's delivery p99 (ms, order event's at -> parsed; ${TIMED} timed readers), same load`, target: '< 20', measured: loaded.delivery_ms.p99, met: loaded.delivery_ms.p99 < 20 && ok(loaded) },
  { what: `baseline, same run: ${READERS} reading subscribers and none silent`, target: '-', info: true, met: ok(baseline),
    measured: `peak RSS ${baseline.core_peak_rss_mb} MB, delivery p99 ${baseline.delivery_ms.p99} ms (median ${baseline.delivery_ms.median}), ${baseline.orders.per_s} orders/s, health p99 ${baseline.health.p99_ms} ms, load average ${baseline.load_average_1min}` },
  { what: `with ${SILENT} never-reading subscribers: orders/s, delivery median, /api/health p99`, target: '-', info: true, met: ok(loaded),
    measured: `${loaded.orders.per_s} orders/s, delivery median ${loaded.delivery_ms.median} ms, health p99 ${loaded.health.p99_ms} ms, load average ${loaded.load_average_1min}` },
];
writeResult('feed', { orders: ORDERS, readers: READERS, timed_readers: TIMED, silent: SILENT, baseline, loaded, targets });
process.exit(0);
