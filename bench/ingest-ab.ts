// A/B of the ingest path alone (no bare server, no search baselines): the core servers of several
// checkouts take rounds of wrk at 10 connections in turn; per checkout the median orders/s and the
// server CPU per order over all rounds (what a shared machine's load disturbs least).
// npx tsx bench/ingest-ab.ts <root>[,NAME=value...] [<root>...]   (BENCH_SECONDS, BENCH_ROUNDS, BENCH_PROFILE=<dir>:
// CPU profiles of each server, one folder per root; env of the servers: AB_ENV='{"PL_BENCH_RULES":"50"}')
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpuSeconds, runWrk, startServerProcess, threadTimes } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE = process.env.BENCH_PROFILE;
const env = JSON.parse(process.env.AB_ENV ?? '{}') as Record<string, string>;
const roots = process.argv.slice(2);

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
    const t0 = threadTimes(pid, true);
    const w = await runWrk('orders.lua', srv.s.info.url!, 10, SECONDS, { TOKEN: srv.s.info.token!, PREFIX: `r${r}-${i}` });
    const cpu = cpuSeconds(pid) - c0;
    const t1 = threadTimes(pid, true);
    const busy = [...t1].map(([k, v]) => [k, v.cpu - (t0.get(k)?.cpu ?? 0)] as const).filter(([, v]) => v > 0.05 * cpu).sort((a, b) => b[1] - a[1]);
    srv.rounds.push({ rps: Math.round(w.requests / w.seconds), cpu, n: w.requests, p99: w.p99_us / 1000 });
    process.stdout.write(`round ${r} ${srv.root}: ${Math.round(w.requests / w.seconds)}/s, ${Math.round((cpu / w.requests) * 1e6)} µs/order, p99 ${w.p99_us / 1000} ms${w.non2xx ? `, ${w.non2xx} non-2xx` : ''}; threads ${busy.map(([k, v]) => `${k} ${Math.round((v / w.requests) * 1e6)}`).join(', ')}\n`);
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
