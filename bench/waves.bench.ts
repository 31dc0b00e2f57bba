// Wave planning and pick lists on a realistic shop: 2,000 SKUs in 4 zones x 10 aisles x 25 bays x
// 4 levels, 10,000 open (allocated) orders across 6 carriers and 1-4 lines each, plus 20,000 shipped
// orders of history. Measures the preview (the planning a release repeats), a 500-order release,
// its pick list (data and PDF), and the put wall's slot look-up. In process, on a real SQLite file.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createOrder } from '../src-main/core/modules/orders/actions/create-orders';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { releaseWaves } from '../src-main/core/modules/waves/actions/release-waves';
import { pickList, slotForScan, previewWaves } from '../src-main/core/modules/waves/queries';
import { WaveRule, type WaveRuleInput } from '../src-main/contract/waves';
import { renderLabel } from '../src-main/labels/render';
import { labelDataFromPickList } from '../src-main/labels/from-wave';
import type { Actor } from '../src-main/core/store/events';
import { stats, timeEach, writeResult, workDir } from './lib';

const N_OPEN = 10_000;
const N_HISTORY = 20_000;
const N_SKUS = 2_000;
const dir = join(workDir, 'waves');
rmSync(dir, { recursive: true, force: true });
const core = openCore({ dataDir: dir });
const ctx = core.ctx;
const system: Actor = { id: 'system:bench', role: 'admin' };
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

const t0 = performance.now();
const skus: string[] = [];
core.writes.runNow(() => {
  for (let i = 0; i < N_SKUS; i++) {
    const loc = `${'ABCD'[i % 4]}-${pad((i % 10) + 1)}-${pad((Math.floor(i / 10) % 25) + 1)}-${(Math.floor(i / 250) % 4) + 1}`;
    const s = createSku(ctx, { sku: `S-${i}`, name: `Item ${i}`, barcodes: [{ code: `69${String(i).padStart(11, '0')}`, units: 1 }], unitWeightG: 50 + (i % 900), location: loc }, system);
    adjustStock(ctx, { skuId: s.id, locationId: ensureLocation(ctx, loc), onHandDelta: 100_000, inTransitDelta: 0, reason: 'bench stock' }, system);
    skus.push(s.sku);
  }
});
const CARRIERS = ['sf', 'zto', 'yto', 'ems', 'ups', 'dhl'];
const shipTo = { name: '张三', phone: '13800138000', country: 'CN', city: '深圳市', address1: '科技园路1号2栋301室' };
const now = ctx.clock.now();
for (let start = 0; start < N_OPEN + N_HISTORY; start += 1000) {
  core.writes.runNow(() => {
    for (let n = start; n < Math.min(start + 1000, N_OPEN + N_HISTORY); n++) {
      const lines = Array.from({ length: rnd() < 0.55 ? 1 : 1 + Math.floor(rnd() * 4) }, () => ({ sku: pick(skus), qty: rnd() < 0.8 ? 1 : 2 }));
      const { orderId } = createOrder(ctx, {
        channel: pick(['taobao', 'jd', 'shopify']), externalId: `B${n}`, shipTo, lines: lines.filter((l, i) => lines.findIndex((x) => x.sku === l.sku) === i),
        carrier: pick(CARRIERS), shipBy: new Date(now + (1 + Math.floor(rnd() * 72)) * 3_600_000).toISOString(), priority: rnd() < 0.1 ? 5 : 0,
      }, system);
      // History: shipped orders the pool must not even look at.
      if (n >= N_OPEN) ctx.db.prepare("UPDATE orders SET state = 'shipped' WHERE id = ?").run(orderId);
    }
  });
}
const setupS = Math.round((performance.now() - t0) / 100) / 10;
process.stdout.write(`set up ${N_OPEN} open + ${N_HISTORY} shipped orders in ${setupS} s\n`);

const rule = (r: WaveRuleInput) => WaveRule.parse(r);
const RULES: Record<string, WaveRule> = {
  'per carrier, 500 slots': rule({ group: 'carrier', caps: { slots: 500 } }),
  'zone A singles': rule({ filter: { zones: ['A'], singleUnit: true }, caps: { slots: 200 } }),
  'due within 24 h, per zone, 30 kg': rule({ filter: { shipByWithinHours: 24 }, group: 'zone', caps: { slots: 100, weightG: 30_000 } }),
};
const planning: Record<string, ReturnType<typeof stats> & { waves: number; eligible: number }> = {};
for (const [name, r] of Object.entries(RULES)) {
  const p = previewWaves(ctx, r);
  planning[name] = { ...stats(await timeEach(20, () => previewWaves(ctx, r), 3)), waves: p.waves.length, eligible: p.eligible };
}
const worstPlanP95 = Math.max(...Object.values(planning).map((p) => p.p95_ms));

// A 500-order wave: released (one transaction), then its pick list as data and as PDF.
const big = rule({ caps: { slots: 500 } });
const tr = performance.now();
const released = core.writes.runNow(() => releaseWaves(ctx, { rule: big, name: 'bench 500' }, system));
const releaseMs = Math.round(performance.now() - tr);
const waveId = released.waves[0]!.id;
const list = pickList(ctx, waveId);
const pickListStats = stats(await timeEach(50, () => pickList(ctx, waveId), 5));
const pdfStats = stats(await timeEach(5, async () => renderLabel({ template: 'pick-list-a4', data: labelDataFromPickList(list), format: 'pdf' }), 1));

// The put wall asks for a slot at every scanned item.
const inWave = list.lines.map((l) => l.skuId);
const slotStats = stats(await timeEach(2000, (i) => slotForScan(ctx, { skuId: inWave[i % inWave.length]! }), 100));
const plan = ctx.db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM orders o WHERE o.state = 'in_wave'").all() as { detail: string }[];
await core.close();
rmSync(dir, { recursive: true, force: true });

writeResult('waves', {
  shop: { openOrders: N_OPEN, shippedHistory: N_HISTORY, skus: N_SKUS, bins: N_SKUS, setupS },
  planning_ms: planning,
  release_500_orders_ms: releaseMs,
  pick_list_500_orders: { lines: list.lines.length, units: list.units, walkingM: list.walkingM, data_ms: pickListStats, pdf_ms: pdfStats },
  slot_for_scan_ms: slotStats,
  in_wave_query_plan: plan.map((p) => p.detail),
  targets: [
    { what: `planning waves over ${N_OPEN.toLocaleString('en')} open orders, worst p95 of 3 rules (ms)`, target: '<= 300', measured: worstPlanP95, met: worstPlanP95 <= 300 },
    { what: 'pick list for a 500-order wave, p95 (ms)', target: '<= 100', measured: pickListStats.p95_ms, met: pickListStats.p95_ms <= 100 },
  ],
});
