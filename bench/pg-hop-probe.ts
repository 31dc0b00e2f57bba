// CPU of one statement's trip through the synchronous connection, by thread (the core's thread, the
// connection's pg thread) and PostgreSQL's: a plain wait (SELECT 1), and 10 piped INSERTs with a wait.
//   npx tsx bench/pg-hop-probe.ts [n=3000]
import pg from 'pg';
import { startCluster } from '../tests/pg-cluster';
import { SyncConnection } from '../src-main/core/store/pg/sync-connection';
import { cpuSeconds, threadTimes } from './lib';

const N = Number(process.argv[2] ?? 3000);
const cluster = await startCluster({ durable: true });
try {
  const postgresPid = cluster.postmasterPid();
  // BENCH_PG_SOCKET=1: over the cluster's Unix socket instead of TCP on loopback
  const socketDir = (await (async () => { const a = new pg.Client({ connectionString: cluster.url('postgres') }); await a.connect(); const d = (await a.query('SHOW unix_socket_directories')).rows[0].unix_socket_directories as string; await a.end(); return d; })());
  const url = process.env.BENCH_PG_SOCKET === '1' ? `postgres://packline@/postgres?host=${encodeURIComponent(socketDir)}&port=${new URL(cluster.url('postgres')).port}` : cluster.url('postgres');
  const c = new SyncConnection(url);
  c.query('CREATE TABLE t (id bigint, a text, b bigint, c text)');
  const threads = () => new Map([...threadTimes()].map(([k, t]) => [k, t.cpu]));
  const measure = (label: string, fn: (i: number) => void) => {
    for (let i = 0; i < 200; i++) fn(i);
    const t0 = threads(), p0 = cpuSeconds(postgresPid), w0 = performance.now();
    for (let i = 0; i < N; i++) fn(i);
    const wall = performance.now() - w0, p1 = cpuSeconds(postgresPid), t1 = threads();
    const rows = [...t1].map(([k, v]) => [k, v - (t0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    console.log(`${label}: ${((wall / N) * 1000).toFixed(0)} us wall each; CPU us each: threads ${rows.map(([k, v]) => `${k}:${((v / N) * 1e6).toFixed(0)}`).join(' ')}; PostgreSQL ${(((p1 - p0) / N) * 1e6).toFixed(0)}`);
  };
  measure('SELECT 1', () => c.query('SELECT 1'));
  measure('SELECT $1', (i) => c.query('SELECT $1::bigint AS x', [i]));
  measure('BEGIN; 10 piped INSERTs; COMMIT', (i) => {
    c.query('BEGIN');
    for (let k = 0; k < 10; k++) c.post('INSERT INTO t (id, a, b, c) VALUES ($1, $2, $3, $4)', [i * 10 + k, 'some text value', 12345, '{"json":"doc"}'], () => {});
    c.query('COMMIT');
  });
  c.close();
} finally {
  cluster.stop();
}
process.exit(0);
