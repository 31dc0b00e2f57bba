import { z } from 'zod';

// The domain as the API shows it. Weights are integer grams, money integer minor units,
// times UTC ISO-8601 strings (DESIGN.md "Conventions").

export const ROLES = ['operator', 'lead', 'admin', 'finance', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ORDER_STATES = [
  'new', 'ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'shipped',
  'on_hold', 'exception', 'cancelled', 'returned',
] as const;
export const OrderState = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof OrderState>;

/** Actions a person or system may take on an order; each is validated against the state machine. */
export const ORDER_ACTIONS = ['allocate', 'deallocate', 'hold', 'release', 'cancel', 'start_packing', 'mark_packed', 'ship', 'raise_exception', 'resolve_exception', 'return', 'add_to_wave', 'mark_picked', 'reopen_packing', 'remove_from_wave'] as const;
export const OrderAction = z.enum(ORDER_ACTIONS);
export type OrderAction = z.infer<typeof OrderAction>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const grams = z.number().int().min(0).max(1_000_000);
const mm = z.number().int().min(0).max(10_000);
const minor = z.number().int().min(0).max(1e12);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as CNY');

export const Address = z.object({
  name: trimmed(100),
  phone: z.string().trim().regex(/^[+\d][\d\s-]{4,24}$/, 'a phone number of digits, spaces, dashes, optional leading +'),
  country: z.string().trim().regex(/^[A-Z]{2}$/, 'a 2-letter ISO country code such as CN'),
  province: z.string().trim().max(60).optional(),
  city: trimmed(60),
  district: z.string().trim().max(60).optional(),
  address1: trimmed(200),
  address2: z.string().trim().max(200).optional(),
  postcode: z.string().trim().max(20).optional(),
});
export type Address = z.infer<typeof Address>;

export const OrderLineInput = z
  .object({
    sku: trimmed(64).optional().describe('Internal SKU code'),
    channelSku: trimmed(64).optional().describe("The channel's SKU; mapped to an internal SKU"),
    qty: z.number().int().min(1).max(10_000),
    unitPrice: minor.optional(),
    name: z.string().trim().max(200).optional(),
  })
  .refine((l) => l.sku || l.channelSku, { message: 'give sku or channelSku', path: ['sku'] });
export type OrderLineInput = z.infer<typeof OrderLineInput>;

export const OrderInput = z.object({
  channel: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/, 'lowercase letters, digits, _ or -, up to 32'),
  externalId: trimmed(64),
  shipTo: Address,
  buyer: z.object({ name: z.string().trim().max(100).optional(), phone: z.string().trim().max(30).optional(), email: z.string().trim().max(200).optional() }).optional(),
  lines: z.array(OrderLineInput).min(1).max(500),
  carrier: z.string().trim().max(32).optional(),
  service: z.string().trim().max(32).optional(),
  shipBy: z.iso.datetime({ offset: true }).optional(),
  priority: z.number().int().min(0).max(9).optional(),
  total: z.object({ amount: minor, currency: Currency }).optional(),
  note: z.string().max(1000).optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const OrderLine = z.object({
  id: z.string(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int(),
  reserved: z.number().int(),
  unitWeightG: z.number().int().nullable(),
  location: z.string().nullable(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.object({
  id: z.string(),
  number: z.string(),
  channel: z.string(),
  externalId: z.string(),
  state: OrderState,
  resumeState: OrderState.nullable(),
  shipTo: Address,
  carrier: z.string().nullable(),
  service: z.string().nullable(),
  shipBy: z.string().nullable(),
  priority: z.number().int(),
  total: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
  note: z.string().nullable(),
  lines: z.array(OrderLine),
  codes: z.array(z.object({ code: z.string(), kind: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Order = z.infer<typeof Order>;

export const OrderSummary = Order.pick({ id: true, number: true, channel: true, externalId: true, state: true, carrier: true, shipBy: true, createdAt: true }).extend({
  recipient: z.string(),
  city: z.string(),
  units: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

export const BarcodeInput = z.object({ code: z.string().trim().regex(/^[\x21-\x7e]{3,64}$/, '3 to 64 printable ASCII characters, no spaces'), units: z.number().int().min(1).max(10_000).default(1) });

export const SkuInput = z.object({
  sku: z.string().trim().regex(/^[A-Za-z0-9._\-/]{1,64}$/, 'letters, digits, . _ - / up to 64'),
  name: trimmed(200),
  barcodes: z.array(BarcodeInput).max(20).default([]),
  unitWeightG: grams.nullable().optional(),
  lengthMm: mm.optional(), widthMm: mm.optional(), heightMm: mm.optional(),
  location: z.string().trim().max(32).optional().describe('Bin location code, e.g. A-03-12-2'),
  imageUrl: z.url().max(500).optional(),
  cost: minor.optional(), price: minor.optional(), currency: Currency.optional(),
  safetyStock: z.number().int().min(0).max(1e6).optional(),
});
export type SkuInput = z.infer<typeof SkuInput>;

export const Sku = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  barcodes: z.array(z.object({ code: z.string(), units: z.number().int() })),
  unitWeightG: z.number().int().nullable(),
  lengthMm: z.number().int().nullable(), widthMm: z.number().int().nullable(), heightMm: z.number().int().nullable(),
  location: z.string().nullable(),
  imageUrl: z.string().nullable(),
  cost: z.number().int().nullable(), price: z.number().int().nullable(), currency: z.string().nullable(),
  safetyStock: z.number().int(),
  stock: z.object({ onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int() }),
});
export type Sku = z.infer<typeof Sku>;

export const BoxTypeInput = z.object({
  code: z.string().trim().regex(/^[\x21-\x7e]{2,32}$/, '2 to 32 printable ASCII characters'),
  name: trimmed(100),
  tareG: grams,
  lengthMm: mm.optional(), widthMm: mm.optional(), heightMm: mm.optional(),
  maxWeightG: grams.optional(),
});
export const BoxType = BoxTypeInput.extend({ id: z.string() });
export type BoxType = z.infer<typeof BoxType>;

export const LocationInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and dashes, e.g. A-03-12-2'),
  zone: z.string().max(16).optional(), aisle: z.string().max(16).optional(), bay: z.string().max(16).optional(), level: z.string().max(16).optional(),
  sequence: z.number().int().optional(),
});
export const Location = LocationInput.extend({ id: z.string() });

export const StockRow = z.object({
  skuId: z.string(), sku: z.string(), name: z.string(), location: z.string(),
  onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int(),
  safetyStock: z.number().int(), belowSafety: z.boolean(),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockAdjustment = z.object({
  sku: z.string().trim().min(1),
  location: z.string().trim().min(1),
  onHandDelta: z.number().int().min(-1e6).max(1e6).default(0),
  inTransitDelta: z.number().int().min(-1e6).max(1e6).default(0),
  reason: trimmed(200),
});

export const UserInput = z.object({
  name: trimmed(100),
  role: Role,
  badge: z.string().trim().regex(/^[\x21-\x7e]{4,64}$/, '4 to 64 printable ASCII characters'),
  pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits').optional(),
});
export const User = z.object({ id: z.string(), name: z.string(), role: Role, active: z.boolean() });
export type User = z.infer<typeof User>;

function isLocationPattern(p: string): boolean {
  try {
    new RegExp(p);
  } catch {
    return false;
  }
  return /\(\?<(aisle|bay)>/.test(p);
}

/** Walking path settings: how bin codes are read and how far apart things are. */
export const PickPathSettings = z.object({
  pattern: z.string().min(1).max(300).refine(isLocationPattern, 'a regular expression with named groups, at least (?<aisle>...) or (?<bay>...); zone and level are optional')
    .describe('regular expression with named groups zone, aisle, bay, level'),
  aisleSpacingM: z.number().min(0.5).max(50),
  bayWidthM: z.number().min(0.1).max(20),
  zoneGapM: z.number().min(0).max(500),
});
export type PickPathSettings = z.infer<typeof PickPathSettings>;
export const DEFAULT_PICK_PATH: PickPathSettings = {
  pattern: '^(?<zone>[A-Za-z]+)-(?<aisle>\\d+)-(?<bay>\\d+)(?:-(?<level>\\w+))?$',
  aisleSpacingM: 3,
  bayWidthM: 1.2,
  zoneGapM: 15,
};

/** Cut-off per carrier, local wall time "HH:MM". */
export const CarrierCutoffs = z.record(z.string().min(1).max(32), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM, e.g. 17:30'));
export type CarrierCutoffs = z.infer<typeof CarrierCutoffs>;

export const Settings = z.object({
  inboundCoefficient: z.number().min(0).max(1).describe('Share of in-transit stock counted as available'),
  requirePin: z.boolean(),
  weightToleranceG: z.number().int().min(0).max(100_000),
  weightTolerancePct: z.number().min(0).max(100),
  autoAllocate: z.boolean().describe('Reserve stock as soon as an order arrives'),
  shopName: z.string().max(100),
  sender: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  carrierCutoffs: CarrierCutoffs.describe('last hand-over time per carrier code, local time'),
  pickPath: PickPathSettings,
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = {
  inboundCoefficient: 0,
  requirePin: false,
  weightToleranceG: 50,
  weightTolerancePct: 5,
  autoAllocate: true,
  shopName: 'Packline shop',
  sender: { name: '', phone: '', address: '' },
  carrierCutoffs: {},
  pickPath: DEFAULT_PICK_PATH,
};

/** A CSV column mapping a shop saves once per export format: our field -> their column header. */
export const CSV_FIELDS = ['externalId', 'sku', 'channelSku', 'qty', 'unitPrice', 'lineName', 'name', 'phone', 'country', 'province', 'city', 'district', 'address1', 'address2', 'postcode', 'carrier', 'service', 'shipBy', 'note', 'total', 'currency'] as const;
export const CsvField = z.enum(CSV_FIELDS);
export type CsvField = z.infer<typeof CsvField>;
export const CsvMappingInput = z.object({
  name: trimmed(100),
  channel: OrderInput.shape.channel,
  columns: z.partialRecord(CsvField, z.string().min(1)).refine((c) => c.externalId && (c.sku || c.channelSku) && c.qty, {
    message: 'map at least externalId, sku or channelSku, and qty',
  }),
  defaults: z.object({ country: z.string().optional(), currency: z.string().optional(), carrier: z.string().optional() }).default({}),
});
export type CsvMappingInput = z.infer<typeof CsvMappingInput>;
export const CsvMapping = CsvMappingInput.extend({ id: z.string(), createdAt: z.string() });
export type CsvMapping = z.infer<typeof CsvMapping>;

export const ImportReport = z.object({
  encoding: z.string(),
  rows: z.number().int(),
  orders: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), externalId: z.string().nullable(), code: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ChangeEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  entity: z.string(),
  entityId: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;
