// What issue 19's warehouse leftovers add to hot reads, each against its baseline in the same run, in
// process on a real SQLite file (bounded: 6,000 open orders, about a minute):
// - wave planning with merging on (merged pairs bundled: the pairs looked up per plan) vs merging off
//   (the planner as before: one settings read);
// - the backlog and late counts that count a split order once vs the plain counts they replaced (the
//   SQL of main before the change, run here beside the new one);
// - the floor of one warehouse vs the whole shop's floor.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createOrder } from '../src-main/core/modules/orders/actions/create-orders';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { ensureLocation } from '../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../src-main/core/modules/inventory/actions/adjust-stock';
import { putMergeSettings } from '../src-main/core/modules/merges/actions/merge';
import { previewWaves } from '../src-main/core/modules/waves/queries';
import { floor } from '../src-main/core/modules/board/queries';
import { countBacklog, countLate } from '../src-main/core/modules/board/store';
import { defaultWarehouseOf } from '../src-main/core/modules/locations/queries';
import { WaveRule } from '../src-main/contract/waves';
import type { Actor } from '../src-main/core/store/events';
import { stats, timeEach, writeResult, workDir, type Target } from './lib';

const N_SINGLES = 4_000;
const N_PAIRS = 1_000; // 2,000 orders: a buyer's two orders to one address
const N_SKUS = 500;
const dir = join(workDir, 'wh');
rmSync(dir, { recursive: true, force: true });
const core = openCore({ dataDir: dir });
const ctx = core.ctx;
const system: Actor = { id: 'system:bench', role: 'admin' };
let seed = 19;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;

const t0 = performance.now();
const skus: string[] = [];
core.writes.runNow(() => {
  for (let i = 0; i < N_SKUS; i++) {
    const loc = `${'ABCD'[i % 4]}-0${(i % 9) + 1}-${String((Math.floor(i / 9) % 25) + 1).padStart(2, '0')}-1`;
    const s = createSku(ctx, { sku: `S-${i}`, name: `Item ${i}`, barcodes: [], unitWeightG: 50 + (i % 900), location: loc }, system);
    adjustStock(ctx, { skuId: s.id, locationId: ensureLocation(ctx, loc), onHandDelta: 100_000, inTransitDelta: 0, reason: 'bench stock' }, system);
    skus.push(s.sku);
  }
});
const now = ctx.clock.now();
const buyer = (n: number) => ({ name: `买家${n}`, phone: `139${String(n).padStart(8, '0')}`, country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: `科技园路${n}号` });
let ext = 0;
const order = (n: number) => createOrder(ctx, {
  channel: 'taobao', externalId: `W${++ext}`, shipTo: buyer(n), lines: [{ sku: pick(skus), qty: 1 }], carrier: pick(['sf', 'zto', 'yto']),
  // a tenth already late: the late count has something to count
  shipBy: new Date(now + (rnd() < 0.1 ? -2 : 1 + Math.floor(rnd() * 72)) * 3_600_000).toISOString(),
}, system);
for (let start = 0; start < N_SINGLES + N_PAIRS; start += 1000) {
  core.writes.runNow(() => {
    for (let n = start; n < Math.min(start + 1000, N_SINGLES + N_PAIRS); n++) {
      order(n);
      if (n >= N_SINGLES) order(n); // the same buyer and address again: a merged pair
    }
  });
}
await core.board.flush();
const setupS = Math.round((performance.now() - t0) / 100) / 10;
process.stdout.write(`set up ${N_SINGLES + 2 * N_PAIRS} open orders (${N_PAIRS} merged pairs) in ${setupS} s\n`);

// Alternating A/B rounds so load on the machine falls on both sides alike.
async function ab(rounds: number, a: () => unknown, b: () => unknown, each: number): Promise<[number[], number[]]> {
  const sa: number[] = [];
  const sb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    sa.push(...(await timeEach(each, a, 1)));
    sb.push(...(await timeEach(each, b, 1)));
  }
  return [sa, sb];
}

const rule = WaveRule.parse({ group: 'carrier', caps: { slots: 500 } });
const setMerging = (enabled: boolean) => core.writes.runNow(() => putMergeSettings(ctx, { enabled, channels: [] }, system));
let bundled = 0;
const [planOff, planOn] = await ab(5, () => (setMerging(false), previewWaves(ctx, rule)), () => {
  setMerging(true);
  bundled = previewWaves(ctx, rule).eligible;
}, 4);
setMerging(false);

// main's counts before the change, verbatim
const oldBacklog = ctx.db.prepare('SELECT COUNT(*) FROM board_open WHERE packed = 0').pluck();
const oldLate = ctx.db.prepare('SELECT COUNT(*) FROM board_open WHERE ship_by IS NOT NULL AND ship_by < ?').pluck();
const iso = new Date(now).toISOString();
const [countsOld, countsNew] = await ab(10, () => (oldBacklog.get(), oldLate.get(iso)), () => (countBacklog(ctx.db), countLate(ctx.db, iso)), 50);
const counted = { backlog: countBacklog(ctx.db), late: countLate(ctx.db, iso), backlogBefore: oldBacklog.get(), lateBefore: oldLate.get(iso) };

const wh = defaultWarehouseOf(ctx);
const [floorAll, floorOne] = await ab(5, () => floor(ctx), () => floor(ctx, wh), 4);

const s = { planOff: stats(planOff), planOn: stats(planOn), countsOld: stats(countsOld), countsNew: stats(countsNew), floorAll: stats(floorAll), floorOne: stats(floorOne) };
const targets: Target[] = [
  // the pairs are one read of the candidates per plan: at most half again the planner's own time
  { what: `wave planning over ${N_SINGLES + 2 * N_PAIRS} open orders, merging on (${N_PAIRS} pairs bundled) p95 (ms)`, target: '<= 1.5x merging off, same run', measured: s.planOn.p95_ms, met: s.planOn.p95_ms <= 1.5 * s.planOff.p95_ms },
  { what: 'same run baseline: merging off (the planner as before) p95 (ms)', target: '-', measured: s.planOff.p95_ms, met: true, info: true },
  { what: 'backlog + late counting a split order once, p95 (ms)', target: '<= 2x the counts it replaced + 1 ms', measured: s.countsNew.p95_ms, met: s.countsNew.p95_ms <= 2 * s.countsOld.p95_ms + 1 },
  { what: "same run baseline: main's plain backlog + late counts p95 (ms)", target: '-', measured: s.countsOld.p95_ms, met: true, info: true },
  { what: "one warehouse's floor p95 (ms)", target: '<= 200 (the kpis bench floor target)', measured: s.floorOne.p95_ms, met: s.floorOne.p95_ms <= 200 },
  { what: "same run: the whole shop's floor p95 (ms)", target: '-', measured: s.floorAll.p95_ms, met: true, info: true },
];
writeResult('wh', { shop: { openOrders: N_SINGLES + 2 * N_PAIRS, mergedPairs: N_PAIRS, skus: N_SKUS, setupS }, eligible: bundled, counted, samples_ms: s, targets });
await core.close();
