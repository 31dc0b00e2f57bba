// Order ingest with the core on PostgreSQL, beside the same core on SQLite in the same run
// (issue 21): 10 connections posting new orders (wrk, bench/load/orders.lua), orders/s and p99;
// then two core processes on one PostgreSQL database, 5 connections each, against one process
// with 10. Rounds are taken in turn (SQLite, one process, two processes) so the shared machine's
// load falls on each alike. PostgreSQL runs as a throwaway cluster (tests/pg-cluster.ts) with fsync
// on and commits not waited for on disk: SQLite's WAL + synchronous=NORMAL, the core's setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { benchDir, cpuSeconds, runWrk, startServerProcess, writeResult, type Target } from './lib';
import { startCluster } from '../tests/pg-cluster';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const coreServer = join(benchDir, 'servers', 'core-server.ts');

interface Round { orders_per_s: number; total: number; p50_ms: number; p99_ms: number; max_ms: number; non2xx: number; errors: number; core_cpu_pct: number; postgres_cpu_pct?: number }
type Server = Awaited<ReturnType<typeof startServerProcess>>;
const ms = (us: number) => Math.round(us / 100) / 10;

/** wrk against each server at once (connections split between them); throughput summed, latency the worst of them. */
async function round(servers: Server[], prefix: string, postgresPid?: number): Promise<Round> {
  const pids = servers.map((s) => s.child.pid!);
  const cpu0 = pids.map(cpuSeconds);
  const pg0 = postgresPid ? cpuSeconds(postgresPid) : 0;
  const t0 = performance.now();
  const per = CONNECTIONS / servers.length;
  const all = await Promise.all(servers.map((s, i) => runWrk('orders.lua', s.info.url!, per, DURATION_S, { TOKEN: s.info.token!, PREFIX: `${prefix}-${i}` })));
  const wall = (performance.now() - t0) / 1000;
  const pct = (s: number) => Math.round((s / wall) * 100);
  return {
    orders_per_s: Math.round(all.reduce((n, w) => n + w.requests / w.seconds, 0)),
    total: all.reduce((n, w) => n + w.requests, 0),
    p50_ms: Math.max(...all.map((w) => ms(w.p50_us))),
    p99_ms: Math.max(...all.map((w) => ms(w.p99_us))),
    max_ms: Math.max(...all.map((w) => ms(w.max_us))),
    non2xx: all.reduce((n, w) => n + w.non2xx, 0),
    errors: all.reduce((n, w) => n + w.errors, 0),
    core_cpu_pct: pct(pids.reduce((n, p, i) => n + cpuSeconds(p) - cpu0[i]!, 0)),
    ...(postgresPid ? { postgres_cpu_pct: pct(cpuSeconds(postgresPid) - pg0) } : {}),
  };
}

/** The median round by throughput, with every round beside it. */
const median = (rounds: Round[]) => ({ ...[...rounds].sort((a, b) => a.orders_per_s - b.orders_per_s)[Math.floor(rounds.length / 2)]!, rounds });

const cluster = await startCluster({ durable: true });
const servers: Server[] = [];
try {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  // the postmaster: its backends are its children (cpuSeconds counts them)
  const dataDir = (await admin.query("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting as string;
  const postgresPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  await admin.end();
  const url = cluster.url('bench');

  const sqlite = await startServerProcess(coreServer);
  servers.push(sqlite);
  const one = await startServerProcess(coreServer, [], { PL_BENCH_DATABASE: url });
  servers.push(one);
  const other = await startServerProcess(coreServer, [], { PL_BENCH_DATABASE: url }); // the second process on the same database
  servers.push(other);
  // JIT and caches warm, not recorded
  for (const [s, p] of [[[sqlite], 'warm-s'], [[one], 'warm-1'], [[one, other], 'warm-2']] as const) await round([...s], p);

  const sqliteRounds: Round[] = [];
  const oneRounds: Round[] = [];
  const twoRounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    sqliteRounds.push(await round([sqlite], `s${i}`));
    oneRounds.push(await round([one], `p1-${i}`, postgresPid));
    twoRounds.push(await round([one, other], `p2-${i}`, postgresPid));
  }
  const s10 = median(sqliteRounds);
  const p10 = median(oneRounds);
  const two = median(twoRounds);
  const worst = (r: { rounds: Round[] }) => Math.max(...r.rounds.map((x) => x.p99_ms));
  const each = (r: { rounds: Round[] }) => r.rounds.map((x) => `${x.orders_per_s}/s p99 ${x.p99_ms} ms`).join('; ');
  const clean = (r: { rounds: Round[] }) => r.rounds.every((x) => x.non2xx === 0 && x.errors === 0);
  const targets: Target[] = [
    { what: `ingest on PostgreSQL at 10 connections, one core process (orders/s; median of ${ROUNDS} rounds of ${DURATION_S} s)`, target: '>= 3000', measured: p10.orders_per_s, met: p10.orders_per_s >= 3000 && clean(p10) },
    { what: `ingest p99 on PostgreSQL at 10 connections (ms; the worst of the ${ROUNDS} rounds)`, target: '<= 20', measured: worst(p10), met: worst(p10) <= 20 },
    { what: 'ingest on SQLite at 10 connections, same run, rounds in turn (orders/s; p99 the worst round)', target: '-', info: true, met: true, measured: `${s10.orders_per_s}/s, p99 ${worst(s10)} ms` },
    { what: 'two core processes on one PostgreSQL, 5 connections each: orders/s against one process with 10', target: 'two > one',
      measured: `${two.orders_per_s} / ${p10.orders_per_s}`, met: two.orders_per_s > p10.orders_per_s && clean(two) },
    { what: 'each round: SQLite / PostgreSQL one process / two processes', target: '-', info: true, met: true, measured: `${each(s10)} / ${each(p10)} / ${each(two)}` },
    { what: 'CPU in the median round, % of one CPU: core process(es), PostgreSQL server (one process / two)', target: '-', info: true, met: true,
      measured: `${p10.core_cpu_pct} + ${p10.postgres_cpu_pct} / ${two.core_cpu_pct} + ${two.postgres_cpu_pct}; SQLite core ${s10.core_cpu_pct}` },
  ];
  writeResult('postgres', {
    duration_s: DURATION_S, rounds: ROUNDS, connections: CONNECTIONS, load_generator: 'wrk',
    postgres: 'throwaway cluster on 127.0.0.1, fsync on, synchronous_commit off (tests/pg-cluster.ts durable)',
    sqlite_c10: s10, postgres_one_process_c10: p10, postgres_two_processes_c5_each: two,
    targets,
  });
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  cluster.stop();
}
process.exit(0);
