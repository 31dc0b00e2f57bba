import { z } from 'zod';
import { ALL, MANAGE, type RouteDef } from './routing';
import { trimmed } from './common';
import { WarehouseFilter } from './locations';

// The command centre: the shift board, the shop's KPIs (one definition each, here), the drill-down
// behind every number, the lead's live floor, operator stats and the wall screen's view-only links.

/** The shift board: work per carrier against its next pickup, and per bench. */
export const ShiftBoard = z.object({
  carriers: z.array(z.object({
    carrier: z.string().describe('"-" for orders without a carrier'),
    cutoff: z.string().nullable().describe('shop-local "HH:MM" from the shop settings'),
    nextPickupAt: z.string().nullable().describe("the next pickup: today's cut-off while it has not passed, else the next day's (UTC ISO)"),
    pool: z.number().int().describe('allocated, in no wave yet'),
    inWave: z.number().int().describe('in a wave: to pick or picked'),
    packing: z.number().int(),
    packed: z.number().int().describe('packed, waiting for the carrier'),
    exceptions: z.number().int(),
  })),
  benches: z.array(z.object({
    bench: z.string(),
    packing: z.number().int().describe('orders on the bench now'),
    parcelsToday: z.number().int(),
    lastParcelAt: z.string().nullable(),
  })),
  timeZone: z.string().describe("the shop's time zone: its cut-offs and its today are its own, not the screen's"),
});
export type ShiftBoard = z.infer<typeof ShiftBoard>;

/**
 * Every KPI, one definition each. A key may carry a dimension after a colon (`holds:<reason>`,
 * `returns:<reason>`, `packer_pph:<user id>`, `bench_pph:<bench>`). "Open" orders: every state but
 * shipped, cancelled and returned. "Today": since the shop's midnight (its `timeZone` setting). Rates are percentages (0-100).
 */
export const KPI_DEFINITIONS = {
  backlog: 'open orders not yet packed (new, ready, allocated, in wave, picked, packing, on hold, exception)',
  backlog_lt4h: 'backlog created less than 4 hours ago',
  backlog_today: 'backlog created 4 to 24 hours ago',
  backlog_1d: 'backlog created 24 to 48 hours ago',
  backlog_2d: 'backlog created 48 hours ago or more',
  holds: 'open orders on hold, per hold reason (holds:<reason>)',
  late: 'open orders (packed or not) whose ship-by time has passed',
  at_risk: "open orders not packed, not late, whose ship-by falls at or before their carrier's next pickup: this pickup or late",
  shipped_today: 'orders shipped (handed over) today',
  on_time_due_today: "orders shipped today that had a ship-by promise, leaving out orders ever held for a reason the customer caused (a hold reason starting with \"customer\" or \"客户\")",
  on_time_today: 'of on_time_due_today, those shipped at or before their ship-by',
  on_time_rate_today: 'on_time_today / on_time_due_today x 100 (no due orders: 100)',
  on_time_rate_7d: 'the same over the last 7 days including today',
  ship_p50_min: 'order-to-ship time of orders shipped today, median, minutes from creation to hand-over',
  ship_p90_min: 'order-to-ship time of orders shipped today, 90th percentile (nearest rank), minutes',
  parcels_today: 'parcels labelled today (voided ones not counted)',
  units_today: 'units in the parcels labelled today',
  parcels_per_hour: "packers' parcels today / their packing hours today; a person's packing hours run from their first pack scan (an order opened at the bench) to their last parcel label, summed over packers (parcels made by the core's own actors, such as the demo or an import, count in parcels_today, not in rates)",
  units_per_hour: 'units today / the same packing hours',
  packer_pph: 'parcels per hour of one packer today (packer_pph:<user id>)',
  bench_pph: 'parcels per hour of one bench today, first pack scan to last label on that bench (bench_pph:<bench>)',
  mispack_rate_7d: '(weight overrides at the bench + wrong-item returns requested) / parcels labelled, last 7 days, x 100',
  weight_overrides_7d: 'parcels let through out of weight tolerance by a lead, last 7 days',
  wrong_item_returns_7d: 'returns with the reason wrong item requested in the last 7 days (charged to the packer of the order)',
  exceptions_open: 'exceptions (short picks, weight overrides to review, intercepts) still open',
  exceptions_oldest_min: 'age of the oldest open exception, minutes (0: none)',
  channel_sync_delay_s: 'channel orders received in the last hour: average seconds from the platform event to the order in Packline',
  channel_success_rate: 'channel deliveries and write-backs of the last 24 hours that succeeded, x 100 (none: 100)',
  tracking_stalls: 'handed-over parcels with a tracking stall (no carrier news for too long) not yet delivered',
  returns: 'returns requested in the last 30 days, per reason (returns:<reason>)',
  payout_differences_open: 'payout differences still open (no cause confirmed)',
} as const;
export type KpiName = keyof typeof KPI_DEFINITIONS;
export const KPI_NAMES = Object.keys(KPI_DEFINITIONS) as KpiName[];

/** Every KPI by key: `{late: 12, "holds:customer asked to wait": 3, ...}`. */
export const Kpis = z.object({
  asOf: z.string(),
  warehouse: z.string().nullable().describe('the warehouse asked for (its code or id, echoed); null: the whole shop'),
  values: z.record(z.string(), z.number()),
  shopWide: z.array(z.string()).describe("keys that are the whole shop's even for one warehouse (channels' syncing, payouts)"),
});
export type Kpis = z.infer<typeof Kpis>;

/** The orders behind a number. */
export const KpiOrder = z.object({
  id: z.string(), number: z.string(), state: z.string(), carrier: z.string().nullable(), shipBy: z.string().nullable(),
  createdAt: z.string(), holdReason: z.string().nullable(), shippedAt: z.string().nullable(),
});
export const KpiOrders = z.object({ key: z.string(), definition: z.string(), total: z.number().int(), items: z.array(KpiOrder) });
export type KpiOrders = z.infer<typeof KpiOrders>;

export const KpiTrend = z.object({
  days: z.array(z.object({ day: z.string(), shipped: z.number().int(), due: z.number().int(), onTime: z.number().int(), parcels: z.number().int(), units: z.number().int() })),
});
export type KpiTrend = z.infer<typeof KpiTrend>;

export const OperatorStat = z.object({
  packer: z.string(), name: z.string().nullable(), parcels: z.number().int(), units: z.number().int(), firstScanAt: z.string().nullable(), lastLabelAt: z.string().nullable(),
  hours: z.number(), parcelsPerHour: z.number(), unitsPerHour: z.number(), weightOverrides: z.number().int(),
});
export const OperatorStats = z.object({ day: z.string(), items: z.array(OperatorStat), benches: z.array(OperatorStat.extend({ packer: z.string().describe('the bench') })) });
export type OperatorStats = z.infer<typeof OperatorStats>;

/** The lead's floor: late and at-risk orders first, then cut-offs, benches, waves. */
export const Floor = z.object({
  asOf: z.string(),
  eventId: z.number().int().describe('the change feed id this view is as of (the wall waits for the next)'),
  late: z.array(KpiOrder), atRisk: z.array(KpiOrder),
  lateTotal: z.number().int(), atRiskTotal: z.number().int(),
  board: ShiftBoard,
  waves: z.array(z.object({ id: z.string(), number: z.string(), state: z.string(), orders: z.number().int(), packed: z.number().int() })),
  kpis: z.record(z.string(), z.number()),
});
export type Floor = z.infer<typeof Floor>;

export const WallLink = z.object({ id: z.string(), name: z.string(), createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), token: z.string().optional().describe('answered once, at creation') });
export type WallLink = z.infer<typeof WallLink>;

const KpiQuery = z.object({ warehouse: trimmed(40).optional().describe("a warehouse's code or id: its figures (its orders, cut-offs, benches); none or 'all': the whole shop") });

export const boardRoutes = {
  shiftBoard: {
    method: 'GET', path: '/api/shift-board', summary: "The lead's board: orders per carrier (pool, in waves, packing, packed) against its next pickup, parcels per bench today", roles: ALL,
    query: WarehouseFilter, response: ShiftBoard, tag: 'waves',
  },
  kpis: { method: 'GET', path: '/api/kpis', summary: 'Every KPI by key (definitions: /api/kpis/definitions); kept up to date from the change feed, not recomputed over all orders', roles: ALL, query: KpiQuery, response: Kpis, tag: 'board' },
  kpiDefinitions: { method: 'GET', path: '/api/kpis/definitions', summary: "Each KPI's one definition", roles: ALL, response: z.record(z.string(), z.string()), tag: 'board' },
  kpiOrders: {
    method: 'GET', path: '/api/kpis/:key/orders', summary: 'The orders behind a KPI (most urgent first)', roles: ALL,
    params: z.object({ key: z.string().min(1).max(200) }), query: KpiQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: KpiOrders, tag: 'board',
  },
  kpiTrend: { method: 'GET', path: '/api/kpis/trend', summary: 'Shipped, on time and packed per day, the last N days', roles: ALL, query: KpiQuery.extend({ days: z.coerce.number().int().min(1).max(60).default(14) }), response: KpiTrend, tag: 'board' },
  operatorStats: {
    method: 'GET', path: '/api/kpis/operators', summary: 'Parcels and units per hour per packer and bench for a day; an operator sees their own row only', roles: ALL,
    query: KpiQuery.extend({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }), response: OperatorStats, tag: 'board',
  },
  floor: { method: 'GET', path: '/api/floor', summary: "The lead's live floor: late and at-risk orders, cut-offs rolling to the next pickup, benches, waves; of one warehouse with `warehouse` (its orders, cut-offs, benches, waves)", roles: ALL, query: WarehouseFilter, response: Floor, tag: 'board' },
  listWallLinks: { method: 'GET', path: '/api/wall-links', summary: 'View-only wall screen links', roles: MANAGE, response: z.object({ items: z.array(WallLink) }), tag: 'board' },
  createWallLink: { method: 'POST', path: '/api/wall-links', summary: 'A view-only link for a TV: reads the floor only; the token is answered once', roles: MANAGE, body: z.object({ name: trimmed(60) }), response: WallLink, tag: 'board' },
  revokeWallLink: { method: 'DELETE', path: '/api/wall-links/:id', summary: 'Revoke a wall link (the TV stops at its next refresh)', roles: MANAGE, params: z.object({ id: z.string().min(1).max(80) }), response: WallLink, tag: 'board' },
  wallFloor: {
    method: 'GET', path: '/api/wall/:token/floor', summary: 'The floor for a wall screen (no login: the link token is the credential, board reads only). With `after`, waits up to 25 s for a change after that feed id', roles: 'public',
    params: z.object({ token: z.string().min(10).max(100) }), query: WarehouseFilter.extend({ after: z.coerce.number().int().min(0).optional() }), response: Floor, tag: 'board',
  },
} as const satisfies Record<string, RouteDef>;

/** Roles that see every packer's numbers; others see their own. */
export const SEES_ALL_OPERATORS = MANAGE;

