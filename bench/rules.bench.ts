// The rules' cost: order ingest at 10 connections with 50 rules vs no rules, rounds in turn in the
// same run (server CPU per order counted until the rules have caught up with every order), and
// evaluating 100,000 open orders again after a rule change, with a bench's read measured meanwhile.
// Each round starts when every core's board and search have caught up with its rounds before.
// BENCH_BASELINE=<another checkout> (e.g. /work/main) runs that tree's core with 50 rules too, in
// the same rounds and for the same re-evaluation, so a change is compared on the same machine load.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import os from 'node:os';
import { benchDir, cpuSeconds, followersCaughtUp, startServerProcess, stats, writeResult, type Target } from './lib';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const OPEN_ORDERS = Number(process.env.BENCH_OPEN_ORDERS ?? 100_000);

async function wrk(url: string, token: string, prefix: string): Promise<{ requests: number; seconds: number; non2xx: number; errors: number; p99_us: number }> {
  const child = spawn('wrk', ['-t1', '-c10', `-d${DURATION_S}s`, '--timeout', '10s', '-s', join(benchDir, 'load', 'orders.lua'), url], { env: { ...process.env, TOKEN: token, PREFIX: prefix } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  await new Promise((r) => child.on('close', r));
  return JSON.parse(out.trim().split('\n').pop()!);
}

const get = async (url: string, token: string, path: string) => (await fetch(url + path, { headers: { authorization: `Bearer ${token}` } })).json();

/** Waits until every change in the log has been through the rules; returns how long that took (ms). */
async function drained(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  while (((await get(url, token, '/api/rules/reevaluation')) as { followerLag: number }).followerLag > 0) await new Promise((r) => setTimeout(r, 20));
  return Math.round(performance.now() - t0);
}

interface Round { orders_per_s: number; p99_ms: number; cpu_us_per_order: number; drain_ms: number; non2xx: number }

/** One round: 10 connections for DURATION_S, then until the rules caught up; CPU of both per order. */
async function round(server: { info: Record<string, string>; child: { pid?: number } }, prefix: string): Promise<Round> {
  const { url, token } = server.info as { url: string; token: string };
  const cpu0 = cpuSeconds(server.child.pid!);
  const w = await wrk(url, token, prefix);
  const drain = await drained(url, token);
  const cpu = cpuSeconds(server.child.pid!) - cpu0;
  return { orders_per_s: Math.round(w.requests / w.seconds), p99_ms: Math.round(w.p99_us / 100) / 10, cpu_us_per_order: Math.round((cpu / w.requests) * 1e6), drain_ms: drain, non2xx: w.non2xx + w.errors };
}

const core = join(benchDir, 'servers', 'core-server.ts');
const BASELINE = process.env.BENCH_BASELINE;
const baselineCore = BASELINE ? join(BASELINE, 'bench', 'servers', 'core-server.ts') : null;
/** BENCH_PROFILE=<dir>: this tree's two cores (not the baseline) write a CPU profile per thread there (bench/profile-summary.ts). */
const PROFILE = process.env.BENCH_PROFILE;
const plain = await startServerProcess(core, [], {}, PROFILE ? join(PROFILE, 'no-rules') : undefined);
const ruled = await startServerProcess(core, [], { PL_BENCH_RULES: '50' }, PROFILE ? join(PROFILE, 'rules-50') : undefined);
const based = baselineCore ? await startServerProcess(baselineCore, [], { PL_BENCH_RULES: '50' }) : null;
for (const s of [plain, ruled, based]) if (s) await wrk(s.info.url!, s.info.token!, `warm-${s.child.pid}`); // JIT and page cache, not recorded
const plainRounds: Round[] = [];
const ruledRounds: Round[] = [];
const baselineRounds: Round[] = [];
const followers = await followersCaughtUp([plain, ruled, based].flatMap((s) => (s ? [s.info.dir!] : [])));
const quietMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  for (const [s, rounds, prefix] of [[plain, plainRounds, 'p'], [ruled, ruledRounds, 'r'], [based, baselineRounds, 'b']] as const) {
    if (!s) continue;
    quietMs.push(await followers.wait());
    rounds.push(await round(s, `${prefix}-${i}`));
  }
}
followers.close();
// A profiled core writes its profiles on SIGTERM before it exits.
await Promise.all([plain, ruled, based].map((s) => s && new Promise((r) => (s.child.once('exit', r), s.child.kill('SIGTERM')))));
const median = (rs: Round[], k: keyof Round) => [...rs].map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rs.length / 2)]!;
const addedUs = median(ruledRounds, 'cpu_us_per_order') - median(plainRounds, 'cpu_us_per_order');
const baselineAddedUs = based ? median(baselineRounds, 'cpu_us_per_order') - median(plainRounds, 'cpu_us_per_order') : null;

// --- 100,000 open orders evaluated again after a rule change --------------------------------------
interface Reevaluated { state: string; ms: number | null; changed: number; total: number; finishedAt: string | null; wall_ms: number; probe_during: ReturnType<typeof stats>; probe_idle: ReturnType<typeof stats> }
async function reevaluation(serverFile: string): Promise<Reevaluated> {
  const big = await startServerProcess(serverFile, [], { PL_BENCH_RULES: '50', PL_BENCH_ORDERS: String(OPEN_ORDERS) });
  const { url, token } = big.info as { url: string; token: string };
  await drained(url, token); // the rules' first pass over the seeded orders
  const probeId = ((await get(url, token, '/api/orders?limit=1')) as { items: { id: string }[] }).items[0]!.id;
  /** A bench's read (an order by id) every 20 ms while `until` runs. */
  async function probe(until: () => Promise<boolean>): Promise<number[]> {
    const times: number[] = [];
    while (!(await until())) {
      const t0 = performance.now();
      await (await fetch(`${url}/api/orders/${probeId}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return times;
  }
  const idleUntil = performance.now() + 3000;
  const idle = stats(await probe(async () => performance.now() > idleUntil));
  const rules = ((await get(url, token, '/api/rules')) as { items: { id: string; name: string; version: number }[] }).items;
  const target = rules.find((r) => r.name === 'bench rule 8')!;
  const t0 = performance.now();
  // The change: "all lines among B-1, B-2" becomes "any line among B-0..B-19", which holds a tenth of the open orders.
  await fetch(`${url}/api/rules/${target.id}`, {
    method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: target.name, conditions: [{ kind: 'sku', values: Array.from({ length: 20 }, (_, i) => `B-${i}`), lines: 'any' }], actions: { hold: { type: 'stock' } } }),
  });
  let last: { state: string; ms: number | null; changed: number; total: number; finishedAt: string | null } = { state: 'running', ms: null, changed: 0, total: 0, finishedAt: null };
  const during = stats(await probe(async () => {
    last = (await get(url, token, '/api/rules/reevaluation')) as typeof last;
    return last.state === 'idle' && last.finishedAt !== null && performance.now() - t0 > 200;
  }));
  const wallMs = Math.round(performance.now() - t0);
  big.child.kill();
  return { ...last, wall_ms: wallMs, probe_during: during, probe_idle: idle };
}
// BENCH_REEVALUATE=0: the ingest rounds only (while iterating on the intake path).
if (process.env.BENCH_REEVALUATE === '0') {
  process.stdout.write(`${JSON.stringify({ addedUs, baselineAddedUs, no_rules: plainRounds, rules_50: ruledRounds, baseline_rules_50: baselineRounds, quiet_ms: quietMs, load: os.loadavg() })}\n`);
  process.exit(0);
}
const last = await reevaluation(core);
const baselineReevaluation = baselineCore ? await reevaluation(baselineCore) : null;
const wallMs = last.wall_ms;
const during = last.probe_during;
const idle = last.probe_idle;

const targets: Target[] = [
  { what: 'ingest at 10 connections with 50 rules: server CPU added per order, median of rounds (µs; counted until the rules caught up)', target: '<= 50', measured: addedUs, met: addedUs <= 50 },
  { what: 'ingest at 10 connections with 50 rules (orders/s, median round)', target: '>= 5000', measured: median(ruledRounds, 'orders_per_s'), met: median(ruledRounds, 'orders_per_s') >= 5000 },
  { what: 'ingest at 10 connections, no rules, same run (orders/s, median round)', target: '-', info: true, met: true, measured: median(plainRounds, 'orders_per_s') },
  { what: `evaluating ${last.total} open orders again after a rule change (ms, worker thread; ${last.changed} orders changed and applied)`, target: '<= 5000', measured: last.ms ?? wallMs, met: (last.ms ?? wallMs) <= 5000 },
  { what: 'a bench read (order by id) p99 during the re-evaluation / idle just before (ms)', target: '-', info: true, met: true, measured: `${during.p99_ms} / ${idle.p99_ms} (max ${during.max_ms}; ${during.n} reads)` },
];
if (based && baselineReevaluation) {
  const b = baselineReevaluation;
  targets.push(
    { what: `baseline (${BASELINE}) in the same run: server CPU added per order by 50 rules (µs)`, target: '-', info: true, met: true, measured: baselineAddedUs! },
    { what: `baseline (${BASELINE}) in the same run: ingest with 50 rules (orders/s, median round)`, target: '-', info: true, met: true, measured: median(baselineRounds, 'orders_per_s') },
    { what: `baseline (${BASELINE}) in the same run: re-evaluating ${b.total} open orders (ms; ${b.changed} changed)`, target: '-', info: true, met: true, measured: b.ms ?? b.wall_ms },
    { what: `baseline (${BASELINE}) in the same run: a bench read p99 during its re-evaluation / idle (ms)`, target: '-', info: true, met: true, measured: `${b.probe_during.p99_ms} / ${b.probe_idle.p99_ms} (max ${b.probe_during.max_ms}; ${b.probe_during.n} reads)` },
  );
}
writeResult('rules', {
  targets, load_average: os.loadavg().map((x) => Math.round(x * 10) / 10), baseline: BASELINE ?? null,
  rounds: { no_rules: plainRounds, rules_50: ruledRounds, ...(based ? { baseline_rules_50: baselineRounds } : {}), quiet_wait_ms: quietMs },
  reevaluation: last, ...(baselineReevaluation ? { baseline_reevaluation: baselineReevaluation } : {}),
});
