// Issuing waybill numbers (LABELS.md "Waybill numbers"): from ranges a carrier hands the shop,
// allocated one by one inside a SQLite write transaction, and recording numbers a carrier API issued.
// A number is issued once: the range's next_serial moves forward in the same commit that records the
// number, so a crash (even kill -9) either loses the whole allocation (nobody saw the number) or keeps
// both; a void marks the row and never gives the serial back.
import { formatWaybill } from '../../../../contract/check-digits';
import type { Clock } from '../../../../lib/clock';
import { AppError } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { logger } from '../../../../lib/log';
import type { CarrierWaybill } from '../../../../labels/carriers/adapter';
import type { Db } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { addWaybillCode } from '../../orders/actions/order-codes';
import { bumpRange, insertWaybillRow, nextRangeOf, rangeCountOf, setWaybillParcel, waybillExists, waybillRow } from '../store';

const log = logger('core.waybills');

export interface Allocation {
  number: string;
  rangeId: string;
  serial: number;
  remaining: number;
  /** Set when the range has lowWater numbers or fewer left (also logged and recorded as an event). */
  lowWarning?: string;
}

/**
 * Issues the next number of the carrier's oldest active range that has numbers left, in one
 * IMMEDIATE transaction (other connections and processes wait on the write lock, busy_timeout).
 * Records 'waybill.allocated'; links the number to the order so a scan of it finds the order.
 * Throws 'conflict' when every range of the carrier is used up.
 */
export function allocateWaybill(db: Db, clock: Clock, req: { carrier: string; orderId?: string; parcelId?: string }, actor: Actor): Allocation {
  const result = db.transaction((): Allocation => {
    const r = nextRangeOf(db, req.carrier);
    if (!r) {
      throw new AppError('conflict', said(rangeCountOf(db, req.carrier) === 0 ? 'noWaybillRange' : 'waybillRangesUsedUp', { carrier: req.carrier }));
    }
    const serial = r.next_serial;
    const number = formatWaybill({ scheme: r.scheme, serial, width: r.width, prefix: r.prefix, suffix: r.suffix });
    // Guarded bump: only succeeds if nobody moved the range since we read it.
    if (!bumpRange(db, r.id, serial)) throw new AppError('conflict', said('waybillRangeMoved', { id: r.id }));
    recordIssuedNumber(db, clock, { number, carrier: req.carrier, source: 'range', rangeId: r.id, serial, orderId: req.orderId, parcelId: req.parcelId });
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

/** Records a number a carrier API issued (also its children, sorting code, bag point, ready label). */
export function recordCarrierWaybill(
  db: Db, clock: Clock, input: { adapter: string; carrier: string; waybill: CarrierWaybill; orderId?: string; parcelId?: string }, actor: Actor,
): void {
  const { waybill: w } = input;
  db.transaction(() => {
    for (const number of [w.number, ...(w.childNumbers ?? [])]) {
      recordIssuedNumber(db, clock, {
        number, carrier: input.carrier, source: `api:${input.adapter}`, orderId: input.orderId, parcelId: number === w.number ? input.parcelId : undefined,
        sortCode: w.sortCode, bagPoint: w.bagPoint, carrierRef: w.carrierRef, label: number === w.number ? w.label : undefined,
      });
      appendEvent(db, clock, { type: 'waybill.allocated', entity: 'waybill', entityId: number, actor, data: { carrier: input.carrier, source: `api:${input.adapter}`, orderId: input.orderId ?? null, master: number === w.number ? null : w.number } });
    }
  }).immediate();
}

/** One issued number: refused if it was ever issued before; linked to its order (orders' addWaybillCode). */
function recordIssuedNumber(db: Db, clock: Clock, w: {
  number: string; carrier: string; source: string; rangeId?: string; serial?: number; orderId?: string; parcelId?: string;
  sortCode?: string; bagPoint?: string; carrierRef?: string; label?: { format: 'zpl' | 'pdf'; bytes: Buffer };
}): void {
  if (waybillExists(db, w.number)) throw new AppError('conflict', said('waybillReused', { number: w.number }));
  insertWaybillRow(db, {
    number: w.number, carrier: w.carrier, source: w.source, rangeId: w.rangeId ?? null, serial: w.serial ?? null, orderId: w.orderId ?? null, parcelId: w.parcelId ?? null,
    sortCode: w.sortCode ?? null, bagPoint: w.bagPoint ?? null, carrierRef: w.carrierRef ?? null, labelFormat: w.label?.format ?? null, label: w.label?.bytes ?? null,
    allocatedAt: clock.iso(),
  });
  if (w.orderId) addWaybillCode(db, w.number, w.orderId);
}

/**
 * Puts a carrier-issued number on the parcel being labelled (inside the parcel's write): it must be
 * this order's, live, and on no other parcel yet.
 */
export function linkWaybillToParcel(db: Db, number: string, orderId: string, parcelId: string): void {
  const w = waybillRow(db, number);
  if (!w || w.order_id !== orderId) throw new AppError('conflict', said('waybillNotForOrder', { number }));
  if (w.status !== 'allocated') throw new AppError('waybill_unavailable', said('waybillVoidedAskNew', { number }));
  if (w.parcel_id && w.parcel_id !== parcelId) throw new AppError('conflict', said('waybillOnParcel', { number, parcel: w.parcel_id }));
  setWaybillParcel(db, number, parcelId);
}
