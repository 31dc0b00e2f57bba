// The core's event loop's young-generation collections under ingest (POST /api/orders, 10
// connections, wrk): each run is a new core, 4 s of warm-up, a 1 s pause, then 6 s watched by
// bench/servers/gc-watch.mjs. Reports the scavenges' pauses and how much the old space grew per
// scavenge, with the rate and p99 of the same rounds. BASELINE_ROOT=<checkout>: the same runs against
// that code, in turn. Issue 15's p99 and issue 19's rate: a scavenge that promotes ~1 MB pauses the
// loop 5-25 ms, four to ten times a second (lib/pending-by-id.ts says why it did).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { benchDir, runWrk, writeResult, type Target, type WrkResult } from './lib';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const trees = [resolve(benchDir, '..'), ...(process.env.BASELINE_ROOT ? [resolve(process.env.BASELINE_ROOT)] : [])];
interface GcFigures { scavenges: number; avgMs: number; maxMs: number; oldGrownKBPerScavenge: number; majors: number }
interface Run { gc: GcFigures; wrk: WrkResult }

async function run(tree: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', join(benchDir, 'servers', 'gc-watch.mjs'), join(tree, 'bench', 'servers', 'core-server.ts')],
    { cwd: tree, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, nl)) as Record<string, unknown>);
      buf = buf.slice(nl + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  let exited = false;
  child.once('exit', () => ((exited = true), waiters.splice(0).forEach((w) => w())));
  const line = async (n: number) => {
    while (lines.length < n) {
      if (exited) throw new Error(`the core (${tree}) exited before it printed line ${n}`);
      await new Promise<void>((r) => waiters.push(r));
    }
    return lines[n - 1]!;
  };
  const { url, token } = (await line(1)) as { url: string; token: string };
  await runWrk('orders.lua', url, 10, 4, { TOKEN: token, PREFIX: 'warm' });
  await new Promise((r) => setTimeout(r, 1000));
  child.kill('SIGUSR2');
  const wrk = await runWrk('orders.lua', url, 10, 6, { TOKEN: token, PREFIX: 'm' });
  child.kill('SIGUSR2');
  const { gc } = (await line(2)) as { gc: GcFigures };
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { gc, wrk };
}

const load0 = loadavg()[0]!;
const results = new Map<string, Run[]>(trees.map((t) => [t, []]));
for (let i = 0; i < RUNS; i++) for (const t of trees) results.get(t)!.push(await run(t));

const describe = (runs: Run[]) => runs.map(({ gc, wrk }) =>
  `${gc.scavenges} scavenges, ${gc.avgMs.toFixed(1)} ms avg (max ${gc.maxMs.toFixed(1)}), old space +${Math.round(gc.oldGrownKBPerScavenge)} KB each, ${gc.majors} full; ${Math.round(wrk.requests / wrk.seconds)} orders/s, p99 ${(wrk.p99_us / 1000).toFixed(1)} ms`).join('; ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mine = results.get(trees[0]!)!;
const targets: Target[] = [
  { what: 'event loop scavenge pause, median of the runs\' averages (ms)', target: '-', measured: Number(median(mine.map((r) => r.gc.avgMs)).toFixed(2)), met: true, info: true },
  { what: 'old space grown per event loop scavenge (what it promoted, and any old-space allocation between), median of the runs (KB)', target: '-', measured: Math.round(median(mine.map((r) => r.gc.oldGrownKBPerScavenge))), met: true, info: true },
  { what: `each run, 6 s of POST /api/orders at 10 connections after a 4 s warm-up and a 1 s pause`, target: '-', measured: describe(mine), met: true, info: true },
];
targets.push({ what: 'machine load average (1 min) before / after the runs', target: '-', measured: `${load0.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`, met: true, info: true });
if (trees[1]) targets.push({ what: `the same runs against ${trees[1]}, in turn`, target: '-', measured: describe(results.get(trees[1])!), met: true, info: true });
writeResult('event-loop-gc', { targets, runs: Object.fromEntries(results) });
