// Order ingest with the core on PostgreSQL, beside the same core on SQLite in the same run
// (issue 21): 10 connections posting new orders (wrk, bench/load/orders.lua), orders/s and p99;
// then two core processes on one PostgreSQL database, 5 connections each, against one process
// with 10. Rounds are taken in turn (SQLite, one process, two processes) so the shared machine's
// load falls on each alike. BENCH_BASELINE=<checkout> (e.g. /work/main): the same rounds with that
// checkout's core beside this one's, on a database of its own (before/after in one run). PostgreSQL runs as a throwaway cluster (tests/pg-cluster.ts) with its
// durable defaults: fsync on and synchronous_commit on (an acknowledged order is on disk; until
// 2026-12-03 the bench ran with synchronous_commit off, which may lose the last acknowledged commits).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { benchDir, cpuSeconds, runWrk, startServerProcess, writeResult, type Target } from './lib';
import { startCluster } from '../tests/pg-cluster';
import { PgDatabase } from '../src-main/core/store/pg/pg-database';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const BASELINE = process.env.BENCH_BASELINE;
const serverOf = (checkout: string) => join(checkout, 'bench', 'servers', 'core-server.ts');

/** CPU seconds of a process, 0 once it has gone (a core process that crashed: see `alive`). */
const cpu = (pid: number) => { try { return cpuSeconds(pid); } catch { return 0; } };

interface Round { crashed?: boolean; orders_per_s: number; total: number; p50_ms: number; p99_ms: number; max_ms: number; non2xx: number; errors: number; core_cpu_pct: number; postgres_cpu_pct?: number }
type Server = Awaited<ReturnType<typeof startServerProcess>>;
const ms = (us: number) => Math.round(us / 100) / 10;

/** wrk against each server at once (connections split between them); throughput summed, latency the worst of them. */
async function round(servers: Server[], prefix: string, postgresPid?: number): Promise<Round> {
  const pids = servers.map((s) => s.child.pid!);
  const cpu0 = pids.map(cpu);
  const pg0 = postgresPid ? cpu(postgresPid) : 0;
  const t0 = performance.now();
  const per = CONNECTIONS / servers.length;
  const all = await Promise.all(servers.map((s, i) => runWrk('orders.lua', s.info.url!, per, DURATION_S, { TOKEN: s.info.token!, PREFIX: `${prefix}-${i}` })));
  const wall = (performance.now() - t0) / 1000;
  const failed = all.some((w) => w.non2xx > 0 || w.errors > 0);
  // A connection that lost an answer stays one answer behind (every later statement fails): such a
  // core process is stopped here and started again by `alive` before its next round.
  if (failed) for (const s of servers) if (s.child.exitCode === null) { s.child.kill('SIGKILL'); await new Promise((r) => s.child.once('exit', r)); }
  const pct = (s: number) => Math.round((s / wall) * 100);
  return {
    orders_per_s: Math.round(all.reduce((n, w) => n + w.requests / w.seconds, 0)),
    total: all.reduce((n, w) => n + w.requests, 0),
    p50_ms: Math.max(...all.map((w) => ms(w.p50_us))),
    p99_ms: Math.max(...all.map((w) => ms(w.p99_us))),
    max_ms: Math.max(...all.map((w) => ms(w.max_us))),
    non2xx: all.reduce((n, w) => n + w.non2xx, 0),
    errors: all.reduce((n, w) => n + w.errors, 0),
    core_cpu_pct: pct(pids.reduce((n, p, i) => n + cpu(p) - cpu0[i]!, 0)),
    ...(postgresPid ? { postgres_cpu_pct: pct(cpu(postgresPid) - pg0) } : {}),
    ...(failed || servers.some((x) => x.child.exitCode !== null || x.child.signalCode !== null) ? { crashed: true } : {}),
  };
}

/** The median round by throughput (of the rounds every answer was 2xx and no core process crashed in), with every round beside it. */
function median(rounds: Round[]) {
  const whole = rounds.filter((r) => !r.crashed);
  const sorted = [...(whole.length ? whole : rounds)].sort((a, b) => a.orders_per_s - b.orders_per_s);
  return { ...sorted[Math.floor(sorted.length / 2)]!, rounds };
}

/**
 * A core process that has exited is started again (on the same database), counted: a statement
 * on the synchronous PostgreSQL connection that got no answer ended one in earlier runs.
 */
let restarts = 0;
type Side = { label: string; script: string; env: Record<string, string> };
async function alive(s: Server, side: Side): Promise<Server> {
  if (s.child.exitCode === null && s.child.signalCode === null) return s;
  restarts++;
  process.stdout.write(`a core process (${side.label}) had ended (${s.child.exitCode ?? s.child.signalCode}): started again\n`);
  const again = await startServerProcess(side.script, [], side.env);
  servers.push(again);
  return again;
}

/**
 * Where an order's time goes on PostgreSQL: a statement's round trip (SELECT 1), through the
 * core's synchronous connection (a thread hop and the socket) and through the pg client directly.
 */
async function roundTrips(url: string, n = 2000): Promise<{ sync_us: number; async_us: number }> {
  const db = new PgDatabase(url);
  const one = db.prepare('SELECT 1');
  for (let i = 0; i < 200; i++) one.get();
  let t0 = performance.now();
  for (let i = 0; i < n; i++) one.get();
  const sync = ((performance.now() - t0) / n) * 1000;
  db.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (let i = 0; i < 200; i++) await c.query('SELECT 1');
  t0 = performance.now();
  for (let i = 0; i < n; i++) await c.query('SELECT 1');
  const direct = ((performance.now() - t0) / n) * 1000;
  await c.end();
  return { sync_us: Math.round(sync), async_us: Math.round(direct) };
}

const cluster = await startCluster({ durable: true });
const servers: Server[] = [];
try {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  if (BASELINE) await admin.query('CREATE DATABASE bench_baseline');
  // the postmaster: its backends are its children (cpuSeconds counts them)
  const dataDir = (await admin.query("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting as string;
  const postgresPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  await admin.end();
  const url = cluster.url('bench');

  // this checkout's core, and the baseline checkout's beside it (each on a database of its own)
  const checkouts = [{ name: 'this', dir: join(benchDir, '..'), db: url }, ...(BASELINE ? [{ name: 'baseline', dir: BASELINE, db: cluster.url('bench_baseline') }] : [])];
  type Config = { key: string; sides: Side[]; servers: Server[]; rounds: Round[]; onPg: boolean };
  const configs: Config[] = [];
  for (const c of checkouts) {
    const script = serverOf(c.dir);
    const onPg = { PL_BENCH_DATABASE: c.db };
    configs.push({ key: `${c.name}_sqlite`, sides: [{ label: `${c.name} SQLite`, script, env: {} }], servers: [], rounds: [], onPg: false });
    const one: Side = { label: `${c.name} PostgreSQL`, script, env: onPg };
    configs.push({ key: `${c.name}_pg_one`, sides: [one], servers: [], rounds: [], onPg: true });
    // the second process on the same database: the first of the pair is the one-process core
    configs.push({ key: `${c.name}_pg_two`, sides: [one, { ...one, label: `${c.name} PostgreSQL second` }], servers: [], rounds: [], onPg: true });
  }
  const started = new Map<Side, Server>();
  for (const cfg of configs) {
    for (const side of cfg.sides) {
      let s = started.get(side);
      if (!s) {
        s = await startServerProcess(side.script, [], side.env);
        servers.push(s);
        started.set(side, s);
      }
      cfg.servers.push(s);
    }
  }
  const revive = async (cfg: Config) => {
    for (let i = 0; i < cfg.sides.length; i++) {
      const again = await alive(cfg.servers[i]!, cfg.sides[i]!);
      cfg.servers[i] = again;
      started.set(cfg.sides[i]!, again);
      for (const other of configs) other.sides.forEach((side, j) => { if (side === cfg.sides[i]) other.servers[j] = again; });
    }
  };
  // JIT and caches warm, not recorded
  for (const cfg of configs) {
    await revive(cfg);
    await round(cfg.servers, `warm-${cfg.key}`);
  }
  for (let i = 0; i < ROUNDS; i++) {
    // every other round in the reverse order, and a pause before each: a slow core still works
    // through the requests queued when wrk stopped, which the next round's core would pay for
    for (const cfg of i % 2 ? [...configs].reverse() : configs) {
      await new Promise((r) => setTimeout(r, 3000));
      await revive(cfg);
      cfg.rounds.push(await round(cfg.servers, `${cfg.key}-${i}`, cfg.onPg ? postgresPid : undefined));
    }
  }
  const trips = await roundTrips(url);
  const by = Object.fromEntries(configs.map((c) => [c.key, median(c.rounds)]));
  const s10 = by.this_sqlite!;
  const p10 = by.this_pg_one!;
  const two = by.this_pg_two!;
  const worst = (r: { rounds: Round[] }) => Math.max(...r.rounds.filter((x) => !x.crashed).map((x) => x.p99_ms));
  const each = (r: { rounds: Round[] }) => r.rounds.map((x) => `${x.orders_per_s}/s p99 ${x.p99_ms} ms${x.crashed ? ' (a core process crashed or answered errors: left out of the median)' : ''}`).join('; ');
  const clean = (r: { rounds: Round[] }) => r.rounds.some((x) => !x.crashed);
  const line = (k: string) => `SQLite ${by[`${k}_sqlite`]!.orders_per_s}/s p99 ${worst(by[`${k}_sqlite`]!)} ms; PostgreSQL one process ${by[`${k}_pg_one`]!.orders_per_s}/s p99 ${worst(by[`${k}_pg_one`]!)} ms; two processes ${by[`${k}_pg_two`]!.orders_per_s}/s p99 ${worst(by[`${k}_pg_two`]!)} ms`;
  const targets: Target[] = [
    { what: `ingest on PostgreSQL at 10 connections, one core process (orders/s; median of ${ROUNDS} rounds of ${DURATION_S} s)`, target: '>= 3000', measured: p10.orders_per_s, met: p10.orders_per_s >= 3000 && clean(p10) },
    { what: `ingest p99 on PostgreSQL at 10 connections (ms; the worst of the ${ROUNDS} rounds)`, target: '<= 20', measured: worst(p10), met: worst(p10) <= 20 },
    { what: 'ingest on SQLite at 10 connections, same run, rounds in turn (orders/s; p99 the worst round)', target: '-', info: true, met: true, measured: `${s10.orders_per_s}/s, p99 ${worst(s10)} ms` },
    { what: 'two core processes on one PostgreSQL, 5 connections each: orders/s against one process with 10', target: 'two > one',
      measured: `${two.orders_per_s} / ${p10.orders_per_s}`, met: two.orders_per_s > p10.orders_per_s && clean(two) },
    ...(BASELINE ? [{ what: `the same rounds, interleaved, with the baseline checkout's core (${BASELINE}): before`, target: '-', info: true, met: true, measured: line('baseline') },
      { what: 'this checkout: after', target: '-', info: true, met: true, measured: line('this') }] : []),
    { what: 'each round: SQLite / PostgreSQL one process / two processes', target: '-', info: true, met: true, measured: `${each(s10)} / ${each(p10)} / ${each(two)}` },
    { what: 'CPU in the median round, % of one CPU: core process(es), PostgreSQL server (one process / two)', target: '-', info: true, met: true,
      measured: `${p10.core_cpu_pct} + ${p10.postgres_cpu_pct} / ${two.core_cpu_pct} + ${two.postgres_cpu_pct}; SQLite core ${s10.core_cpu_pct}` },
    { what: 'a statement\'s round trip to PostgreSQL (SELECT 1, µs): through the core\'s synchronous connection / the pg client directly', target: '-', info: true, met: true,
      measured: `${trips.sync_us} / ${trips.async_us}` },
    { what: 'core processes that ended or answered errors in the run and were started again', target: '-', info: true, met: true, measured: restarts },
  ];
  writeResult('postgres', {
    duration_s: DURATION_S, rounds: ROUNDS, connections: CONNECTIONS, load_generator: 'wrk',
    postgres: 'throwaway cluster on 127.0.0.1, fsync on, synchronous_commit on (tests/pg-cluster.ts durable)',
    baseline: BASELINE ?? null,
    core_processes_restarted: restarts,
    statement_round_trip_us: trips,
    sqlite_c10: s10, postgres_one_process_c10: p10, postgres_two_processes_c5_each: two,
    ...(BASELINE ? { baseline_sqlite_c10: by.baseline_sqlite, baseline_postgres_one_process_c10: by.baseline_pg_one, baseline_postgres_two_processes_c5_each: by.baseline_pg_two } : {}),
    targets,
  });
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  cluster.stop();
}
process.exit(0);
