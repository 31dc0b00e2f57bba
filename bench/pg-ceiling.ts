// The ceiling of order ingest on PostgreSQL on this machine (issue 21): the best rate any core design
// could reach here, whatever the core's own cost. PostgreSQL gets the core's per-order work from
// pgbench (C, prepared protocol), with no core at all:
//   1. capture: the statements PostgreSQL receives for one batch of 10 orders as the intake thread
//      makes them (bench/pg-intake-shop.ts), and what the followers send after it (the search
//      indexer, the board), from the server's log (log_statement = all); kept in the result;
//   2. replay: a pgbench transaction = one batch of 10 orders (15 lines: every other order has a
//      second line, as bench/load/orders.lua sends; keys unique from pgbench's random()), on the
//      core's own schema and shop (200 SKUs with stock), on the durable throwaway cluster the ingest
//      bench uses (tests/pg-cluster.ts: fsync and synchronous_commit on); 10 clients, and 1 and 2:
//      - core:           the captured stream, statement by statement: the intake's transaction (its
//                        writer lock, 5 look-ups, 3 cache checks, the counter, 6 writes, NOTIFY), and
//                        once per 100 orders the followers' (their polls, the search indexer's
//                        transaction, the board's with one upsert per order: at the core's rates they
//                        look every 200-250 ms and find ~100-150 new orders);
//      - core-pipe:      the same, each transaction's statements in one pipeline (\startpipeline);
//      - multirow:       the same rows in the fewest statements that still read what a design must
//                        read first (Idempotency-Keys, duplicates, stock): one transaction, one
//                        statement per table, no writer lock, the followers' rows in it;
//      - multirow-seq:   the same, order numbers from a sequence instead of the counter row (which
//                        every batch holds to its commit, one batch at a time); -pipe: in a pipeline;
//      - one-statement:  every row of the batch by one statement (writable CTEs), no reads: the
//                        floor of per-statement overhead; -seq: with the sequence.
//   and the commit floor: durable commits/s holding one row to the commit, and holding nothing.
// Per run: orders/s, PostgreSQL's CPU per order (the postmaster and all its processes, the exited
// ones too: backends, WAL writer, checkpointer, autovacuum), pgbench's CPU, batch latency p50/p99,
// retried (deadlocked) and failed transactions, load average; and what 3,000 orders/s would leave
// of the 2 CPUs per order for the core. Rounds are taken in turn, every other one reversed.
//   flock /tmp/bench.lock npx tsx bench/pg-ceiling.ts    (BENCH_SECONDS=8, BENCH_ROUNDS=3; ~12 min)
// CEILING_VARIANTS=core,multirow picks variants, CEILING_FEW those also run with 1 and 2 clients,
// CEILING_KEEP=1 keeps the cluster and the scripts (pgbench -r on them shows each statement's time).
// Writes bench/results/pg-ceiling.json (CEILING_RESULT=<name>: bench/results/<name>.json).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pgBin, startCluster } from '../tests/pg-cluster';
import { intakeShop } from './pg-intake-shop';
import { cpuSeconds, writeResult, type Target } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = 10;
const BATCH = 10;
const GROUPS = 20; // script files, one per group of 10 SKUs: pgbench picks one per transaction
const VARIANTS = (process.env.CEILING_VARIANTS ?? 'core,core-pipe,multirow,multirow-pipe,multirow-seq,multirow-seq-pipe,one-statement,one-statement-seq').split(',');
/** Variants also run with 1 and 2 clients (as many as CPUs): the core funnels its 10 HTTP connections into one writer connection. */
const FEW = (process.env.CEILING_FEW ?? 'core,multirow,multirow-seq,one-statement-seq').split(',').filter((v) => VARIANTS.includes(v));
const FEW_CLIENTS = [1, 2];
const WRITE_LOCK = 7201721; // store/pg/dialect.ts
const TARGET_RATE = 3000; // issue 21: ingest on PostgreSQL at 10 connections
/** The whole core's CPU per order on SQLite at 10 connections, HTTP included (bench/results/postgres.json, 2026-12-04: 114% at 3,730/s). */
const SQLITE_CORE_US = 306;

interface Sku { sku: string; id: string; location: string }

// ---- the batch: 10 orders, the keys of order i are `<b>-<i>` with b = pgbench's random per transaction
const SHIP_TO = '{"name":"张三","phone":"13800138000","country":"CN","province":"广东省","city":"深圳市","district":"南山区","address1":"科技园路1号2栋301室","postcode":"518000"}';
const AT = '2026-12-04T17:25:54.931Z';
const HASH = 'b10148d09d39e6c59d82b8e71f16b06484a2f7e6e8a4fa4af2e376d0fc288b95';
/**
 * A string literal. pgbench reads `:name` anywhere in a command as a variable, quotes or not: a
 * literal with a colon in it (times, JSON) is written as an E'' string with the colon as \x3a.
 */
const q = (s: string) => (s.includes(':') ? `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/:/g, '\\x3a')}'` : `'${s.replace(/'/g, "''")}'`);
/** A text with the batch's key where `{b}` stands, as SQL: 'ord_{b}-3' -> 'ord_' || CAST(:b AS text) || '-3'. */
const t = (template: string) => template.split('{b}').map(q).join(' || CAST(:b AS text) || ');

interface Line { id: string; sku: Sku; qty: number }
interface Order { i: number; lines: Line[] }
function ordersOf(group: number, skus: Sku[]): Order[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const a = group * BATCH + i;
    const lines: Line[] = [{ id: `oln_{b}-${i}a`, sku: skus[a % skus.length]!, qty: 1 + (i % 3) }];
    if (i % 2 === 1) lines.push({ id: `oln_{b}-${i}b`, sku: skus[(a * 7) % skus.length]!, qty: 1 });
    return { i, lines };
  });
}
const ord = (o: Order) => `ord_{b}-${o.i}`;
/** A JSON list of the batch's keys, built in SQL: '["k' || :b || '-0", "k' || :b || '-1", ...]'. */
const jsonKeys = (orders: Order[], pre: string) => `CAST(${t(`[${orders.map((o) => `"${pre}{b}-${o.i}"`).join(', ')}]`)} AS jsonb)`;
const skuList = (orders: Order[]) => q(JSON.stringify([...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku.sku)))]));
const anyOf = (list: string) => `ANY (ARRAY(SELECT jsonb_array_elements_text(CAST(${list} AS jsonb))))`;
/** The POST answer kept with the Idempotency-Key (~700 bytes, as the core keeps it). */
const response = (o: Order) => t(`{"id":"${ord(o)}","number":"PL{b}-${o.i}","channel":"bench","externalId":"x-{b}-${o.i}","state":"allocated","resumeState":null,"shipTo":${SHIP_TO},"carrier":"sf","service":null,"shipBy":null,"priority":0,"total":{"amount":4990,"currency":"CNY"},"note":null,"lines":[${
  o.lines.map((l) => `{"id":"${l.id}","skuId":"${l.sku.id}","sku":"${l.sku.sku}","name":"Bench item","qty":${l.qty},"unitWeightG":100,"location":"A-01-00-1","reserved":${l.qty}}`).join(',')
}],"codes":[{"code":"x-{b}-${o.i}","kind":"external"},{"code":"PL{b}-${o.i}","kind":"number"}],"createdAt":"${AT}","updatedAt":"${AT}","version":1,"warehouseId":"wh_default"}`);
const reservationsJson = (orders: Order[]) => t(JSON.stringify(orders.flatMap((o) => o.lines).map((l) => ({ line_id: l.id, location_id: l.sku.location, qty: l.qty }))));
function stockRows(orders: Order[]) {
  const by = new Map<string, { sku: Sku; qty: number }>();
  for (const l of orders.flatMap((o) => o.lines)) { const r = by.get(l.sku.id) ?? { sku: l.sku, qty: 0 }; r.qty += l.qty; by.set(l.sku.id, r); }
  return [...by.values()].sort((a, b) => (a.sku.id < b.sku.id ? -1 : 1)); // one order of rows: fewer deadlocks between clients
}
const stockJson = (orders: Order[]) => q(JSON.stringify(stockRows(orders).map((r) => ({ sku_id: r.sku.id, location_id: r.sku.location, qty: r.qty }))));

const ORDER_COLS = 'id, number, channel, external_id, state, ship_to, buyer, carrier, service, ship_by, priority, total_minor, currency, note, created_at, updated_at, warehouse_id, payment_ref';
const orderRow = (o: Order) => `(${t(ord(o))}, ${t(`PL{b}-${o.i}`)}, 'bench', ${t(`x-{b}-${o.i}`)}, 'allocated', ${q(SHIP_TO)}, NULL, 'sf', NULL, NULL, 0, 4990, 'CNY', NULL, ${q(AT)}, ${q(AT)}, 'wh_default', NULL)`;
const lineRows = (orders: Order[]) => orders.flatMap((o) => o.lines.map((l) => `(${t(l.id)}, ${t(ord(o))}, '${l.sku.id}', NULL, NULL, ${l.qty}, NULL)`)).join(', ');
const eventRow = (o: Order) => `(${q(AT)}, 'order.created', 'order', ${t(ord(o))}, 'usr', NULL, ${t(`{"to":"allocated","channel":"bench","externalId":"x-{b}-${o.i}","warehouseId":"wh_default","route":"priority"}`)})`;
const idemRow = (o: Order) => `(${q('usr:createOrder')}, ${t(`k{b}-${o.i}`)}, '${HASH}', 201, ${response(o)}, ${q(AT)})`;
const BOARD_COLS = 'order_id, number, state, carrier, created_at, ship_by, packed, hold_reason, customer_hold, part_of, warehouse_id';
const boardRow = (o: Order) => `(${t(ord(o))}, ${t(`PL{b}-${o.i}`)}, 'allocated', 'sf', ${q(AT)}, NULL, 0, NULL, 0, NULL, 'wh_default')`;
const BOARD_UPSERT = ` ON CONFLICT (order_id) DO UPDATE SET state = excluded.state, carrier = excluded.carrier, ship_by = excluded.ship_by, packed = excluded.packed, hold_reason = excluded.hold_reason, customer_hold = excluded.customer_hold, part_of = excluded.part_of, warehouse_id = excluded.warehouse_id`;
const searchFrom = (orders: Order[]) => `SELECT rowid, coalesce(chr(2) || json_extract(orders.ship_to, '$.name') || chr(3), ''), coalesce(chr(2) || json_extract(orders.ship_to, '$.city') || chr(3), '') FROM orders WHERE id = ${anyOf(jsonKeys(orders, 'ord_'))}`;

// the reads a design has to make before it writes (answered before the batch's decisions)
const readIdempotency = (orders: Order[]) => `SELECT key, request_hash, status, response FROM idempotency WHERE scope = ${q('usr:createOrder')} AND key = ${anyOf(jsonKeys(orders, 'k'))}`;
const readDuplicates = (orders: Order[]) => `SELECT external_id, id FROM orders WHERE channel = 'bench' AND external_id = ${anyOf(jsonKeys(orders, 'x-'))}`;
const readStock = (orders: Order[]) => `SELECT s.id sku_id, i.location_id, (on_hand - reserved + CAST(trunc((in_transit * 0)::numeric) AS BIGINT)) AS available, COALESCE(l.sequence, 1e9) seq, l.code, l.warehouse_id FROM skus s LEFT JOIN inventory i ON i.sku_id = s.id AND (on_hand - reserved + CAST(trunc((in_transit * 0)::numeric) AS BIGINT)) > 0 LEFT JOIN locations l ON l.id = i.location_id WHERE s.id IN (SELECT id FROM skus WHERE sku = ${anyOf(skuList(orders))} UNION SELECT sku_id FROM barcodes WHERE code = ${anyOf(skuList(orders))})`;
const reserve = (orders: Order[]) => `INSERT INTO reservations (line_id, location_id, qty) SELECT line_id, location_id, qty FROM json_to_recordset(CAST(${reservationsJson(orders)} AS json)) AS r(line_id text, location_id text, qty bigint)`;
const takeStock = (orders: Order[]) => `UPDATE inventory SET reserved = reserved + b.qty FROM json_to_recordset(CAST(${stockJson(orders)} AS json)) AS b(sku_id text, location_id text, qty bigint) WHERE inventory.sku_id = b.sku_id AND inventory.location_id = b.location_id`;

/** The captured stream (see the header): what the intake thread sends PostgreSQL for a batch of 10 orders. */
function coreIntake(orders: Order[]): string[] {
  return [
    'BEGIN', `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`,
    readIdempotency(orders), readDuplicates(orders),
    `SELECT b.code code, b.units, s.id "skuId", s.sku, s.name, s.unit_weight_g "unitWeightG", loc.code location, loc.warehouse_id "locationWarehouseId", s.cost_minor "costMinor" FROM skus s LEFT JOIN locations loc ON loc.id = s.location_id JOIN barcodes b ON b.sku_id = s.id WHERE b.code = ${anyOf(skuList(orders))}`,
    `SELECT s.sku code, 1 units, s.id "skuId", s.sku, s.name, s.unit_weight_g "unitWeightG", loc.code location, loc.warehouse_id "locationWarehouseId", s.cost_minor "costMinor" FROM skus s LEFT JOIN locations loc ON loc.id = s.location_id WHERE s.sku = ${anyOf(skuList(orders))}`,
    readStock(orders),
    'SELECT key, value FROM settings',
    `SELECT (SELECT generation FROM routing_settings WHERE id = 1) || '|' || (SELECT group_concat(id || active || is_default) FROM warehouses)`,
    `SELECT (SELECT COUNT(*) FROM rules) || ':' || COALESCE((SELECT value FROM rule_settings WHERE key = 'generation'), '0')`,
    `SELECT value FROM counters WHERE name = 'order_number'`,
    `UPDATE counters SET value = value + ${BATCH} WHERE name = 'order_number'`,
    `INSERT INTO orders (${ORDER_COLS}) VALUES ${orders.map(orderRow).join(', ')}`,
    `INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) VALUES ${lineRows(orders)}`,
    `INSERT INTO events (at, type, entity, entity_id, actor, reason, data) VALUES ${orders.map(eventRow).join(', ')}`,
    reserve(orders), takeStock(orders),
    `INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES ${orders.map(idemRow).join(', ')}`,
    'COMMIT', 'NOTIFY packline_events',
  ];
}

/**
 * What the followers send for FOLLOWED orders (one transaction pair per FOLLOWED / BATCH intake
 * batches: the search indexer looks every 200 ms and the board every 250 ms, each covering what
 * came in meanwhile, ~100-150 orders at the core's rates): their polls, the indexer's transaction
 * (the next orders by rowid), the board's (the next events, one upsert per order). The board's
 * upserts find their order through the event here (the core has read the orders first and sends
 * their values).
 */
const FOLLOWED = 100;
function coreFollowers(boardJoined = false): string[] {
  return [
    `SELECT (SELECT COUNT(*) FROM rules) || ':' || COALESCE((SELECT value FROM rule_settings WHERE key = 'generation'), '0')`,
    `SELECT coalesce((SELECT max(rowid) FROM orders), 0) newest, (SELECT indexed_upto FROM order_search_progress) "indexedUpto"`,
    'BEGIN', `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`,
    'SELECT indexed_upto FROM order_search_progress',
    `SELECT max(rowid) FROM (SELECT rowid FROM orders WHERE rowid > (SELECT indexed_upto FROM order_search_progress) ORDER BY rowid LIMIT ${FOLLOWED}) AS _q1`,
    `INSERT INTO order_search (rowid, name, city) SELECT rowid, coalesce(chr(2) || json_extract(orders.ship_to, '$.name') || chr(3), ''), coalesce(chr(2) || json_extract(orders.ship_to, '$.city') || chr(3), '') FROM orders WHERE rowid > (SELECT indexed_upto FROM order_search_progress) AND rowid <= (SELECT max(rowid) FROM (SELECT rowid FROM orders WHERE rowid > (SELECT indexed_upto FROM order_search_progress) ORDER BY rowid LIMIT ${FOLLOWED}) AS _q1) ON CONFLICT DO NOTHING`,
    `UPDATE order_search_progress SET indexed_upto = COALESCE((SELECT max(rowid) FROM (SELECT rowid FROM orders WHERE rowid > indexed_upto ORDER BY rowid LIMIT ${FOLLOWED}) AS _q1), indexed_upto)`,
    'COMMIT', 'NOTIFY packline_events',
    'SELECT COALESCE(MAX(id), 0) FROM events', 'SELECT event_id FROM board_cursor WHERE id = 1',
    'SELECT time_zone, rekey_to, shipped_after, shifts_upto FROM board_zone WHERE id = 1', 'SELECT key, value FROM settings',
    'BEGIN', `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`, 'SELECT event_id FROM board_cursor WHERE id = 1',
    `SELECT id, at, type, entity, entity_id, actor, reason, data FROM events WHERE id > (SELECT event_id FROM board_cursor WHERE id = 1) ORDER BY id LIMIT ${FOLLOWED}`,
    'SELECT key, value FROM settings',
    `SELECT o.id, o.number, o.state, o.carrier, o.created_at, o.ship_by, o.split_of, o.warehouse_id, b.hold_reason, COALESCE(b.customer_hold, 0) customer_hold, CASE WHEN b.order_id IS NULL THEN 0 ELSE 1 END has_open FROM orders o LEFT JOIN board_open b ON b.order_id = o.id WHERE o.id IN (SELECT entity_id FROM events WHERE id > (SELECT event_id FROM board_cursor WHERE id = 1) ORDER BY id LIMIT ${FOLLOWED})`,
    ...(boardJoined
      ? [`INSERT INTO board_open (${BOARD_COLS}) SELECT id, number, state, carrier, created_at, ship_by, 0, NULL, 0, NULL, warehouse_id FROM orders WHERE id IN (SELECT entity_id FROM events WHERE id > (SELECT event_id FROM board_cursor WHERE id = 1) ORDER BY id LIMIT ${FOLLOWED})${BOARD_UPSERT}`]
      : Array.from({ length: FOLLOWED }, (_, k) => `INSERT INTO board_open (${BOARD_COLS}) SELECT id, number, state, carrier, created_at, ship_by, 0, NULL, 0, NULL, warehouse_id FROM orders WHERE id = (SELECT entity_id FROM events WHERE id = (SELECT event_id FROM board_cursor WHERE id = 1) + ${k + 1})${BOARD_UPSERT}`)),
    `UPDATE board_cursor SET event_id = event_id + ${FOLLOWED} WHERE id = 1`,
    'COMMIT', 'NOTIFY packline_events',
  ];
}

/**
 * Order numbers: the core's counter row (every batch updates it, and holds it to its commit: one
 * batch at a time commits), or a sequence (no row held: batches commit together).
 */
const NUMBERS_SEQUENCE = 'pl_ceiling_order_numbers';
const takeNumbers = (seq: boolean) => (seq ? `SELECT nextval('${NUMBERS_SEQUENCE}')` : `UPDATE counters SET value = value + ${BATCH} WHERE name = 'order_number' RETURNING value`);

/** The same rows, one statement per table, after the reads a design must make first. */
const multirowBatch = (seq: boolean) => (orders: Order[]): string[] => {
  return [
    'BEGIN', readIdempotency(orders), readDuplicates(orders), readStock(orders),
    takeNumbers(seq),
    `INSERT INTO orders (${ORDER_COLS}) VALUES ${orders.map(orderRow).join(', ')}`,
    `INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) VALUES ${lineRows(orders)}`,
    `INSERT INTO events (at, type, entity, entity_id, actor, reason, data) VALUES ${orders.map(eventRow).join(', ')}`,
    reserve(orders), takeStock(orders),
    `INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES ${orders.map(idemRow).join(', ')}`,
    `INSERT INTO board_open (${BOARD_COLS}) VALUES ${orders.map(boardRow).join(', ')}${BOARD_UPSERT}`,
    `INSERT INTO order_search (rowid, name, city) ${searchFrom(orders)}`,
    'COMMIT',
  ];
};

/** Every row of the batch in one statement (writable CTEs; order_search from the orders CTE's RETURNING). */
const oneStatement = (seq: boolean) => (orders: Order[]): string[] => {
  return [
    `WITH c AS (${takeNumbers(seq)}), ` +
    `o AS (INSERT INTO orders (${ORDER_COLS}) VALUES ${orders.map(orderRow).join(', ')} RETURNING rowid, ship_to), ` +
    `l AS (INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) VALUES ${lineRows(orders)}), ` +
    `e AS (INSERT INTO events (at, type, entity, entity_id, actor, reason, data) VALUES ${orders.map(eventRow).join(', ')}), ` +
    `r AS (INSERT INTO reservations (line_id, location_id, qty) SELECT line_id, location_id, qty FROM json_to_recordset(CAST(${reservationsJson(orders)} AS json)) AS r(line_id text, location_id text, qty bigint)), ` +
    `s AS (${takeStock(orders)}), ` +
    `i AS (INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES ${orders.map(idemRow).join(', ')}), ` +
    `b AS (INSERT INTO board_open (${BOARD_COLS}) VALUES ${orders.map(boardRow).join(', ')}) ` +
    `INSERT INTO order_search (rowid, name, city) SELECT rowid, coalesce(chr(2) || json_extract(o.ship_to, '$.name') || chr(3), ''), coalesce(chr(2) || json_extract(o.ship_to, '$.city') || chr(3), '') FROM o, c`,
  ];
};

const BUILDERS: Record<string, { batch: (orders: Order[]) => string[]; pipe: boolean; followers?: () => string[] }> = {
  core: { batch: coreIntake, pipe: false, followers: coreFollowers },
  'core-pipe': { batch: coreIntake, pipe: true, followers: coreFollowers },
  // not run by default: the core's stream with the board's upserts of a job as one statement
  'core-board-joined': { batch: coreIntake, pipe: false, followers: () => coreFollowers(true) },
  multirow: { batch: multirowBatch(false), pipe: false },
  'multirow-pipe': { batch: multirowBatch(false), pipe: true },
  'multirow-seq': { batch: multirowBatch(true), pipe: false },
  'multirow-seq-pipe': { batch: multirowBatch(true), pipe: true },
  'one-statement': { batch: oneStatement(false), pipe: false },
  'one-statement-seq': { batch: oneStatement(true), pipe: false },
};

interface Script { file: string; weight: number; intake: boolean }
/**
 * pgbench script files of a variant: one per SKU group, `b` a new random key per transaction; and
 * the followers' script where the variant has one, picked once per FOLLOWED / BATCH intake batches.
 */
function scripts(variant: string, skus: Sku[], dir: string): Script[] {
  const { batch, pipe, followers } = BUILDERS[variant]!;
  const write = (name: string, statements: string[]) => {
    const file = join(dir, `${variant}-${name}.sql`);
    const body = statements.map((s) => {
      const stray = s.match(/(?<!:):(?!b\b)[\w\u0080-\uffff]/);
      if (stray) throw new Error(`pgbench would read ${stray[0]} as a variable in: ${s.slice(0, 200)}`);
      return `${s};`;
    });
    writeFileSync(file, ['\\set b random(1, 9000000000000000)', ...(pipe ? ['\\startpipeline', ...body, '\\endpipeline'] : body)].join('\n') + '\n');
    return file;
  };
  const per = FOLLOWED / BATCH;
  return [
    ...Array.from({ length: GROUPS }, (_, g) => ({ file: write(String(g), batch(ordersOf(g, skus))), weight: per, intake: true })),
    ...(followers ? [{ file: write('followers', followers()), weight: GROUPS, intake: false }] : []),
  ];
}

/** Statements per batch of a variant (the followers' share counted), and how many of them a client waits for. */
function statementsOf(variant: string) {
  const { batch, pipe, followers } = BUILDERS[variant]!;
  const skus = Array.from({ length: 200 }, (_, i): Sku => ({ sku: `B-${i}`, id: `sku_${i}`, location: 'loc' }));
  const f = followers ? followers().length / (FOLLOWED / BATCH) : 0;
  const n = batch(ordersOf(0, skus)).length;
  return { statements: Math.round((n + f) * 10) / 10, round_trips: Math.round((pipe ? 1 + (f ? 1 / (FOLLOWED / BATCH) : 0) : n + f) * 10) / 10 };
}

interface Run { variant: string; clients: number; aborted?: string; orders_per_s: number; batches: number; failed: number; retried: number; p50_ms: number; p99_ms: number;
  postgres_cpu_pct: number; postgres_cpu_us_per_order: number; pgbench_cpu_pct: number; pgbench_cpu_us_per_order: number; load_before: number; load_after: number }

async function pgbench(variant: string, clients: number, files: Script[], port: number, db: string, seconds: number, postmaster: number, work: string): Promise<Run> {
  const logDir = mkdtempSync(join(work, 'log-'));
  const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '1', '-T', String(seconds), '-h', '127.0.0.1', '-p', String(port), '-U', 'packline',
    ...(BUILDERS[variant]?.pipe ? [] : ['--max-tries=100']), '-l', `--log-prefix=${join(logDir, 'tx')}`, ...files.flatMap((f) => ['-f', `${f.file}@${f.weight}`]), db];
  const load0 = loadavg()[0]!;
  const pg0 = cpuSeconds(postmaster);
  const t0 = performance.now();
  // through a shell that prints its own /proc stat after pgbench exits: its reaped children's CPU is pgbench's
  const child = spawn('sh', ['-c', `${join(pgBin(), 'pgbench')} "$@"; code=$?; echo; cat /proc/$$/stat; exit $code`, 'sh', ...args]);
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const wall = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 300)); // the clients' backends exit and are reaped
  const pgCpu = cpuSeconds(postmaster) - pg0;
  // a client that hit an error it may not retry (a deadlock inside a pipeline) ends the run: kept, marked
  if (code !== 0 && !/transactions actually processed/.test(out)) throw new Error(`pgbench ${variant} failed (${code}): ${err.slice(-2000)}\n${out.slice(-1000)}`);
  const statLine = out.trim().split('\n').pop()!;
  const f = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  const benchCpu = (Number(f[13]) + Number(f[14])) / 100;
  const field = (re: RegExp) => Number(out.match(re)?.[1] ?? 0);
  // the intake's transactions (a batch of orders each; the followers' are counted in the CPU only), from pgbench's log:
  // client, transaction, latency (us), script, ...
  const logged = readdirSync(logDir).flatMap((n) => readFileSync(join(logDir, n), 'utf8').trim().split('\n')).filter(Boolean).map((l) => l.split(' '));
  const intake = logged.filter((f) => files[Number(f[3])]?.intake);
  const batches = intake.length;
  const latencies = intake.map((f) => Number(f[2])).sort((a, b) => a - b);
  rmSync(logDir, { recursive: true, force: true });
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) / 100) / 10;
  const orders = batches * BATCH;
  return {
    variant, clients, ...(code !== 0 ? { aborted: err.split('\n').find((l) => /ERROR/.test(l))?.slice(0, 200) ?? `exit ${code}` } : {}), orders_per_s: Math.round(orders / seconds), batches, // over pgbench's -T, not its connecting
    failed: field(/number of failed transactions: (\d+)/), retried: field(/number of transactions retried: (\d+)/),
    p50_ms: pct(0.5), p99_ms: pct(0.99),
    postgres_cpu_pct: Math.round((pgCpu / wall) * 100), postgres_cpu_us_per_order: Math.round((pgCpu / orders) * 1e6),
    pgbench_cpu_pct: Math.round((benchCpu / wall) * 100), pgbench_cpu_us_per_order: Math.round((benchCpu / orders) * 1e6),
    load_before: Math.round(load0 * 10) / 10, load_after: Math.round(loadavg()[0]! * 10) / 10,
  };
}

/** The statements PostgreSQL logs for one intake batch of 10 and what follows it, as `execute <name>: <first 160 characters>`. */
async function captureStream(url: string, logFile: string, batch: (from: number, n: number, tag: string) => unknown): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("ALTER SYSTEM SET log_statement = 'all'");
  await c.query('SELECT pg_reload_conf()');
  await new Promise((r) => setTimeout(r, 300));
  const from = readFileSync(logFile, 'utf8').length;
  batch(5000, BATCH, 'cap');
  await new Promise((r) => setTimeout(r, 1500)); // the followers (search indexer, board) take their turn
  await c.query('ALTER SYSTEM RESET log_statement');
  await c.query('SELECT pg_reload_conf()');
  await c.end();
  return readFileSync(logFile, 'utf8').slice(from).split('\n')
    .map((l) => l.match(/LOG:\s+(execute [^:]+: .*)/)?.[1]).filter((l): l is string => !!l && !/log_statement|pg_reload_conf/.test(l))
    .map((l) => l.replace(/\s+/g, ' ').slice(0, 160));
}

type Commit = { probe: string; clients: number; commits_per_s: number; p50_ms: number; p99_ms: number; postgres_cpu_us_per_commit: number; load_before: number };
/** The figures of the runs, their summary and the targets, into bench/results/pg-ceiling.json. */
function report(runs: Run[], commits: Commit[], stream: string[], extra: Record<string, unknown> = {}): void {
  // the variants and client counts the runs have, in their order
  const variants = [...new Set(runs.map((x) => x.variant))];
  const few = variants.filter((v) => runs.some((x) => x.variant === v && x.clients !== CLIENTS));
  const fewClients = [...new Set(runs.filter((x) => x.clients !== CLIENTS).map((x) => x.clients))].sort((a, b) => a - b);
  const of = (v: string, clients: number) => runs.filter((x) => x.variant === v && x.clients === clients);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const sum = (rs: Run[]) => ({ orders_per_s: rs.map((x) => x.orders_per_s), postgres_cpu_us_per_order: rs.map((x) => x.postgres_cpu_us_per_order),
    postgres_cpu_pct: rs.map((x) => x.postgres_cpu_pct), pgbench_cpu_pct: rs.map((x) => x.pgbench_cpu_pct), p50_ms: rs.map((x) => x.p50_ms), p99_ms: rs.map((x) => x.p99_ms),
    failed: rs.reduce((n, x) => n + x.failed, 0), retried: rs.reduce((n, x) => n + x.retried, 0), aborted: rs.filter((x) => x.aborted).length, load: rs.map((x) => x.load_before) });
  const summary = Object.fromEntries(variants.map((v) => [v, { ...statementsOf(v), [`c${CLIENTS}`]: sum(of(v, CLIENTS)), ...(few.includes(v) ? Object.fromEntries(fewClients.map((n) => [`c${n}`, sum(of(v, n))])) : {}) }]));
  const bestOf = (rs: Run[]) => rs.filter((x) => !x.aborted).reduce((a, x) => (x.orders_per_s > a.orders_per_s ? x : a));
  const top = bestOf(runs);
  const top10 = bestOf(runs.filter((x) => x.clients === CLIENTS));
  // What 3,000 orders/s leaves on this machine's CPUs for everything but PostgreSQL (the core, its
  // HTTP, the load generator): per order, at each variant's median PostgreSQL CPU per order.
  const CPUS = cpus().length;
  const left = (rs: Run[]) => Math.round((CPUS * 1e6) / TARGET_RATE - median(rs.map((x) => x.postgres_cpu_us_per_order)));
  const cases = [...variants.map((v) => ({ v, n: CLIENTS })), ...few.flatMap((v) => fewClients.map((n) => ({ v, n })))].map((c) => ({ ...c, rate: median(of(c.v, c.n).map((x) => x.orders_per_s)), left: left(of(c.v, c.n)) }));
  // of the runs that reached the rate (median of the rounds), the one that leaves the core the most
  const reached = cases.filter((c) => c.rate >= TARGET_RATE);
  const roomiest = reached.length ? reached.reduce((a, c) => (c.left > a.left ? c : a)) : undefined;
  const line = (rs: Run[]) => `${rs.map((x) => x.orders_per_s).join(' / ')}/s; PostgreSQL ${rs.map((x) => x.postgres_cpu_us_per_order).join(' / ')} us/order, ${rs.map((x) => x.postgres_cpu_pct).join(' / ')}% of a CPU; pgbench ${rs.map((x) => x.pgbench_cpu_pct).join(' / ')}%; batch p99 ${rs.map((x) => x.p99_ms).join(' / ')} ms; left for the core at ${TARGET_RATE}/s: ${left(rs)} us/order${rs.some((x) => x.aborted) ? ' (aborted: ' + rs.find((x) => x.aborted)!.aborted + ')' : ''}`;
  const targets: Target[] = [
    { what: `CPU per order left for the core, its HTTP and the load generator at ${TARGET_RATE} orders/s on ${CPUS} CPUs, with the least PostgreSQL CPU per order of the variants that reached ${TARGET_RATE}/s (median of the rounds: ${roomiest ? `${roomiest.v}, ${roomiest.n} clients, ${roomiest.rate}/s` : 'none did'}; us)`,
      target: `>= ${SQLITE_CORE_US} (the whole core's CPU per order at 10 connections on SQLite, HTTP included: bench/results/postgres.json)`, measured: roomiest?.left ?? 'no variant reached the rate', met: !!roomiest && roomiest.left >= SQLITE_CORE_US },
    { what: `the best rate PostgreSQL reached with no core at all (the best round of any variant and client count: ${top.variant}, ${top.clients} clients, PostgreSQL ${top.postgres_cpu_pct}% of a CPU, ${top.postgres_cpu_us_per_order} us/order)`, target: '-', info: true, met: true, measured: top.orders_per_s },
    { what: `the same with ${CLIENTS} clients (${top10.variant}, PostgreSQL ${top10.postgres_cpu_pct}% of a CPU, ${top10.postgres_cpu_us_per_order} us/order)`, target: '-', info: true, met: true, measured: top10.orders_per_s },
    ...variants.flatMap((v): Target[] => [
      { what: `${v}, ${CLIENTS} clients: ${summary[v]!.statements} statements per batch of ${BATCH}, ${summary[v]!.round_trips} waited for (each round)`, target: '-', info: true, met: true, measured: line(of(v, CLIENTS)) },
      ...(few.includes(v) ? fewClients.map((n): Target => ({ what: `${v}, ${n} client${n > 1 ? 's' : ''} (each round)`, target: '-', info: true, met: true, measured: line(of(v, n)) })) : []),
    ]),
    { what: 'durable commits/s (fsync on): one row held to the commit / nothing held; 1 and 10 clients (each round)', target: '-', info: true, met: true,
      measured: ['commit-hot-row', 'commit-insert'].map((p) => `${p} ${[1, CLIENTS].map((n) => `c${n} ${commits.filter((x) => x.probe === p && x.clients === n).map((x) => x.commits_per_s).join(' / ')}`).join(', ')}`).join('; ') },
  ];
  writeResult(process.env.CEILING_RESULT ?? 'pg-ceiling', {
    seconds: SECONDS, rounds: Math.max(...cases.map((c) => of(c.v, c.n).length)), clients: CLIENTS, batch: BATCH,
    postgres: 'throwaway cluster on 127.0.0.1, fsync on, synchronous_commit on (tests/pg-cluster.ts durable)',
    load_average: { median_before_rounds: median(runs.map((x) => x.load_before)), max: Math.max(...runs.map((x) => x.load_before), ...runs.map((x) => x.load_after)) },
    ...extra, summary, cpu_left_per_order_at_3000: cases, commits, runs, captured_stream: stream, targets,
  });
}

// CEILING_RESUMMARISE=<a pg-ceiling.json>: the summary and targets again from its runs (no pgbench)
if (process.env.CEILING_RESUMMARISE) {
  const was = JSON.parse(readFileSync(process.env.CEILING_RESUMMARISE, 'utf8')) as { at: string; runs: Run[]; commits: Commit[]; captured_stream: string[] };
  report(was.runs, was.commits, was.captured_stream, { runs_at: was.at });
  process.exit(0);
}

const cluster = await startCluster({ durable: true });
const work = mkdtempSync(join(tmpdir(), 'pl-ceiling-'));
try {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE ceiling');
  await admin.end();
  const { dataDir } = cluster;
  const postmaster = cluster.postmasterPid();
  const port = Number(new URL(cluster.base).port);
  const url = cluster.url('ceiling');

  // the core makes the schema and the shop (the bench's 200 SKUs with stock), warms up, and shows its stream
  const { core, batch, warmUp } = intakeShop(url);
  warmUp();
  const stream = await captureStream(url, join(dataDir, '..', 'log'), batch);
  core.close();
  process.stdout.write(`captured: ${stream.length} statements for a batch of ${BATCH} and its followers\n`);

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const skus: Sku[] = (await c.query(`SELECT s.sku, s.id, i.location_id location FROM skus s JOIN inventory i ON i.sku_id = s.id WHERE s.sku LIKE 'B-%' ORDER BY CAST(substr(s.sku, 3) AS int)`)).rows;
  await c.query(`CREATE SEQUENCE ${NUMBERS_SEQUENCE} INCREMENT ${BATCH}`);
  await c.query('CREATE TABLE pl_ceiling_commits (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())');
  const files = Object.fromEntries(VARIANTS.map((v) => [v, scripts(v, skus, work)]));
  // the commit floor: a durable commit that holds one row to its end (the counter, the writer
  // lock), and one that holds nothing (one-row INSERT): what fsync alone allows
  const probe = (name: string, sql: string[]): Script[] => { const file = join(work, `${name}.sql`); writeFileSync(file, sql.join('\n') + '\n'); return [{ file, weight: 1, intake: true }]; };
  const commitProbes: Record<string, Script[]> = {
    'commit-hot-row': probe('commit-hot-row', ['BEGIN;', `UPDATE counters SET value = value + 1 WHERE name = 'order_number';`, 'COMMIT;']),
    'commit-insert': probe('commit-insert', ['INSERT INTO pl_ceiling_commits DEFAULT VALUES;']),
  };
  // warm: every variant once (plans, caches, the tables past their first rows), then statistics
  for (const v of VARIANTS) await pgbench(v, CLIENTS, files[v]!, port, 'ceiling', 2, postmaster, work);
  await c.query('ANALYZE');
  await c.query('CHECKPOINT');
  await c.end();

  const plan = [...VARIANTS.map((v) => ({ v, clients: CLIENTS })), ...FEW.flatMap((v) => FEW_CLIENTS.map((clients) => ({ v, clients })))];
  const runs: Run[] = [];
  const commits: Commit[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const { v, clients } of r % 2 ? [...plan].reverse() : plan) {
      await new Promise((res) => setTimeout(res, 2000));
      const run = await pgbench(v, clients, files[v]!, port, 'ceiling', SECONDS, postmaster, work);
      runs.push(run);
      process.stdout.write(`${JSON.stringify(run)}\n`);
    }
    for (const [name, f] of Object.entries(commitProbes)) {
      for (const clients of [1, CLIENTS]) {
        const x = await pgbench(name, clients, f, port, 'ceiling', Math.min(SECONDS, 4), postmaster, work);
        commits.push({ probe: name, clients, commits_per_s: Math.round(x.batches / Math.min(SECONDS, 4)), p50_ms: x.p50_ms, p99_ms: x.p99_ms,
          postgres_cpu_us_per_commit: Math.round((x.postgres_cpu_us_per_order * BATCH)), load_before: x.load_before });
        process.stdout.write(`${JSON.stringify(commits.at(-1))}\n`);
      }
    }
  }
  report(runs, commits, stream);
} finally {
  if (process.env.CEILING_KEEP) process.stdout.write(`kept: cluster ${cluster.base}, scripts in ${work}\n`);
  else { cluster.stop(); rmSync(work, { recursive: true, force: true }); }
}
process.exit(0);
