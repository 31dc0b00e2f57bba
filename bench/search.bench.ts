// Orders search as a person uses it, on 1M orders with a person, phone, city, carrier and time each
// (bench/million.ts, people variant), in process: every kind of query the Orders screen sends, the
// first page of 50 and the count, p50/p95 per kind. Then the export of 100,000 orders as CSV and .xlsx.
// Baseline in the same run: the bare primary-key page of 50 (no search).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src-main/core/core';
import { createOrders } from '../src-main/core/modules/orders/actions/create-orders';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { beginImmediate, commit } from '../src-main/core/store/db';
import { listOrders, orderExportRows } from '../src-main/core/modules/orders/queries';
import { writeSheet, type Cell } from '../src-main/lib/spreadsheet';
import type { OrderInput, OrderListQuery } from '../src-main/contract/orders';
import { prep } from '../src-main/core/store/db';
import { indexNextOrders } from '../src-main/core/modules/orders/store';
import { ensureMillionDb, millionCodes, millionPerson, millionPhone, N_ORDERS, PEOPLE_FIRST_AT, PEOPLE_STEP_MS } from './million';
import { stats, timeEach, writeResult, type Target } from './lib';

// What the search index costs order creation: createOrders in batches as the intake thread commits
// them, CPU per order, rounds taken in turn on three databases: as main was before search (no name
// index, none of the three search indexes), with the name index kept by a trigger in the order's
// transaction (as search first shipped), and as now (the indexer, in its own jobs of 500 after the
// orders' commits; its CPU counted apart and in the total).
type Side = 'before_search' | 'trigger' | 'indexer';
function indexCost(batch: number) {
  const SYS = { id: 'system:bench', role: 'admin' } as const;
  const INDEX_ROW = "coalesce(char(2) || json_extract(new.ship_to, '$.name') || char(3), ''), coalesce(char(2) || json_extract(new.ship_to, '$.city') || char(3), '')";
  const open = (side: Side) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pl-search-cost-'));
    const c = openCore({ dataDir });
    c.search.stop(); // indexed below, measured apart
    if (side === 'before_search') c.db.exec('DROP INDEX orders_phone; DROP INDEX orders_ship_by; DROP INDEX orders_created;');
    if (side === 'trigger') c.db.exec(`CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN INSERT INTO order_search (rowid, name, city) VALUES (new.rowid, ${INDEX_ROW}); END;`);
    for (let i = 0; i < 200; i++) c.writes.runNow(() => createSku(c.ctx, { sku: `B-${i}`, name: `Bench item ${i}`, barcodes: [], unitWeightG: 100 }, SYS));
    return { c, dataDir };
  };
  const input = (n: number): OrderInput => ({
    channel: 'bench', externalId: `E-${n}`, lines: [{ sku: `B-${n % 200}`, qty: 1 }], carrier: 'sf',
    shipTo: { name: `${'王李张刘陈'[n % 5]}${'艳伟芳娜敏'[(n >> 3) % 5]}`, phone: `138${String(n).padStart(8, '0')}`, country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室' },
  });
  const SIDES: Side[] = ['before_search', 'trigger', 'indexer'];
  const sides = Object.fromEntries(SIDES.map((side) => [side, open(side)])) as Record<Side, { c: Core; dataDir: string }>;
  const cpuMs: Record<Side, number> = { before_search: 0, trigger: 0, indexer: 0 };
  let indexerMs = 0;
  let n = 0;
  const PER_ROUND = 2000;
  const cpu = (t: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(t);
    return (u.user + u.system) / 1000;
  };
  for (let round = 0; round < 8; round++) {
    for (const side of SIDES) {
      const { c } = sides[side];
      const t = process.cpuUsage();
      for (let b = 0; b < PER_ROUND / batch; b++) {
        const inputs = Array.from({ length: batch }, () => input(n++));
        beginImmediate(c.db);
        createOrders(c.ctx, inputs, SYS);
        commit(c.db);
      }
      cpuMs[side] += cpu(t);
      if (side === 'indexer') {
        const t2 = process.cpuUsage();
        while (c.writes.runNow(() => indexNextOrders(c.db, 500)) > 0);
        indexerMs += cpu(t2);
      }
    }
  }
  for (const { c, dataDir } of Object.values(sides)) {
    c.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const perOrder = (ms: number) => Math.round((ms * 1000) / (8 * PER_ROUND) * 10) / 10;
  return {
    batch, us_per_order_before_search: perOrder(cpuMs.before_search), us_per_order_trigger: perOrder(cpuMs.trigger),
    us_per_order_indexer_intake: perOrder(cpuMs.indexer), us_per_order_indexer_own: perOrder(indexerMs),
  };
}
const cost = [indexCost(10), indexCost(100)];
process.stdout.write(`index cost: ${JSON.stringify(cost)}\n`);
if (process.env.BENCH_COST_ONLY) process.exit(0); // the intake cost alone, without the 1M-order database

const dir = ensureMillionDb({ people: true });
const core = openCore({ dataDir: dir });
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const anyOrder = () => Math.floor(rnd() * N_ORDERS);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const day = (i: number) => new Date(PEOPLE_FIRST_AT + i * PEOPLE_STEP_MS).toISOString();

type Query = Partial<OrderListQuery>;
const KINDS: Record<string, () => Query> = {
  'name, 2 characters (刘艳: ~1,700 orders)': () => ({ q: millionPerson(anyOrder()).shipTo.name.slice(0, 2) }),
  'name, 3 characters': () => ({ q: millionPerson(anyOrder()).shipTo.name.length >= 3 ? millionPerson(anyOrder()).shipTo.name : '张秀英' }),
  'city (杭州: 25,000 orders)': () => ({ q: millionPerson(anyOrder()).shipTo.city.slice(0, 2) }),
  'full phone': () => ({ q: millionPhone(anyOrder()) }),
  'order, channel or waybill number': () => ({ q: millionCodes(anyOrder())[1 + Math.floor(rnd() * 3)] }),
  'SKU (~1,500 orders)': () => ({ q: `M-${Math.floor(rnd() * 1000)}` }),
  'a state (packing)': () => ({ state: 'packing' }),
  'channel + carrier': () => ({ channel: 'jd', carrier: 'sf' }),
  'late': () => ({ late: 'true' }),
  'one day, a month back': () => {
    const at = N_ORDERS - 30 * 2880 - Math.floor(rnd() * 2880 * 30);
    return { from: day(at), to: day(at + 2880) };
  },
  'city + carrier + state': () => ({ q: millionPerson(anyOrder()).shipTo.city.slice(0, 2), carrier: 'sf', state: 'shipped' }),
  'everything, by ship-by': () => ({ sort: 'shipBy' }),
  'city, by ship-by (sorts 25,000 matches)': () => ({ q: millionPerson(anyOrder()).shipTo.city.slice(0, 2), sort: 'shipBy' }),
};

const query = (q: Query) => ({ sort: 'newest' as const, limit: 50, ...q });
const bare = prep(core.db, 'SELECT id FROM orders ORDER BY id DESC LIMIT 50');
const baseline = stats(await timeEach(RUNS, () => bare.all()));
const perKind: Record<string, ReturnType<typeof stats> & { found_median: number }> = {};
for (const [kind, make] of Object.entries(KINDS)) {
  const queries = Array.from({ length: RUNS + 50 }, make);
  const found: number[] = [];
  const s = stats(await timeEach(RUNS, (i) => found.push(listOrders(core.ctx, query(queries[i]!)).total)));
  perKind[kind] = { ...s, found_median: found.sort((a, b) => a - b)[Math.floor(found.length / 2)]! };
  process.stdout.write(`${kind}: p50 ${s.median_ms} ms, p95 ${s.p95_ms} ms (found ${perKind[kind].found_median})\n`);
}

// Export: the last 100,000 orders (a date range), as the route builds it, CSV and .xlsx.
const EXPORT_N = 100_000;
const range: OrderListQuery = { from: day(N_ORDERS - EXPORT_N), sort: 'newest' };
// Wall and CPU seconds: on this shared 2-core machine the process got a quarter to half a core at
// times (wall ~2-4x CPU), so the CPU figure is the one that compares runs.
const cpuSeconds = (t: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(t);
  return Math.round((u.user + u.system) / 1000) / 1000;
};
async function exportSeconds(format: 'csv' | 'xlsx') {
  const t = performance.now();
  const c = process.cpuUsage();
  const cells = (async function* (): AsyncIterable<Cell[]> {
    for await (const r of orderExportRows(core.ctx, range)) yield [r.number, r.channel, r.externalId, r.state, r.name, r.phone, r.province, r.city, r.district, r.address1, r.address2, r.postcode, r.carrier, r.service, r.shipBy, r.createdAt, r.units];
  })();
  const bytes = await writeSheet(format, ['a'], cells, 'orders');
  return { seconds: Math.round(performance.now() - t) / 1000, cpu_seconds: cpuSeconds(c), mib: Math.round((bytes.length / 2 ** 20) * 10) / 10 };
}
// Baseline in the same run: reading the same rows and their cells without writing a file.
async function readSeconds() {
  const t = performance.now();
  const c = process.cpuUsage();
  for await (const r of orderExportRows(core.ctx, range)) void r;
  return { seconds: Math.round(performance.now() - t) / 1000, cpu_seconds: cpuSeconds(c) };
}
const readOnly = await readSeconds();
const csv = await exportSeconds('csv');
const xlsx = await exportSeconds('xlsx');
await core.close();

const worstP95 = Math.max(...Object.values(perKind).map((k) => k.p95_ms));
const targets: Target[] = [
  { what: 'search on 1M orders, worst p95 over every kind of query (ms; first page of 50 + count)', target: '<= 50', measured: worstP95, met: worstP95 <= 50 },
  ...Object.entries(perKind).map(([kind, s]) => ({ what: `search: ${kind}, p50 / p95 (ms)`, target: '-', measured: `${s.median_ms} / ${s.p95_ms}`, met: true, info: true })),
  { what: 'baseline: bare page of 50 by primary key, p50 / p95 (ms)', target: '-', measured: `${baseline.median_ms} / ${baseline.p95_ms}`, met: true, info: true },
  { what: `export of ${EXPORT_N.toLocaleString('en')} orders as CSV (s wall; CPU s)`, target: '<= 5', measured: `${csv.seconds}; ${csv.cpu_seconds}`, met: csv.seconds <= 5 },
  { what: `baseline: reading the ${EXPORT_N.toLocaleString('en')} orders' rows without writing a file, same run (s wall; CPU s)`, target: '-', measured: `${readOnly.seconds}; ${readOnly.cpu_seconds}`, met: true, info: true },
  ...cost.map((c) => {
    const within = Math.round((c.us_per_order_indexer_intake / c.us_per_order_before_search - 1) * 1000) / 10;
    return {
      what: `order creation CPU per order on the intake path, batches of ${c.batch}: now / before search (same run; % over)`, target: '<= 5%',
      measured: `${c.us_per_order_indexer_intake} / ${c.us_per_order_before_search} µs (${within}%)`, met: within <= 5,
    };
  }),
  ...cost.map((c) => ({
    what: `order creation CPU per order, batches of ${c.batch}: trigger in the order's transaction (as search shipped) / the indexer's own, later (µs)`, target: '-',
    measured: `${c.us_per_order_trigger} / ${c.us_per_order_indexer_own}`, met: true, info: true,
  })),
  { what: `export of ${EXPORT_N.toLocaleString('en')} orders as .xlsx (s wall; CPU s)`, target: '<= 5', measured: `${xlsx.seconds}; ${xlsx.cpu_seconds}`, met: xlsx.seconds <= 5 },
];
writeResult('search', { orders: N_ORDERS, runs_per_kind: RUNS, baseline, per_kind: perKind, index_cost_on_creation: cost, export: { orders: EXPORT_N, rows_read_only: readOnly, csv, xlsx }, targets });
