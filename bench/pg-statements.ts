// Where an order's time goes with the core on PostgreSQL: every statement on the synchronous
// connection counted and timed while orders are created as the intake thread creates them (a
// batch of `group` requests per write job: createOrderRequests with lasting reads, commitNow).
//   npx tsx bench/pg-statements.ts [postgres://user@host/empty_database] [orders] [group]
// Without a URL it starts a throwaway cluster. PACKLINE_PG_PIPE=0: every statement waits (the
// code before piping). Prints orders/s, statements per order (waited and piped), the time per
// waited statement, and the 25 costliest statements.
import { SyncConnection } from '../src-main/core/store/pg/sync-connection';
import { readsAheadStats } from '../src-main/core/store/pg/reads-ahead';
import { startCluster } from '../tests/pg-cluster';
import { intakeShop } from './pg-intake-shop';
import pg from 'pg';

let url = process.argv[2];
const cluster = url?.startsWith('postgres') ? null : await startCluster({ durable: true });
if (cluster) {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE stmts');
  await admin.end();
  url = cluster.url('stmts');
}
const args = process.argv.slice(cluster ? 2 : 3);
const N = Number(args[0] ?? 500);
const GROUP = Number(args[1] ?? 10);
const { core, batch, warmUp } = intakeShop(url!);
const stats = new Map<string, { n: number; piped: number; ms: number }>();
const key = (text: string) => text.replace(/\s+/g, ' ').slice(0, 110);
const stat = (k: string) => { let s = stats.get(k); if (!s) stats.set(k, (s = { n: 0, piped: 0, ms: 0 })); return s; };
const query = SyncConnection.prototype.query;
const post = SyncConnection.prototype.post;
let on = false;
SyncConnection.prototype.query = function (text: string, values?: unknown[], array?: boolean) {
  const t0 = performance.now();
  try { return query.call(this, text, values, array); } finally {
    if (on) { const s = stat(key(text)); s.n++; s.ms += performance.now() - t0; }
  }
};
SyncConnection.prototype.post = function (text: string, values: unknown[] | undefined, done: Parameters<typeof post>[2], quiet?: boolean) {
  if (on) stat(key(text)).piped++;
  return post.call(this, text, values, done, quiet);
};
// a settle that has piped writes to wait for is a wait too (the WriteBatcher's at the end of a job)
const settle = SyncConnection.prototype.settle;
let settles = 0, settleMs = 0;
SyncConnection.prototype.settle = function () {
  const t0 = performance.now();
  const waits = this.pending;
  try { return settle.call(this); } finally { if (on && waits) { settles++; settleMs += performance.now() - t0; } }
};
warmUp();
on = true;
const t0 = performance.now();
for (let k = 0; k < N / GROUP; k++) batch(k * GROUP, GROUP, 'k');
const dt = performance.now() - t0;
on = false;
const all = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
const waited = all.reduce((n, [, s]) => n + s.n, 0), piped = all.reduce((n, [, s]) => n + s.piped, 0), totMs = all.reduce((n, [, s]) => n + s.ms, 0);
console.log(`${N} orders in batches of ${GROUP}: ${dt.toFixed(0)} ms = ${(N / dt * 1000).toFixed(0)}/s; per order ${(waited / N).toFixed(1)} statements waited for + ${(piped / N).toFixed(1)} piped; ${totMs.toFixed(0)} ms waiting (${(totMs / Math.max(1, waited) * 1000).toFixed(0)} us each)`);
console.log(`waits per batch of ${GROUP}: ${((waited + settles) / (N / GROUP)).toFixed(1)} (${(waited / (N / GROUP)).toFixed(1)} statements + ${(settles / (N / GROUP)).toFixed(1)} settles of piped writes, ${settleMs.toFixed(0)} ms); reads sent ahead with BEGIN ${JSON.stringify(readsAheadStats())}`);
console.log('waited\tpiped\tms\tstatement');
for (const [k, s] of all.slice(0, 25)) console.log(`${s.n}\t${s.piped}\t${s.ms.toFixed(0)}\t${k}`);
await core.close();
cluster?.stop();
process.exit(0);
