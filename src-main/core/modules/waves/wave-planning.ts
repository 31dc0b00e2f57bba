// Wave planning: the open order pool as planning sees it, and the pure planner (filter, group by
// carrier or zone, most urgent first, fill within the caps) behind the preview and the release.
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import { getSettings } from '../settings/queries';
import { resolveSkuCode } from '../catalog/queries';
import { walkingPath } from '../locations/walking-path';
import { byWalkingOrder, walkingDistance, type PathPoint } from '../locations/pick-path';
import type { PickPathSettings } from '../../../contract/locations';
import type { WaveRule, WaveFilter, PlannedWave, WavePreview } from '../../../contract/waves';

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

const POOL_STATES = ['ready', 'allocated'] as const;

/**
 * Open orders in the given states that are in no wave, with what planning needs of each. Two
 * queries walk the same orders in the same order (orders, then their lines with reservations),
 * matched by rowid, so order fields are not copied into every line row.
 */
export function loadPool(ctx: CoreContext, states: readonly ('ready' | 'allocated')[], onlyIds?: string[]): PoolOrder[] {
  const path = walkingPath(ctx);
  // States come from the contract's enum, so they are written into the SQL (the state index is
  // then used directly); SKU weights and bins are read once, not joined into every line.
  const inStates = POOL_STATES.filter((s) => states.includes(s)).map((s) => `'${s}'`).join(', ');
  const where = `WHERE o.state IN (${inStates}) ${onlyIds ? 'AND o.id IN (SELECT value FROM json_each(?))' : ''}
    AND NOT EXISTS (SELECT 1 FROM wave_orders wo WHERE wo.order_id = o.id AND wo.member = 'active')`;
  const args = onlyIds ? [JSON.stringify(onlyIds)] : [];
  const orders = prep(ctx.db, `SELECT o.rowid, o.id, o.number, o.state, o.channel, o.carrier, o.ship_by, o.priority FROM orders o ${where} ORDER BY o.id`)
    .raw().all(...args) as [number, string, string, 'ready' | 'allocated', string, string | null, string | null, number][];
  const lines = prep(ctx.db, `SELECT o.rowid, l.rowid, l.sku_id, l.qty, r.location_id, r.qty
    FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN reservations r ON r.line_id = l.id ${where} ORDER BY o.id, l.rowid`)
    .raw().all(...args) as [number, number, string, number, string | null, number | null][];
  const skus = new Map((prep(ctx.db, 'SELECT id, unit_weight_g, location_id FROM skus').raw().all() as [string, number | null, string | null][]).map((s) => [s[0], s]));
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
    const c = this.rule.caps;
    const maxOrders = Math.min(c.orders ?? Infinity, c.slots ?? Infinity);
    return this.orders.length + 1 <= maxOrders && this.units + o.units <= (c.units ?? Infinity) && this.weightG + o.weightG <= (c.weightG ?? Infinity);
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
  const fills = new Map<string, WaveFill>();
  let leftOver = 0;
  for (const o of eligible) {
    const g = groupOf(o, rule);
    const key = g ?? '';
    let fill = fills.get(key);
    if (!fill) fills.set(key, (fill = new WaveFill(g, rule)));
    if (fill.fits(o)) fill.add(o);
    else leftOver++;
  }
  const waves = [...fills.values()].filter((f) => f.orders.length > 0)
    .sort((a, b) => urgency(a.orders[0]!, b.orders[0]!))
    .map((f) => describeWave(f.orders, f.group, pc));
  return { waves, pool: pool.length, eligible: eligible.length, leftOver };
}

export function planContext(ctx: CoreContext, rule: WaveRule): PlanContext {
  const containsSkuId = rule.filter.containsSku ? (resolveSkuCode(ctx, rule.filter.containsSku)?.skuId ?? null) : undefined;
  return { now: ctx.clock.now(), containsSkuId, path: walkingPath(ctx), pathSettings: getSettings(ctx).pickPath };
}

/** What releasing this rule now would do. Reads only. */
export function previewWaves(ctx: CoreContext, rule: WaveRule): WavePreview {
  return planWaves(loadPool(ctx, rule.filter.states), rule, planContext(ctx, rule));
}
