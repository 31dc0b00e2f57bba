import { z } from 'zod';
import { PackMessageSchema } from './pack-messages';
import { mayBeBadge } from './people';

// The packing bench's methods and events on the StationBridge (see station.ts). The station pushes
// the whole PackView after every change: the screen is a view of it and sends intents back.

export const PackPhase = z.enum([
  'login', // no operator: scan a badge
  'idle', // operator in: scan an order, pick slip, tote, cart slot or (single-item wave) an item
  'verify', // scanning the items of the parcel
  'weigh', // all items in: put the box on the scale
  'label', // passed: the core confirms, the waybill is allocated, the label prints
  'done', // the parcel left the bench; the next scan starts another
]);
export type PackPhase = z.infer<typeof PackPhase>;

export const PackLine = z.object({
  lineId: z.string(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  location: z.string().nullable(),
  qty: z.number().int(),
  /** scanned into earlier parcels of this order */
  packedBefore: z.number().int(),
  /** scanned into the parcel on the bench */
  scanned: z.number().int(),
  unitWeightG: z.number().int().nullable(),
  /** the product has a picture to show (GET /api/skus/:id/image); none: the screen asks for none */
  hasImage: z.boolean(),
  /** a merged parcel: the order this line belongs to */
  orderNumber: z.string().optional(),
});
export type PackLine = z.infer<typeof PackLine>;

/** Why the bench stopped. `needs`: what clears it (any scan, a lead's badge, or nothing: it stays). */
export const PackAlert = z.object({
  kind: z.enum([
    'unknown_code', 'wrong_item', 'extra_item', 'wrong_order', 'overweight', 'underweight', 'unstable',
    'cancelled', 'on_hold', 'changed', 'intercept', 'printer', 'scale', 'core', 'not_allowed', 'short',
  ]),
  /** what happened, as a message key the screen renders in its language (pack-messages.ts) */
  message: PackMessageSchema,
  /** what the operator should do next */
  action: PackMessageSchema,
  needs: z.enum(['scan', 'lead', 'none']),
  at: z.number(),
});
export type PackAlert = z.infer<typeof PackAlert>;

export const PackView = z.object({
  bench: z.object({
    id: z.string(), name: z.string(),
    /** the warehouse the bench packs in (its orders only), once the core said so */
    warehouse: z.object({ code: z.string(), name: z.string() }).nullable().optional(),
  }),
  operator: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable(),
  /** who the bench's device scanners serve: packing, or the Return bench of `by` (station/pack/bench-mode.ts) */
  mode: z.object({ kind: z.enum(['pack', 'returns']), by: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable() }),
  phase: PackPhase,
  order: z
    .object({
      id: z.string(),
      number: z.string(),
      channel: z.string(),
      externalId: z.string().nullable(),
      state: z.string(),
      carrier: z.string().nullable(),
      recipient: z.string().describe('masked name and city'),
      slot: z.string().nullable().describe('cart slot in a batch wave'),
      lines: z.array(PackLine),
      merged: z.array(z.object({ id: z.string(), number: z.string() })).optional().describe('a merged parcel: the other orders of the same buyer and address packed in it'),
      packerNote: z.string().nullable().optional().describe('the note for the packer a rule set'),
    })
    .nullable(),
  parcel: z
    .object({
      index: z.number().int().describe('n of N, from 1'),
      boxType: z.object({ id: z.string(), code: z.string(), name: z.string(), tareG: z.number().int() }).nullable(),
      suggestedBox: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
      expectedG: z.number().int().nullable().describe('items + box tare; null while a unit weight is unknown'),
      minG: z.number().int().nullable(),
      maxG: z.number().int().nullable(),
    })
    .nullable(),
  weight: z.object({ grams: z.number().int().nullable(), stable: z.boolean(), status: z.string(), at: z.number() }).nullable(),
  /** a quantity command was scanned: the next item counts this many times */
  multiplier: z.number().int().nullable(),
  lastScan: z
    .object({ seq: z.number().int(), code: z.string(), result: z.enum(['ok', 'error', 'info']), message: PackMessageSchema, at: z.number() })
    .nullable(),
  alert: PackAlert.nullable(),
  lastLabel: z.object({ parcelId: z.string(), waybill: z.string(), index: z.number().int(), jobId: z.string().nullable(), at: z.number() }).nullable(),
  interceptions: z.array(z.object({ orderId: z.string(), number: z.string(), waybills: z.array(z.string()), reason: PackMessageSchema })),
  /** put wall: where the last sorted item went */
  sort: z.object({ slot: z.number().int(), waveNumber: z.string(), orderNumber: z.string(), remaining: z.number().int(), complete: z.boolean(), at: z.number() }).nullable(),
  counters: z.object({ parcels: z.number().int(), items: z.number().int(), errors: z.number().int() }),
  /** the change feed and the core are reachable */
  online: z.boolean(),
  /** when the bench lost the core (ms since epoch; null while it answers): the screen says "core unreachable since HH:MM" */
  coreLostAt: z.number().nullable(),
});
export type PackView = z.infer<typeof PackView>;

/** Below this the scale counts as empty (the station: the box came off; the screen: nothing to show). */
export const EMPTY_SCALE_G = 20;

/** Command barcodes: printable, scanned like anything else. */
export const PACK_COMMANDS = {
  newBox: 'PL-CMD-NEWBOX',
  reprint: 'PL-CMD-REPRINT',
  void: 'PL-CMD-VOID',
  short: 'PL-CMD-SHORT',
  override: 'PL-CMD-OVERRIDE',
  skip: 'PL-CMD-SKIP',
  logout: 'PL-CMD-LOGOUT',
} as const;
export const QTY_COMMAND_PREFIX = 'PL-CMD-QTY-'; // PL-CMD-QTY-2 .. PL-CMD-QTY-10
export type PackCommand = keyof typeof PACK_COMMANDS;

export type Command = { kind: 'command'; command: PackCommand } | { kind: 'quantity'; times: number };

/** A command barcode, or null. Quantities run from 2 to 10. */
export function parseCommand(code: string): Command | null {
  const upper = code.trim().toUpperCase();
  for (const [command, value] of Object.entries(PACK_COMMANDS)) if (upper === value) return { kind: 'command', command: command as PackCommand };
  if (upper.startsWith(QTY_COMMAND_PREFIX)) {
    const n = Number(upper.slice(QTY_COMMAND_PREFIX.length));
    if (Number.isInteger(n) && n >= 2 && n <= 10) return { kind: 'quantity', times: n };
  }
  return null;
}

/**
 * True when a scan the bench or a screen refuses may be said back with its code (on the screens, in
 * the bench's journal, in the Devices screen's last scans): a command, a code of no badge's form, or
 * a code of the order on the bench (its number, channel number or a merged order's, an item's SKU or
 * barcode). Any other code may be a staff badge, a credential, and only the core could tell (the Pack
 * screen asks it only for a code the shop knows as nothing): such a refusal is said without the code.
 */
export function mayEchoScan(code: string, order: PackView['order']): boolean {
  if (parseCommand(code) || !mayBeBadge(code)) return true;
  if (!order) return false;
  const c = code.trim().toUpperCase();
  const known = [order.number, order.externalId, ...(order.merged ?? []).map((m) => m.number), ...order.lines.flatMap((l) => [l.sku, ...l.barcodes])];
  return known.some((k) => k?.trim().toUpperCase() === c);
}

export const packMethods = {
  'pack.view': { summary: 'The bench as it is now', params: z.object({}), result: PackView },
  'pack.scan': {
    summary: 'A scan from the keyboard wedge or a typed code (device scans reach the station directly)',
    params: z.object({ code: z.string().trim().min(1).max(200), source: z.string().max(40).optional() }),
    result: PackView,
  },
  'pack.login': {
    summary: "Take the screen session's user onto the bench as its operator (scanning a badge does the same)",
    params: z.object({}),
    result: PackView,
  },
  'pack.reason': {
    summary: 'The reason a reprint, void, short or override asks for (typed or picked on screen)',
    params: z.object({ reason: z.string().trim().min(1).max(500) }),
    result: PackView,
  },
} as const;

export const PackEvent = z.object({ type: z.literal('pack.view'), view: PackView });
export type PackEvent = z.infer<typeof PackEvent>;
