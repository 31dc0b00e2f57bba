import { z } from 'zod';
import { CHECK_SCHEMES } from './check-digits';
import { freeText, line, trimmed } from './common';
import { ADMIN, ALL, BinaryFile, IdParam, MANAGE, type RouteDef } from './routing';

// Shipping: waybill numbers (the ranges (号段) a carrier hands the shop, voids) and the end-of-day carrier handover.

export const WaybillRange = z.object({
  id: z.string(),
  carrier: z.string(),
  scheme: z.enum(CHECK_SCHEMES),
  prefix: z.string(),
  suffix: z.string(),
  width: z.number().int(),
  firstSerial: z.number().int(),
  lastSerial: z.number().int(),
  nextSerial: z.number().int(),
  lowWater: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  remaining: z.number().int().describe('numbers still to hand out'),
  nextNumber: z.string().nullable().describe('the number the next allocation gets; null when the range is used up'),
  lastNumber: z.string(),
  low: z.boolean().describe('active and lowWater numbers or fewer left'),
});
export type WaybillRange = z.infer<typeof WaybillRange>;

export const CarrierNumbers = z.object({
  carrier: z.string(),
  remaining: z.number().int().describe('numbers left in the active ranges'),
  low: z.boolean().describe("remaining is at or below the current range's lowWater: add a range soon"),
  warning: z.string().nullable(),
});

export const WaybillRanges = z.object({ items: z.array(WaybillRange), carriers: z.array(CarrierNumbers) });
export type WaybillRanges = z.infer<typeof WaybillRanges>;

export const WaybillRangeInput = z.object({
  carrier: trimmed(40).describe('carrier code, e.g. sf, yto, ems'),
  scheme: z.enum(CHECK_SCHEMES).describe('check digit: s10 (UPU S10, 2 letters + 8 digits + check + country), mod10 (GS1), mod11, none'),
  prefix: line(10).default(''),
  suffix: line(10).default(''),
  width: z.number().int().min(1).max(18).describe('digits of the serial (S10: 8)'),
  first: z.number().int().min(0),
  last: z.number().int().min(0),
  lowWater: z.number().int().min(0).max(1_000_000).optional().describe('warn when this many numbers or fewer are left (default 100)'),
});
export type WaybillRangeInput = z.infer<typeof WaybillRangeInput>;

export const Waybill = z.object({
  number: z.string(),
  carrier: z.string(),
  source: z.string().describe("'range' or 'api:<adapter>'"),
  rangeId: z.string().nullable(),
  serial: z.number().int().nullable(),
  orderId: z.string().nullable(),
  parcelId: z.string().nullable(),
  status: z.enum(['allocated', 'voided']),
  sortCode: z.string().nullable().describe('三段码 / 大头笔 from the carrier'),
  bagPoint: z.string().nullable().describe('集包地 from the carrier'),
  carrierRef: z.string().nullable(),
  labelFormat: z.enum(['zpl', 'pdf']).nullable().describe("format of the carrier's ready label, if it sent one"),
  allocatedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

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

export const shippingRoutes = {
  listWaybillRanges: {
    method: 'GET', path: '/api/waybill-ranges', summary: 'Waybill number ranges per carrier: next number, numbers left, low warning', roles: MANAGE,
    response: WaybillRanges, tag: 'shipping',
  },
  createWaybillRange: {
    method: 'POST', path: '/api/waybill-ranges', summary: 'Add a waybill number range a carrier handed the shop (overlaps are refused)', roles: ADMIN,
    body: WaybillRangeInput, response: WaybillRange, tag: 'shipping',
  },
  voidWaybill: {
    method: 'POST', path: '/api/waybills/:number/void', summary: 'Void a waybill number; it stays issued and is never handed out again', roles: MANAGE,
    params: z.object({ number: z.string().min(1).max(60) }), body: z.object({ reason: freeText(500).min(1) }), response: Waybill, tag: 'shipping',
  },
  pendingHandover: {
    method: 'GET', path: '/api/manifests/pending', summary: 'End of day: labelled parcels of packed orders waiting for each carrier, with counts and total weight', roles: ALL,
    response: z.object({ items: z.array(HandoverPending) }), tag: 'waves',
  },
  pendingParcels: {
    method: 'GET', path: '/api/manifests/pending/:carrier', summary: "The parcels a handover to this carrier would list", roles: ALL,
    params: z.object({ carrier: z.string().min(1).max(32) }), response: z.object({ items: z.array(ManifestParcel) }), tag: 'waves',
  },
  handOver: {
    method: 'POST', path: '/api/manifests', summary: "Hand a carrier its waiting parcels: the manifest lists each parcel once and every order on it ships", roles: MANAGE,
    body: z.object({ carrier: trimmed(32) }), response: ManifestDetail, tag: 'waves',
  },
  listManifests: {
    method: 'GET', path: '/api/manifests', summary: 'Handover manifests, newest first', roles: ALL,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }), response: z.object({ items: z.array(ManifestSummary) }), tag: 'waves',
  },
  getManifest: { method: 'GET', path: '/api/manifests/:id', summary: 'One manifest (by id or number) with its parcels', roles: ALL, params: IdParam, response: ManifestDetail, tag: 'waves' },
  manifestPdf: {
    method: 'GET', path: '/api/manifests/:id/manifest.pdf', summary: 'The manifest as a PDF (A4) for both sides to sign', roles: ALL, params: IdParam,
    response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;
