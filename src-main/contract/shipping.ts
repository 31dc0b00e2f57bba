import { z } from 'zod';
import { CHECK_SCHEMES } from './check-digits';
import { freeText, line, trimmed } from './common';
import { ADMIN, ALL, BinaryFile, IdParam, MANAGE, type RouteDef } from './routing';
import { said } from './field-messages';
import { Refusal } from './errors';

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
  warehouseId: z.string().nullable(), warehouse: z.string().nullable().describe('the warehouse that handed the parcels over (its code)'),
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
    query: z.object({ warehouse: z.string().trim().max(80).optional().describe('one warehouse (code or id); "all" or left out: every warehouse') }),
    response: z.object({ items: z.array(HandoverPending) }), tag: 'waves',
  },
  pendingParcels: {
    method: 'GET', path: '/api/manifests/pending/:carrier', summary: "The parcels a handover to this carrier would list", roles: ALL,
    params: z.object({ carrier: z.string().min(1).max(32) }), query: z.object({ warehouse: z.string().trim().max(80).optional().describe('one warehouse (code or id); "all" or left out: every warehouse') }), response: z.object({ items: z.array(ManifestParcel) }), tag: 'waves',
  },
  handOver: {
    method: 'POST', path: '/api/manifests', summary: "Hand a carrier its waiting parcels: the manifest lists each parcel once and every order on it ships", roles: MANAGE,
    body: z.object({ carrier: trimmed(32), warehouse: z.string().trim().min(1).max(80).optional().describe('the warehouse handing over (code or id); may be left out when the carrier\'s parcels wait in one warehouse only') }), response: ManifestDetail, tag: 'waves',
  },
  listManifests: {
    method: 'GET', path: '/api/manifests', summary: 'Handover manifests, newest first', roles: ALL,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20), warehouse: z.string().trim().max(80).optional().describe('one warehouse (code or id); "all" or left out: every warehouse') }), response: z.object({ items: z.array(ManifestSummary) }), tag: 'waves',
  },
  getManifest: { method: 'GET', path: '/api/manifests/:id', summary: 'One manifest (by id or number) with its parcels', roles: ALL, params: IdParam, response: ManifestDetail, tag: 'waves' },
  manifestPdf: {
    method: 'GET', path: '/api/manifests/:id/manifest.pdf', summary: 'The manifest as a PDF (A4) for both sides to sign', roles: ALL, params: IdParam,
    response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;

// ---- carrier accounts (issue 16): where a carrier's waybill numbers come from

export const WAYBILL_SOURCES = ['range', 'kuaidi100'] as const;
/** The label a carrier account prints: China one-part / two-part e-waybill, or the generic 4x6. */
export const WAYBILL_TEMPLATES = ['cn-ewaybill-76x130', 'cn-ewaybill-100x180', 'shipping-4x6'] as const;
export const PAY_TYPES = ['MONTHLY', 'SHIPPER', 'CONSIGNEE'] as const;

/** The sender a warehouse's account ships as: its own address, not the head office's. */
export const AccountSender = z.object({ name: line(100).default(''), phone: line(30).default(''), address: line(300).default('') });

export const CarrierAccount = z.object({
  carrier: z.string().describe('carrier code as orders carry it (sf, zto, yto, ems, ...)'),
  warehouseId: z.string().nullable().describe("the warehouse whose parcels use it; null: shop-wide, for every warehouse without its own account for this carrier"),
  source: z.enum(WAYBILL_SOURCES).describe("range: numbers from the carrier's ranges; kuaidi100: an e-waybill per parcel from Kuaidi100's e-waybill API"),
  template: z.enum(WAYBILL_TEMPLATES),
  apiBase: z.string().describe('Kuaidi100 e-waybill API base URL (https://api.kuaidi100.com)'),
  pollBase: z.string().describe('Kuaidi100 tracking API base URL (https://poll.kuaidi100.com)'),
  key: z.string().describe('Kuaidi100 授权 key'),
  secretSet: z.boolean().describe('a secret is stored (never shown again)'),
  customer: z.string().describe('Kuaidi100 customer id (tracking queries)'),
  partnerId: z.string().describe('the carrier account: 月结卡号 / 电子面单客户号'),
  partnerKeySet: z.boolean(),
  net: z.string().describe('网点 code some carriers need'),
  service: z.string().describe('expType, e.g. 标准快递'),
  payType: z.enum(PAY_TYPES).describe('付款方式: MONTHLY 寄付月结, SHIPPER 寄付现结, CONSIGNEE 到付'),
  insuredYuan: z.number().int().describe('保价 printed in the SF billing block; 0 for none'),
  callbackUrl: z.string().describe("this core's address Kuaidi100 pushes tracking to (…/api/tracking/kuaidi100/push); empty: polling only"),
  timeoutMs: z.number().int().describe('how long the bench waits for the carrier'),
  sender: z.object({ name: z.string(), phone: z.string(), address: z.string() }).describe("the sender this account ships as (printed and sent to the carrier); empty fields: the shop's sender from Settings"),
  updatedAt: z.string(),
  lastTest: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
export type CarrierAccount = z.infer<typeof CarrierAccount>;

const url = line(200).refine((s) => s === '' || /^https?:\/\/[^\s]+$/.test(s), said('httpAddress'));
export const CarrierAccountInput = z.object({
  source: z.enum(WAYBILL_SOURCES),
  template: z.enum(WAYBILL_TEMPLATES).default('cn-ewaybill-76x130'),
  apiBase: url.default(''),
  pollBase: url.default(''),
  key: line(80).default(''),
  secret: line(120).optional().describe('leave out to keep the stored one'),
  customer: line(80).default(''),
  partnerId: line(60).default(''),
  partnerKey: line(120).optional().describe('leave out to keep the stored one'),
  net: line(60).default(''),
  service: line(40).default(''),
  payType: z.enum(PAY_TYPES).default('MONTHLY'),
  insuredYuan: z.number().int().min(0).max(1_000_000).default(0),
  callbackUrl: url.default(''),
  timeoutMs: z.number().int().min(500).max(60_000).default(8000),
  warehouse: line(80).optional().describe('the warehouse (code or id) this account is for; left out, empty or "all": the shop-wide account'),
  sender: AccountSender.optional().describe("the sender this warehouse ships as; left out: the shop's sender"),
});
export type CarrierAccountInput = z.infer<typeof CarrierAccountInput>;

// `message` in English; `key` and `params` say it in a screen's language (a Kuaidi100 answer's own words stay as they came)
export const CarrierAccountTest = z.object({ ok: z.boolean(), message: z.string(), ms: z.number().int() }).extend(Refusal.pick({ key: true, params: true }).shape);
export type CarrierAccountTest = z.infer<typeof CarrierAccountTest>;

const CarrierParam = z.object({ carrier: z.string().trim().min(1).max(32).regex(/^[a-z0-9_-]+$/, 'a carrier code: lower-case letters, digits, - and _') });

const AccountWarehouse = z.object({ warehouse: line(80).optional().describe('a warehouse code or id; left out or "all": shop-wide (tests) or every account (the list)') });

export const carrierAccountRoutes = {
  listCarrierAccounts: {
    method: 'GET', path: '/api/carrier-accounts', summary: "Carrier accounts per (warehouse, carrier): number range or Kuaidi100 e-waybill account, template, sender, last test (secrets never shown). With `warehouse`: that warehouse's own and the shop-wide ones", roles: MANAGE,
    query: AccountWarehouse, response: z.object({ items: z.array(CarrierAccount) }), tag: 'shipping',
  },
  putCarrierAccount: {
    method: 'PUT', path: '/api/carrier-accounts/:carrier', summary: "Set a carrier's account for one warehouse (body `warehouse`) or shop-wide (source, keys, template, service, sender); a missing secret keeps the stored one", roles: ADMIN,
    params: CarrierParam, body: CarrierAccountInput, response: CarrierAccount, tag: 'shipping',
  },
  testCarrierAccount: {
    method: 'POST', path: '/api/carrier-accounts/:carrier/test', summary: "A test call to the carrier's API with the stored account (`warehouse`: that warehouse's own; left out: the shop-wide one): says whether the key and signature are accepted", roles: ADMIN,
    params: CarrierParam, query: AccountWarehouse, response: CarrierAccountTest, tag: 'shipping',
  },
} as const satisfies Record<string, RouteDef>;
