// A/B of the ingest path alone (no bare server, no search baselines): the core servers of several
// checkouts take rounds of wrk at 10 connections in turn; per checkout the median orders/s and the
// server CPU per order over all rounds (what a shared machine's load disturbs least).
// npx tsx bench/ingest-ab.ts <root>[,NAME=value...] [<root>...]   (BENCH_SECONDS, BENCH_ROUNDS, BENCH_PROFILE=<dir>:
// CPU profiles of each server, one folder per root; env of the servers: AB_ENV='{"PL_BENCH_RULES":"50"}')
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpuSeconds, runWrk, startServerProcess } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE = process.env.BENCH_PROFILE;
const env = JSON.parse(process.env.AB_ENV ?? '{}') as Record<string, string>;
const roots = process.argv.slice(2);

/**
 * CPU seconds per thread of a process and its children (tsx runs the script in a child node), keyed
 * "pid/tid name" (a process's own main thread named main; Node's worker threads are all named node:
 * under ingest the busiest is the intake thread, then the checkpointer).
 */
function threadSeconds(pid: number, out = new Map<string, number>()): Map<string, number> {
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    out.set(`${pid}/${t} ${t === String(pid) ? 'main' : name}`, (Number(f[11]) + Number(f[12])) / 100);
    for (const k of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) threadSeconds(Number(k), out);
  }
  return out;
}

const servers = [];
for (const [i, spec] of roots.entries()) {
  // <root>[,NAME=value...]: that server's own environment besides AB_ENV
  const [root, ...vars] = spec.split(',') as [string, ...string[]];
  const dir = PROFILE ? join(PROFILE, `${i}-${basename(root)}`) : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  const s = await startServerProcess(join(root, 'bench', 'servers', 'core-server.ts'), [], { ...env, ...Object.fromEntries(vars.map((v) => v.split('='))) }, dir);
  await runWrk('orders.lua', s.info.url!, 10, 3, { TOKEN: s.info.token!, PREFIX: `warm${i}` });
  servers.push({ root: spec, s, rounds: [] as { rps: number; cpu: number; n: number; p99: number }[] });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const [i, srv] of servers.entries()) {
    const pid = srv.s.child.pid!;
    const c0 = cpuSeconds(pid);
    const t0 = threadSeconds(pid);
    const w = await runWrk('orders.lua', srv.s.info.url!, 10, SECONDS, { TOKEN: srv.s.info.token!, PREFIX: `r${r}-${i}` });
    const cpu = cpuSeconds(pid) - c0;
    const t1 = threadSeconds(pid);
    const busy = [...t1].map(([k, v]) => [k, v - (t0.get(k) ?? 0)] as const).filter(([, v]) => v > 0.05 * cpu).sort((a, b) => b[1] - a[1]);
    srv.rounds.push({ rps: Math.round(w.requests / w.seconds), cpu, n: w.requests, p99: w.p99_us / 1000 });
    process.stdout.write(`round ${r} ${srv.root}: ${Math.round(w.requests / w.seconds)}/s, ${Math.round((cpu / w.requests) * 1e6)} µs/order, p99 ${w.p99_us / 1000} ms${w.non2xx ? `, ${w.non2xx} non-2xx` : ''}; threads ${busy.map(([k, v]) => `${k.split(' ')[0]!.split('/')[1]} ${k.split(' ').slice(1).join(' ')} ${Math.round((v / w.requests) * 1e6)}`).join(', ')}\n`);
  }
}
for (const srv of servers) {
  const rps = srv.rounds.map((x) => x.rps).sort((a, b) => a - b);
  const us = Math.round((srv.rounds.reduce((t, x) => t + x.cpu, 0) / srv.rounds.reduce((t, x) => t + x.n, 0)) * 1e6);
  process.stdout.write(`${srv.root}: median ${rps[Math.floor(rps.length / 2)]}/s (rounds ${srv.rounds.map((x) => x.rps).join(', ')}), CPU ${us} µs/order (rounds ${srv.rounds.map((x) => Math.round((x.cpu / x.n) * 1e6)).join(', ')})\n`);
  srv.s.child.kill();
  await new Promise((resolve) => srv.s.child.once('exit', resolve));
}
process.exit(0);
