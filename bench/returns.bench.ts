// The return bench over the real HTTP server on a demo shop (3,000 orders): a scan to what the
// screen shows (GET /api/returns/scan/:code for RMA numbers, return waybills and order numbers), and
// a whole case of 10 units: receive, 10 grades (sellable ones restocked), finish, resolve, approve and
// record the refund, close, each an acknowledged write as the bench makes it. Baseline: the same
// number of GET /api/health round trips, measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createHttpServer } from '../src-main/core/http/server';
import { seedDemo } from '../src-main/core/demo/seed';
import { createOrder } from '../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../src-main/core/modules/orders/actions/apply-action';
import { createReturn } from '../src-main/core/modules/returns/actions/create-return';
import { returnAction } from '../src-main/core/modules/returns/actions/return-action';
import { gradeUnit } from '../src-main/core/modules/returns/actions/grade-unit';
import { approveRefund, recordRefund } from '../src-main/core/modules/returns/actions/refund';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { stats, timeEach, writeResult } from './lib';

const dir = mkdtempSync(join(tmpdir(), 'pl-bench-returns-'));
const core = openCore({ dataDir: dir });
seedDemo(core, { skus: 300, orders: 3000 });
const http = createHttpServer(core, { port: 0 });
const { url } = await http.listen();
const system = { id: 'system:bench', role: 'admin' };
const { token } = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()) as { token: string };
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const get = (path: string) => fetch(url + path, { headers: auth }).then((r) => r.json());
const post = async (path: string, body: unknown) => {
  const r = await fetch(url + path, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<{ id: string }>;
};

// what a bench scans: RMA numbers, return waybills, order numbers
const codes = (core.db.prepare("SELECT number, waybill, (SELECT number FROM orders WHERE orders.id = returns.order_id) o FROM returns").all() as { number: string; waybill: string | null; o: string | null }[])
  .flatMap((r) => [r.number, r.waybill, r.o].filter((c): c is string => !!c));
const scanCodes = Array.from({ length: 2000 }, (_, i) => codes[(i * 7919) % codes.length]!);
const health = stats(await timeEach(scanCodes.length, () => get('/api/health')));
const scan = stats(await timeEach(scanCodes.length, (i) => get(`/api/returns/scan/${encodeURIComponent(scanCodes[i]!)}`)));

// cases of 10 units: shipped orders of two SKUs x 5 units, each with a return on its way
const skus = core.db.prepare('SELECT skus.id, skus.sku, skus.location_id, (SELECT code FROM barcodes WHERE barcodes.sku_id = skus.id AND units = 1 LIMIT 1) code FROM skus JOIN inventory ON inventory.sku_id = skus.id WHERE inventory.in_transit = 0 LIMIT 2').all() as { id: string; sku: string; location_id: string; code: string }[];
const CASES = 40;
const makeCases = (tag: string) => core.writes.runNow(() => Array.from({ length: CASES }, (_, i) => {
  if (i === 0 && tag === 'http') for (const s of skus) adjustStock(core.ctx, { skuId: s.id, locationId: s.location_id, onHandDelta: 1000, inTransitDelta: 0, reason: 'bench stock' }, system);
  const { orderId } = createOrder(core.ctx, {
    channel: 'bench', externalId: `RB-${tag}-${i}`, shipTo: { name: '王芳', phone: '13800000000', country: 'CN', city: '深圳市', address1: '科技园路1号' },
    lines: skus.map((s) => ({ sku: s.sku, qty: 5 })), total: { amount: 50_000, currency: 'CNY' },
  }, system);
  for (const a of ['start_packing', 'mark_packed', 'ship'] as const) applyOrderAction(core.ctx, orderId, a, system);
  return createReturn(core.ctx, { order: orderId, reason: 'size_too_small' }, system).id;
}));
const rmas = makeCases('http');
const inProcess = makeCases('core');
await fetch(`${url}/api/returns/settings`, { method: 'PUT', headers: auth, body: JSON.stringify({ approvalLimit: 1_000_000, windowDays: 7, returnsBin: 'RET-01' }) });
const units = skus.flatMap((s) => Array.from({ length: 5 }, (_, u) => ({ code: s.code, grade: u === 4 ? 'damaged' : 'sellable' })));
const REQUESTS_PER_CASE = 1 + units.length + 5;
const healthCase = stats(await timeEach(CASES, async () => {
  for (let i = 0; i < REQUESTS_PER_CASE; i++) await get('/api/health');
}, 5));
const wholeCase = stats(await timeEach(CASES, async (i) => {
  const id = rmas[i]!;
  await post(`/api/returns/${id}/actions/receive`, { waybill: `SF-RB-${i}` });
  for (const u of units) await post(`/api/returns/${id}/units`, u);
  await post(`/api/returns/${id}/actions/finish_inspection`, {});
  await post(`/api/returns/${id}/actions/resolve`, { resolution: 'refund' });
  await post(`/api/returns/${id}/refund/approve`, {});
  await post(`/api/returns/${id}/refund/record`, { reference: `REF-${i}` });
  await post(`/api/returns/${id}/actions/close`, {});
}, 0));

// the same case in process: each step its own write through the WriteBatcher (commit included), no HTTP
const lead = { id: 'system:bench', role: 'lead' };
const ctx = core.ctx;
const caseInProcess = stats(await timeEach(CASES, async (i) => {
  const id = inProcess[i]!;
  await core.writes.run(() => returnAction(ctx, id, 'receive', { waybill: `SF-RC-${i}` }, lead));
  for (const u of units) await core.writes.run(() => gradeUnit(ctx, id, { code: u.code, grade: u.grade as 'sellable', unitId: ctx.ids('returnUnit'), photo: null }, lead));
  await core.writes.run(() => returnAction(ctx, id, 'finish_inspection', {}, lead));
  await core.writes.run(() => returnAction(ctx, id, 'resolve', { resolution: 'refund' }, lead));
  await core.writes.run(() => approveRefund(ctx, id, lead));
  await core.writes.run(() => recordRefund(ctx, id, `REF-C-${i}`, lead));
  await core.writes.run(() => returnAction(ctx, id, 'close', {}, lead));
}, 0));

await http.close();
await core.close();
rmSync(dir, { recursive: true, force: true });

writeResult('returns', {
  returns_in_shop: codes.length,
  baseline_health_round_trip: health,
  scan_to_screen: scan,
  baseline_health_x_requests_of_a_case: { requests: REQUESTS_PER_CASE, ...healthCase },
  case_of_10_units_over_http: wholeCase,
  case_of_10_units_in_process: caseInProcess,
  load_average_1m: os.loadavg()[0],
  targets: [
    { what: 'return bench scan to screen, p99 (ms, HTTP, code -> open return)', target: '<= 50', measured: scan.p99_ms, met: scan.p99_ms <= 50 },
    { what: `a case of 10 units graded and closed, software time p99 (ms, ${REQUESTS_PER_CASE} acknowledged writes in the core)`, target: '<= 150', measured: caseInProcess.p99_ms, met: caseInProcess.p99_ms <= 150 },
    {
      what: `the same case over HTTP, median (p99) ms; ${REQUESTS_PER_CASE} bare health round trips in the same run`, target: '-', info: true, met: true,
      measured: `${wholeCase.median_ms} (${wholeCase.p99_ms}); baseline ${healthCase.median_ms} (${healthCase.p99_ms})`,
    },
  ],
});
