// Wave planning, pure: the open order pool as planning sees it (built from the store's rows), and
// the planner (filter, group by carrier or zone, most urgent first, fill within the caps) behind
// the preview and the release.
import { byWalkingOrder, walkingDistance, type PathPoint } from '../locations/pick-path';
import type { PickPathSettings } from '../../../contract/locations';
import type { WaveRule, WaveFilter, PlannedWave, WavePreview } from '../../../contract/waves';
import type { PoolOrderRow, PoolLineRow, SkuPlanRow } from './store';

/** One open order as planning sees it. */
export interface PoolOrder {
  id: string;
  number: string;
  state: 'ready' | 'allocated';
  channel: string;
  carrier: string | null;
  shipBy: string | null;
  priority: number;
  units: number;
  weightG: number;
  weightUnknown: boolean;
  skuIds: string[];
  /** units per bin (location id) and SKU: where the picker takes them */
  picks: { locationId: string | null; skuId: string; qty: number }[];
  zones: string[];
}

/**
 * Builds the pool from the store's rows (store.ts poolRows: orders, and their lines with
 * reservations in the same order, matched by rowid) with each SKU's weight and bin. Pure.
 */
export function buildPool(orders: PoolOrderRow[], lines: PoolLineRow[], skus: Map<string, SkuPlanRow>, path: Map<string, PathPoint>): PoolOrder[] {
  const out: PoolOrder[] = new Array(orders.length);
  let li = 0;
  for (let oi = 0; oi < orders.length; oi++) {
    const r = orders[oi]!;
    const o: PoolOrder = { id: r[1], number: r[2], state: r[3], channel: r[4], carrier: r[5], shipBy: r[6], priority: r[7], units: 0, weightG: 0, weightUnknown: false, skuIds: [], picks: [], zones: [] };
    out[oi] = o;
    while (li < lines.length && lines[li]![0] === r[0]) {
      const line = lines[li]!;
      const lineRowid = line[1];
      const skuId = line[2];
      const qty = line[3];
      const sku = skus.get(skuId)!;
      o.units += qty;
      if (sku[1] === null) o.weightUnknown = true;
      else o.weightG += sku[1] * qty;
      if (!o.skuIds.includes(skuId)) o.skuIds.push(skuId);
      let left = qty;
      // One row per reservation of the line (or one row without any).
      for (; li < lines.length && lines[li]![1] === lineRowid; li++) {
        const x = lines[li]!;
        if (x[4] !== null && x[5] !== null) {
          o.picks.push({ locationId: x[4], skuId, qty: x[5] });
          left -= x[5];
        }
      }
      // Units without a reservation (a ready order) come from the SKU's own bin.
      if (left > 0) o.picks.push({ locationId: sku[2], skuId, qty: left });
    }
    for (const p of o.picks) {
      const zone = (p.locationId && path.get(p.locationId)?.zone) || '';
      if (!o.zones.includes(zone)) o.zones.push(zone);
    }
  }
  return out;
}

export interface PlanContext {
  now: number;
  /** SKU id of filter.containsSku, resolved (null: the code is unknown, nothing matches) */
  containsSkuId?: string | null;
  path: Map<string, PathPoint>;
  pathSettings: PickPathSettings;
  /** each order of a planned merged shipment -> the other orders packed with it (merges): one wave takes them all or none */
  mates?: Map<string, string[]>;
}

/** Why an order does not match the filter, or null when it does. */
export function filterMismatch(o: PoolOrder, f: WaveFilter, pc: PlanContext): string | null {
  if (!f.states.includes(o.state)) return `it is ${o.state}`;
  if (f.channels?.length && !f.channels.includes(o.channel)) return `channel ${o.channel} is not in the rule`;
  if (f.carriers?.length && !f.carriers.includes(o.carrier ?? '')) return `carrier ${o.carrier ?? '(none)'} is not in the rule`;
  if (f.zones?.length && o.zones.some((z) => !f.zones!.includes(z))) return `it has items outside zones ${f.zones.join(', ')}`;
  const before = Math.min(
    f.shipByBefore ? Date.parse(f.shipByBefore) : Infinity,
    f.shipByWithinHours !== undefined ? pc.now + f.shipByWithinHours * 3_600_000 : Infinity,
  );
  if (before !== Infinity && (o.shipBy === null || Date.parse(o.shipBy) >= before)) return 'its ship-by time is later than the rule takes';
  if (f.minPriority !== undefined && o.priority < f.minPriority) return `its priority ${o.priority} is below ${f.minPriority}`;
  if (f.singleUnit && o.units !== 1) return 'it is not a single-unit order';
  if (f.containsSku && (!pc.containsSkuId || !o.skuIds.includes(pc.containsSkuId))) return `it does not contain ${f.containsSku}`;
  return null;
}

/** The group an order falls into under the rule: a carrier, a zone ("*" for orders spanning zones), or null. */
export function groupOf(o: PoolOrder, rule: WaveRule): string | null {
  if (rule.group === 'carrier') return o.carrier ?? '-';
  if (rule.group === 'zone') return o.zones.length === 1 ? o.zones[0]! || '-' : '*';
  return null;
}

/** Most urgent first: priority, then ship-by (none last), then order number. */
export function urgency(a: PoolOrder, b: PoolOrder): number {
  return b.priority - a.priority || (a.shipBy ?? '\uffff').localeCompare(b.shipBy ?? '\uffff') || a.number.localeCompare(b.number);
}

/** Fills waves greedily within the caps; an order that does not fit is left for the next wave. */
export class WaveFill {
  orders: PoolOrder[] = [];
  units = 0;
  weightG = 0;
  constructor(readonly group: string | null, private readonly rule: WaveRule) {}
  fits(o: PoolOrder): boolean {
    return this.fitsAll([o]);
  }
  /** Whether these orders (a merged shipment's) fit in the wave together. */
  fitsAll(os: PoolOrder[]): boolean {
    const c = this.rule.caps;
    const maxOrders = Math.min(c.orders ?? Infinity, c.slots ?? Infinity);
    const units = os.reduce((n, o) => n + o.units, 0);
    const weightG = os.reduce((n, o) => n + o.weightG, 0);
    return this.orders.length + os.length <= maxOrders && this.units + units <= (c.units ?? Infinity) && this.weightG + weightG <= (c.weightG ?? Infinity);
  }
  add(o: PoolOrder) {
    this.orders.push(o);
    this.units += o.units;
    this.weightG += o.weightG;
  }
}

export function describeWave(orders: PoolOrder[], group: string | null, pc: PlanContext): PlannedWave {
  const lines = new Set<string>();
  const stops = new Map<string, PathPoint>();
  for (const o of orders) {
    for (const p of o.picks) {
      lines.add(`${p.locationId}|${p.skuId}`);
      const pt = p.locationId ? pc.path.get(p.locationId) : undefined;
      if (pt) stops.set(pt.id, pt);
    }
  }
  const shipBys = orders.map((o) => o.shipBy).filter((s): s is string => s !== null).sort();
  return {
    group,
    orderIds: orders.map((o) => o.id),
    orders: orders.length,
    units: orders.reduce((n, o) => n + o.units, 0),
    weightG: orders.reduce((n, o) => n + o.weightG, 0),
    weightUnknown: orders.filter((o) => o.weightUnknown).length,
    pickLines: lines.size,
    stops: stops.size,
    walkingM: walkingDistance([...stops.values()].sort(byWalkingOrder), pc.pathSettings),
    singleUnit: orders.length > 0 && orders.every((o) => o.units === 1),
    earliestShipBy: shipBys[0] ?? null,
  };
}

/** Plans waves from a pool: filter, group, order by urgency, fill within the caps. Pure. */
export function planWaves(pool: PoolOrder[], rule: WaveRule, pc: PlanContext): WavePreview {
  const eligible = pool.filter((o) => filterMismatch(o, rule.filter, pc) === null).sort(urgency);
  const byId = new Map(eligible.map((o) => [o.id, o]));
  const fills = new Map<string, WaveFill>();
  const placed = new Set<string>();
  let leftOver = 0;
  for (const o of eligible) {
    if (placed.has(o.id)) continue;
    // A merged shipment goes in whole with its most urgent order, or waits whole: a mate the rule
    // does not take (or that is not in the pool) keeps them all out.
    const mateIds = pc.mates?.get(o.id) ?? [];
    const bundle = [o, ...mateIds.map((id) => byId.get(id)).filter((m): m is PoolOrder => m !== undefined)];
    bundle.forEach((m) => placed.add(m.id));
    const g = groupOf(o, rule);
    const key = g ?? '';
    let fill = fills.get(key);
    if (!fill) fills.set(key, (fill = new WaveFill(g, rule)));
    if (bundle.length === mateIds.length + 1 && fill.fitsAll(bundle)) bundle.forEach((m) => fill.add(m));
    else leftOver += bundle.length;
  }
  const waves = [...fills.values()].filter((f) => f.orders.length > 0)
    .sort((a, b) => urgency(a.orders[0]!, b.orders[0]!))
    .map((f) => describeWave(f.orders, f.group, pc));
  return { waves, pool: pool.length, eligible: eligible.length, leftOver };
}
