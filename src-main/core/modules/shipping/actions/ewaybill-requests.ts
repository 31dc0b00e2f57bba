// The e-waybill asked of a carrier for one parcel key (order + Idempotency-Key), the synchronous
// steps around the carrier call: open the request (committed before the call, with the reference the
// carrier dedupes on), record the answer with the number, and mark it voided when the parcel was not
// recorded after all. A crash between the carrier's answer and the record leaves the request open:
// the retry asks again with the same reference and gets the same number, never a second one.
import { createHash } from 'node:crypto';
import type { Clock } from '../../../../lib/clock';
import { AppError } from '../../../../lib/errors';
import type { CarrierWaybill } from '../../../../labels/carriers/adapter';
import type { Db } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { ewaybillRequestRow, insertEwaybillRequest, retryEwaybillRequest, setEwaybillRequest, setEwaybillRequestError, waybillRow, type EwaybillRequestRow } from '../store';
import { recordCarrierWaybill } from './issue-waybill';

export const parcelKeyOf = (orderId: string, key: string) => `${orderId}:${key}`;

/** The reference sent to the carrier: short, stable per parcel key and attempt (a voided attempt gets a new one). */
const referenceOf = (parcelKey: string, attempt: number) => `PL${createHash('sha256').update(parcelKey).digest('hex').slice(0, 20)}${attempt > 1 ? `-${attempt}` : ''}`;

/** The open (or issued) request of a parcel key, opening one when there is none or the last was voided. */
export function openEwaybillRequest(db: Db, clock: Clock, r: { orderId: string; key: string; carrier: string }): EwaybillRequestRow {
  const parcelKey = parcelKeyOf(r.orderId, r.key);
  const prior = ewaybillRequestRow(db, parcelKey);
  if (prior && prior.state !== 'voided') return prior;
  db.transaction(() => {
    if (!prior) insertEwaybillRequest(db, { parcelKey, orderId: r.orderId, carrier: r.carrier, reference: referenceOf(parcelKey, 1), at: clock.iso() });
    else retryEwaybillRequest(db, parcelKey, referenceOf(parcelKey, prior.attempt + 1), clock.iso());
  }).immediate();
  return ewaybillRequestRow(db, parcelKey)!;
}

/**
 * Records the carrier's answer for an open request. The same number answered twice for this request
 * (a retry running beside the first try) is fine; a number issued for anything else is refused and
 * NOT voided at the carrier (it belongs to another parcel).
 */
export function recordEwaybillAnswer(db: Db, clock: Clock, req: EwaybillRequestRow, adapter: string, w: CarrierWaybill, actor: Actor): void {
  db.transaction(() => {
    const now = ewaybillRequestRow(db, req.parcel_key);
    if (now?.state === 'issued' && now.number === w.number) return;
    const seen = waybillRow(db, w.number);
    if (seen) throw new AppError('conflict', `carrier ${req.carrier} answered waybill ${w.number}, which was already issued${seen.order_id ? ` for order ${seen.order_id}` : ''}; tell the carrier, nothing was printed`);
    recordCarrierWaybill(db, clock, { adapter, carrier: req.carrier, waybill: w, orderId: req.order_id }, actor);
    setEwaybillRequest(db, req.parcel_key, 'issued', w.number, clock.iso());
  }).immediate();
}

export function recordEwaybillError(db: Db, clock: Clock, parcelKey: string, error: string): void {
  setEwaybillRequestError(db, parcelKey, error, clock.iso());
}

/** The request's number was voided at the carrier (its parcel was never recorded): the next try asks anew. */
export function markEwaybillVoided(db: Db, clock: Clock, parcelKey: string, number: string, actor: Actor): void {
  db.transaction(() => {
    setEwaybillRequest(db, parcelKey, 'voided', number, clock.iso());
    appendEvent(db, clock, { type: 'ewaybill.undone', entity: 'waybill', entityId: number, actor, data: { parcelKey } });
  }).immediate();
}
