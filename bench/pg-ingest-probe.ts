// Where PostgreSQL's time goes under the ingest bench's own load (not the in-process probes'):
// a core process on PostgreSQL (bench/servers/core-server.ts), wrk with 10 connections posting
// orders, and pg_stat_statements over every database and connection (the writer, the intake
// thread, the followers), with the server's and the core's CPU.
//   npx tsx bench/pg-ingest-probe.ts [seconds=6] [processes=1]
// BENCH_PROFILE=<dir>: the core processes run with --cpu-prof (a profile per thread in <dir>; npx tsx bench/profile-summary.ts <file>).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster, pgBin } from '../tests/pg-cluster';
import { benchDir, cpuSeconds, runWrk, startServerProcess, threadTimes } from './lib';

const SECONDS = Number(process.argv[2] ?? 6);
const PROCESSES = Number(process.argv[3] ?? 1);
const cluster = await startCluster({ durable: true });
const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
try {
  let admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  const { dataDir } = cluster;
  await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
  await admin.end();
  execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin(), 'pg_ctl'), '-D', dataDir, '-l', join(dataDir, '..', 'log'), '-w', 'restart'], { stdio: 'ignore' });
  admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on');
  await admin.query('SELECT pg_reload_conf()');
  await admin.query('CREATE DATABASE bench');
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const postgresPid = cluster.postmasterPid();
  const script = join(benchDir, 'servers', 'core-server.ts');
  for (let i = 0; i < PROCESSES; i++) servers.push(await startServerProcess(script, [], { PL_BENCH_DATABASE: cluster.url('bench') }, process.env.BENCH_PROFILE));
  const per = 10 / PROCESSES;
  await Promise.all(servers.map((s, i) => runWrk('orders.lua', s.info.url!, per, 3, { TOKEN: s.info.token!, PREFIX: `warm-${i}` })));
  await new Promise((r) => setTimeout(r, 1000));
  await admin.query('SELECT pg_stat_statements_reset()');
  const cpu0 = servers.map((s) => cpuSeconds(s.child.pid!)), pg0 = cpuSeconds(postgresPid);
  const threads0 = new Map([...threadTimes(servers[0]!.child.pid!, true)].map(([k, t]) => [k, t.cpu]));
  const t0 = performance.now();
  const all = await Promise.all(servers.map((s, i) => runWrk('orders.lua', s.info.url!, per, SECONDS, { TOKEN: s.info.token!, PREFIX: `run-${i}` })));
  const wall = (performance.now() - t0) / 1000;
  const core = servers.reduce((n, s, i) => n + cpuSeconds(s.child.pid!) - cpu0[i]!, 0), server = cpuSeconds(postgresPid) - pg0;
  const orders = all.reduce((n, w) => n + w.requests, 0);
  const threads1 = new Map([...threadTimes(servers[0]!.child.pid!, true)].map(([k, t]) => [k, t.cpu]));
  console.log(`${orders} orders in ${wall.toFixed(1)} s = ${(orders / wall).toFixed(0)}/s, p99 ${Math.max(...all.map((w) => w.p99_us)) / 1000} ms; CPU per order: core ${(core / orders * 1e6).toFixed(0)} us, PostgreSQL ${(server / orders * 1e6).toFixed(0)} us`);
  console.log(`the first core process's threads, CPU us per order: ${[...threads1].map(([t, v]) => [t, v - (threads0.get(t) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([t, v]) => `${t}:${((v / orders) * 1e6).toFixed(0)}`).join(' ')}`);
  const r = await admin.query(`SELECT calls, total_exec_time e, total_plan_time p, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) q FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 30`);
  const sum = r.rows.reduce((n, x) => n + x.e + x.p, 0);
  console.log(`top 30 statements: ${sum.toFixed(0)} ms executing and planning (${(sum / orders * 1000).toFixed(0)} us per order)`);
  console.log('calls/order\texec us/order\tplan us/order\tstatement');
  for (const x of r.rows) console.log(`${(x.calls / orders).toFixed(2)}\t${(x.e / orders * 1000).toFixed(1)}\t${(x.p / orders * 1000).toFixed(1)}\t${x.q}`);
  await admin.end();
} finally {
  // before the cluster stops: a core closing against a stopped server waits out each statement (and writes no profile)
  await Promise.all(servers.map((s) => new Promise((r) => { s.child.once('exit', r); s.child.kill('SIGTERM'); setTimeout(r, 30_000); })));
  cluster.stop();
}
process.exit(0);
