// The batch of bench/pg-ceiling.ts as PostgreSQL gets it: the SQL of 10 orders for each variant
// (the core's captured stream, the fewest statements, one statement), the followers' share, and the
// pgbench script files made from them. Keys are `<b>-<i>`, b pgbench's random per transaction.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Orders per pgbench transaction (one intake batch). */
export const BATCH = 10;
/** Script files, one per group of 10 SKUs: pgbench picks one per transaction. */
const GROUPS = 20;
const WRITE_LOCK = 7201721; // store/pg/dialect.ts

export interface Sku { sku: string; id: string; location: string }

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
export const NUMBERS_SEQUENCE = 'pl_ceiling_order_numbers';
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

export const BUILDERS: Record<string, { batch: (orders: Order[]) => string[]; pipe: boolean; followers?: () => string[] }> = {
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

export interface Script { file: string; weight: number; intake: boolean }
/**
 * pgbench script files of a variant: one per SKU group, `b` a new random key per transaction; and
 * the followers' script where the variant has one, picked once per FOLLOWED / BATCH intake batches.
 */
export function scripts(variant: string, skus: Sku[], dir: string): Script[] {
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
export function statementsOf(variant: string) {
  const { batch, pipe, followers } = BUILDERS[variant]!;
  const skus = Array.from({ length: 200 }, (_, i): Sku => ({ sku: `B-${i}`, id: `sku_${i}`, location: 'loc' }));
  const f = followers ? followers().length / (FOLLOWED / BATCH) : 0;
  const n = batch(ordersOf(0, skus)).length;
  return { statements: Math.round((n + f) * 10) / 10, round_trips: Math.round((pipe ? 1 + (f ? 1 / (FOLLOWED / BATCH) : 0) : n + f) * 10) / 10 };
}
