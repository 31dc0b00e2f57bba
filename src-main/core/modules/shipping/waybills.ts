// Waybill numbers (LABELS.md "Waybill numbers"): ranges a carrier hands the shop, allocated one by
// one inside a SQLite write transaction, and numbers from a carrier API. A number is issued once:
// the range's next_serial moves forward in the same commit that records the number, so a crash
// (even kill -9) either loses the whole allocation (nobody saw the number) or keeps both; a void
// marks the row and never gives the serial back.
import { monotonicFactory } from 'ulid';
import { CHECK_SCHEMES, formatWaybill, type CheckScheme } from '../../../contract/check-digits';
import type { Clock } from '../../../lib/clock';
import { AppError } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { CarrierApiAdapter, CarrierWaybill, CarrierWaybillRequest } from '../../../labels/carriers/adapter';
import type { WaybillRanges } from '../../../contract/shipping';
import { prep, type Db } from '../../store/db';
import { appendEvent, type Actor } from '../../store/events';
import { addWaybillCode } from '../orders/actions/order-codes';

const log = logger('core.waybills');
const nextUlid = monotonicFactory();

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

export interface AddRangeInput {
  carrier: string;
  scheme: CheckScheme;
  prefix?: string;
  suffix?: string;
  /** Digits of the serial (S10: always 8). */
  width: number;
  first: number;
  last: number;
  /** Warn when this many numbers or fewer are left (default 100). */
  lowWater?: number;
}

export interface Allocation {
  number: string;
  rangeId: string;
  serial: number;
  remaining: number;
  /** Set when the range has lowWater numbers or fewer left (also logged and recorded as an event). */
  lowWarning?: string;
}

type RangeRow = {
  id: string; carrier: string; scheme: CheckScheme; prefix: string; suffix: string; width: number;
  first_serial: number; last_serial: number; next_serial: number; low_water: number; active: number; created_at: string;
};

const toRange = (r: RangeRow): WaybillRange => ({
  id: r.id, carrier: r.carrier, scheme: r.scheme, prefix: r.prefix, suffix: r.suffix, width: r.width,
  firstSerial: r.first_serial, lastSerial: r.last_serial, nextSerial: r.next_serial, lowWater: r.low_water,
  active: r.active === 1, createdAt: r.created_at, remaining: r.last_serial - r.next_serial + 1,
});

/**
 * Adds a number range for a carrier. Refuses a range whose numbers could repeat another range's
 * (same carrier, scheme, prefix and suffix, overlapping serials). Records 'waybill_range.added'.
 */
export function addWaybillRange(db: Db, clock: Clock, input: AddRangeInput, actor: Actor): WaybillRange {
  const prefix = input.prefix ?? '';
  const suffix = input.suffix ?? '';
  const problems: string[] = [];
  if (!input.carrier.trim()) problems.push('carrier is empty');
  if (!CHECK_SCHEMES.includes(input.scheme)) problems.push(`scheme must be one of ${CHECK_SCHEMES.join(', ')}`);
  if (!Number.isSafeInteger(input.first) || !Number.isSafeInteger(input.last) || input.first < 0 || input.first > input.last) problems.push('first and last must be whole numbers with 0 <= first <= last');
  if (!Number.isInteger(input.width) || input.width < 1 || input.width > 18) problems.push('width must be 1 to 18 digits');
  else if (String(input.last).length > input.width) problems.push(`last (${input.last}) has more than width (${input.width}) digits`);
  if (input.scheme === 's10') {
    if (!/^[A-Z]{2}$/.test(prefix)) problems.push('S10 prefix is two capital letters (service indicator), e.g. "RR"');
    if (!/^[A-Z]{2}$/.test(suffix)) problems.push('S10 suffix is the two-letter ISO country code, e.g. "CN"');
    if (input.width !== 8) problems.push('S10 serials are 8 digits (width 8)');
  }
  if (problems.length) throw new AppError('validation', `waybill range for "${input.carrier}" is not valid: ${problems.join('; ')}`);

  return db.transaction(() => {
    const overlap = prep(db, `SELECT id FROM waybill_ranges WHERE carrier = ? AND scheme = ? AND prefix = ? AND suffix = ? AND width = ?
      AND first_serial <= ? AND last_serial >= ? LIMIT 1`).get(input.carrier, input.scheme, prefix, suffix, input.width, input.last, input.first) as { id: string } | undefined;
    if (overlap) throw new AppError('conflict', `waybill range ${input.first}-${input.last} for "${input.carrier}" overlaps range ${overlap.id}: numbers would repeat`);
    const id = `wbr_${nextUlid(clock.now())}`;
    prep(db, `INSERT INTO waybill_ranges (id, carrier, scheme, prefix, suffix, width, first_serial, last_serial, next_serial, low_water, active, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`).run(id, input.carrier, input.scheme, prefix, suffix, input.width, input.first, input.last, input.first, input.lowWater ?? 100, clock.iso());
    appendEvent(db, clock, { type: 'waybill_range.added', entity: 'waybill_range', entityId: id, actor, data: { carrier: input.carrier, scheme: input.scheme, first: input.first, last: input.last } });
    return getWaybillRange(db, id);
  }).immediate();
}

export function getWaybillRange(db: Db, id: string): WaybillRange {
  const r = prep(db, 'SELECT * FROM waybill_ranges WHERE id = ?').get(id) as RangeRow | undefined;
  if (!r) throw new AppError('not_found', `waybill range ${id} does not exist`);
  return toRange(r);
}

/** Ranges, oldest first (the order allocation uses them in), optionally for one carrier. */
export function listWaybillRanges(db: Db, carrier?: string): WaybillRange[] {
  const rows = (carrier
    ? prep(db, 'SELECT * FROM waybill_ranges WHERE carrier = ? ORDER BY created_at, id').all(carrier)
    : prep(db, 'SELECT * FROM waybill_ranges ORDER BY carrier, created_at, id').all()) as RangeRow[];
  return rows.map(toRange);
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

/** Stops (or resumes) handing out numbers from a range; its issued numbers stay issued. */
export function setWaybillRangeActive(db: Db, clock: Clock, id: string, active: boolean, actor: Actor): WaybillRange {
  return db.transaction(() => {
    getWaybillRange(db, id);
    prep(db, 'UPDATE waybill_ranges SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
    appendEvent(db, clock, { type: active ? 'waybill_range.activated' : 'waybill_range.deactivated', entity: 'waybill_range', entityId: id, actor });
    return getWaybillRange(db, id);
  }).immediate();
}

/**
 * Issues the next number of the carrier's oldest active range that has numbers left, in one
 * IMMEDIATE transaction (other connections and processes wait on the write lock, busy_timeout).
 * Records 'waybill.allocated'; links the number to the order so a scan of it finds the order.
 * Throws 'conflict' when every range of the carrier is used up.
 */
export function allocateWaybill(db: Db, clock: Clock, req: { carrier: string; orderId?: string; parcelId?: string }, actor: Actor): Allocation {
  const result = db.transaction((): Allocation => {
    const r = prep(db, `SELECT * FROM waybill_ranges WHERE carrier = ? AND active = 1 AND next_serial <= last_serial
      ORDER BY created_at, id LIMIT 1`).get(req.carrier) as RangeRow | undefined;
    if (!r) {
      const any = prep(db, 'SELECT COUNT(*) AS n FROM waybill_ranges WHERE carrier = ?').get(req.carrier) as { n: number };
      throw new AppError('conflict', any.n === 0
        ? `no waybill number range is set up for carrier "${req.carrier}"`
        : `every waybill number range of carrier "${req.carrier}" is used up or inactive; add a new range`);
    }
    const serial = r.next_serial;
    const number = formatWaybill({ scheme: r.scheme, serial, width: r.width, prefix: r.prefix, suffix: r.suffix });
    // Guarded bump: only succeeds if nobody moved the range since we read it.
    const bumped = prep(db, 'UPDATE waybill_ranges SET next_serial = next_serial + 1 WHERE id = ? AND next_serial = ?').run(r.id, serial);
    if (bumped.changes !== 1) throw new AppError('conflict', `waybill range ${r.id} moved during allocation; retry`);
    insertWaybill(db, clock, { number, carrier: req.carrier, source: 'range', rangeId: r.id, serial, orderId: req.orderId, parcelId: req.parcelId });
    const remaining = r.last_serial - serial;
    appendEvent(db, clock, { type: 'waybill.allocated', entity: 'waybill', entityId: number, actor, data: { carrier: req.carrier, rangeId: r.id, serial, orderId: req.orderId ?? null, parcelId: req.parcelId ?? null } });
    const alloc: Allocation = { number, rangeId: r.id, serial, remaining };
    if (remaining <= r.low_water) {
      alloc.lowWarning = `waybill range ${r.id} of carrier "${req.carrier}" has ${remaining} number(s) left`;
      // One event when the range crosses its low-water mark, one when it runs out.
      if (remaining === r.low_water || remaining === 0) {
        appendEvent(db, clock, { type: remaining === 0 ? 'waybill_range.exhausted' : 'waybill_range.low', entity: 'waybill_range', entityId: r.id, actor, data: { carrier: req.carrier, remaining } });
      }
    }
    return alloc;
  }).immediate();
  if (result.lowWarning) log.warn({ rangeId: result.rangeId, remaining: result.remaining }, result.lowWarning);
  return result;
}

function insertWaybill(db: Db, clock: Clock, w: {
  number: string; carrier: string; source: string; rangeId?: string; serial?: number; orderId?: string; parcelId?: string;
  sortCode?: string; bagPoint?: string; carrierRef?: string; label?: { format: 'zpl' | 'pdf'; bytes: Buffer };
}): void {
  const exists = prep(db, 'SELECT number FROM waybills WHERE number = ?').get(w.number);
  if (exists) throw new AppError('conflict', `waybill number ${w.number} was already issued; numbers are never reused`);
  prep(db, `INSERT INTO waybills (number, carrier, source, range_id, serial, order_id, parcel_id, status, sort_code, bag_point, carrier_ref, label_format, label, allocated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'allocated', ?, ?, ?, ?, ?, ?)`).run(
    w.number, w.carrier, w.source, w.rangeId ?? null, w.serial ?? null, w.orderId ?? null, w.parcelId ?? null,
    w.sortCode ?? null, w.bagPoint ?? null, w.carrierRef ?? null, w.label?.format ?? null, w.label?.bytes ?? null, clock.iso());
  if (w.orderId) addWaybillCode(db, w.number, w.orderId);
}

/**
 * Asks a carrier API for a waybill, then records it. The HTTP call runs outside any transaction;
 * if recording fails (e.g. the carrier repeated a number), the waybill is voided at the carrier
 * again so nothing is left half-done.
 */
export async function requestCarrierWaybill(
  db: Db, clock: Clock, adapter: CarrierApiAdapter, req: CarrierWaybillRequest & { orderId?: string; parcelId?: string }, actor: Actor,
): Promise<CarrierWaybill> {
  const w = await adapter.requestWaybill(req);
  try {
    recordCarrierWaybill(db, clock, { adapter: adapter.name, carrier: req.carrier, waybill: w, orderId: req.orderId, parcelId: req.parcelId }, actor);
  } catch (e) {
    await adapter.voidWaybill({ carrier: req.carrier, number: w.number, carrierRef: w.carrierRef, reason: 'not recorded by Packline' }).catch((ve: Error) =>
      log.error({ number: w.number, err: ve.message }, 'carrier waybill could not be recorded nor voided'));
    throw e;
  }
  return w;
}

/** Records a number a carrier API issued (also its children, sorting code, bag point, ready label). */
export function recordCarrierWaybill(
  db: Db, clock: Clock, input: { adapter: string; carrier: string; waybill: CarrierWaybill; orderId?: string; parcelId?: string }, actor: Actor,
): void {
  const { waybill: w } = input;
  db.transaction(() => {
    for (const number of [w.number, ...(w.childNumbers ?? [])]) {
      insertWaybill(db, clock, {
        number, carrier: input.carrier, source: `api:${input.adapter}`, orderId: input.orderId, parcelId: number === w.number ? input.parcelId : undefined,
        sortCode: w.sortCode, bagPoint: w.bagPoint, carrierRef: w.carrierRef, label: number === w.number ? w.label : undefined,
      });
      appendEvent(db, clock, { type: 'waybill.allocated', entity: 'waybill', entityId: number, actor, data: { carrier: input.carrier, source: `api:${input.adapter}`, orderId: input.orderId ?? null, master: number === w.number ? null : w.number } });
    }
  }).immediate();
}

type WaybillRow = {
  number: string; carrier: string; source: string; range_id: string | null; serial: number | null; order_id: string | null; parcel_id: string | null;
  status: 'allocated' | 'voided'; sort_code: string | null; bag_point: string | null; carrier_ref: string | null; label_format: 'zpl' | 'pdf' | null;
  allocated_at: string; voided_at: string | null; void_reason: string | null;
};

const toWaybill = (r: WaybillRow): Waybill => ({
  number: r.number, carrier: r.carrier, source: r.source, rangeId: r.range_id, serial: r.serial, orderId: r.order_id, parcelId: r.parcel_id,
  status: r.status, sortCode: r.sort_code, bagPoint: r.bag_point, carrierRef: r.carrier_ref, labelFormat: r.label_format,
  allocatedAt: r.allocated_at, voidedAt: r.voided_at, voidReason: r.void_reason,
});

const WAYBILL_COLUMNS = 'number, carrier, source, range_id, serial, order_id, parcel_id, status, sort_code, bag_point, carrier_ref, label_format, allocated_at, voided_at, void_reason';

export function getWaybill(db: Db, number: string): Waybill {
  const r = prep(db, `SELECT ${WAYBILL_COLUMNS} FROM waybills WHERE number = ?`).get(number) as WaybillRow | undefined;
  if (!r) throw new AppError('not_found', `waybill ${number} does not exist`);
  return toWaybill(r);
}

export function waybillsForOrder(db: Db, orderId: string): Waybill[] {
  return (prep(db, `SELECT ${WAYBILL_COLUMNS} FROM waybills WHERE order_id = ? ORDER BY allocated_at, number`).all(orderId) as WaybillRow[]).map(toWaybill);
}

/** The carrier's ready label stored with a waybill, if any (print it as is). */
export function carrierLabel(db: Db, number: string): { format: 'zpl' | 'pdf'; bytes: Buffer } | null {
  const r = prep(db, 'SELECT label_format, label FROM waybills WHERE number = ?').get(number) as { label_format: 'zpl' | 'pdf' | null; label: Buffer | null } | undefined;
  return r?.label_format && r.label ? { format: r.label_format, bytes: r.label } : null;
}

/**
 * Voids a waybill: the row stays (the number is never issued again) with status 'voided'.
 * For API numbers, pass the adapter: the carrier is told first, and the void is recorded only
 * once the carrier agreed. Records 'waybill.voided'.
 */
export async function voidWaybill(db: Db, clock: Clock, req: { number: string; reason: string; adapter?: CarrierApiAdapter }, actor: Actor): Promise<Waybill> {
  const w = checkVoidable(db, req.number, req.reason);
  if (w.source.startsWith('api:')) {
    if (!req.adapter) throw new AppError('validation', `waybill ${req.number} came from ${w.source}; void it through that adapter`);
    await req.adapter.voidWaybill({ carrier: w.carrier, number: w.number, carrierRef: w.carrierRef ?? undefined, reason: req.reason });
  }
  return recordWaybillVoid(db, clock, req, actor);
}

function checkVoidable(db: Db, number: string, reason: string): Waybill {
  const w = getWaybill(db, number);
  if (w.status === 'voided') throw new AppError('conflict', `waybill ${number} is already voided`);
  if (!reason.trim()) throw new AppError('validation', 'a void needs a reason');
  return w;
}

/**
 * The synchronous part of a void, for callers inside a write transaction: a number from a range
 * needs nobody's consent; an API number must have been voided at the carrier first (voidWaybill).
 */
export function recordWaybillVoid(db: Db, clock: Clock, req: { number: string; reason: string }, actor: Actor): Waybill {
  const w = checkVoidable(db, req.number, req.reason);
  db.transaction(() => {
    const changed = prep(db, "UPDATE waybills SET status = 'voided', voided_at = ?, void_reason = ? WHERE number = ? AND status = 'allocated'").run(clock.iso(), req.reason, req.number);
    if (changed.changes !== 1) throw new AppError('conflict', `waybill ${req.number} is already voided`);
    appendEvent(db, clock, { type: 'waybill.voided', entity: 'waybill', entityId: req.number, actor, reason: req.reason, data: { carrier: w.carrier, orderId: w.orderId } });
  }).immediate();
  return getWaybill(db, req.number);
}
