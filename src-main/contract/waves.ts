import { z } from 'zod';
import { OrderState } from './domain';
export { PickPathSettings, DEFAULT_PICK_PATH, CarrierCutoffs } from './domain';

// Waves: the shift lead's rules, previews, released waves with cart slots, pick lists in walking
// order, sort-to-slot at the bench, progress. Weights in grams, times UTC ISO-8601.

const count = (max: number) => z.number().int().min(1).max(max);
const code = z.string().trim().min(1).max(32);

/** Which open orders a rule takes. Every field narrows; an empty filter takes every allocated order. */
export const WaveFilter = z.object({
  states: z.array(z.enum(['ready', 'allocated'])).min(1).max(2).default(['allocated'])
    .describe('ready orders are allocated when the wave is released; those without stock stay in the pool'),
  channels: z.array(code).max(50).optional(),
  carriers: z.array(code).max(50).optional(),
  zones: z.array(z.string().trim().min(1).max(16)).max(50).optional().describe('every item of the order is picked in one of these zones'),
  shipByBefore: z.iso.datetime({ offset: true }).optional().describe('orders due to ship before this time'),
  shipByWithinHours: z.number().min(0).max(24 * 31).optional().describe('orders due to ship within this many hours from now (kept relative in a saved rule)'),
  minPriority: z.number().int().min(0).max(9).optional(),
  singleUnit: z.boolean().optional().describe('only orders of one item, one unit (scan an item at the bench, no sorting)'),
  containsSku: z.string().trim().min(1).max(64).optional().describe('a SKU code or barcode the order must contain'),
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

export const SavedWaveRuleInput = z.object({ name: z.string().trim().min(1).max(100), rule: WaveRule });
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
  name: z.string().trim().max(100).optional(),
  benchId: z.string().trim().min(1).max(64).optional().describe('the bench the wave goes to'),
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

/** One bin on the walking path (Settings -> walking order). */
export const PathStop = z.object({
  code: z.string(),
  zone: z.string().nullable(),
  aisle: z.string().nullable(),
  bay: z.string().nullable(),
  level: z.string().nullable(),
  sequence: z.number().int().describe('walking sequence: the custom one when set, else the serpentine position x 10'),
  custom: z.boolean(),
});
export type PathStop = z.infer<typeof PathStop>;

/** The lead's board: work per carrier against its cut-off, and per bench. */
export const ShiftBoard = z.object({
  carriers: z.array(z.object({
    carrier: z.string().describe('"-" for orders without a carrier'),
    cutoff: z.string().nullable().describe('local "HH:MM" from the shop settings'),
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
});
export type ShiftBoard = z.infer<typeof ShiftBoard>;

/** End of day: what each carrier's driver takes, and what was handed over. */
export const HandoverPending = z.object({
  carrier: z.string(),
  parcels: z.number().int(),
  orders: z.number().int(),
  weightG: z.number().int().describe('measured weight of the parcels'),
});
export type HandoverPending = z.infer<typeof HandoverPending>;

export const ManifestParcel = z.object({
  parcelId: z.string(),
  waybill: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  seq: z.number().int(),
  count: z.number().int().describe('parcels of the order'),
  weightG: z.number().int(),
  destination: z.string().describe('city, province or country'),
});
export type ManifestParcel = z.infer<typeof ManifestParcel>;

export const ManifestSummary = z.object({
  id: z.string(),
  number: z.string(),
  carrier: z.string(),
  parcels: z.number().int(),
  orders: z.number().int(),
  weightG: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ManifestSummary = z.infer<typeof ManifestSummary>;

export const ManifestDetail = ManifestSummary.extend({ items: z.array(ManifestParcel) });
export type ManifestDetail = z.infer<typeof ManifestDetail>;
