// Where PostgreSQL's own time goes on the intake path: pg_stat_statements (execution and planning per
// statement) and function statistics over 500 orders in batches of 10, as the intake thread makes
// them. npx tsx bench/pg-server-probe.ts [orders] [group]
import { execFileSync } from 'node:child_process';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { createOrderRequests } from '../src-main/core/modules/orders/actions/order-requests';
import { lastingReads } from '../src-main/core/modules/orders/actions/create-orders';
import { startCluster, pgBin } from '../tests/pg-cluster';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
const cluster = await startCluster({ durable: true });
process.on('uncaughtException', (e) => { console.error(e); cluster.stop(); process.exit(1); });
let admin = new pg.Client({ connectionString: cluster.url('postgres') });
await admin.connect();
const dataDir = (await admin.query("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting;
await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
await admin.query("ALTER SYSTEM SET track_functions = 'all'");
await admin.end();
execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin(), 'pg_ctl'), '-D', dataDir, '-l', join(dataDir, '..', 'log'), '-w', 'restart'], { stdio: 'ignore' });
admin = new pg.Client({ connectionString: cluster.url('postgres') });
await admin.connect(); await admin.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on'); await admin.query('SELECT pg_reload_conf()'); await admin.query('CREATE DATABASE stmts'); await admin.end();
const url = cluster.url('stmts');
const N = Number(process.argv[2] ?? 500), GROUP = Number(process.argv[3] ?? 10);
const core = openCore({ dataDir: mkdtempSync(join(tmpdir(), 'pl-pgstat-')), file: url, intakeThread: false });
const sys = { id: 'system:bench', role: 'admin' } as const;
core.writes.runNow(() => { for (let i = 0; i < 200; i++) { const s = createSku(core.ctx, { sku: `B-${i}`, name: `x${i}`, barcodes: [], unitWeightG: 100 }, sys); adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1e6, inTransitDelta: 0, reason: 'b' }, sys); } });
const body = (n: number) => ({ channel: 'bench', externalId: `x-${n}`, shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' }, lines: [{ sku: `B-${n % 200}`, qty: 1 }], carrier: 'sf', total: { amount: 4990, currency: 'CNY' } });
const actor = { id: 'usr', role: 'admin' } as const;
const reads = lastingReads();
const batch = (from: number, n: number, tag: string) => core.writes.commitNow(() => createOrderRequests(core.ctx,
  Array.from({ length: n }, (_, i) => ({ input: body(from + i) as never, actor: actor as never, key: `${tag}${from + i}`, hash: null })), reads.take(core.ctx)));
for (let k = 0; k < 5; k++) batch(100000 + k * 10, 10, 'w');
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
for (const q of [["SELECT key, request_hash, status, response FROM idempotency WHERE scope = $1 AND key IN (SELECT value FROM json_each($2))", ['usr:createOrder', keys]], ["SELECT external_id, id FROM orders WHERE channel = $1 AND external_id IN (SELECT value FROM json_each($2))", ['bench', keys]]] as const) {
  console.log((await c.query('EXPLAIN (ANALYZE) ' + q[0], q[1] as any)).rows.map((r: any) => r['QUERY PLAN']).join('\n'));
}
await c.end();
core.close(); cluster.stop(); process.exit(0);
