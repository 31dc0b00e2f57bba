// The command centre's reads: every KPI by key (readKpis), the orders behind each, the trend, the
// operators' rates, the lead's floor and the shift board. KPIs read the board's rollups (kept by
// follower.ts) and other modules' records by index ranges: a request never passes over all orders.
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/queries';
import { cutoffsIn, warehouseCutoffOverrides, warehouseOfBench } from '../locations/queries';
import { listWaves } from '../waves/queries';
import { lastEventId } from '../../store/events';
import { fail } from '../../../lib/errors';
import { KPI_DEFINITIONS, type Floor, type KpiOrders, type KpiTrend, type OperatorStats, type ShiftBoard } from '../../../contract/board';
import { nextPickup, shopDay, shopDayBefore, shopMidnight } from '../../../contract/shop-time';
import * as store from './store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const iso = (ms: number) => new Date(ms).toISOString();

/** Open orders whose ship-by has passed, now (the `late` KPI alone; a split order once). */
export const lateCount = (ctx: CoreContext, warehouseId?: string) => store.countLate(ctx.db, iso(ctx.clock.now()), warehouseId);
const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (part: number, whole: number) => (whole === 0 ? 100 : round1((100 * part) / whole));

/**
 * The windows an open order misses its carrier's next pickup in, each order against the cut-off of
 * its own warehouse: the shop's (for the warehouses that do not override that carrier), or a
 * warehouse's own. With no overrides this is one window per carrier, counted as before.
 */
function atRiskWindows(ctx: CoreContext, now: number): store.AtRiskWindow[] {
  const { carrierCutoffs: shop, timeZone } = getSettings(ctx);
  const overrides = [...warehouseCutoffOverrides(ctx)];
  const carriers = new Set([...Object.keys(shop), ...overrides.flatMap(([, c]) => Object.keys(c))]);
  const out: store.AtRiskWindow[] = [];
  for (const carrier of carriers) {
    const own = overrides.filter(([, c]) => c[carrier]);
    if (shop[carrier]) out.push({ carrier, pickup: iso(nextPickup(shop[carrier], now, timeZone)), except: own.map(([wh]) => wh) });
    for (const [wh, c] of own) out.push({ carrier, pickup: iso(nextPickup(c[carrier]!, now, timeZone)), only: wh });
  }
  return out;
}

/** The windows of one warehouse (against the cut-offs that hold there), or of the whole shop. */
const riskWindows = (ctx: CoreContext, now: number, wh?: string): store.AtRiskWindow[] => (wh
  ? Object.entries(cutoffsIn(ctx, wh)).map(([carrier, at]) => ({ carrier, pickup: iso(nextPickup(at, now, getSettings(ctx).timeZone)), only: wh }))
  : atRiskWindows(ctx, now));

/** Age-bucket bounds [from, to) of created_at for each backlog bucket. */
function ageBuckets(now: number): Record<'backlog_lt4h' | 'backlog_today' | 'backlog_1d' | 'backlog_2d', [string, string]> {
  return {
    backlog_lt4h: [iso(now - 4 * HOUR), '9999'],
    backlog_today: [iso(now - DAY), iso(now - 4 * HOUR)],
    backlog_1d: [iso(now - 2 * DAY), iso(now - DAY)],
    backlog_2d: ['0000', iso(now - 2 * DAY)],
  };
}

/** Packing hours of a packer's (or bench's) day: first pack scan to last label. */
const hoursOf = (r: { first_at: string | null; last_at: string | null }) =>
  (r.first_at && r.last_at ? Math.max(0, Date.parse(r.last_at) - Date.parse(r.first_at)) / HOUR : 0);
const perHour = (n: number, hours: number) => (hours > 0 ? round1(n / hours) : 0);

/** KPIs of the shop as a whole, never of one warehouse: channels' syncing and the money come in per shop. */
export const SHOP_WIDE_KPIS: readonly string[] = ['channel_sync_delay_s', 'channel_success_rate', 'payout_differences_open'];

/**
 * Every KPI by key, as of the core's clock: the one function the screens, the API and the alerts
 * read. With `warehouseId`, that warehouse's figures: its open orders (against its own cut-offs),
 * what it shipped, its benches' parcels and rates (packers' own rates are left out: a person may pack
 * in two warehouses), its orders' exceptions, stalls and returns; SHOP_WIDE_KPIS stay the shop's.
 */
export function readKpis(ctx: CoreContext, opts: { warehouseId?: string } = {}): Record<string, number> {
  const db = ctx.db;
  const wh = opts.warehouseId;
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const tz = getSettings(ctx).timeZone;
  const today = shopDay(now, tz);
  const weekFrom = shopDayBefore(now, 6, tz);
  const v: Record<string, number> = {};

  v.backlog = store.countBacklog(db, wh);
  for (const [k, [from, to]] of Object.entries(ageBuckets(now))) v[k] = store.countBacklogCreated(db, from, to, wh);
  for (const h of store.holdsByReason(db, wh)) v[`holds:${h.reason}`] = h.n;
  v.holds = store.countHolds(db, wh);
  v.late = store.countLate(db, nowIso, wh);
  v.at_risk = store.countAtRisk(db, riskWindows(ctx, now, wh), nowIso);

  const t = store.shippedBetween(db, today, today, wh);
  v.shipped_today = t.shipped;
  v.on_time_due_today = t.due;
  v.on_time_today = t.onTime;
  v.on_time_rate_today = pct(t.onTime, t.due);
  const w = store.shippedBetween(db, weekFrom, today, wh);
  v.on_time_rate_7d = pct(w.onTime, w.due);
  // Nearest rank over the day's index (day, minutes): an offset read, not a sort.
  v.ship_p50_min = t.shipped ? store.shipMinutesAt(db, today, Math.ceil(0.5 * t.shipped) - 1, wh) : 0;
  v.ship_p90_min = t.shipped ? store.shipMinutesAt(db, today, Math.ceil(0.9 * t.shipped) - 1, wh) : 0;

  // Every parcel counts on its bench; the rates are people's (packer rows), over their packing hours;
  // one warehouse's rates are its benches' (a packer's row is not of one warehouse).
  const ownBench = (bench: string) => !wh || warehouseOfBench(ctx, bench) === wh;
  let parcels = 0, units = 0, packed = 0, packedUnits = 0, hours = 0, benchHours = 0;
  for (const r of store.shiftsOn(db, today)) {
    const h = hoursOf(r);
    if (r.kind === 'packer') {
      if (wh) continue;
      packed += r.parcels;
      packedUnits += r.units;
      hours += h;
      v[`packer_pph:${r.who}`] = perHour(r.parcels, h);
    } else if (ownBench(r.who)) {
      parcels += r.parcels;
      units += r.units;
      benchHours += h;
      v[`bench_pph:${r.who}`] = perHour(r.parcels, h);
    }
  }
  v.parcels_today = parcels;
  v.units_today = units;
  v.parcels_per_hour = wh ? perHour(parcels, benchHours) : perHour(packed, hours);
  v.units_per_hour = wh ? perHour(units, benchHours) : perHour(packedUnits, hours);

  const week = wh
    ? store.benchWeekBetween(db, weekFrom, today).filter((r) => ownBench(r.bench)).reduce((a, r) => ({ parcels: a.parcels + r.parcels, overrides: a.overrides + r.overrides }), { parcels: 0, overrides: 0 })
    : store.packedBetween(db, weekFrom, today);
  const wrongItem = store.returnsByReasonSince(db, iso(shopMidnight(now, tz) - 6 * DAY), wh).find((r) => r.reason === 'wrong_item')?.n ?? 0;
  v.weight_overrides_7d = week.overrides;
  v.wrong_item_returns_7d = wrongItem;
  v.mispack_rate_7d = week.parcels ? round1((100 * (week.overrides + wrongItem)) / week.parcels) : 0;

  const ex = store.exceptionsOpen(db, wh);
  v.exceptions_open = ex.n;
  v.exceptions_oldest_min = ex.oldest ? Math.max(0, Math.floor((now - Date.parse(ex.oldest)) / 60_000)) : 0;

  const inbox = store.channelInboxSince(db, iso(now - HOUR));
  v.channel_sync_delay_s = inbox.avgDelayMs === null ? 0 : round1(inbox.avgDelayMs / 1000);
  const day = store.channelInboxSince(db, iso(now - DAY));
  const out = store.channelOutboxSince(db, iso(now - DAY));
  v.channel_success_rate = pct(day.ok + out.sent, day.ok + day.failed + out.sent + out.dead);

  v.tracking_stalls = store.trackingStalls(db, wh);
  let returns = 0;
  for (const r of store.returnsByReasonSince(db, iso(now - 30 * DAY), wh)) {
    v[`returns:${r.reason}`] = r.n;
    returns += r.n;
  }
  v.returns = returns;
  v.payout_differences_open = store.payoutDifferencesOpen(db);
  return v;
}

/** The definition of a key (a dimension after the colon shares its KPI's definition). */
export function definitionOf(key: string): string {
  const base = key.split(':')[0] as keyof typeof KPI_DEFINITIONS;
  return KPI_DEFINITIONS[base] ?? fail('not_found', `no KPI "${key}": the keys are ${Object.keys(KPI_DEFINITIONS).join(', ')}`, [{ path: 'key', message: 'unknown' }]);
}

/**
 * The orders behind a KPI, most urgent first; of one warehouse as readKpis counts it: its open and
 * shipped orders, its benches' parcels, its orders' exceptions, stalls and returns (SHOP_WIDE_KPIS stay the shop's).
 */
export function kpiOrders(ctx: CoreContext, key: string, limit: number, wh?: string): KpiOrders {
  const definition = definitionOf(key);
  const db = ctx.db;
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const [base, dim = ''] = [key.split(':')[0]!, key.slice(key.indexOf(':') + 1)];
  const hasDim = key.includes(':');
  const tz = getSettings(ctx).timeZone;
  const today = shopDay(now, tz);
  const midnight = iso(shopMidnight(now, tz));
  const weekStart = iso(shopMidnight(now, tz) - 6 * DAY);
  const list = (() => {
    switch (base) {
      // totals as the KPI counts them (a split order once); the list shows each part
      case 'backlog': return store.backlogOrders(db, '0000', '9999', limit, store.countBacklog(db, wh), wh);
      case 'backlog_lt4h': case 'backlog_today': case 'backlog_1d': case 'backlog_2d': {
        const [from, to] = ageBuckets(now)[base];
        return store.backlogOrders(db, from, to, limit, store.countBacklogCreated(db, from, to, wh), wh);
      }
      case 'holds': return hasDim
        ? store.holdOrders(db, dim, limit, store.holdsByReason(db, wh).find((h) => h.reason === dim)?.n ?? 0, wh)
        : store.holdOrders(db, null, limit, store.countHolds(db, wh), wh);
      case 'late': return store.lateOrders(db, nowIso, limit, store.countLate(db, nowIso, wh), wh);
      case 'at_risk': return atRisk(ctx, now, limit, wh);
      case 'shipped_today': case 'ship_p50_min': case 'ship_p90_min': return store.shippedOrders(db, today, today, false, limit, wh);
      case 'on_time_due_today': case 'on_time_today': case 'on_time_rate_today': return store.shippedOrders(db, today, today, true, limit, wh);
      case 'on_time_rate_7d': return store.shippedOrders(db, shopDayBefore(now, 6, tz), today, true, limit, wh);
      case 'parcels_today': case 'units_today': case 'parcels_per_hour': case 'units_per_hour': return store.parcelOrders(db, midnight, { benches: benchesOf(ctx, midnight, wh) }, limit);
      case 'packer_pph': return store.parcelOrders(db, midnight, { packer: dim, benches: benchesOf(ctx, midnight, wh) }, limit);
      case 'bench_pph': return store.parcelOrders(db, midnight, { bench: dim, benches: benchesOf(ctx, midnight, wh) }, limit);
      case 'weight_overrides_7d': return store.parcelOrders(db, weekStart, { overrides: true, benches: benchesOf(ctx, weekStart, wh) }, limit);
      case 'wrong_item_returns_7d': return store.returnOrders(db, weekStart, 'wrong_item', limit, wh);
      case 'mispack_rate_7d': {
        const a = store.parcelOrders(db, weekStart, { overrides: true, benches: benchesOf(ctx, weekStart, wh) }, limit);
        const b = store.returnOrders(db, weekStart, 'wrong_item', limit, wh);
        return { total: a.total + b.total, items: [...a.items, ...b.items].slice(0, limit) };
      }
      case 'exceptions_open': case 'exceptions_oldest_min': return store.exceptionOrders(db, limit, wh);
      case 'channel_sync_delay_s': return store.channelOrdersSince(db, iso(now - HOUR), limit);
      case 'channel_success_rate': return store.channelOrdersSince(db, iso(now - DAY), limit);
      case 'tracking_stalls': return store.stalledOrders(db, limit, wh);
      case 'returns': return store.returnOrders(db, iso(now - 30 * DAY), hasDim ? dim : null, limit, wh);
      case 'payout_differences_open': return store.payoutDifferenceOrders(db, limit);
      default: return { total: 0, items: [] };
    }
  })();
  return { key, definition, total: list.total, items: list.items };
}

/**
 * One warehouse's benches that labelled parcels since a time (undefined: every bench), as readKpis
 * counts parcels: on the bench's warehouse, a bench without one being the default's.
 */
function benchesOf(ctx: CoreContext, since: string, wh: string | undefined): string[] | undefined {
  return wh ? store.parcelBenchesSince(ctx.db, since).filter((b) => warehouseOfBench(ctx, b) === wh) : undefined;
}

/** Orders at risk of missing their pickup; of one warehouse, against the cut-offs that hold there. */
function atRisk(ctx: CoreContext, now: number, limit: number, warehouseId?: string) {
  const windows = riskWindows(ctx, now, warehouseId);
  const lists = windows.map((w) => store.atRiskOrders(ctx.db, w, iso(now), limit));
  const items = lists.flatMap((l) => l.items).sort((a, b) => (a.shipBy ?? '').localeCompare(b.shipBy ?? '')).slice(0, limit);
  // the list shows each part; the total counts a split order once, as the KPI does
  return { total: store.countAtRisk(ctx.db, windows, iso(now)), items };
}

/** Shipped, due, on time and packed per shop day, the last `days` days (oldest first, every day present); of one warehouse: its orders and benches. */
export function kpiTrend(ctx: CoreContext, days: number, wh?: string): KpiTrend {
  const now = ctx.clock.now();
  const tz = getSettings(ctx).timeZone;
  const from = shopDayBefore(now, days - 1, tz);
  const to = shopDay(now, tz);
  const shipped = new Map(store.shippedPerDay(ctx.db, from, to, wh).map((r) => [r.day, r]));
  const packed = new Map(store.packedPerDay(ctx.db, from, to, wh ? (bench) => warehouseOfBench(ctx, bench) === wh : undefined).map((r) => [r.day, r]));
  return {
    days: Array.from({ length: days }, (_, i) => shopDayBefore(now, days - 1 - i, tz)).map((day) => ({
      day, shipped: shipped.get(day)?.shipped ?? 0, due: shipped.get(day)?.due ?? 0, onTime: shipped.get(day)?.onTime ?? 0,
      parcels: packed.get(day)?.parcels ?? 0, units: packed.get(day)?.units ?? 0,
    })),
  };
}

/** Parcels and units per hour per packer and per bench on a day; `onlyPacker`: one person's own row. */
export function operatorStats(ctx: CoreContext, opts: { day?: string; onlyPacker?: string }): OperatorStats {
  const day = opts.day ?? shopDay(ctx.clock.now(), getSettings(ctx).timeZone);
  const rows = store.shiftsOn(ctx.db, day);
  const toStat = (r: store.ShiftRow) => {
    const hours = hoursOf(r);
    return {
      packer: r.who, name: r.name, parcels: r.parcels, units: r.units, firstScanAt: r.first_at, lastLabelAt: r.last_at, hours: Math.round(hours * 100) / 100,
      parcelsPerHour: perHour(r.parcels, hours), unitsPerHour: perHour(r.units, hours), weightOverrides: r.overrides,
    };
  };
  const byParcels = (a: { parcels: number; packer: string }, b: { parcels: number; packer: string }) => b.parcels - a.parcels || a.packer.localeCompare(b.packer);
  const packers = rows.filter((r) => r.kind === 'packer' && (!opts.onlyPacker || r.who === opts.onlyPacker)).map(toStat).sort(byParcels);
  const benches = opts.onlyPacker ? [] : rows.filter((r) => r.kind === 'bench').map(toStat).sort(byParcels);
  return { day, items: packers, benches };
}

/** Work per carrier against its next pickup, and per bench. */
export function shiftBoard(ctx: CoreContext, opts: { fromRollup?: boolean; warehouseId?: string } = {}): ShiftBoard {
  const now = ctx.clock.now();
  const { timeZone } = getSettings(ctx);
  // one warehouse's cards show its own cut-offs (the shop's where it overrides none)
  const cutoffs = cutoffsIn(ctx, opts.warehouseId);
  // the rollup keeps each open order's warehouse: the floor reads it for one warehouse too
  const rows = opts.fromRollup ? store.openRollupPerCarrier(ctx.db, opts.warehouseId) : store.openOrdersPerCarrier(ctx.db, opts.warehouseId);
  const by = new Map<string, ShiftBoard['carriers'][number]>();
  const get = (c: string) => by.get(c) ?? (by.set(c, { carrier: c, cutoff: cutoffs[c] ?? null, nextPickupAt: cutoffs[c] ? iso(nextPickup(cutoffs[c], now, timeZone)) : null, pool: 0, inWave: 0, packing: 0, packed: 0, exceptions: 0 }), by.get(c)!);
  for (const c of Object.keys(cutoffs)) get(c);
  for (const r of rows) {
    const e = get(r.carrier);
    if (r.state === 'allocated') e.pool += r.n;
    else if (r.state === 'in_wave' || r.state === 'picked') e.inWave += r.n;
    else if (r.state === 'packing') e.packing += r.n;
    else if (r.state === 'packed') e.packed += r.n;
    else e.exceptions += r.n;
  }
  // The pickup coming first comes first.
  const carriers = [...by.values()].sort((a, b) => (a.nextPickupAt ?? '9').localeCompare(b.nextPickupAt ?? '9') || a.carrier.localeCompare(b.carrier));
  const benches = benchBoard(ctx);
  return { carriers, benches: opts.warehouseId ? benches.filter((b) => warehouseOfBench(ctx, b.bench) === opts.warehouseId) : benches, timeZone };
}

/** Parcels per bench since the shop's midnight, and orders on each bench now. */
function benchBoard(ctx: CoreContext): ShiftBoard['benches'] {
  if (!store.parcelsTableExists(ctx.db)) return [];
  const parcels = store.parcelsPerBenchSince(ctx.db, iso(shopMidnight(ctx.clock.now(), getSettings(ctx).timeZone)));
  const packing = store.packClaimsTableExists(ctx.db) ? store.packingPerBench(ctx.db) : [];
  const benches = new Map<string, ShiftBoard['benches'][number]>();
  for (const p of parcels) benches.set(p.bench, { bench: p.bench, packing: 0, parcelsToday: p.n, lastParcelAt: p.last });
  for (const p of packing) {
    const b = benches.get(p.bench) ?? { bench: p.bench, packing: 0, parcelsToday: 0, lastParcelAt: null };
    b.packing = p.n;
    benches.set(p.bench, b);
  }
  return [...benches.values()].sort((a, b) => a.bench.localeCompare(b.bench));
}

/** The KPIs the floor and the wall show beside the lists. */
const FLOOR_KPIS = ['late', 'at_risk', 'backlog', 'parcels_today', 'parcels_per_hour', 'units_per_hour', 'on_time_rate_today', 'shipped_today', 'exceptions_open', 'holds'];

/**
 * The lead's floor: late and at-risk orders first, then cut-offs rolling to the next pickup, benches
 * and waves in progress; of one warehouse when given (a warehouse's rates are its benches').
 */
export function floor(ctx: CoreContext, warehouseId?: string): Floor {
  const now = ctx.clock.now();
  const eventId = lastEventId(ctx.db);
  // one warehouse's numbers are GET /api/kpis?warehouse='s: the floor and the overview agree
  const all = readKpis(ctx, { warehouseId });
  const late = store.lateOrders(ctx.db, iso(now), 50, all.late, warehouseId);
  const risk = atRisk(ctx, now, 50, warehouseId);
  const waves = listWaves(ctx, { limit: 8, ...(warehouseId ? { warehouse: warehouseId } : {}) }).filter((w) => !w.done).map((w) => ({ id: w.id, number: w.number, state: w.state, orders: w.progress.orders, packed: w.progress.packed }));
  return {
    asOf: iso(now), eventId, late: late.items, atRisk: risk.items, lateTotal: late.total, atRiskTotal: risk.total,
    board: shiftBoard(ctx, { fromRollup: true, warehouseId }), waves, kpis: Object.fromEntries(FLOOR_KPIS.map((k) => [k, all[k] ?? 0])),
  };
}
