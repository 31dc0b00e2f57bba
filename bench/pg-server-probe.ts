// Where PostgreSQL's own time goes on the intake path: pg_stat_statements (execution and planning per
// statement) and function statistics over 500 orders in batches of 10, as the intake thread makes
// them. npx tsx bench/pg-server-probe.ts [orders] [group]
import { execFileSync } from 'node:child_process';
import { startCluster, pgBin } from '../tests/pg-cluster';
import { join } from 'node:path';
import { intakeShop } from './pg-intake-shop';
import pg from 'pg';
const cluster = await startCluster({ durable: true });
process.on('uncaughtException', (e) => { console.error(e); cluster.stop(); process.exit(1); });
let admin = new pg.Client({ connectionString: cluster.url('postgres') });
await admin.connect();
const { dataDir } = cluster;
await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
await admin.query("ALTER SYSTEM SET track_functions = 'all'");
await admin.end();
execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin(), 'pg_ctl'), '-D', dataDir, '-l', join(dataDir, '..', 'log'), '-w', 'restart'], { stdio: 'ignore' });
admin = new pg.Client({ connectionString: cluster.url('postgres') });
await admin.connect(); await admin.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on'); await admin.query('SELECT pg_reload_conf()'); await admin.query('CREATE DATABASE stmts'); await admin.end();
const url = cluster.url('stmts');
const N = Number(process.argv[2] ?? 500), GROUP = Number(process.argv[3] ?? 10);
const { core, batch, warmUp } = intakeShop(url);
warmUp();
const c = new pg.Client({ connectionString: url }); await c.connect();
await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'); await c.query('SELECT pg_stat_statements_reset()'); await c.query('SELECT pg_stat_reset()');
const t0 = performance.now();
for (let k = 0; k < N / GROUP; k++) batch(k * GROUP, GROUP, 'k');
const dt = performance.now() - t0;
console.log(`${N} orders: ${dt.toFixed(0)} ms = ${(N / dt * 1000).toFixed(0)}/s`);
const r = await c.query(`SELECT calls, round(total_exec_time::numeric,1) exec_ms, round(total_plan_time::numeric,1) plan_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 120) q FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname='stmts') ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`);
let te = 0, tp = 0; for (const x of (await c.query(`SELECT sum(total_exec_time) e, sum(total_plan_time) p FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname='stmts') AND query NOT LIKE '%pg_stat%'`)).rows) { te = x.e; tp = x.p; }
console.log(`total exec ${Number(te).toFixed(0)} ms, plan ${Number(tp).toFixed(0)} ms`);
for (const x of r.rows) console.log(`${x.calls}\t${x.exec_ms}\t${x.plan_ms}\t${x.q}`);
await new Promise((res) => setTimeout(res, 600));
const f = await c.query(`SELECT funcname, calls, round(total_time::numeric,1) total, round(self_time::numeric,1) self FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT 15`);
for (const x of f.rows) console.log(`fn ${x.funcname}\t${x.calls}\t${x.total}\t${x.self}`);
const keys = JSON.stringify(Array.from({ length: 10 }, (_, i) => `k${400 + i}`));
// the forms the intake sends on PostgreSQL (pg-database.ts byIndex: a JSON list as = ANY)
const list = '= ANY (ARRAY(SELECT jsonb_array_elements_text(CAST($2 AS jsonb))))';
for (const q of [[`SELECT key, request_hash, status, response FROM idempotency WHERE scope = $1 AND key ${list}`, ['usr:createOrder', keys]], [`SELECT external_id, id FROM orders WHERE channel = $1 AND external_id ${list}`, ['bench', keys]]] as const) {
  console.log((await c.query('EXPLAIN (ANALYZE) ' + q[0], q[1] as any)).rows.map((r: any) => r['QUERY PLAN']).join('\n'));
}
await c.end();
await core.close(); cluster.stop(); process.exit(0);
