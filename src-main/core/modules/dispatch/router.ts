// The router: which warehouse handles an order. Pure (no database), so the property tests can run it
// over thousands of random shops. Stock comes first: a warehouse that has every unit always wins over
// one that does not, whatever the region rules say; among those that can, the region's warehouse,
// then the priority list. When none has everything, the one with the most units is chosen and the
// rest is a transfer suggestion (never a refusal: the order waits in "ready").

export interface RegionRule { warehouseId: string; provinces: readonly string[]; cities: readonly string[] }

export interface RoutingConfig {
  enabled: boolean;
  /** the shop allows an order no warehouse can fill to be split into one shipment per warehouse */
  split?: boolean;
  defaultWarehouseId: string;
  /** Active warehouses, first tried first (the priority list, then any active one it leaves out). */
  order: readonly string[];
  /** Active rules in their order: the first one matching the destination names the region's warehouse. */
  rules: readonly RegionRule[];
}

export interface Transfer { skuId: string; qty: number; fromWarehouseId: string | null }

export type RouteReason = 'region' | 'priority' | 'stock' | 'short' | 'default' | 'manual';

export interface RouteDecision {
  warehouseId: string;
  /** the warehouse the region rules asked for (null: no rule matched) */
  regionWarehouseId: string | null;
  reason: RouteReason;
  /** units the chosen warehouse lacks, and where they could come from */
  transfers: Transfer[];
}

/** Units of a SKU available in a warehouse. */
export type Availability = (skuId: string, warehouseId: string) => number;

// 四川省 -> 四川, 广西壮族自治区 -> 广西, 成都市 -> 成都: rules name places as people say them.
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY_SUFFIX = /(市|地区|自治州|盟)$/;
export const placeName = (s: string | undefined, city = false) => (s ?? '').trim().replace(city ? CITY_SUFFIX : PROVINCE_SUFFIX, '').toLowerCase();

interface RegionIndex { province: Map<string, { rule: number; warehouseId: string }>; city: Map<string, { rule: number; warehouseId: string }> }

// Place names normalised once per rule list (the intake routes thousands of orders a second against it).
const indexes = new WeakMap<readonly RegionRule[], RegionIndex>();
function regionIndex(rules: readonly RegionRule[]): RegionIndex {
  let ix = indexes.get(rules);
  if (ix) return ix;
  ix = { province: new Map(), city: new Map() };
  rules.forEach((r, rule) => {
    for (const p of r.provinces) if (!ix!.province.has(placeName(p))) ix!.province.set(placeName(p), { rule, warehouseId: r.warehouseId });
    for (const c of r.cities) if (!ix!.city.has(placeName(c, true))) ix!.city.set(placeName(c, true), { rule, warehouseId: r.warehouseId });
  });
  indexes.set(rules, ix);
  return ix;
}

/** The warehouse of the first rule whose provinces or cities hold the destination, or null. */
export function regionWarehouse(rules: readonly RegionRule[], dest: { province?: string; city?: string }): string | null {
  const ix = regionIndex(rules);
  const byProvince = dest.province ? ix.province.get(placeName(dest.province)) : undefined;
  const byCity = dest.city ? ix.city.get(placeName(dest.city, true)) : undefined;
  const first = byProvince && byCity ? (byProvince.rule <= byCity.rule ? byProvince : byCity) : (byProvince ?? byCity);
  return first?.warehouseId ?? null;
}

/** The order's units per SKU (two lines of one SKU count together). */
function unitsPerSku(lines: readonly { skuId: string; qty: number }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.skuId, (m.get(l.skuId) ?? 0) + l.qty);
  return m;
}

/** What `warehouseId` lacks of the order, and where the units could come from (in `order`, then bought in). */
export function transfersFor(need: Map<string, number>, warehouseId: string, order: readonly string[], available: Availability): Transfer[] {
  const out: Transfer[] = [];
  for (const [skuId, qty] of need) {
    let short = qty - Math.min(qty, available(skuId, warehouseId));
    for (const from of order) {
      if (short === 0) break;
      if (from === warehouseId) continue;
      const n = Math.min(short, available(skuId, from));
      if (n > 0) {
        out.push({ skuId, qty: n, fromWarehouseId: from });
        short -= n;
      }
    }
    if (short > 0) out.push({ skuId, qty: short, fromWarehouseId: null });
  }
  return out;
}

/** The warehouse for an order (routing off: the default one, nothing looked at). */
export function routeOrder(config: RoutingConfig, dest: { province?: string; city?: string }, lines: readonly { skuId: string; qty: number }[], available: Availability): RouteDecision {
  // A literal, not { ...OFF, warehouseId }: a spread followed by a property is V8's slow path, once per order.
  if (!config.enabled || config.order.length === 0) return { warehouseId: config.defaultWarehouseId, regionWarehouseId: null, reason: 'default', transfers: [] };
  const need = unitsPerSku(lines);
  const region = regionWarehouse(config.rules, dest);
  const candidates = region && config.order.includes(region) ? [region, ...config.order.filter((w) => w !== region)] : config.order;
  let best = candidates[0]!;
  let bestUnits = -1;
  let total = 0;
  for (const q of need.values()) total += q;
  for (const w of candidates) {
    let units = 0;
    for (const [skuId, qty] of need) units += Math.min(qty, available(skuId, w));
    if (units > bestUnits) [best, bestUnits] = [w, units];
    if (units === total) break; // the first that has everything
  }
  const reason: RouteReason = bestUnits < total ? 'short' : best === region ? 'region' : region ? 'stock' : best === candidates[0] ? 'priority' : 'stock';
  return { warehouseId: best, regionWarehouseId: region, reason, transfers: bestUnits < total ? transfersFor(need, best, config.order, available) : [] };
}

/** One shipment of a split order: a warehouse and the units of each line it sends. */
export interface SplitPart { warehouseId: string; lines: { lineId: string; skuId: string; qty: number }[] }

/**
 * How an order no single warehouse can fill is split (the shop allows it): the routed warehouse
 * (`first`) takes every unit it has, then the warehouse holding most of what is left, and so on.
 * Units no warehouse has stay with the first part (its transfer suggestion). Every unit of every
 * line is in exactly one part (the property tests check it). Fewer than two parts: no split.
 */
export function splitOrderLines(first: string, order: readonly string[], lines: readonly { id: string; skuId: string; qty: number }[], available: Availability): SplitPart[] {
  const left = new Map<string, number>(); // stock still free per sku|warehouse as parts take it
  const free = (skuId: string, w: string) => left.get(`${skuId}|${w}`) ?? available(skuId, w);
  const open = lines.map((l) => ({ ...l, qty: l.qty }));
  const parts: SplitPart[] = [];
  const take = (w: string) => {
    const part: SplitPart = { warehouseId: w, lines: [] };
    for (const l of open) {
      const n = Math.min(l.qty, free(l.skuId, w));
      if (n <= 0) continue;
      left.set(`${l.skuId}|${w}`, free(l.skuId, w) - n);
      l.qty -= n;
      part.lines.push({ lineId: l.id, skuId: l.skuId, qty: n });
    }
    return part;
  };
  parts.push(take(first));
  let others = order.filter((w) => w !== first);
  while (others.length && open.some((l) => l.qty > 0)) {
    // the warehouse that can send most of what is still open
    let best = '';
    let bestUnits = 0;
    for (const w of others) {
      let units = 0;
      for (const l of open) units += Math.min(l.qty, free(l.skuId, w));
      if (units > bestUnits) [best, bestUnits] = [w, units];
    }
    if (!best) break;
    parts.push(take(best));
    others = others.filter((w) => w !== best);
  }
  // what nobody has waits in the first part, as a transfer
  for (const l of open) {
    if (l.qty <= 0) continue;
    const same = parts[0]!.lines.find((x) => x.lineId === l.id);
    if (same) same.qty += l.qty;
    else parts[0]!.lines.push({ lineId: l.id, skuId: l.skuId, qty: l.qty });
  }
  return parts.filter((p) => p.lines.length > 0);
}
