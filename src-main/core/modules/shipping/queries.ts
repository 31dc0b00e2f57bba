// Reads of shipping: waybill ranges (with what is left per carrier), waybills, the carrier's stored
// label, what waits for the end-of-day handover, and manifests.
import { formatWaybill, type CheckScheme } from '../../../contract/check-digits';
import type { CarrierAccount, HandoverPending, ManifestDetail, ManifestParcel, ManifestSummary, WaybillRanges } from '../../../contract/shipping';
import type { Carrier } from '../../../contract/carriers';
import type { CoreContext } from '../../context';
import { AppError, fail, issue, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { warehouseIdOf } from '../locations/queries';
import type { Db } from '../../store/db';
import {
  carrierAccountIn, carrierAccountRow, carrierAccountRows, carrierAccountsOfCarrier, carrierRow, carrierRows, ewaybillRequestRow, type CarrierAccountRow, type CarrierRow, manifestParcelRows, manifestRow, manifestRows, numbersLeftOf, pendingHandoverRows, pendingParcelRows, rangeRow, rangeRows, storedLabel,
  waybillRow, waybillRowsOfOrder, type RangeRow, type WaybillRow,
} from './store';

export interface WaybillRange {
  id: string;
  carrier: string;
  scheme: CheckScheme;
  prefix: string;
  suffix: string;
  width: number;
  firstSerial: number;
  lastSerial: number;
  nextSerial: number;
  lowWater: number;
  active: boolean;
  createdAt: string;
  /** Numbers still to hand out. */
  remaining: number;
}

export interface Waybill {
  number: string;
  carrier: string;
  source: string;
  rangeId: string | null;
  serial: number | null;
  orderId: string | null;
  parcelId: string | null;
  status: 'allocated' | 'voided';
  sortCode: string | null;
  bagPoint: string | null;
  carrierRef: string | null;
  labelFormat: 'zpl' | 'pdf' | null;
  allocatedAt: string;
  voidedAt: string | null;
  voidReason: string | null;
}

const toRange = (r: RangeRow): WaybillRange => ({
  id: r.id, carrier: r.carrier, scheme: r.scheme, prefix: r.prefix, suffix: r.suffix, width: r.width,
  firstSerial: r.first_serial, lastSerial: r.last_serial, nextSerial: r.next_serial, lowWater: r.low_water,
  active: r.active === 1, createdAt: r.created_at, remaining: r.last_serial - r.next_serial + 1,
});

export function getWaybillRange(db: Db, id: string): WaybillRange {
  return toRange(rangeRow(db, id) ?? notFound('waybill range', id));
}

/** Ranges, oldest first (the order allocation uses them in), optionally for one carrier. */
export function listWaybillRanges(db: Db, carrier?: string): WaybillRange[] {
  return rangeRows(db, carrier).map(toRange);
}

/** Numbers still to hand out in the carrier's active ranges (0: nothing can be labelled for it). */
export function waybillNumbersLeft(db: Db, carrier: string): number {
  return numbersLeftOf(db, carrier);
}

/**
 * Every range with its next and last number and a low flag, and per carrier the numbers left in
 * its active ranges (Settings -> Labels, GET /api/waybill-ranges).
 */
export function waybillRangeOverview(db: Db): WaybillRanges {
  const items = listWaybillRanges(db).map((r) => {
    const format = (serial: number) => formatWaybill({ scheme: r.scheme, serial, width: r.width, prefix: r.prefix, suffix: r.suffix });
    return { ...r, nextNumber: r.remaining > 0 ? format(r.nextSerial) : null, lastNumber: format(r.lastSerial), low: r.active && r.remaining <= r.lowWater };
  });
  const carriers = [...new Set(items.map((r) => r.carrier))].map((carrier) => {
    const live = items.filter((r) => r.carrier === carrier && r.active);
    const remaining = live.reduce((n, r) => n + r.remaining, 0);
    // The range the next number comes from (the oldest with numbers left) sets the warning level.
    const current = live.find((r) => r.remaining > 0) ?? live[live.length - 1];
    const low = remaining === 0 || remaining <= (current?.lowWater ?? 0);
    const warning = !low ? null : remaining === 0
      ? `carrier "${carrier}" has no waybill numbers left: add a range`
      : `carrier "${carrier}" has ${remaining} waybill number(s) left: add a range soon`;
    return { carrier, remaining, low, warning };
  });
  return { items, carriers };
}

const toWaybill = (r: WaybillRow): Waybill => ({
  number: r.number, carrier: r.carrier, source: r.source, rangeId: r.range_id, serial: r.serial, orderId: r.order_id, parcelId: r.parcel_id,
  status: r.status, sortCode: r.sort_code, bagPoint: r.bag_point, carrierRef: r.carrier_ref, labelFormat: r.label_format,
  allocatedAt: r.allocated_at, voidedAt: r.voided_at, voidReason: r.void_reason,
});

export function getWaybill(db: Db, number: string): Waybill {
  return toWaybill(waybillRow(db, number) ?? notFound('waybill', number));
}

export function waybillsForOrder(db: Db, orderId: string): Waybill[] {
  return waybillRowsOfOrder(db, orderId).map(toWaybill);
}

/** The carrier's ready label stored with a waybill, if any (print it as is). */
export function carrierLabel(db: Db, number: string): { format: 'zpl' | 'pdf'; bytes: Buffer } | null {
  const r = storedLabel(db, number);
  return r?.label_format && r.label ? { format: r.label_format, bytes: r.label } : null;
}

/** Parcels waiting for each carrier, with counts and total weight. */
export function pendingHandover(ctx: CoreContext, warehouseId?: string): HandoverPending[] {
  return pendingHandoverRows(ctx.db, warehouseId);
}

const tidy = (rows: ManifestParcel[]) => rows.map((r) => ({ ...r, destination: r.destination.replace(/\s+/g, ' ').trim() }));

/** The parcels a handover to this carrier would list, in order number order. */
export function pendingParcels(ctx: CoreContext, carrier: string, warehouseId?: string): ManifestParcel[] {
  return tidy(pendingParcelRows(ctx.db, carrier, warehouseId));
}

export function listManifests(ctx: CoreContext, limit: number, warehouseId?: string): ManifestSummary[] {
  return manifestRows(ctx.db, limit, warehouseId);
}

export function getManifest(ctx: CoreContext, id: string): ManifestDetail {
  const m = manifestRow(ctx.db, id);
  if (!m) notFound('manifest', id);
  return { ...m!, items: tidy(manifestParcelRows(ctx.db, m!.id)) };
}

// ---- carrier accounts (issue 16)

export const KUAIDI100_API = 'https://api.kuaidi100.com';
export const KUAIDI100_POLL = 'https://poll.kuaidi100.com';

/** An account as the API shows it: secrets only as "set". */
export const toCarrierAccount = (r: CarrierAccountRow): CarrierAccount => ({
  carrier: r.carrier, warehouseId: r.warehouse_id || null, source: r.source, template: r.template as CarrierAccount['template'],
  apiBase: r.api_base, pollBase: r.poll_base, key: r.api_key, secretSet: r.api_secret !== '', customer: r.customer, partnerId: r.partner_id,
  partnerKeySet: r.partner_key !== '', net: r.net, service: r.service, payType: r.pay_type as CarrierAccount['payType'], insuredYuan: r.insured_yuan,
  callbackUrl: r.callback_url, timeoutMs: r.timeout_ms, sender: { name: r.sender_name, phone: r.sender_phone, address: r.sender_address }, updatedAt: r.updated_at,
  lastTest: r.test_at ? { at: r.test_at, ok: r.test_ok === 1, message: r.test_message ?? '' } : null,
});

/** Every account; with a warehouse, the ones its parcels can use (its own and the shop-wide ones). */
export function listCarrierAccounts(db: Db, warehouseId?: string): CarrierAccount[] {
  const rows = carrierAccountRows(db);
  return (warehouseId === undefined ? rows : rows.filter((r) => r.warehouse_id === warehouseId || r.warehouse_id === '')).map(toCarrierAccount);
}

/**
 * The warehouse key of an account a person named (code or id): '' for the shop-wide one (nothing,
 * '' or "all"); an unknown warehouse is refused naming the field, before anything changes.
 */
export function accountWarehouseOf(ctx: CoreContext, ref: string | undefined, path = 'warehouse'): string {
  if (!ref || ref === 'all') return '';
  return warehouseIdOf(ctx, ref) ?? fail('validation', said('accountWarehouseUnknown', { ref }), [issue(path, said('unknownWarehouse'))]);
}

/**
 * The stored account with its secrets (core-internal: adapters), or undefined when the carrier has none.
 * With a warehouse: that warehouse's own account, else the shop-wide one. Without: the shop-wide one,
 * else the carrier's first (tools and the demo that ask for "the" account of a carrier).
 */
export function carrierAccountOf(db: Db, carrier: string, warehouseId?: string | null): CarrierAccountRow | undefined {
  if (warehouseId) return carrierAccountIn(db, warehouseId, carrier);
  return carrierAccountsOfCarrier(db, carrier)[0];
}

export function getCarrierAccount(db: Db, warehouseId: string, carrier: string): CarrierAccount {
  const r = carrierAccountRow(db, warehouseId, carrier);
  if (!r) notFound('carrier account', warehouseId ? `${carrier} (${warehouseId})` : carrier);
  return toCarrierAccount(r!);
}

/** The label template a carrier's parcels print with in a warehouse (its account's choice), or null: the bench decides (4x6 without an account). */
export function templateOfCarrier(db: Db, carrier: string, warehouseId?: string | null): string | null {
  return carrierAccountOf(db, carrier, warehouseId)?.template ?? null;
}

/** The account tracking uses for a carrier: one of its own Kuaidi100 accounts, else any of the shop's (one Kuaidi100 key follows every carrier). */
export function trackingAccountFor(db: Db, carrier: string): CarrierAccountRow | undefined {
  const own = carrierAccountsOfCarrier(db, carrier).find((a) => a.source === 'kuaidi100');
  if (own) return own;
  return carrierAccountRows(db).find((a) => a.source === 'kuaidi100');
}

/** The sender an account ships as: its own where it has one, else the shop's (Settings). */
export function senderOf(a: CarrierAccountRow | undefined, shop: { name: string; phone: string; address: string }): { name: string; phone: string; address: string } {
  return a?.sender_address ? { name: a.sender_name || shop.name, phone: a.sender_phone || shop.phone, address: a.sender_address } : shop;
}

/** The number already issued for a parcel key (order + Idempotency-Key), if any: a retry reuses it. */
export function ewaybillIssuedFor(db: Db, orderId: string, key: string): string | null {
  const r = ewaybillRequestRow(db, `${orderId}:${key}`);
  return r?.state === 'issued' ? r.number : null;
}

const PAY_WORDS: Record<string, string> = { MONTHLY: '寄付月结', SHIPPER: '寄付现结', CONSIGNEE: '到付' };

/**
 * What a carrier account adds to a label: its template and, for a carrier that prints a billing
 * block (SF), 月结卡号, 付款方式 and 保价. Nothing without an account.
 */
export function carrierLabelFields(db: Db, carrier: string, warehouseId?: string | null): { template?: string; monthlyAccount?: string; payMethod?: string; insured?: string } {
  const a = carrierAccountOf(db, carrier, warehouseId);
  if (!a) return {};
  return {
    template: a.template,
    ...(a.source === 'kuaidi100' && a.partner_id ? { monthlyAccount: a.partner_id, payMethod: PAY_WORDS[a.pay_type] ?? a.pay_type } : {}),
    ...(a.insured_yuan > 0 ? { insured: `${a.insured_yuan} 元` } : {}),
  };
}

/**
 * Why an order cannot be shown on a China e-waybill template, or null: its carrier needs an e-waybill
 * account (a range number has no sorting code), and the carrier issues the number when the parcel is confirmed.
 */
export function ewaybillPreviewProblem(db: Db, order: { number: string; carrier: string | null; warehouseId?: string | null }, hasSortCode: boolean): string | null {
  if (hasSortCode) return null;
  if (!order.carrier) return `order ${order.number} has no carrier: an e-waybill needs the carrier's sorting code (大头笔)`;
  const a = carrierAccountOf(db, order.carrier, order.warehouseId);
  if (a?.source !== 'kuaidi100') return `carrier ${order.carrier} of order ${order.number} has no e-waybill account: set one up in Settings > Carrier accounts (a number from a range has no sorting code 大头笔 or bag point 集包地)`;
  return `order ${order.number} has no e-waybill yet: carrier ${order.carrier} issues it (number, 大头笔, 集包地) when the parcel is confirmed at the bench`;
}

// ---- carriers (master data)

const toCarrier = (r: CarrierRow): Carrier => ({
  code: r.code, nameEn: r.name_en, nameZh: r.name_zh, trackingUrl: r.tracking_url, labelTemplate: r.label_template, waybillSource: r.waybill_source,
  services: JSON.parse(r.services) as string[], active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Carriers, active first (or only active / only inactive ones). */
export function listCarriers(db: Db, active?: boolean): Carrier[] {
  return carrierRows(db, active).map(toCarrier);
}

/** A carrier by its code, or undefined when the shop has none by that code. */
export function findCarrier(db: Db, code: string): Carrier | undefined {
  const r = carrierRow(db, code);
  return r ? toCarrier(r) : undefined;
}

export function getCarrier(db: Db, code: string): Carrier {
  return findCarrier(db, code) ?? notFound('carrier', code);
}

/** Refuses a carrier code the shop does not have (field `path`), naming the codes it has. */
export function assertCarrierKnown(db: Db, code: string, path = 'carrier'): Carrier {
  const c = findCarrier(db, code);
  if (c) return c;
  const known = carrierRows(db, true).map((r) => r.code);
  throw new AppError('validation', known.length ? said('carrierNotSetUpActive', { code, active: known.join(', ') }) : said('carrierNotSetUp', { code }), [issue(path, said('unknownCarrier'))]);
}
