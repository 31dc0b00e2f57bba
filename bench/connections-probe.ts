// Is ingest bound by the work or by the round trip? One core (bench/servers/core-server.ts, 50 rules
// unless RULES is given) takes POST /api/orders from wrk at 5, 10, 20 and 40 connections, in turn,
// for a few rounds. Work-bound: orders/s stays the same as connections grow. Round-trip-bound: it
// grows, because each request's wait (its batch and the batch before it) is what limits 10 clients.
// Found with it (50 rules, 6 rounds of each in two runs): 10 connections 3,821-5,475 orders/s; 20:
// 3,962-6,401; 40: 4,800-7,342. The rounds swing with the machine, but more clients get more through.
// npx tsx bench/connections-probe.ts [seconds=5] [rounds=3]
import { join } from 'node:path';
import { benchDir, runWrk, startServerProcess } from './lib';

const SECONDS = Number(process.argv[2] ?? 5);
const ROUNDS = Number(process.argv[3] ?? 3);
const RULES = process.env.RULES ?? '50';
const server = await startServerProcess(join(benchDir, 'servers', 'core-server.ts'), [], RULES === '0' ? {} : { PL_BENCH_RULES: RULES });
const { url, token } = server.info as { url: string; token: string };
await runWrk('orders.lua', url, 10, SECONDS, { TOKEN: token, PREFIX: 'warm' }); // JIT and page cache, not printed
for (let i = 0; i < ROUNDS; i++) {
  for (const c of [5, 10, 20, 40]) {
    const r = await runWrk('orders.lua', url, c, SECONDS, { TOKEN: token, PREFIX: `r${i}-c${c}` });
    console.log(`round ${i}, ${c} connections: ${Math.round(r.requests / r.seconds)} orders/s, p50 ${(r.p50_us / 1000).toFixed(1)} ms, p99 ${(r.p99_us / 1000).toFixed(1)} ms`);
  }
}
server.child.kill('SIGTERM');
