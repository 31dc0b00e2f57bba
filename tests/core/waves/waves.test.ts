// Waves on a real in-memory SQLite core: rules, preview, release with slots, pause, pull, cancel
// in flight, sort-to-slot at the put wall, pick lists.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { getWave, pickList, slotForScan, listWaves, waveOfOrder, listWaveRules, previewWaves } from '../../../src-main/core/modules/waves/queries';
import { releaseWaves } from '../../../src-main/core/modules/waves/actions/release-waves';
import { waveAction } from '../../../src-main/core/modules/waves/actions/wave-action';
import { pullOrder } from '../../../src-main/core/modules/waves/actions/pull-order';
import { sortItem } from '../../../src-main/core/modules/waves/actions/sort-item';
import { createWaveRule, updateWaveRule, deleteWaveRule } from '../../../src-main/core/modules/waves/actions/wave-rules';
import { orderEvents } from '../../../src-main/core/modules/orders/queries';
import { stockOfSku } from '../../../src-main/core/modules/inventory/queries';
import { WaveRule, type WaveRuleInput } from '../../../src-main/contract/waves';
import { openTestCore, LEAD, snapshot, count, setSettings, errorOf } from '../helpers';
import { stockWarehouse, order, act, stateOf, hoursFrom } from './fixture';

let core: Core;
let sku: Record<string, string>;
const NOW = '2026-11-20T08:00:00.000Z';
const rule = (r: WaveRuleInput = {}) => WaveRule.parse(r);
const release = (r: WaveRule, extra: Partial<Parameters<typeof releaseWaves>[1]> = {}) => core.writes.runNow(() => releaseWaves(core.ctx, { rule: r, ...extra }, LEAD));


beforeEach(() => {
  core = openTestCore();
  sku = stockWarehouse(core);
});
afterEach(() => core.close());

describe('preview', () => {
  it('groups by carrier, orders each wave by urgency, and counts units, pick lines and walking distance; changes nothing', () => {
    const late = order(core, [['TEA-1', 1]], { carrier: 'sf', shipBy: hoursFrom(NOW, 30) });
    const soon = order(core, [['CUP-1', 2], ['TEA-1', 1]], { carrier: 'sf', shipBy: hoursFrom(NOW, 3) });
    const urgent = order(core, [['PEN-1', 1]], { carrier: 'sf', shipBy: hoursFrom(NOW, 40), priority: 5 });
    const zto = order(core, [['BAG-1', 1]], { carrier: 'zto', shipBy: hoursFrom(NOW, 5) });
    const before = snapshot(core);
    const p = previewWaves(core.ctx, rule({ group: 'carrier' }));
    expect(snapshot(core)).toEqual(before);
    expect(p).toMatchObject({ pool: 4, eligible: 4, leftOver: 0 });
    const sf = p.waves.find((w) => w.group === 'sf')!;
    expect(sf.orderIds).toEqual([urgent, soon, late]);
    expect(sf).toMatchObject({ orders: 3, units: 5, pickLines: 3, stops: 3, weightG: 500, singleUnit: false, earliestShipBy: hoursFrom(NOW, 3) });
    expect(sf.walkingM).toBeGreaterThan(0);
    expect(p.waves.find((w) => w.group === 'zto')!.orderIds).toEqual([zto]);
  });

  it('filters by channel, carrier, zone, ship-by, priority, single unit and SKU', () => {
    const a = order(core, [['TEA-1', 1]], { channel: 'taobao', carrier: 'sf', shipBy: hoursFrom(NOW, 2) });
    const b = order(core, [['TEA-2', 2]], { channel: 'jd', carrier: 'sf', shipBy: hoursFrom(NOW, 10), priority: 5 });
    const c = order(core, [['BAG-1', 1], ['TEA-1', 1]], { channel: 'jd', carrier: 'zto', shipBy: hoursFrom(NOW, 1) });
    const ids = (r: WaveRuleInput) => previewWaves(core.ctx, rule(r)).waves.flatMap((w) => w.orderIds).sort();
    expect(ids({ filter: { channels: ['jd'] } })).toEqual([b, c].sort());
    expect(ids({ filter: { carriers: ['zto'] } })).toEqual([c]);
    expect(ids({ filter: { zones: ['A'] } })).toEqual([a, b].sort());
    expect(ids({ filter: { zones: ['A', 'B'] } })).toEqual([a, b, c].sort());
    expect(ids({ filter: { shipByWithinHours: 3 } })).toEqual([a, c].sort());
    expect(ids({ filter: { shipByBefore: hoursFrom(NOW, 1.5) } })).toEqual([c]);
    expect(ids({ filter: { minPriority: 1 } })).toEqual([b]);
    expect(ids({ filter: { singleUnit: true } })).toEqual([a]);
    expect(ids({ filter: { containsSku: 'TEA-1' } })).toEqual([a, c].sort());
    expect(ids({ filter: { containsSku: 'NO-SUCH' } })).toEqual([]);
  });

  it('caps orders, units, weight and slots; what does not fit stays in the pool', () => {
    for (let i = 0; i < 6; i++) order(core, [['TEA-1', 2]], { carrier: 'sf' });
    expect(previewWaves(core.ctx, rule({ caps: { orders: 4 } })).waves[0]!.orders).toBe(4);
    expect(previewWaves(core.ctx, rule({ caps: { slots: 3 } })).waves[0]!.orders).toBe(3);
    expect(previewWaves(core.ctx, rule({ caps: { units: 9 } })).waves[0]!.units).toBe(8);
    const byWeight = previewWaves(core.ctx, rule({ caps: { weightG: 500 } }));
    expect(byWeight.waves[0]!.weightG).toBe(400);
    expect(byWeight.leftOver).toBe(4);
  });

  it('groups by zone: orders spanning zones form a wave of their own', () => {
    const a = order(core, [['TEA-1', 1]]);
    const b = order(core, [['BAG-1', 1]]);
    const ab = order(core, [['TEA-1', 1], ['PEN-1', 1]]);
    const p = previewWaves(core.ctx, rule({ group: 'zone' }));
    expect(Object.fromEntries(p.waves.map((w) => [w.group, w.orderIds]))).toEqual({ A: [a], B: [b], '*': [ab] });
  });
});

describe('release', () => {
  it('gives each order a slot in urgency order, moves it in_wave and records the wave in its history', () => {
    const o1 = order(core, [['TEA-1', 1]], { shipBy: hoursFrom(NOW, 9) });
    const o2 = order(core, [['CUP-1', 1]], { shipBy: hoursFrom(NOW, 2) });
    const { waves, skipped } = release(rule({ caps: { slots: 10 } }), { name: 'Morning', benchId: 'bench-1' });
    expect(skipped).toEqual([]);
    expect(waves).toHaveLength(1);
    const w = getWave(core.ctx, waves[0]!.id);
    expect(w).toMatchObject({ number: 'W-0001', name: 'Morning', state: 'released', benchId: 'bench-1', done: false });
    expect(w.orders.map((o) => [o.orderId, o.slot, o.state])).toEqual([[o2, 1, 'in_wave'], [o1, 2, 'in_wave']]);
    const ev = orderEvents(core.ctx, o2).at(-1)!;
    expect(ev).toMatchObject({ type: 'order.add_to_wave', data: { waveId: w.id, wave: 'W-0001', slot: 1, to: 'in_wave' } });
    expect(waveOfOrder(core.ctx, o1)).toEqual({ waveId: w.id, waveNumber: 'W-0001', slot: 2, paused: false });
    // Released orders have left the pool: the next release finds nothing.
    expect(release(rule()).waves).toEqual([]);
  });

  it('releases exactly the previewed orders, skipping (with the reason) those that changed meanwhile', () => {
    const keep = order(core, [['TEA-1', 1]]);
    const cancelled = order(core, [['TEA-2', 1]]);
    const held = order(core, [['CUP-1', 1]]);
    const preview = previewWaves(core.ctx, rule());
    act(core, cancelled, 'cancel', 'customer');
    act(core, held, 'hold', 'address check');
    const newcomer = order(core, [['POT-1', 1]]);
    const r = release(rule(), { waves: preview.waves.map((w) => ({ orderIds: w.orderIds })) });
    expect(getWave(core.ctx, r.waves[0]!.id).orders.map((o) => o.orderId)).toEqual([keep]);
    expect(r.skipped.map((s) => [s.orderId, s.reason])).toEqual([[cancelled, 'it is cancelled'], [held, 'it is on_hold']]);
    expect(stateOf(core, newcomer)).toBe('allocated');
  });

  it('refuses an order listed twice, and an order of another wave is skipped', () => {
    const a = order(core, [['TEA-1', 1]]);
    expect(errorOf(() => release(rule(), { waves: [{ orderIds: [a] }, { orderIds: [a] }] })).code).toBe('validation');
    release(rule());
    const again = release(rule(), { waves: [{ orderIds: [a] }] });
    expect(again.waves).toEqual([]);
    expect(again.skipped[0]!.reason).toBe('it is already in wave W-0001');
  });

  it('allocates ready orders when the rule takes them; one without stock stays ready', () => {
    setSettings(core, { autoAllocate: false });
    const fine = order(core, [['TEA-1', 2]]);
    const tooBig = order(core, [['MAT-1', 9999]]);
    expect(stateOf(core, fine)).toBe('ready');
    expect(previewWaves(core.ctx, rule()).eligible).toBe(0);
    const r = release(rule({ filter: { states: ['ready', 'allocated'] } }));
    expect(stateOf(core, fine)).toBe('in_wave');
    expect(stateOf(core, tooBig)).toBe('ready');
    expect(r.skipped).toEqual([{ orderId: tooBig, number: expect.any(String), reason: 'not enough stock to allocate it' }]);
    expect(stockOfSku(core.ctx, sku['TEA-1']!).reserved).toBe(2);
  });
});

describe('a released wave', () => {
  it('pauses and resumes; a paused wave takes no sorted items', () => {
    order(core, [['TEA-1', 1]]);
    const w = release(rule()).waves[0]!;
    expect(core.writes.runNow(() => waveAction(core.ctx, w.id, 'pause', LEAD)).state).toBe('paused');
    expect(errorOf(() => core.writes.runNow(() => waveAction(core.ctx, w.id, 'pause', LEAD))).code).toBe('invalid_transition');
    expect(slotForScan(core.ctx, { skuId: sku['TEA-1']! })).toBeNull();
    expect(errorOf(() => core.writes.runNow(() => sortItem(core.ctx, { waveId: w.id, code: 'TEA-1' }, LEAD))).message).toMatch(/paused/);
    core.writes.runNow(() => waveAction(core.ctx, w.id, 'resume', LEAD));
    expect(slotForScan(core.ctx, { skuId: sku['TEA-1']! })).toMatchObject({ slot: 1 });
  });

  it('lets the lead pull an order out: back to the pool with its stock, and a new wave may take it', () => {
    const a = order(core, [['TEA-1', 2]]);
    const b = order(core, [['TEA-1', 1]]);
    const w = release(rule()).waves[0]!;
    core.writes.runNow(() => sortItem(core.ctx, { code: 'TEA-1' }, LEAD));
    expect(core.writes.runNow(() => pullOrder(core.ctx, w.id, a, 'address wrong', LEAD))).toEqual({ slot: 1, sortedUnits: 1 });
    expect(stateOf(core, a)).toBe('allocated');
    expect(stockOfSku(core.ctx, sku['TEA-1']!).reserved).toBe(3);
    const d = getWave(core.ctx, w.id);
    expect(d.orders.map((o) => [o.orderId, o.member])).toEqual([[a, 'pulled'], [b, 'active']]);
    expect(d.progress).toMatchObject({ orders: 1, pulled: 1, units: 1 });
    expect(errorOf(() => core.writes.runNow(() => pullOrder(core.ctx, w.id, a, 'again', LEAD))).code).toBe('invalid_transition');
    // The pulled order's slot takes nothing more; the next TEA-1 goes to b.
    expect(slotForScan(core.ctx, { skuId: sku['TEA-1']! })).toMatchObject({ orderId: b, slot: 2 });
    const next = release(rule());
    expect(getWave(core.ctx, next.waves[0]!.id).orders.map((o) => o.orderId)).toEqual([a]);
  });

  it('refuses to pull an order that is already at the bench', () => {
    const a = order(core, [['TEA-1', 1]]);
    const w = release(rule()).waves[0]!;
    act(core, a, 'start_packing');
    expect(errorOf(() => core.writes.runNow(() => pullOrder(core.ctx, w.id, a, 'x', LEAD))).message).toMatch(/is packing/);
  });

  it('cancelling an order in a released wave: stock goes back, the pick list and the put wall drop it, the wave finishes without it', () => {
    const a = order(core, [['TEA-1', 1], ['CUP-1', 1]]);
    const b = order(core, [['TEA-1', 2]]);
    const w = release(rule()).waves[0]!;
    core.writes.runNow(() => sortItem(core.ctx, { code: 'CUP-1' }, LEAD)); // a's cup is in slot 1
    act(core, a, 'cancel', 'customer cancelled');
    expect(stateOf(core, a)).toBe('cancelled');
    expect(stockOfSku(core.ctx, sku['TEA-1']!).reserved).toBe(2);
    const list = pickList(core.ctx, w.id);
    expect(list.lines.map((l) => [l.sku, l.qty, l.slots])).toEqual([['TEA-1', 2, [{ slot: 2, qty: 2 }]]]);
    expect(slotForScan(core.ctx, { skuId: sku['TEA-1']! })).toMatchObject({ orderId: b, slot: 2 });
    expect(slotForScan(core.ctx, { skuId: sku['CUP-1']! })).toBeNull();
    expect(getWave(core.ctx, w.id).progress).toMatchObject({ orders: 2, cancelled: 1, units: 2 });
    for (const step of ['start_packing', 'mark_packed'] as const) act(core, b, step);
    const done = getWave(core.ctx, w.id);
    expect(done.done).toBe(true);
    expect(done.progress).toMatchObject({ packed: 1, cancelled: 1 });
    expect(listWaves(core.ctx, { limit: 10 })[0]!.done).toBe(true);
  });

  it('marks picking done: every order still in_wave becomes picked', () => {
    const a = order(core, [['TEA-1', 1]]);
    const w = release(rule()).waves[0]!;
    expect(core.writes.runNow(() => waveAction(core.ctx, w.id, 'picking_done', LEAD)).progress.picked).toBe(1);
    expect(stateOf(core, a)).toBe('picked');
    expect(errorOf(() => core.writes.runNow(() => waveAction(core.ctx, w.id, 'picking_done', LEAD))).code).toBe('invalid_transition');
  });
});

describe('sort to slot', () => {
  it('sends each scanned item to the next slot in order that still needs it, and a complete slot is picked', () => {
    const a = order(core, [['TEA-1', 1], ['CUP-1', 1]]);
    const b = order(core, [['TEA-1', 2]]);
    const w = release(rule()).waves[0]!;
    const scan = (code: string) => core.writes.runNow(() => sortItem(core.ctx, { waveId: w.number, code }, LEAD));
    expect(slotForScan(core.ctx, { waveId: w.id, skuId: sku['TEA-1']! })).toMatchObject({ orderId: a, slot: 1, remainingInSlot: 1 });
    expect(scan('TEA-1')).toMatchObject({ orderId: a, slot: 1, remainingInSlot: 1, complete: false });
    expect(scan('TEA-1')).toMatchObject({ orderId: b, slot: 2, remainingInSlot: 1, complete: false });
    const barcode = core.db.prepare('SELECT code FROM barcodes WHERE sku_id = ?').pluck().get(sku['CUP-1']) as string;
    expect(scan(barcode)).toMatchObject({ orderId: a, slot: 1, remainingInSlot: 0, complete: true });
    expect(stateOf(core, a)).toBe('picked');
    expect(scan('TEA-1')).toMatchObject({ orderId: b, slot: 2, remainingInSlot: 0, complete: true });
    expect(errorOf(() => scan('TEA-1')).code).toBe('not_found');
    expect(errorOf(() => scan('NOPE')).message).toMatch(/no SKU or barcode "NOPE"/);
    expect(getWave(core.ctx, w.id).progress).toMatchObject({ sortedUnits: 4, picked: 2 });
  });

  it('keeps to the bench: an item goes only to waves released to that bench', () => {
    order(core, [['TEA-1', 1]]);
    release(rule(), { benchId: 'bench-2' });
    expect(slotForScan(core.ctx, { benchId: 'bench-1', skuId: sku['TEA-1']! })).toBeNull();
    expect(slotForScan(core.ctx, { benchId: 'bench-2', skuId: sku['TEA-1']! })).toMatchObject({ slot: 1 });
  });
});

describe('pick list', () => {
  it('sums lines by SKU and bin in walking order, with the units per slot', () => {
    order(core, [['PEN-1', 1], ['TEA-1', 1]]);
    order(core, [['TEA-1', 2], ['CUP-2', 1]]);
    order(core, [['CUP-1', 1], ['TEA-2', 1]]);
    const w = release(rule()).waves[0]!;
    const list = pickList(core.ctx, w.id);
    expect(list).toMatchObject({ number: 'W-0001', orders: 3, units: 7 });
    // Aisle A-01 up (bays 02, 07), A-02 down (09, 03), then zone B.
    expect(list.lines.map((l) => [l.location, l.sku, l.qty, l.slots.map((s) => `${s.slot}:${s.qty}`).join(' ')])).toEqual([
      ['A-01-02-1', 'TEA-1', 3, '1:1 2:2'],
      ['A-01-07-2', 'TEA-2', 1, '3:1'],
      ['A-02-09-1', 'CUP-2', 1, '2:1'],
      ['A-02-03-1', 'CUP-1', 1, '3:1'],
      ['B-02-08-3', 'PEN-1', 1, '1:1'],
    ]);
    expect(list.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(list.walkingM).toBeGreaterThan(0);
  });
});

describe('saved rules', () => {
  it('are saved, named, changed and deleted; names are unique', () => {
    const r = core.writes.runNow(() => createWaveRule(core.ctx, { name: 'SF singles', rule: rule({ filter: { carriers: ['sf'], singleUnit: true }, caps: { slots: 40 } }) }, LEAD));
    expect(listWaveRules(core.ctx).map((x) => x.name)).toEqual(['SF singles']);
    expect(errorOf(() => core.writes.runNow(() => createWaveRule(core.ctx, { name: 'SF singles', rule: rule() }, LEAD))).code).toBe('conflict');
    const changed = core.writes.runNow(() => updateWaveRule(core.ctx, r.id, { name: 'SF singles AM', rule: rule({ caps: { slots: 20 } }) }, LEAD));
    expect(changed.rule.caps.slots).toBe(20);
    core.writes.runNow(() => deleteWaveRule(core.ctx, r.id, LEAD));
    expect(listWaveRules(core.ctx)).toEqual([]);
    expect(count(core, 'events', "WHERE entity = 'wave_rule'")).toBe(3);
  });
});
