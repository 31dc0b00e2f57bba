import { z } from 'zod';
import { BoxType } from './catalog';
import { freeText, grams, trimmed } from './common';
import { LabelData } from './labels';
import { PackException } from './exceptions';
import { Refusal } from './errors';
import { Address, OrderState } from './orders';
import { ALL, IdParam, MANAGE, Ok, ReasonBody, type RouteDef, STAFF } from './routing';

// The core side of the packing bench (issue 5): what a bench gets when it starts an order, the
// parcels it labels, and the unit weights learned from the scale. Weights are integer grams. The
// station talks to these routes over HTTP only (contract/api.ts).

const id = z.string().min(1).max(80);

export const Bench = trimmed(40).describe('The bench that packs, e.g. "B1"');

/** One SKU and how many of it go in (or are missing from) a parcel. */
export const PackItem = z.object({ skuId: id, qty: z.number().int().min(1).max(10_000) });
export type PackItem = z.infer<typeof PackItem>;

/** A lead's (or admin's) badge scanned at the bench to allow what an operator may not do alone. */
export const BadgeOverride = z.object({
  badge: trimmed(64),
  pin: z.string().max(8).optional().describe('when the badge has a PIN or the shop asks for one'),
  reason: freeText(500).min(1),
});
export type BadgeOverride = z.infer<typeof BadgeOverride>;

export const PARCEL_STATES = ['labelled', 'voided'] as const;

export const Parcel = z.object({
  id: z.string(),
  orderId: z.string(),
  seq: z.number().int().describe('n of "n of N", from 1; a replacement for a voided parcel takes its number'),
  of: z.number().int().nullable().describe('N once the order is fully packed, else null'),
  state: z.enum(PARCEL_STATES),
  boxTypeId: z.string().nullable(),
  boxCode: z.string().nullable(),
  tareG: z.number().int(),
  items: z.array(PackItem),
  expectedG: z.number().int().nullable().describe('items + tare; null when a unit weight is unknown (no weight check)'),
  measuredG: z.number().int(),
  minG: z.number().int().nullable(),
  maxG: z.number().int().nullable(),
  override: z.object({ by: z.string(), byName: z.string(), reason: z.string() }).nullable().describe('who let an out-of-tolerance weight pass'),
  carrier: z.string(),
  waybill: z.string(),
  bench: z.string(),
  packedBy: z.string(),
  createdAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Parcel = z.infer<typeof Parcel>;

export const PackLineInfo = z.object({
  lineId: z.string(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int(),
  packed: z.number().int().describe('units of this line already in labelled parcels'),
  remaining: z.number().int(),
  barcodes: z.array(z.object({ code: z.string(), units: z.number().int().describe('a case barcode counts several') })),
  unitWeightG: z.number().int().nullable(),
  location: z.string().nullable(),
  dimensionsMm: z.object({ length: z.number().int(), width: z.number().int(), height: z.number().int() }).nullable(),
  hasImage: z.boolean().describe("the product has a picture at GET /api/skus/:id/image (a picture's link elsewhere is not one)"),
  orderNumber: z.string().optional().describe('a merged parcel: the order this line belongs to'),
});
export type PackLineInfo = z.infer<typeof PackLineInfo>;

export const Tolerance = z.object({
  weightToleranceG: z.number().int(),
  weightTolerancePct: z.number(),
}).describe('A parcel passes when |measured - expected| <= max(weightToleranceG, expected x weightTolerancePct / 100)');

export const PackTicket = z.object({
  bench: z.string(),
  order: z.object({
    id: z.string(), number: z.string(), channel: z.string(), externalId: z.string(),
    state: OrderState, version: z.number().int(),
    carrier: z.string().nullable(), service: z.string().nullable(), shipBy: z.string().nullable(), priority: z.number().int(), note: z.string().nullable(),
    shipTo: Address.describe('masked for roles that may not see the full phone number'),
  }),
  lines: z.array(PackLineInfo),
  parcels: z.array(Parcel).describe('labelled parcels so far'),
  boxTypes: z.array(BoxType),
  suggestedBox: z.object({ id: z.string(), code: z.string(), name: z.string(), by: z.enum(['volume', 'weight']) }).nullable(),
  tolerance: Tolerance,
  wave: z.object({ waveNumber: z.string(), slot: z.number().int() }).nullable().describe('the wave and cart slot the order sits in'),
  warnings: z.array(z.string()).describe('what will stop this order later, e.g. no waybill range for its carrier'),
  mergedOrders: z.array(z.object({ id: z.string(), number: z.string(), channel: z.string(), externalId: z.string() })).optional()
    .describe('a merged parcel (the same buyer to the same address): the other orders packed in it under this one, their lines among `lines`'),
  packerNote: z.string().nullable().optional().describe('the note for the packer set by a rule (of every order in the parcel)'),
});
export type PackTicket = z.infer<typeof PackTicket>;

export const StartPackingBody = z.object({
  bench: Bench,
  override: BadgeOverride.optional().describe('a lead badge to take over an order another bench started'),
});

/** Orders in these states may come onto a bench (allocated, in a wave, picked, or packing already). */
export const PACKABLE_STATES: readonly OrderState[] = ['allocated', 'in_wave', 'picked', 'packing'];

/**
 * The order a scanned code names for a free bench, by what the code found: the one order, or the one
 * packable order among several (a reused pick slip); 'many' when that leaves none or several; null
 * when it found no order. A product's barcode is never an order scan (the caller leaves its orders out).
 */
export function orderToStart(orders: readonly { id: string; state: OrderState | string }[]): string | 'many' | null {
  if (orders.length === 1) return orders[0]!.id;
  if (orders.length === 0) return null;
  const open = orders.filter((o) => (PACKABLE_STATES as readonly string[]).includes(o.state));
  return open.length === 1 ? open[0]!.id : 'many';
}

export const PackScanBody = z.object({
  code: z.string().min(1).max(100).describe('what the bench scanned: order number, channel number, pick slip, tote, or a product barcode'),
  bench: Bench,
});

export const PackScanResult = z.object({
  code: z.string(),
  orders: z.array(z.object({ id: z.string(), number: z.string(), state: OrderState })).describe('the orders the code names (none for a product barcode)'),
  skus: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string() })).describe('a product barcode: its SKU (the bench sorts it to its order, nothing is started)'),
  ticket: PackTicket.nullable().describe('the one order the code names, started (or resumed) at this bench, as packStart returns it'),
  refused: Refusal.nullable()
    .describe('why that order could not be started here (cancelled, on hold, another bench, another warehouse, a paused wave), as packStart refuses it; nothing changed'),
});
export type PackScanResult = z.infer<typeof PackScanResult>;

export const CreateParcelBody = z.object({
  bench: Bench,
  expectedVersion: z.number().int().min(1),
  boxTypeId: id.nullable().describe('box type id, or its code as scanned (e.g. BOX-S); null: no box (tare 0)'),
  items: z.array(PackItem).min(1).max(500),
  measuredG: grams,
  final: z.boolean().describe('the last parcel: refused while items would be left; a parcel that takes the last items closes the order anyway'),
  override: BadgeOverride.optional().describe('a lead badge that lets a weight out of tolerance pass'),
});
export type CreateParcelBody = z.infer<typeof CreateParcelBody>;

export const PackOrderRef = z.object({
  id: z.string(), number: z.string(), state: OrderState, version: z.number().int(),
  remainingUnits: z.number().int().describe('units not yet in a labelled parcel'),
});
export type PackOrderRef = z.infer<typeof PackOrderRef>;

export const ParcelResult = z.object({
  parcel: Parcel,
  order: PackOrderRef,
  label: LabelData.describe('what the label printer prints for this parcel: order, parcel (index, count, weightG, waybill), carrier (sortCode, bagPoint when the waybill source gives them), recipient (phone masked for roles that may not see it in full; templates print the masked form), sender, the items in this box'),
  warnings: z.array(z.string()).describe('e.g. the waybill range is running low'),
});
export type ParcelResult = z.infer<typeof ParcelResult>;

export const ShortBody = z.object({ bench: Bench, reason: freeText(500).min(1), missing: z.array(PackItem).min(1).max(500) });

export const WeightProposal = z.object({
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  proposedG: z.number().int().describe('mean over the samples: (measured - tare - known items) / qty'),
  samples: z.number().int().describe('parcels behind the proposal'),
  units: z.number().int(),
  minG: z.number().int().describe('lowest single-parcel estimate'),
  maxG: z.number().int().describe('highest single-parcel estimate'),
  lastAt: z.string(),
});
export type WeightProposal = z.infer<typeof WeightProposal>;

export const packingRoutes = {
  packStart: {
    method: 'POST', path: '/api/orders/:id/pack/start', summary: 'Start (or resume at the same bench) packing an order: moves it to packing and returns what the bench needs', roles: STAFF,
    params: IdParam, body: StartPackingBody, response: PackTicket, tag: 'packing',
  },
  packScan: {
    method: 'POST', path: '/api/pack/scan', summary: "An order scan at a free bench in one round trip: looks the code up and starts (or resumes) the one order it names, as lookup then packStart would; a refusal comes back in `refused` and changes nothing", roles: STAFF,
    body: PackScanBody, response: PackScanResult, tag: 'packing',
  },
  createParcel: {
    method: 'POST', path: '/api/orders/:id/parcels', summary: 'Label one parcel: checks items, version and weight, allocates a waybill (Idempotency-Key required: a retry returns the same parcel and waybill)', roles: STAFF,
    params: IdParam, body: CreateParcelBody, response: ParcelResult, idempotent: true, tag: 'packing',
  },
  listParcels: { method: 'GET', path: '/api/orders/:id/parcels', summary: "An order's parcels, voided ones too", roles: ALL, params: IdParam, response: z.object({ items: z.array(Parcel) }), tag: 'packing' },
  voidParcel: {
    method: 'POST', path: '/api/parcels/:id/void', summary: 'Void a parcel and its waybill (the number is never reused); a packed order goes back to packing', roles: STAFF,
    params: IdParam, body: z.object({ reason: freeText(500).min(1) }), response: z.object({ parcel: Parcel, order: PackOrderRef }), tag: 'packing',
  },
  reprintParcel: {
    method: 'POST', path: '/api/parcels/:id/reprint', summary: 'Label data to print a parcel again (audited: who and why)', roles: STAFF,
    params: IdParam, body: z.object({ reason: freeText(500).min(1) }), response: z.object({ parcel: Parcel, label: LabelData }), tag: 'packing',
  },
  packShort: {
    method: 'POST', path: '/api/orders/:id/pack/short', summary: 'Items are missing at the bench: the order goes to exception and a short exception is raised', roles: STAFF,
    params: IdParam, body: ShortBody, response: z.object({ order: PackOrderRef, exception: PackException }), tag: 'packing',
  },
  listWeightProposals: { method: 'GET', path: '/api/weight-proposals', summary: 'Unit weights learned from parcels for SKUs that have none', roles: ALL, response: z.object({ items: z.array(WeightProposal) }), tag: 'packing' },
  acceptWeightProposal: {
    method: 'POST', path: '/api/weight-proposals/:skuId/accept', summary: "Set the SKU's unit weight from the proposal, or to the grams given (audited)", roles: MANAGE,
    params: z.object({ skuId: z.string().min(1).max(80) }), body: z.object({ grams: z.number().int().min(1).max(1_000_000).optional() }),
    response: z.object({ skuId: z.string(), sku: z.string(), unitWeightG: z.number().int() }), tag: 'packing',
  },
  rejectWeightProposal: {
    method: 'POST', path: '/api/weight-proposals/:skuId/reject', summary: 'Drop the proposal; later parcels may propose again', roles: MANAGE,
    params: z.object({ skuId: z.string().min(1).max(80) }), body: ReasonBody, response: Ok, tag: 'packing',
  },
} as const satisfies Record<string, RouteDef>;
