// Reads of waves: saved rules, the open order pool and the preview of a rule, waves with their
// live progress, pick lists in walking order (locations' walking path), the put wall's slot
// look-up, and the wave an order sits in.
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/queries';
import { resolveSkuCode } from '../catalog/queries';
import { byWalkingOrder, walkingDistance, type PathPoint } from '../locations/pick-path';
import { defaultWarehouseOf, listWarehouses, walkingPath, warehouseFilterOf, warehouseOfBench } from '../locations/queries';
import { fail, issue, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { WaveRule, type SavedWaveRule, type WavePreview, type WaveSummary, type WaveDetail, type PickList, type PickLine, type SlotForScan } from '../../../contract/waves';
import { buildPool, planWaves, type PlanContext, type PoolOrder } from './wave-planning';
import { orderIdOf } from '../orders/queries';
import { plannedMergeMates } from '../merges/queries';
import {
  ruleRowsByName, ruleRowByRef, poolRows, skuPlanRows, waveRowByRef, waveRowsByIds, waveProgressRows, waveSortedUnits, openWaveIds, recentWaveIds,
  waveOrderRows, pickRows, pickSkuNames, nextSlotRow, activeWaveOfOrder, type RuleRow, type WaveRow,
} from './store';

// ---------------------------------------------------------------- wave rules

const toRule = (r: RuleRow): SavedWaveRule => ({ id: r.id, name: r.name, rule: WaveRule.parse(JSON.parse(r.rule)), createdAt: r.created_at, updatedAt: r.updated_at });

export function listWaveRules(ctx: CoreContext): SavedWaveRule[] {
  return ruleRowsByName(ctx.db).map(toRule);
}

/** A saved rule by id or name; not_found when there is none. */
export function getWaveRule(ctx: CoreContext, id: string): SavedWaveRule {
  const r = ruleRowByRef(ctx.db, id);
  return r ? toRule(r) : notFound('wave rule', id);
}

// ---------------------------------------------------------------- the pool and planning

/** Open orders in the given states that are in no wave (optionally only the given ids), with what planning needs of each. */
export function loadPool(ctx: CoreContext, states: readonly ('ready' | 'allocated')[], warehouseId: string, onlyIds?: string[]): PoolOrder[] {
  const path = walkingPath(ctx);
  const { orders, lines } = poolRows(ctx.db, states, warehouseId, onlyIds);
  const skus = new Map(skuPlanRows(ctx.db).map((s) => [s[0], s]));
  return buildPool(orders, lines, skus, path);
}

export function planContext(ctx: CoreContext, rule: WaveRule): PlanContext {
  const containsSkuId = rule.filter.containsSku ? (resolveSkuCode(ctx, rule.filter.containsSku)?.skuId ?? null) : undefined;
  return { now: ctx.clock.now(), containsSkuId, path: walkingPath(ctx), pathSettings: getSettings(ctx).pickPath, mates: plannedMergeMates(ctx) };
}

/**
 * The warehouse a rule plans in: the one its filter names (a wave is in one warehouse). A shop with
 * one active warehouse may leave it out; with two or more, planning "all" is refused (validation):
 * it used to plan the default one, which a lead looking at every warehouse did not expect.
 */
export function ruleWarehouse(ctx: CoreContext, rule: WaveRule): string {
  const named = warehouseFilterOf(ctx, rule.filter.warehouse);
  if (named) return named;
  if (listWarehouses(ctx).filter((w) => w.active).length > 1) {
    fail('validation', said('planInOneWarehouse'), [issue('rule.filter.warehouse', said('pickAWarehouse'))]);
  }
  return defaultWarehouseOf(ctx);
}

/** What releasing this rule now would do. Reads only. */
export function previewWaves(ctx: CoreContext, rule: WaveRule): WavePreview {
  return planWaves(loadPool(ctx, rule.filter.states, ruleWarehouse(ctx, rule)), rule, planContext(ctx, rule));
}

// ---------------------------------------------------------------- waves and their progress

/** Summaries with live progress, in the order of the ids given. */
export function waveSummaries(ctx: CoreContext, ids: string[]): WaveSummary[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = waveRowsByIds(ctx.db, json);
  const progress = waveProgressRows(ctx.db, json);
  const sorted = waveSortedUnits(ctx.db, json);
  const p = new Map(progress.map((x) => [x.id, x]));
  const s = new Map(sorted.map((x) => [x.id, x.n]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter((id) => byId.has(id)).map((id) => {
    const r = byId.get(id)!;
    const x = p.get(id);
    return {
      id, number: r.number, name: r.name, state: r.state, done: (x?.open ?? 0) === 0, group: r.grp, benchId: r.bench_id, ruleId: r.rule_id, warehouseId: r.warehouse_id,
      singleUnit: r.single_unit === 1,
      carriers: x ? (JSON.parse(x.carriers) as (string | null)[]).filter((c): c is string => c !== null).sort() : [],
      earliestShipBy: x?.earliest ?? null,
      createdAt: r.created_at, createdBy: r.created_by,
      progress: {
        orders: x?.orders ?? 0, units: x?.units ?? 0, sortedUnits: s.get(id) ?? 0, picked: x?.picked ?? 0, packed: x?.packed ?? 0,
        shipped: x?.shipped ?? 0, cancelled: x?.cancelled ?? 0, onHold: x?.onHold ?? 0, exceptions: x?.exceptions ?? 0, pulled: x?.pulled ?? 0,
      },
    };
  });
}

/** Waves still in progress (any order not yet packed), then the most recent others. */
export function listWaves(ctx: CoreContext, opts: { limit: number; warehouse?: string }): WaveSummary[] {
  const warehouseId = warehouseFilterOf(ctx, opts.warehouse);
  const open = openWaveIds(ctx.db);
  const recent = recentWaveIds(ctx.db, opts.limit, warehouseId);
  const all = waveSummaries(ctx, [...new Set([...open, ...recent])]).filter((w) => !warehouseId || w.warehouseId === warehouseId);
  return all.sort((a, b) => Number(a.done) - Number(b.done) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).slice(0, Math.max(opts.limit, open.length));
}

/** A wave's stored row by id or number; not_found when there is none. */
export function findWave(ctx: CoreContext, id: string): WaveRow {
  return waveRowByRef(ctx.db, id) ?? notFound('wave', id);
}

export function getWave(ctx: CoreContext, id: string): WaveDetail {
  const r = findWave(ctx, id);
  const orders = waveOrderRows(ctx.db, r.id);
  return { ...waveSummaries(ctx, [r.id])[0]!, rule: WaveRule.parse(JSON.parse(r.rule)), orders };
}

// ---------------------------------------------------------------- pick list

/** Lines summed by SKU and bin, in walking order, with how many units go to each slot. */
export function pickList(ctx: CoreContext, waveId: string): PickList {
  const r = findWave(ctx, waveId);
  const path = walkingPath(ctx);
  const rows = pickRows(ctx.db, r.id);
  const sums = new Map<string, { locationId: string | null; skuId: string; qty: number; slots: Map<number, number> }>();
  const put = (locationId: string | null, skuId: string, slot: number, qty: number) => {
    const key = `${locationId}|${skuId}`;
    let e = sums.get(key);
    if (!e) sums.set(key, (e = { locationId, skuId, qty: 0, slots: new Map() }));
    e.qty += qty;
    e.slots.set(slot, (e.slots.get(slot) ?? 0) + qty);
  };
  const orders = new Set<number>();
  let units = 0;
  for (let i = 0; i < rows.length; ) {
    const line = rows[i]!;
    let left = line.qty;
    units += line.qty;
    orders.add(line.slot);
    for (; i < rows.length && rows[i]!.lineId === line.lineId; i++) {
      const x = rows[i]!;
      if (x.resLoc !== null && x.resQty !== null) {
        put(x.resLoc, x.skuId, x.slot, x.resQty);
        left -= x.resQty;
      }
    }
    // Units without a reservation (after shipping, or never reserved) come from the SKU's own bin.
    if (left > 0) put(line.skuLoc, line.skuId, line.slot, left);
  }
  const skus = new Map(pickSkuNames(ctx.db, JSON.stringify([...new Set([...sums.values()].map((e) => e.skuId))])).map((s) => [s.id, s]));
  const NOWHERE: PathPoint = { id: '', code: '?', zone: null, aisle: null, bay: null, level: null, seq: Number.MAX_SAFE_INTEGER, pathSeq: Number.MAX_SAFE_INTEGER, custom: false, at: null };
  const entries = [...sums.values()].map((e) => ({ e, pt: (e.locationId && path.get(e.locationId)) || NOWHERE }));
  entries.sort((a, b) => byWalkingOrder(a.pt, b.pt) || skus.get(a.e.skuId)!.sku.localeCompare(skus.get(b.e.skuId)!.sku));
  const stops = [...new Map(entries.filter((x) => x.pt !== NOWHERE).map((x) => [x.pt.id, x.pt])).values()];
  const lines: PickLine[] = entries.map(({ e, pt }, i) => ({
    seq: i + 1, location: pt.code, zone: pt.zone, aisle: pt.aisle, bay: pt.bay, level: pt.level,
    skuId: e.skuId, sku: skus.get(e.skuId)!.sku, name: skus.get(e.skuId)!.name, qty: e.qty,
    slots: [...e.slots].sort((a, b) => a[0] - b[0]).map(([slot, qty]) => ({ slot, qty })),
  }));
  return { waveId: r.id, number: r.number, name: r.name, orders: orders.size, units, walkingM: walkingDistance(stops, getSettings(ctx).pickPath), lines };
}

// ---------------------------------------------------------------- put wall

/**
 * Within released waves (optionally one wave, or the waves of one bench): the next order, in
 * slot order, that still needs this SKU. Reads only; sortItem records the unit. Waves released
 * first are filled first. Only orders still in_wave take items (not held, cancelled or pulled ones).
 * A bench sorts only into its own warehouse's waves.
 */
export function slotForScan(ctx: CoreContext, q: { waveId?: string; benchId?: string; skuId: string }): SlotForScan | null {
  const warehouseId = q.benchId ? warehouseOfBench(ctx, q.benchId) : null;
  const hit = nextSlotRow(ctx.db, q.skuId, q.waveId ?? null, q.benchId ?? null, warehouseId);
  if (!hit) return null;
  return { waveId: hit.waveId, waveNumber: hit.waveNumber, orderId: hit.orderId, orderNumber: hit.orderNumber, slot: hit.slot, remainingInSlot: hit.total - hit.totalSorted - 1 };
}

/** The wave and slot an order (by id or number) sits in, for the bench: "slot 4 of W-0012"; null when in none. */
export function waveOfOrder(ctx: CoreContext, orderRef: string): { waveId: string; waveNumber: string; slot: number; paused: boolean } | null {
  const id = orderIdOf(ctx, orderRef);
  if (!id) notFound('order', orderRef);
  const r = activeWaveOfOrder(ctx.db, id!);
  return r ? { waveId: r.waveId, waveNumber: r.waveNumber, slot: r.slot, paused: r.state === 'paused' } : null;
}
