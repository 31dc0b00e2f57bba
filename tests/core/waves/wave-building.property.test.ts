// Wave building, as properties (fast-check) over random order pools and random rules, on a real
// SQLite core: every eligible order lands in at most one wave; caps are respected; no ineligible
// order is picked up; an eligible order left in the pool would break a cap of its group's wave.
// Eligibility is checked here by an oracle written from the rule's description, not by the planner.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { openTestCore, LEAD } from '../helpers';
import { releaseWaves } from '../../../src-main/core/modules/waves/actions/release-waves';
import { previewWaves } from '../../../src-main/core/modules/waves/queries';
import { WaveRule, type WaveRuleInput } from '../../../src-main/contract/waves';
import { stockWarehouse, order, act, BINS, hoursFrom } from './fixture';

const NOW = Date.parse('2026-11-20T08:00:00Z');
// Ship-by times sit half an hour off the whole hours a rule counts in: the test core's clock steps
// a second per reading, so by planning time it is a few seconds past NOW, and an order due exactly
// on the boundary would be in for the planner and out for this oracle.
const SKUS = Object.keys(BINS);
const zoneOf = (sku: string) => BINS[sku]!.split('-')[0]!;

const orderArb = fc.record({
  lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.sku }),
  carrier: fc.option(fc.constantFrom('sf', 'zto', 'ems'), { nil: undefined }),
  channel: fc.constantFrom('taobao', 'jd'),
  priority: fc.constantFrom(0, 0, 5),
  shipByH: fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }),
  fate: fc.constantFrom('allocated', 'allocated', 'allocated', 'ready', 'on_hold', 'cancelled', 'packing'),
});

/** Mostly absent: a filter field narrows the pool, and a rule with all of them set rarely takes anything. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absentWeight = 3) => fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const ruleArb: fc.Arbitrary<WaveRuleInput> = fc.record({
  filter: fc.record({
    states: fc.constantFrom<('ready' | 'allocated')[]>(['allocated'], ['ready', 'allocated']),
    channels: sometimes(fc.subarray(['taobao', 'jd'], { minLength: 1 })),
    carriers: sometimes(fc.subarray(['sf', 'zto', 'ems'], { minLength: 1 })),
    zones: sometimes(fc.subarray(['A', 'B'], { minLength: 1 })),
    shipByWithinHours: sometimes(fc.integer({ min: 0, max: 80 })),
    minPriority: sometimes(fc.constantFrom(1, 5)),
    singleUnit: sometimes(fc.boolean()),
    containsSku: sometimes(fc.constantFrom(...SKUS)),
  }, { requiredKeys: ['states'] }),
  group: fc.constantFrom('none', 'carrier', 'zone'),
  caps: fc.record({ // caps bind often: pools are small
    orders: sometimes(fc.integer({ min: 1, max: 12 }), 1),
    units: sometimes(fc.integer({ min: 1, max: 25 }), 1),
    weightG: sometimes(fc.integer({ min: 100, max: 2500 }), 1),
    slots: sometimes(fc.integer({ min: 1, max: 10 }), 1),
  }),
}) as fc.Arbitrary<WaveRuleInput>;

interface Seen { id: string; state: string; carrier: string | null; channel: string; priority: number; shipBy: string | null; units: number; weightG: number; skus: string[]; zones: string[] }

/** The rule as its description reads, applied to an order as stored before the release. */
function eligible(o: Seen, r: WaveRule): boolean {
  const f = r.filter;
  const within = f.shipByWithinHours === undefined ? true : o.shipBy !== null && Date.parse(o.shipBy) < NOW + f.shipByWithinHours * 3_600_000;
  return (f.states as string[]).includes(o.state)
    && (!f.channels || f.channels.includes(o.channel))
    && (!f.carriers || f.carriers.includes(o.carrier ?? ''))
    && (!f.zones || o.zones.every((z) => f.zones!.includes(z)))
    && within
    && (f.minPriority === undefined || o.priority >= f.minPriority)
    && (!f.singleUnit || o.units === 1)
    && (!f.containsSku || o.skus.includes(f.containsSku));
}

function fits(orders: Seen[], r: WaveRule): boolean {
  const c = r.caps;
  return orders.length <= Math.min(c.orders ?? Infinity, c.slots ?? Infinity)
    && orders.reduce((n, o) => n + o.units, 0) <= (c.units ?? Infinity)
    && orders.reduce((n, o) => n + o.weightG, 0) <= (c.weightG ?? Infinity);
}

const groupKey = (o: Seen, r: WaveRule) => (r.group === 'carrier' ? (o.carrier ?? '-') : r.group === 'zone' ? (o.zones.length === 1 ? o.zones[0]! : '*') : '');

describe('wave building (property)', () => {
  it('takes only eligible orders, each into one wave, within the caps, leaving only orders that would not fit', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 0, maxLength: 25 }), ruleArb, fc.boolean(), (pool, ruleIn, usePreview) => {
        const core = openTestCore();
        try {
          stockWarehouse(core, 40);
          for (const o of pool) {
            const id = order(core, o.lines.map((l) => [l.sku, l.qty]), { carrier: o.carrier, channel: o.channel, priority: o.priority, shipBy: o.shipByH === undefined ? undefined : hoursFrom('2026-11-20T08:00:00Z', o.shipByH - 0.5) });
            const state = core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id);
            if (state !== 'allocated') continue; // out of stock: stays ready
            if (o.fate === 'ready') act(core, id, 'deallocate');
            if (o.fate === 'on_hold') act(core, id, 'hold', 'check');
            if (o.fate === 'cancelled') act(core, id, 'cancel', 'gone');
            if (o.fate === 'packing') act(core, id, 'start_packing');
          }
          const rule = WaveRule.parse(ruleIn);
          const before = new Map((core.db.prepare(`SELECT o.id, o.state, o.carrier, o.channel, o.priority, o.ship_by shipBy,
              SUM(l.qty) units, SUM(l.qty * s.unit_weight_g) weightG, json_group_array(s.sku) skus
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN skus s ON s.id = l.sku_id GROUP BY o.id`).all() as (Omit<Seen, 'skus' | 'zones'> & { skus: string })[])
            .map((r) => {
              const skus = JSON.parse(r.skus) as string[];
              return [r.id, { ...r, skus, zones: [...new Set(skus.map(zoneOf))] } as Seen];
            }));

          const preview = previewWaves(core.ctx, rule);
          const released = core.writes.runNow(() => releaseWaves(core.ctx, { rule, ...(usePreview && preview.waves.length ? { waves: preview.waves.map((w) => ({ orderIds: w.orderIds })) } : {}) }, LEAD));
          // A second release of the same rule never takes an order of the first.
          core.writes.runNow(() => releaseWaves(core.ctx, { rule }, LEAD));

          const members = core.db.prepare("SELECT wave_id, order_id, slot FROM wave_orders WHERE member = 'active'").all() as { wave_id: string; order_id: string; slot: number }[];
          // at most one wave per order
          expect(new Set(members.map((m) => m.order_id)).size).toBe(members.length);
          // no ineligible order is picked up (ready ones may stay behind without stock; none here)
          for (const m of members) expect(eligible(before.get(m.order_id)!, rule), `order ${m.order_id}`).toBe(true);
          const firstIds = released.waves.map((w) => w.id);
          const byWave = new Map<string, Seen[]>();
          for (const m of members) byWave.set(m.wave_id, [...(byWave.get(m.wave_id) ?? []), before.get(m.order_id)!]);
          for (const [waveId, orders] of byWave) {
            // caps are respected; slots run 1..n; one group per wave
            expect(fits(orders, rule), `wave ${waveId}`).toBe(true);
            expect(members.filter((m) => m.wave_id === waveId).map((m) => m.slot).sort((a, b) => a - b)).toEqual(orders.map((_o, i) => i + 1));
            expect(new Set(orders.map((o) => groupKey(o, rule))).size).toBe(1);
          }
          // what the preview showed is what the first release made
          expect(released.waves.map((w) => w.progress.orders)).toEqual(preview.waves.map((w) => w.orders));
          // an eligible order left out would break a cap of its group's wave in the first release
          const inWave = new Set(members.map((m) => m.order_id));
          for (const o of before.values()) {
            if (!eligible(o, rule) || inWave.has(o.id)) continue;
            // a ready order the shop has no stock for stays behind, with that reason
            if (o.state === 'ready' && released.skipped.some((s) => s.orderId === o.id && /not enough stock/.test(s.reason))) continue;
            // (its group may have no wave at all when the order alone is over a cap)
            const w = firstIds.map((id) => byWave.get(id) ?? []).find((os) => os.length && groupKey(os[0]!, rule) === groupKey(o, rule)) ?? [];
            expect(fits([...w, o], rule), `order ${o.id} would have fitted`).toBe(false);
          }
          expect(preview.eligible).toBe([...before.values()].filter((o) => eligible(o, rule)).length);
        } finally {
          core.close();
        }
      }),
      { numRuns: 120, seed: 6006 },
    );
  });
});
