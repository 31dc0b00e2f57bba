// CPU per order of the intake path on PostgreSQL, by thread (the core's thread, each connection's
// pg thread) and PostgreSQL's, in process (no HTTP): N orders in batches as the intake thread makes them.
//   npx tsx bench/pg-cpu-probe.ts [orders=2000] [group=10]
// Run under `node --cpu-prof --import tsx` for a profile per thread (bench/profile-summary.ts).
import pg from 'pg';
import { startCluster } from '../tests/pg-cluster';
import { intakeShop } from './pg-intake-shop';
import { cpuSeconds, threadTimes } from './lib';

const N = Number(process.argv[2] ?? 2000), GROUP = Number(process.argv[3] ?? 10);
const cluster = await startCluster({ durable: true });
try {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE cpu');
  await admin.end();
  const postgresPid = cluster.postmasterPid();
  const { core, batch, warmUp } = intakeShop(cluster.url('cpu'));
  warmUp();
  const threads = () => new Map([...threadTimes()].map(([k, t]) => [k, t.cpu]));
  const t0 = threads(), pg0 = cpuSeconds(postgresPid), w0 = performance.now();
  for (let k = 0; k < N / GROUP; k++) batch(k * GROUP, GROUP, 'k');
  const wall = (performance.now() - w0) / 1000;
  const t1 = threads(), server = cpuSeconds(postgresPid) - pg0;
  const per = (s: number) => `${((s / N) * 1e6).toFixed(0)} us`;
  let total = 0;
  const rows = [...t1].map(([k, v]) => [k, v - (t0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  for (const [, v] of rows) total += v;
  console.log(`${N} orders in batches of ${GROUP}: ${(N / wall).toFixed(0)}/s; CPU per order: core ${per(total)}, PostgreSQL ${per(server)}`);
  for (const [k, v] of rows) console.log(`  ${per(v).padStart(8)}  ${k}`);
  await core.close();
} finally {
  cluster.stop();
}
process.exit(0);
