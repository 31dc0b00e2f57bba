// What a behaviour test costs on PostgreSQL before its own statements (issue 21: the core suite on
// both stores). A test opens a core on a database reset from the migrated template, does a little
// (a SKU and an order) and closes it, as tests/core/orders/orders.test.ts does 217 times. Measured
// with the connections of a closed core kept for the next (reusePgConnections, what the tests use
// now) and, in the same run, rounds taken in turn, with a new connection per core (before): each
// connection starts a thread that loads pg, ~50 ms idle and ~300 ms on a loaded machine, and a
// test core opened three (the reset's, the core's, the change feed's listener).
import { startCluster } from '../tests/pg-cluster';
import { writeResult, stats, type Target } from './lib';
import { PgDatabase, reusePgConnections } from '../src-main/core/store/pg/pg-database';
import { openDatabase } from '../src-main/core/database';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const cluster = await startCluster();
try {
  const admin = new PgDatabase(cluster.url('postgres'));
  admin.exec('CREATE DATABASE packline_template');
  admin.close();
  openDatabase(cluster.url('packline_template')).close();
  process.env.PACKLINE_TEST_PG = cluster.base;
  // the tests' own helpers, imported once the cluster is there (they read PACKLINE_TEST_PG)
  const { openTestCore, addSku, orderInput, LEAD } = await import('../tests/core/helpers');
  const { createOrder } = await import('../src-main/core/modules/orders/actions/create-orders');

  /** One test's core: a reset database, the core opened on it, a SKU and an order, closed. */
  const cycle = () => {
    const core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 100 });
    createOrder(core.ctx, orderInput({ qty: 2 }), LEAD);
    void core.close(); // timed as a test's afterEach closes it; its threads end on their own
  };
  const run = (reuse: boolean) => {
    reusePgConnections(reuse);
    const ms: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const t = performance.now();
      cycle();
      ms.push(performance.now() - t);
    }
    return ms;
  };
  run(true); // warm: the template's reset script, JIT, a database or two made
  run(false);
  const before: number[] = [];
  const after: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    before.push(...run(false));
    after.push(...run(true));
  }
  const b = stats(before);
  const a = stats(after);
  const targets: Target[] = [
    { what: `a test core on PostgreSQL (reset database, open, a SKU and an order, close), median ms of ${ROUNDS} x ${CYCLES}: connections kept for the next core / a new connection per core (before, same run)`,
      target: 'kept < new', measured: `${a.median_ms} / ${b.median_ms}`, met: a.median_ms < b.median_ms },
    { what: 'the same, p95 ms: kept / new', target: '-', info: true, met: true, measured: `${a.p95_ms} / ${b.p95_ms}` },
  ];
  writeResult('pgsuite', { cycles: CYCLES, rounds: ROUNDS, connections_kept: a, connection_per_core: b, targets });
} finally {
  cluster.stop();
}
process.exit(0);
