// Sales channel webhooks under load from wrk (its own process, as the ingest bench): signed Shopify
// deliveries to 10 connections (every 10th a Shopify retry of an earlier webhook id, every 20th
// signed with a wrong secret) against a core in its own process, in rounds taken in turn with
// POST /api/orders rounds on the same core (the baseline of the same run). Per round: answers/s and
// p99, orders created per second end to end (until the inbox is empty), and the server's CPU per
// request. channels.bench.ts keeps the in-process figures (the cancel to the feed, the write-back drain).
// PL_BENCH_STALLS=1: each core prints what held its event loop up (GC, loop delay) as it stops
// (bench/servers/core-server.ts), to tell a round's p99 caused there from one caused on the intake thread.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { benchDir, cpuSeconds, followersCaughtUp, runWrk, startServerProcess, writeResult, type Target, type WrkResult } from './lib';
import { spawn } from 'node:child_process';
import { shopifyOrder } from '../src-main/demo/channels-peer';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
/** Deliveries written per round: more than wrk can send in SECONDS, so no lap repeats them. */
const PER_ROUND = Number(process.env.BENCH_POSTS ?? 30_000);

/**
 * BENCH_PROFILE=<dir>: the core under test (not the baseline) runs with --cpu-prof and writes a
 * profile per thread there (the event loop's and the intake thread's) when the bench ends.
 */
const PROFILE = process.env.BENCH_PROFILE;

/** The core server as startServerProcess starts it, or under --cpu-prof (node itself: tsx's launcher would not pass the flag on). */
async function startCoreProcess(script: string, profile: boolean) {
  if (!profile) return startServerProcess(script);
  // core-server.ts ends on SIGTERM with process.exit, so Node writes the profiles.
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${PROFILE!}`, '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<Record<string, string>>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(JSON.parse(buf.slice(0, buf.indexOf('\n'))) as Record<string, string>);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { info, child };
}

interface Server { url: string; token: string; dir: string; pid: number; kill(): Promise<void>; channels: { id: string; secret: string }[]; orders: () => number; pending: () => number; failed: () => number }

/** A core in its own process with 10 Shopify connections; `root` another checkout (BASELINE_ROOT: the same rounds against it, in turn). */
async function startServer(root = join(benchDir, '..'), profile = false): Promise<Server> {
  const server = await startCoreProcess(join(root, 'bench', 'servers', 'core-server.ts'), profile);
  const { url, token, dir } = server.info as { url: string; token: string; dir: string };
  const api = async (path: string, body: unknown) => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<{ id: string }>;
  };
  const channels: { id: string; secret: string }[] = [];
  for (let c = 0; c < CONNECTIONS; c++) {
    const secret = `secret-${c}-xxxxxxxx`;
    const { id } = await api('/api/channels', { kind: 'shopify', name: `Store ${c}`, code: `store-${c}`, secret, writeBackOn: 'labelled', carrierNames: {}, pollMinutes: 0, enabled: true, defaultCarrier: 'sf' });
    channels.push({ id, secret });
  }
  const db = new Database(join(dir, 'packline.db'), { readonly: true });
  const channelOrders = db.prepare("SELECT COUNT(*) FROM orders WHERE channel LIKE 'store-%'").pluck();
  const pendingInbox = db.prepare("SELECT COUNT(*) FROM channel_inbox WHERE state = 'pending'").pluck();
  const failedInbox = db.prepare("SELECT COUNT(*) FROM channel_inbox WHERE state = 'failed'").pluck();
  return {
    url, token, dir, pid: server.child.pid!, channels, kill: async () => {
      const exited = new Promise((res) => server.child.once('exit', res));
      server.child.kill('SIGTERM');
      if (profile) await exited; // the profile is written as it exits
    },
    orders: () => channelOrders.get() as number, pending: () => pendingInbox.get() as number, failed: () => failedInbox.get() as number,
  };
}

const main = await startServer(undefined, !!PROFILE);
const baseline = process.env.BASELINE_ROOT ? await startServer(process.env.BASELINE_ROOT) : null;

/** One round's deliveries, written for hooks.lua; returns the file and how many distinct good ones it holds. */
function writeDeliveries(srv: Server, round: string): { file: string; good: number } {
  const lines: string[] = [];
  let good = 0;
  for (let i = 0; i < PER_ROUND; i++) {
    const c = i % CONNECTIONS;
    if (i % 10 === 9) {
      lines.push(lines[i - 5]!); // Shopify's retry: same connection, webhook id and bytes
      continue;
    }
    const bad = i % 20 === 13;
    if (!bad) good++;
    const body = JSON.stringify(shopifyOrder([{ sku: `B-${i % 200}`, title: 'Bench', quantity: 1 + (i % 3), price: '49.90' }]));
    const sig = createHmac('sha256', bad ? 'wrong-secret' : srv.channels[c]!.secret).update(body).digest('base64');
    lines.push(`/api/hooks/${srv.channels[c]!.id}\t${sig}\t${round}-${i}\t${body}`);
  }
  const file = join(srv.dir, `hooks-${round}.txt`);
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, good };
}

interface Round { kb_written_per_order?: number; answers_per_s: number; p50_ms: number; p99_ms: number; requests: number; non2xx: number; errors: number; server_cpu_us_per_request: number; loop_cpu_us_per_request: number; orders?: number; orders_per_s?: number; drained_s?: number; orders_per_s_since_spawn?: number; wrk_overhead_s?: number; drain_after_s?: number }

/**
 * CPU seconds of the core's event loop (the main thread of the node process at the end of the
 * launcher's chain): the rest of server_cpu is the intake thread's, the checkpointer's and libuv's.
 */
function loopCpuSeconds(pid: number): number {
  const core = coreProcess(pid) ?? pid;
  const f = readFileSync(`/proc/${core}/task/${core}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** The deepest process under `pid` running core-server.ts (tsx's launcher names it too; esbuild's service is a child beside it). */
function coreProcess(pid: number): number | null {
  const kids = readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)).map(Number);
  for (const k of kids) {
    const deeper = coreProcess(k);
    if (deeper !== null) return deeper;
  }
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('core-server') ? pid : null;
}
const ms = (us: number) => Math.round(us / 100) / 10;

/**
 * Bytes the core's process has written (its WAL frames, the checkpointer's copies, and its small
 * HTTP answers): per order, how much a commit writes, beside the orders posted directly.
 */
function bytesWritten(pid: number): number {
  const core = coreProcess(pid) ?? pid;
  return Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${core}/io`, 'utf8'))![1]);
}
const kbPer = (bytes: number, n: number) => Math.round(bytes / 1024 / Math.max(1, n) * 10) / 10;

async function measure(pid: number, run: () => Promise<WrkResult>): Promise<Round & { wall: number; t0: number; t1: number }> {
  const cpu0 = cpuSeconds(pid);
  const loop0 = loopCpuSeconds(pid);
  const t0 = performance.now();
  const w = await run();
  const t1 = performance.now();
  const cpu = cpuSeconds(pid) - cpu0;
  const loop = loopCpuSeconds(pid) - loop0;
  return { answers_per_s: Math.round(w.requests / w.seconds), p50_ms: ms(w.p50_us), p99_ms: ms(w.p99_us), requests: w.requests, non2xx: w.non2xx, errors: w.errors, server_cpu_us_per_request: Math.round((cpu / w.requests) * 1e6), loop_cpu_us_per_request: Math.round((loop / w.requests) * 1e6), wall: w.seconds, t0, t1 };
}

async function hooksRound(srv: Server, round: string): Promise<Round> {
  const { file } = writeDeliveries(srv, round);
  const before = srv.orders();
  const written = bytesWritten(srv.pid);
  const r = await measure(srv.pid, () => runWrk('hooks.lua', srv.url, CONNECTIONS, SECONDS, { BODIES: file }));
  // End to end: until every stored delivery of the round has become an order (or a duplicate).
  while (srv.pending() > 0) await new Promise((res) => setTimeout(res, 20));
  const end = performance.now();
  const orders = srv.orders() - before;
  const { wall, t0, t1, ...rest } = r;
  // The rate counts the time deliveries were sent (wrk's own duration) and the time after wrk ended
  // until the inbox was empty. Counted from wrk's spawn (orders_per_s_since_spawn, the figure up to
  // 2026-12-04) it also held wrk's start-up (reading the 30,000 signed bodies) and exit, 0.2-0.3 s
  // of a 5 s round in which no delivery was sent: wrk_overhead_s.
  const drainAfter = (end - t1) / 1000;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    ...rest, orders, drained_s: r2((end - t0) / 1000), drain_after_s: r2(drainAfter), wrk_overhead_s: r2((t1 - t0) / 1000 - wall),
    orders_per_s: Math.round(orders / (wall + drainAfter)), orders_per_s_since_spawn: Math.round(orders / ((end - t0) / 1000)), kb_written_per_order: kbPer(bytesWritten(srv.pid) - written, orders),
  };
}

async function ordersRound(srv: Server, prefix: string): Promise<Round> {
  const written = bytesWritten(srv.pid);
  const { wall: _w, t0: _t, t1: _t1, ...rest } = await measure(srv.pid, () => runWrk('orders.lua', srv.url, CONNECTIONS, SECONDS, { TOKEN: srv.token, PREFIX: prefix, KEYS: 'counter' }));
  return { ...rest, kb_written_per_order: kbPer(bytesWritten(srv.pid) - written, rest.requests) };
}

// Warm-up of both paths (JIT, page cache), not recorded.
for (const srv of [main, ...(baseline ? [baseline] : [])]) {
  await runWrk('hooks.lua', srv.url, CONNECTIONS, 2, { BODIES: writeDeliveries(srv, 'warm').file });
  await runWrk('orders.lua', srv.url, CONNECTIONS, 2, { TOKEN: srv.token, PREFIX: 'warm', KEYS: 'counter' });
  while (srv.pending() > 0) await new Promise((res) => setTimeout(res, 20));
}

const load0 = loadavg();
const hooks: Round[] = [];
const posts: Round[] = [];
const baseHooks: Round[] = [];
const basePosts: Round[] = [];
// Each round starts when both cores' board and search have caught up with the rounds before (as
// the rules bench): otherwise one core's catch-up ran on the CPUs during the other's round.
const followers = await followersCaughtUp([main, ...(baseline ? [baseline] : [])].map((s) => s.dir));
const quietMs: number[] = [];
const quietly = async <T>(round: () => Promise<T>) => (quietMs.push(await followers.wait()), round());
for (let i = 0; i < ROUNDS; i++) {
  hooks.push(await quietly(() => hooksRound(main, `r${i}`)));
  if (!PROFILE) posts.push(await quietly(() => ordersRound(main, `p${i}`))); // a profile shows the webhooks' work alone
  if (baseline) baseHooks.push(await quietly(() => hooksRound(baseline, `b${i}`)));
  // The baseline gets the same POST rounds: each core's webhook rounds then follow the same history.
  if (baseline && !PROFILE) basePosts.push(await quietly(() => ordersRound(baseline, `bp${i}`)));
}
followers.close();
const load1 = loadavg();
const failed = main.failed();
await main.kill();
await baseline?.kill();

const median = (rs: Round[], by: (r: Round) => number) => [...rs].sort((a, b) => by(a) - by(b))[Math.floor(rs.length / 2)]!;
const h = median(hooks, (r) => r.orders_per_s!);
const p = posts.length ? median(posts, (r) => r.answers_per_s) : ({ answers_per_s: NaN } as Round);
const worst = (rs: Round[]) => Math.max(...rs.map((r) => r.p99_ms));
const each = (rs: Round[], f: (r: Round) => string) => rs.map(f).join('; ');
const targets: Target[] = [
  { what: `verified, deduplicated webhook deliveries to orders, end to end, 10 connections (median of ${ROUNDS} rounds of ${SECONDS} s; POST /api/orders same run in brackets)`, target: '>= 3000 orders/s',
    measured: `${h.orders_per_s} orders/s (${p.answers_per_s}/s)`, met: h.orders_per_s! >= 3000 && failed === 0 },
  { what: 'webhook answer p99, the worst round (POST /api/orders worst round, same run, in brackets)', target: '<= 20 ms', measured: `${worst(hooks)} ms (${worst(posts)} ms)`, met: worst(hooks) <= 20 },
  { what: 'each webhook round: answers/s, orders/s end to end, p99, server CPU per request (the event loop\'s share in brackets)', target: '-', info: true, met: true,
    measured: each(hooks, (r) => `${r.answers_per_s}/s, ${r.orders_per_s} orders/s (${r.orders_per_s_since_spawn} from wrk's spawn), p99 ${r.p99_ms} ms, ${r.server_cpu_us_per_request} µs (loop ${r.loop_cpu_us_per_request}), ${r.kb_written_per_order} KB written/order`) },
  { what: 'each POST /api/orders round (taken in turn with the webhook rounds): orders/s, p99, server CPU per request', target: '-', info: true, met: true,
    measured: each(posts, (r) => `${r.answers_per_s}/s, p99 ${r.p99_ms} ms, ${r.server_cpu_us_per_request} µs (loop ${r.loop_cpu_us_per_request}), ${r.kb_written_per_order} KB written/order`) },
  ...(baseline ? [{ what: `the same webhook rounds against ${process.env.BASELINE_ROOT} (the code before this change), in turn: answers/s, orders/s, p99, server CPU per request`, target: '-', info: true, met: true,
    measured: each(baseHooks, (r) => `${r.answers_per_s}/s, ${r.orders_per_s} orders/s (${r.orders_per_s_since_spawn} from wrk's spawn), p99 ${r.p99_ms} ms, ${r.server_cpu_us_per_request} µs (loop ${r.loop_cpu_us_per_request}), ${r.kb_written_per_order} KB written/order`) },
    { what: `the same POST /api/orders rounds against ${process.env.BASELINE_ROOT}, in turn: orders/s, p99, server CPU per request`, target: '-', info: true, met: true,
      measured: each(basePosts, (r) => `${r.answers_per_s}/s, p99 ${r.p99_ms} ms, ${r.server_cpu_us_per_request} µs (loop ${r.loop_cpu_us_per_request}), ${r.kb_written_per_order} KB written/order`) }] : []),
  { what: 'deliveries failed in processing (all SKUs known)', target: '0', measured: failed, met: failed === 0 },
  { what: 'machine load average (1 min) before / after the rounds', target: '-', info: true, met: true, measured: `${load0[0]!.toFixed(2)} / ${load1[0]!.toFixed(2)}` },
  { what: 'wait before each round until every core\'s board and search had caught up (ms)', target: '-', info: true, met: true, measured: quietMs.join(' / ') },
];
writeResult('channels-wrk', { tool: 'wrk, 1 thread, 10 connections', seconds: SECONDS, rounds: ROUNDS, hooks, posts, ...(baseline ? { baselineRoot: process.env.BASELINE_ROOT, baselineHooks: baseHooks, baselinePosts: basePosts } : {}), loadavg: { before: load0, after: load1 }, quiet_wait_ms: quietMs, targets });
process.exit(0);
