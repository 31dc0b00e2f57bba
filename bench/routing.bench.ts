// Routing's cost on order intake: the same shop (200 SKUs, two warehouses, 51 region rules) with
// routing on and off, in the same run, rounds taken in turn.
// 1. In process: createOrder one order at a time (as POST /api/orders runs it in the writer), half
//    to 四川 (Chengdu's region), half to 广东; microseconds per order, routing on minus off.
// 2. Over HTTP at 10 connections with wrk (the ingest bench's load script: orders to 广东), through
//    the intake thread: orders/s, and the server's CPU microseconds per order.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, cpuSeconds, startServerProcess, writeResult, type Target } from './lib';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { createOrder } from '../src-main/core/modules/orders/actions/create-orders';
import type { OrderInput } from '../src-main/contract/orders';
import { setupBenchRouting } from './servers/routing-setup';
import { resolveSkuCode } from '../src-main/core/modules/catalog/queries';
import { StockView } from '../src-main/core/modules/inventory/reservation-planning';
import { routingConfig } from '../src-main/core/modules/dispatch/queries';
import { routeOrder } from '../src-main/core/modules/dispatch/router';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const PER_ROUND = 1500;
// The machine is shared: each mode's fastest in-process round counts (contention only ever adds time).
const IN_PROCESS_ROUNDS = 8;
const sys = { id: 'system:bench', role: 'admin' } as const;

// ---------------------------------------------------------------- 1. in process

function shop(on: boolean) {
  const core = openCore({ file: ':memory:', intakeThread: false });
  core.writes.runNow(() => {
    for (let i = 0; i < 200; i++) {
      const s = createSku(core.ctx, { sku: `B-${i}`, name: `Bench item ${i}`, barcodes: [], unitWeightG: 100 }, sys);
      adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, sys);
    }
    setupBenchRouting(core.ctx, on, sys);
  });
  return core;
}

const order = (n: number, prefix: string): OrderInput => ({
  channel: 'bench', externalId: `${prefix}-${n}`,
  shipTo: n % 2
    ? { name: '张三', phone: '13800138000', country: 'CN', province: '四川省', city: '成都市', district: '武侯区', address1: '人民南路1号', postcode: '610000' }
    : { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' },
  // 四川 orders are of SKUs Chengdu holds (the even ones), so they are routed there; 广东 ones of any
  lines: n % 2
    ? [{ sku: `B-${(n % 100) * 2}`, qty: 1 + (n % 3) }, { sku: `B-${((n * 7) % 100) * 2}`, qty: 1 }]
    : [{ sku: `B-${n % 200}`, qty: 1 + (n % 3) }],
  carrier: 'sf',
});

const cores = { on: shop(true), off: shop(false) };
const perOrderUs: Record<'on' | 'off', number[]> = { on: [], off: [] };
for (let r = 0; r < IN_PROCESS_ROUNDS + 1; r++) {
  for (const mode of ['off', 'on'] as const) {
    const core = cores[mode];
    const inputs = Array.from({ length: PER_ROUND }, (_, i) => order(i, `${mode}${r}`));
    const t0 = performance.now();
    for (const input of inputs) core.writes.runNow(() => createOrder(core.ctx, input, sys));
    const us = ((performance.now() - t0) * 1000) / PER_ROUND;
    if (r > 0) perOrderUs[mode].push(Math.round(us * 10) / 10); // round 0 warms up
  }
}
// The decision alone (routing config from its cache, stock from the view, 51 rules), per order.
const routerOnly: number[] = [];
{
  const ctx = cores.on.ctx;
  const inputs = Array.from({ length: 20_000 }, (_, i) => order(i, 'router'));
  const lines = inputs.map((o) => o.lines.map((l) => ({ skuId: resolveSkuCode(ctx, l.sku!)!.skuId, qty: l.qty })));
  for (let r = 0; r < 5; r++) {
    const view = new StockView(ctx);
    const t0 = performance.now();
    inputs.forEach((o, i) => routeOrder(routingConfig(ctx), o.shipTo, lines[i]!, (sku, w) => view.availableIn(sku, w)));
    routerOnly.push(Math.round(((performance.now() - t0) * 1000 / inputs.length) * 100) / 100);
  }
}
const routed = cores.on.db.prepare("SELECT h.code, COUNT(*) n FROM orders o JOIN warehouses h ON h.id = o.warehouse_id GROUP BY h.code ORDER BY h.code").all();
cores.on.close();
cores.off.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const inProcess = { on_us_per_order: Math.min(...perOrderUs.on), off_us_per_order: Math.min(...perOrderUs.off), rounds: perOrderUs, router_only_us_per_order: Math.min(...routerOnly), router_only_rounds: routerOnly, routed_orders_by_warehouse: routed };
const addedInProcess = Math.round((inProcess.on_us_per_order - inProcess.off_us_per_order) * 10) / 10;

// ---------------------------------------------------------------- 2. over HTTP (wrk), server CPU


async function wrk(url: string, token: string, pid: number, prefix: string) {
  const cpu0 = cpuSeconds(pid);
  const child = spawn('wrk', ['-t1', '-c10', `-d${DURATION_S}s`, '--timeout', '10s', '-s', join(benchDir, 'load', 'orders.lua'), url], { env: { ...process.env, TOKEN: token, PREFIX: prefix } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  await new Promise((resolve) => child.on('close', resolve));
  const w = JSON.parse(out.trim().split('\n').pop()!) as { requests: number; seconds: number; non2xx: number; errors: number; p99_us: number };
  const cpu = cpuSeconds(pid) - cpu0;
  return { orders_per_s: Math.round(w.requests / w.seconds), orders: w.requests, non2xx: w.non2xx, errors: w.errors, p99_ms: Math.round(w.p99_us / 100) / 10, server_cpu_us_per_order: Math.round((cpu * 1e6) / Math.max(1, w.requests)) };
}

const servers = {
  off: await startServerProcess(join(benchDir, 'servers', 'core-server.ts'), [], { PL_BENCH_ROUTING: 'off' }),
  on: await startServerProcess(join(benchDir, 'servers', 'core-server.ts'), [], { PL_BENCH_ROUTING: 'on' }),
};
const http: Record<'on' | 'off', Awaited<ReturnType<typeof wrk>>[]> = { on: [], off: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of ['off', 'on'] as const) {
    const s = servers[mode];
    http[mode].push(await wrk(s.info.url!, s.info.token!, s.child.pid!, `${mode}-${r}`));
  }
}
for (const s of Object.values(servers)) s.child.kill('SIGTERM');
const mid = (xs: (typeof http)['on']) => [...xs].sort((a, b) => a.orders_per_s - b.orders_per_s)[Math.floor(xs.length / 2)]!;
const httpOn = mid(http.on);
const httpOff = mid(http.off);
const cpuOf = (xs: (typeof http)['on']) => median(xs.map((x) => x.server_cpu_us_per_order));
const addedCpu = cpuOf(http.on) - cpuOf(http.off);

const targets: Target[] = [
  { what: 'the routing decision per order (config, 51 rules, stock of 2 warehouses)', target: '<= 50 µs', measured: `${inProcess.router_only_us_per_order} µs`, met: inProcess.router_only_us_per_order <= 50 },
  { what: 'routing adds per order (in process, createOrder, fastest round each, half routed to Chengdu)', target: '<= 50 µs', measured: `${addedInProcess} µs (${inProcess.on_us_per_order} on vs ${inProcess.off_us_per_order} off)`, met: addedInProcess <= 50 },
  { what: 'routing adds server CPU per order (HTTP, 10 connections, wrk)', target: '<= 50 µs', measured: `${addedCpu} µs (${cpuOf(http.on)} on vs ${cpuOf(http.off)} off)`, met: addedCpu <= 50 },
  { what: 'ingest at 10 connections with routing on (off in the same run)', target: '>= 5,000 orders/s', measured: `${httpOn.orders_per_s}/s (off: ${httpOff.orders_per_s}/s)`, met: httpOn.orders_per_s >= 5000 },
];
writeResult('routing', { duration_s: DURATION_S, rounds: ROUNDS, in_process: inProcess, http: { on: httpOn, off: httpOff, rounds: http }, targets });
