// SQL of shipping: waybill number ranges, issued waybills, handover manifests and their parcels.
// Writes only waybill_ranges, waybills, manifests and manifest_parcels; the handover reads join the
// packed orders and their labelled parcels.
import type { CheckScheme } from '../../../contract/check-digits';
import type { HandoverPending, ManifestParcel, ManifestSummary } from '../../../contract/shipping';
import { prep, type Db } from '../../store/db';

// ---- waybill ranges

export type RangeRow = {
  id: string; carrier: string; scheme: CheckScheme; prefix: string; suffix: string; width: number;
  first_serial: number; last_serial: number; next_serial: number; low_water: number; active: number; created_at: string;
};

/** A range of the same carrier, scheme, prefix and suffix whose serials overlap first..last. */
export function overlappingRange(db: Db, r: { carrier: string; scheme: CheckScheme; prefix: string; suffix: string; width: number; first: number; last: number }): { id: string } | undefined {
  return prep(db, `SELECT id FROM waybill_ranges WHERE carrier = ? AND scheme = ? AND prefix = ? AND suffix = ? AND width = ?
      AND first_serial <= ? AND last_serial >= ? LIMIT 1`).get(r.carrier, r.scheme, r.prefix, r.suffix, r.width, r.last, r.first) as { id: string } | undefined;
}

export function insertWaybillRange(db: Db, r: {
  id: string; carrier: string; scheme: CheckScheme; prefix: string; suffix: string; width: number; first: number; last: number; lowWater: number; createdAt: string;
}): void {
  prep(db, `INSERT INTO waybill_ranges (id, carrier, scheme, prefix, suffix, width, first_serial, last_serial, next_serial, low_water, active, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`).run(r.id, r.carrier, r.scheme, r.prefix, r.suffix, r.width, r.first, r.last, r.first, r.lowWater, r.createdAt);
}

export function rangeRow(db: Db, id: string): RangeRow | undefined {
  return prep(db, 'SELECT * FROM waybill_ranges WHERE id = ?').get(id) as RangeRow | undefined;
}

/** Ranges, oldest first (the order allocation uses them in), optionally for one carrier. */
export function rangeRows(db: Db, carrier?: string): RangeRow[] {
  return (carrier
    ? prep(db, 'SELECT * FROM waybill_ranges WHERE carrier = ? ORDER BY created_at, id').all(carrier)
    : prep(db, 'SELECT * FROM waybill_ranges ORDER BY carrier, created_at, id').all()) as RangeRow[];
}

export function setRangeActive(db: Db, id: string, active: boolean): void {
  prep(db, 'UPDATE waybill_ranges SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

/** The range the next number of a carrier comes from: its oldest active range with numbers left. */
export const NEXT_RANGE_OF_CARRIER = `SELECT * FROM waybill_ranges WHERE carrier = ? AND active = 1 AND next_serial <= last_serial
      ORDER BY created_at, id LIMIT 1`;

export function nextRangeOf(db: Db, carrier: string): RangeRow | undefined {
  return prep(db, NEXT_RANGE_OF_CARRIER).get(carrier) as RangeRow | undefined;
}

export function rangeCountOf(db: Db, carrier: string): number {
  return (prep(db, 'SELECT COUNT(*) AS n FROM waybill_ranges WHERE carrier = ?').get(carrier) as { n: number }).n;
}

/** Numbers still to hand out in the carrier's active ranges. */
export function numbersLeftOf(db: Db, carrier: string): number {
  return (prep(db, 'SELECT COALESCE(SUM(last_serial - next_serial + 1), 0) n FROM waybill_ranges WHERE carrier = ? AND active = 1').get(carrier) as { n: number }).n;
}

/** Guarded bump: only succeeds (returns true) if nobody moved the range since it was read at `serial`. */
export function bumpRange(db: Db, rangeId: string, serial: number): boolean {
  return prep(db, 'UPDATE waybill_ranges SET next_serial = next_serial + 1 WHERE id = ? AND next_serial = ?').run(rangeId, serial).changes === 1;
}

// ---- waybills

export type WaybillRow = {
  number: string; carrier: string; source: string; range_id: string | null; serial: number | null; order_id: string | null; parcel_id: string | null;
  status: 'allocated' | 'voided'; sort_code: string | null; bag_point: string | null; carrier_ref: string | null; label_format: 'zpl' | 'pdf' | null;
  allocated_at: string; voided_at: string | null; void_reason: string | null;
};

const WAYBILL_COLUMNS = 'number, carrier, source, range_id, serial, order_id, parcel_id, status, sort_code, bag_point, carrier_ref, label_format, allocated_at, voided_at, void_reason';

/** Whether a number was ever issued (voided ones included). */
export const WAYBILL_EXISTS = 'SELECT number FROM waybills WHERE number = ?';

export function waybillExists(db: Db, number: string): boolean {
  return prep(db, WAYBILL_EXISTS).get(number) !== undefined;
}

export function insertWaybillRow(db: Db, w: {
  number: string; carrier: string; source: string; rangeId: string | null; serial: number | null; orderId: string | null; parcelId: string | null;
  sortCode: string | null; bagPoint: string | null; carrierRef: string | null; labelFormat: 'zpl' | 'pdf' | null; label: Buffer | null; allocatedAt: string;
}): void {
  prep(db, `INSERT INTO waybills (number, carrier, source, range_id, serial, order_id, parcel_id, status, sort_code, bag_point, carrier_ref, label_format, label, allocated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'allocated', ?, ?, ?, ?, ?, ?)`).run(
    w.number, w.carrier, w.source, w.rangeId, w.serial, w.orderId, w.parcelId, w.sortCode, w.bagPoint, w.carrierRef, w.labelFormat, w.label, w.allocatedAt);
}

export function waybillRow(db: Db, number: string): WaybillRow | undefined {
  return prep(db, `SELECT ${WAYBILL_COLUMNS} FROM waybills WHERE number = ?`).get(number) as WaybillRow | undefined;
}

/** An order's waybills, oldest first. */
export const WAYBILLS_OF_ORDER = `SELECT ${WAYBILL_COLUMNS} FROM waybills WHERE order_id = ? ORDER BY allocated_at, number`;

export function waybillRowsOfOrder(db: Db, orderId: string): WaybillRow[] {
  return prep(db, WAYBILLS_OF_ORDER).all(orderId) as WaybillRow[];
}

export function storedLabel(db: Db, number: string): { label_format: 'zpl' | 'pdf' | null; label: Buffer | null } | undefined {
  return prep(db, 'SELECT label_format, label FROM waybills WHERE number = ?').get(number) as { label_format: 'zpl' | 'pdf' | null; label: Buffer | null } | undefined;
}

/** Marks an allocated waybill voided; false when it was not (already voided). */
export function setWaybillVoided(db: Db, number: string, at: string, reason: string): boolean {
  return prep(db, "UPDATE waybills SET status = 'voided', voided_at = ?, void_reason = ? WHERE number = ? AND status = 'allocated'").run(at, reason, number).changes === 1;
}

// ---- handover manifests

// Driven from the packed orders (the state index), never from every parcel ever labelled.
const PENDING = `FROM orders o JOIN parcels p ON p.order_id = o.id AND p.state = 'labelled'
  WHERE o.state = 'packed' AND NOT EXISTS (SELECT 1 FROM manifest_parcels mp WHERE mp.parcel_id = p.id)`;

/** Parcels waiting for each carrier, with counts and total weight. */
export const PENDING_HANDOVER = `SELECT p.carrier, COUNT(*) parcels, COUNT(DISTINCT o.id) orders, SUM(p.measured_g) weightG ${PENDING} GROUP BY p.carrier ORDER BY p.carrier`;

/** The same, of one warehouse's packed orders. */
const PENDING_HANDOVER_IN = `SELECT p.carrier, COUNT(*) parcels, COUNT(DISTINCT o.id) orders, SUM(p.measured_g) weightG ${PENDING} AND o.warehouse_id = ? GROUP BY p.carrier ORDER BY p.carrier`;

export function pendingHandoverRows(db: Db, warehouseId?: string): HandoverPending[] {
  return (warehouseId ? prep(db, PENDING_HANDOVER_IN).all(warehouseId) : prep(db, PENDING_HANDOVER).all()) as HandoverPending[];
}

/** The warehouses whose packed parcels wait for this carrier. */
export function pendingWarehouses(db: Db, carrier: string): string[] {
  return prep(db, `SELECT DISTINCT o.warehouse_id ${PENDING} AND p.carrier = ?`).pluck().all(carrier) as string[];
}

const PARCEL_COLUMNS = `p.id parcelId, p.waybill, o.id orderId, o.number orderNumber, p.seq,
  (SELECT COUNT(*) FROM parcels q WHERE q.order_id = o.id AND q.state = 'labelled') count, p.measured_g weightG,
  COALESCE(json_extract(o.ship_to, '$.city'), '') || ' ' || COALESCE(json_extract(o.ship_to, '$.province'), '') || ' ' || json_extract(o.ship_to, '$.country') destination`;

/** The parcels a handover to this carrier would list, in order number order (destination not yet tidied). */
export function pendingParcelRows(db: Db, carrier: string, warehouseId?: string): ManifestParcel[] {
  return (warehouseId
    ? prep(db, `SELECT ${PARCEL_COLUMNS} ${PENDING} AND p.carrier = ? AND o.warehouse_id = ? ORDER BY o.number, p.seq`).all(carrier, warehouseId)
    : prep(db, `SELECT ${PARCEL_COLUMNS} ${PENDING} AND p.carrier = ? ORDER BY o.number, p.seq`).all(carrier)) as ManifestParcel[];
}

export function insertManifest(db: Db, m: { id: string; number: string; carrier: string; parcels: number; weightG: number; createdAt: string; createdBy: string; warehouseId: string | null }): void {
  prep(db, 'INSERT INTO manifests (id, number, carrier, parcels, weight_g, created_at, created_by, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(m.id, m.number, m.carrier, m.parcels, m.weightG, m.createdAt, m.createdBy, m.warehouseId);
}

export function insertManifestParcels(db: Db, manifestId: string, parcels: readonly { parcelId: string; orderId: string }[]): void {
  const add = prep(db, 'INSERT INTO manifest_parcels (parcel_id, manifest_id, order_id) VALUES (?, ?, ?)');
  for (const p of parcels) add.run(p.parcelId, manifestId, p.orderId);
}

const MANIFEST_COLUMNS = `m.id, m.number, m.carrier, m.parcels, (SELECT COUNT(DISTINCT order_id) FROM manifest_parcels WHERE manifest_id = m.id) orders,
      m.weight_g weightG, m.created_at createdAt, m.created_by createdBy, m.warehouse_id warehouseId, (SELECT code FROM warehouses WHERE id = m.warehouse_id) warehouse`;

export function manifestRows(db: Db, limit: number, warehouseId?: string): ManifestSummary[] {
  return (warehouseId
    ? prep(db, `SELECT ${MANIFEST_COLUMNS} FROM manifests m WHERE m.warehouse_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?`).all(warehouseId, limit)
    : prep(db, `SELECT ${MANIFEST_COLUMNS} FROM manifests m ORDER BY m.created_at DESC, m.id DESC LIMIT ?`).all(limit)) as ManifestSummary[];
}

/** A manifest by id or number. */
export function manifestRow(db: Db, ref: string): ManifestSummary | undefined {
  return prep(db, `SELECT ${MANIFEST_COLUMNS} FROM manifests m WHERE m.id = ? OR m.number = ?`).get(ref, ref) as ManifestSummary | undefined;
}

export function manifestParcelRows(db: Db, manifestId: string): ManifestParcel[] {
  return prep(db, `SELECT ${PARCEL_COLUMNS} FROM manifest_parcels mp JOIN parcels p ON p.id = mp.parcel_id JOIN orders o ON o.id = mp.order_id
    WHERE mp.manifest_id = ? ORDER BY o.number, p.seq`).all(manifestId) as ManifestParcel[];
}

// ---- carrier accounts and e-waybill requests (issue 16)

export type CarrierAccountRow = {
  /** '' for the shop-wide account (every warehouse without its own) */
  warehouse_id: string; carrier: string; source: 'range' | 'kuaidi100'; template: string; api_base: string; poll_base: string; api_key: string; api_secret: string;
  customer: string; partner_id: string; partner_key: string; net: string; service: string; pay_type: string; insured_yuan: number; callback_url: string;
  timeout_ms: number; sender_name: string; sender_phone: string; sender_address: string;
  updated_at: string; updated_by: string; test_at: string | null; test_ok: number | null; test_message: string | null;
};

/** One warehouse's own account for a carrier ('' the shop-wide one), exactly. */
export function carrierAccountRow(db: Db, warehouseId: string, carrier: string): CarrierAccountRow | undefined {
  return prep(db, 'SELECT * FROM carrier_accounts WHERE warehouse_id = ? AND carrier = ?').get(warehouseId, carrier) as CarrierAccountRow | undefined;
}

/** The account a warehouse's parcels use for a carrier: its own, else the shop-wide one ('' sorts first, so DESC puts the own one first). */
export function carrierAccountIn(db: Db, warehouseId: string, carrier: string): CarrierAccountRow | undefined {
  return prep(db, "SELECT * FROM carrier_accounts WHERE carrier = ? AND warehouse_id IN (?, '') ORDER BY warehouse_id DESC LIMIT 1").get(carrier, warehouseId) as CarrierAccountRow | undefined;
}

/** Every account of a carrier, the shop-wide one first. */
export function carrierAccountsOfCarrier(db: Db, carrier: string): CarrierAccountRow[] {
  return prep(db, 'SELECT * FROM carrier_accounts WHERE carrier = ? ORDER BY warehouse_id').all(carrier) as CarrierAccountRow[];
}

export function carrierAccountRows(db: Db): CarrierAccountRow[] {
  return prep(db, 'SELECT * FROM carrier_accounts ORDER BY carrier, warehouse_id').all() as CarrierAccountRow[];
}

export function upsertCarrierAccount(db: Db, a: Omit<CarrierAccountRow, 'test_at' | 'test_ok' | 'test_message'>): void {
  prep(db, `INSERT INTO carrier_accounts (warehouse_id, carrier, source, template, api_base, poll_base, api_key, api_secret, customer, partner_id, partner_key, net, service, pay_type,
      insured_yuan, callback_url, timeout_ms, sender_name, sender_phone, sender_address, updated_at, updated_by)
    VALUES (@warehouse_id, @carrier, @source, @template, @api_base, @poll_base, @api_key, @api_secret, @customer, @partner_id, @partner_key, @net, @service, @pay_type,
      @insured_yuan, @callback_url, @timeout_ms, @sender_name, @sender_phone, @sender_address, @updated_at, @updated_by)
    ON CONFLICT (warehouse_id, carrier) DO UPDATE SET source = excluded.source, template = excluded.template, api_base = excluded.api_base, poll_base = excluded.poll_base,
      api_key = excluded.api_key, api_secret = excluded.api_secret, customer = excluded.customer, partner_id = excluded.partner_id, partner_key = excluded.partner_key,
      net = excluded.net, service = excluded.service, pay_type = excluded.pay_type, insured_yuan = excluded.insured_yuan, callback_url = excluded.callback_url,
      timeout_ms = excluded.timeout_ms, sender_name = excluded.sender_name, sender_phone = excluded.sender_phone, sender_address = excluded.sender_address,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`).run(a);
}

export function setCarrierAccountTest(db: Db, warehouseId: string, carrier: string, at: string, ok: boolean, message: string): void {
  prep(db, 'UPDATE carrier_accounts SET test_at = ?, test_ok = ?, test_message = ? WHERE warehouse_id = ? AND carrier = ?').run(at, ok ? 1 : 0, message, warehouseId, carrier);
}

export type EwaybillRequestRow = {
  parcel_key: string; order_id: string; carrier: string; attempt: number; reference: string; state: 'asking' | 'issued' | 'voided';
  number: string | null; error: string | null; created_at: string; updated_at: string;
};

export function ewaybillRequestRow(db: Db, parcelKey: string): EwaybillRequestRow | undefined {
  return prep(db, 'SELECT * FROM ewaybill_requests WHERE parcel_key = ?').get(parcelKey) as EwaybillRequestRow | undefined;
}

export function insertEwaybillRequest(db: Db, r: { parcelKey: string; orderId: string; carrier: string; reference: string; at: string }): void {
  prep(db, "INSERT INTO ewaybill_requests (parcel_key, order_id, carrier, reference, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'asking', ?, ?)")
    .run(r.parcelKey, r.orderId, r.carrier, r.reference, r.at, r.at);
}

/** A voided request asked again: a new attempt with a new reference (the carrier must not answer the voided number). */
export function retryEwaybillRequest(db: Db, parcelKey: string, reference: string, at: string): void {
  prep(db, "UPDATE ewaybill_requests SET state = 'asking', attempt = attempt + 1, reference = ?, number = NULL, error = NULL, updated_at = ? WHERE parcel_key = ?").run(reference, at, parcelKey);
}

export function setEwaybillRequest(db: Db, parcelKey: string, state: 'issued' | 'voided', number: string, at: string): void {
  prep(db, 'UPDATE ewaybill_requests SET state = ?, number = ?, error = NULL, updated_at = ? WHERE parcel_key = ?').run(state, number, at, parcelKey);
}

export function setEwaybillRequestError(db: Db, parcelKey: string, error: string, at: string): void {
  prep(db, 'UPDATE ewaybill_requests SET error = ?, updated_at = ? WHERE parcel_key = ?').run(error, at, parcelKey);
}

/** Links an issued number to the parcel that carries it (a carrier's number is recorded before the parcel exists). */
export function setWaybillParcel(db: Db, number: string, parcelId: string): void {
  prep(db, 'UPDATE waybills SET parcel_id = ? WHERE number = ?').run(parcelId, number);
}

// ---- carriers (master data)

export type CarrierRow = {
  code: string; name_en: string; name_zh: string; tracking_url: string; label_template: string; waybill_source: 'range' | 'account';
  services: string; active: number; created_at: string; updated_at: string;
};

export function carrierRows(db: Db, active?: boolean): CarrierRow[] {
  return (active === undefined
    ? prep(db, 'SELECT * FROM carriers ORDER BY active DESC, code').all()
    : prep(db, 'SELECT * FROM carriers WHERE active = ? ORDER BY code').all(active ? 1 : 0)) as CarrierRow[];
}

export function carrierRow(db: Db, code: string): CarrierRow | undefined {
  return prep(db, 'SELECT * FROM carriers WHERE code = ?').get(code) as CarrierRow | undefined;
}

export function insertCarrier(db: Db, c: Omit<CarrierRow, 'updated_at'>): void {
  prep(db, `INSERT INTO carriers (code, name_en, name_zh, tracking_url, label_template, waybill_source, services, active, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(c.code, c.name_en, c.name_zh, c.tracking_url, c.label_template, c.waybill_source, c.services, c.active, c.created_at, c.created_at);
}

export function updateCarrierRow(db: Db, c: CarrierRow): void {
  prep(db, `UPDATE carriers SET name_en = ?, name_zh = ?, tracking_url = ?, label_template = ?, waybill_source = ?, services = ?, active = ?, updated_at = ?
    WHERE code = ?`).run(c.name_en, c.name_zh, c.tracking_url, c.label_template, c.waybill_source, c.services, c.active, c.updated_at, c.code);
}
