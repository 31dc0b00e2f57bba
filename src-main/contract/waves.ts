import { z } from 'zod';
import { freeText, line, trimmed } from './common';
import { OrderState } from './orders';
import { ALL, BinaryFile, IdParam, MANAGE, Ok, ReasonBody, type RouteDef, STAFF } from './routing';

// Waves: the shift lead's rules, previews, released waves with cart slots, pick lists in walking
// order, sort-to-slot at the bench, progress. Weights in grams, times UTC ISO-8601.

// Waves: the shift lead's rules, previews, released waves with cart slots, pick lists in walking
// order, sort-to-slot at the bench, progress. Weights in grams, times UTC ISO-8601.

const count = (max: number) => z.number().int().min(1).max(max);

const code = trimmed(32);

/** Which open orders a rule takes. Every field narrows; an empty filter takes every allocated order. */
export const WaveFilter = z.object({
  states: z.array(z.enum(['ready', 'allocated'])).min(1).max(2).default(['allocated'])
    .describe('ready orders are allocated when the wave is released; those without stock stay in the pool'),
  channels: z.array(code).max(50).optional(),
  carriers: z.array(code).max(50).optional(),
  zones: z.array(trimmed(16)).max(50).optional().describe('every item of the order is picked in one of these zones'),
  shipByBefore: z.iso.datetime({ offset: true }).optional().describe('orders due to ship before this time'),
  shipByWithinHours: z.number().min(0).max(24 * 31).optional().describe('orders due to ship within this many hours from now (kept relative in a saved rule)'),
  minPriority: z.number().int().min(0).max(9).optional(),
  singleUnit: z.boolean().optional().describe('only orders of one item, one unit (scan an item at the bench, no sorting)'),
  containsSku: trimmed(64).optional().describe('a SKU code or barcode the order must contain'),
  warehouse: z.string().trim().max(80).optional().describe("the warehouse (code or id) whose orders the wave takes; the default warehouse when left out (a wave is in one warehouse)"),
});
export type WaveFilter = z.infer<typeof WaveFilter>;

export const WAVE_GROUPS = ['none', 'carrier', 'zone'] as const;

/** Caps per wave; an order that would break one stays in the pool for the next wave. */
export const WaveCaps = z.object({
  orders: count(10_000).optional(),
  units: count(100_000).optional(),
  weightG: count(10_000_000).optional(),
  slots: count(500).optional().describe('cart slots: one order per slot'),
});
export type WaveCaps = z.infer<typeof WaveCaps>;

export const WaveRule = z.object({
  filter: WaveFilter.default({ states: ['allocated'] }),
  group: z.enum(WAVE_GROUPS).default('none').describe('one wave per carrier or per zone (orders spanning zones are left out when grouping by zone)'),
  caps: WaveCaps.default({}),
});
export type WaveRule = z.infer<typeof WaveRule>;
export type WaveRuleInput = z.input<typeof WaveRule>;

export const SavedWaveRuleInput = z.object({ name: trimmed(100), rule: WaveRule });

export const SavedWaveRule = SavedWaveRuleInput.extend({ id: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type SavedWaveRule = z.infer<typeof SavedWaveRule>;

export const PlannedWave = z.object({
  group: z.string().nullable().describe('the carrier or zone of a grouped wave'),
  orderIds: z.array(z.string()),
  orders: z.number().int(),
  units: z.number().int(),
  weightG: z.number().int(),
  weightUnknown: z.number().int().describe('orders with an item that has no weight yet'),
  pickLines: z.number().int().describe('pick list lines: SKU x bin'),
  stops: z.number().int().describe('bins to visit'),
  walkingM: z.number().describe('estimated walking distance of the pick path, metres'),
  singleUnit: z.boolean(),
  earliestShipBy: z.string().nullable(),
});
export type PlannedWave = z.infer<typeof PlannedWave>;

export const WavePreview = z.object({
  waves: z.array(PlannedWave),
  pool: z.number().int().describe('open orders looked at'),
  eligible: z.number().int().describe('orders the filter takes'),
  leftOver: z.number().int().describe('eligible orders over the caps, left for the next wave'),
});
export type WavePreview = z.infer<typeof WavePreview>;

export const ReleaseInput = z.object({
  rule: WaveRule,
  ruleId: z.string().max(80).optional(),
  name: line(100).optional(),
  benchId: trimmed(64).optional().describe('the bench the wave goes to'),
  waves: z.array(z.object({ orderIds: z.array(z.string().max(80)).min(1).max(10_000) })).min(1).max(100).optional()
    .describe('the previewed waves; each order is checked again against the rule. Without it the rule is planned anew'),
});
export type ReleaseInput = z.infer<typeof ReleaseInput>;

export const WAVE_STATES = ['released', 'paused'] as const;

export const WaveState = z.enum(WAVE_STATES);

export const WaveProgress = z.object({
  orders: z.number().int().describe('orders in the wave (pulled ones not counted)'),
  units: z.number().int(),
  sortedUnits: z.number().int().describe('units put into their slots'),
  picked: z.number().int().describe('orders picked or further along'),
  packed: z.number().int().describe('orders packed or shipped'),
  shipped: z.number().int(),
  cancelled: z.number().int(),
  onHold: z.number().int(),
  exceptions: z.number().int().describe('orders in exception or with an open exception (short, weight override, intercept)'),
  pulled: z.number().int(),
});
export type WaveProgress = z.infer<typeof WaveProgress>;

export const WaveSummary = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  state: WaveState,
  done: z.boolean().describe('every order is packed, shipped or cancelled'),
  group: z.string().nullable(),
  benchId: z.string().nullable(),
  ruleId: z.string().nullable(),
  warehouseId: z.string().nullable(),
  singleUnit: z.boolean(),
  carriers: z.array(z.string()),
  earliestShipBy: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  progress: WaveProgress,
});
export type WaveSummary = z.infer<typeof WaveSummary>;

export const WaveOrder = z.object({
  orderId: z.string(),
  number: z.string(),
  slot: z.number().int(),
  member: z.enum(['active', 'pulled']),
  state: OrderState,
  carrier: z.string().nullable(),
  shipBy: z.string().nullable(),
  units: z.number().int(),
  sortedUnits: z.number().int(),
});
export type WaveOrder = z.infer<typeof WaveOrder>;

export const WaveDetail = WaveSummary.extend({ rule: WaveRule, orders: z.array(WaveOrder) });
export type WaveDetail = z.infer<typeof WaveDetail>;

export const ReleaseResult = z.object({
  waves: z.array(WaveSummary),
  skipped: z.array(z.object({ orderId: z.string(), number: z.string().nullable(), reason: z.string() })),
});
export type ReleaseResult = z.infer<typeof ReleaseResult>;

export const PickLine = z.object({
  seq: z.number().int().describe('position on the path, from 1'),
  location: z.string(),
  zone: z.string().nullable(),
  aisle: z.string().nullable(),
  bay: z.string().nullable(),
  level: z.string().nullable(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int(),
  slots: z.array(z.object({ slot: z.number().int(), qty: z.number().int() })),
});
export type PickLine = z.infer<typeof PickLine>;

export const PickList = z.object({
  waveId: z.string(),
  number: z.string(),
  name: z.string(),
  orders: z.number().int(),
  units: z.number().int(),
  walkingM: z.number(),
  lines: z.array(PickLine),
});
export type PickList = z.infer<typeof PickList>;

/** What the bench is told for a scanned item in a batch wave. */
export const SlotForScan = z.object({
  waveId: z.string(),
  waveNumber: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  slot: z.number().int(),
  remainingInSlot: z.number().int().describe("units the slot's order still needs after this one; 0: the order is complete, pack it"),
});
export type SlotForScan = z.infer<typeof SlotForScan>;

export const SortResult = SlotForScan.extend({ complete: z.boolean().describe('this unit completed the order: it is now picked') });
export type SortResult = z.infer<typeof SortResult>;

export const wavesRoutes = {
  orderWave: {
    method: 'GET', path: '/api/orders/:id/wave', summary: 'The wave and cart slot an order sits in (for the bench: "slot 4 of W-0012"), or null', roles: ALL,
    params: IdParam, response: z.object({ wave: z.object({ waveId: z.string(), waveNumber: z.string(), slot: z.number().int(), paused: z.boolean() }).nullable() }), tag: 'waves',
  },
  listWaveRules: { method: 'GET', path: '/api/wave-rules', summary: 'Saved wave rules', roles: MANAGE, response: z.object({ items: z.array(SavedWaveRule) }), tag: 'waves' },
  createWaveRule: { method: 'POST', path: '/api/wave-rules', summary: 'Save a wave rule under a name', roles: MANAGE, body: SavedWaveRuleInput, response: SavedWaveRule, tag: 'waves' },
  updateWaveRule: { method: 'PUT', path: '/api/wave-rules/:id', summary: 'Change a saved wave rule', roles: MANAGE, params: IdParam, body: SavedWaveRuleInput, response: SavedWaveRule, tag: 'waves' },
  deleteWaveRule: { method: 'DELETE', path: '/api/wave-rules/:id', summary: 'Delete a saved wave rule', roles: MANAGE, params: IdParam, response: Ok, tag: 'waves' },
  previewWaves: {
    method: 'POST', path: '/api/waves/preview', summary: 'What releasing a rule now would do: waves with orders, units, pick lines and walking distance (changes nothing)', roles: MANAGE,
    body: z.object({ rule: WaveRule }), response: WavePreview, tag: 'waves',
  },
  releaseWaves: {
    method: 'POST', path: '/api/waves', summary: 'Release waves: each order gets a cart slot and goes in_wave; orders that no longer fit are skipped with the reason', roles: MANAGE,
    body: ReleaseInput, response: ReleaseResult, tag: 'waves',
  },
  listWaves: {
    method: 'GET', path: '/api/waves', summary: 'Waves in progress, then recent ones, with progress', roles: ALL,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30), warehouse: z.string().trim().max(80).optional().describe('only this warehouse\'s waves (code or id); "all" or left out: every warehouse') }),
    response: z.object({ items: z.array(WaveSummary) }), tag: 'waves',
  },
  getWave: { method: 'GET', path: '/api/waves/:id', summary: 'One wave (by id or number) with its orders and slots', roles: ALL, params: IdParam, response: WaveDetail, tag: 'waves' },
  waveAction: {
    method: 'POST', path: '/api/waves/:id/actions/:action', summary: 'Pause or resume a wave, or mark its picking done (orders still in_wave become picked)', roles: MANAGE,
    params: z.object({ id: z.string().min(1).max(80), action: z.enum(['pause', 'resume', 'picking_done']) }), body: ReasonBody, response: WaveSummary, tag: 'waves',
  },
  pullWaveOrder: {
    method: 'POST', path: '/api/waves/:id/orders/:orderId/pull', summary: 'Pull an order out of its wave, back to the pool; says how many units sit in its slot', roles: MANAGE,
    params: z.object({ id: z.string().min(1).max(80), orderId: z.string().min(1).max(80) }), body: z.object({ reason: freeText(500).min(1) }),
    response: z.object({ slot: z.number().int(), sortedUnits: z.number().int() }), tag: 'waves',
  },
  pickList: { method: 'GET', path: '/api/waves/:id/pick-list', summary: 'Pick list in walking order: lines summed by SKU and bin, with units per slot', roles: STAFF, params: IdParam, response: PickList, tag: 'waves' },
  pickListPdf: {
    method: 'GET', path: '/api/waves/:id/pick-list.pdf', summary: 'The pick list as a PDF (A4)', roles: STAFF, params: IdParam, response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'waves',
  },
  slotFor: {
    method: 'GET', path: '/api/sort/slot-for/:code', summary: 'Put wall: the slot a scanned item goes to (the next order in slot order that still needs it); reads only', roles: STAFF,
    params: z.object({ code: z.string().min(1).max(100) }), query: z.object({ waveId: z.string().max(80).optional(), benchId: z.string().max(64).optional() }),
    response: z.object({ slot: SlotForScan.nullable() }), tag: 'waves',
  },
  sortItem: {
    method: 'POST', path: '/api/sort', summary: 'Put wall: record a scanned item in its slot; the unit that completes an order makes it picked', roles: STAFF,
    body: z.object({ code: trimmed(100), waveId: z.string().max(80).optional(), benchId: z.string().max(64).optional() }), response: SortResult, tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;
