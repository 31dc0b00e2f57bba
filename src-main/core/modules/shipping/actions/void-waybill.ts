// Voiding a waybill, the synchronous part: the row stays (the number is never issued again) with
// status 'voided'. An API number must have been voided at the carrier first (flows.ts voidWaybill).
import type { Clock } from '../../../../lib/clock';
import { AppError } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Db } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { setWaybillVoided } from '../store';
import { getWaybill, type Waybill } from '../queries';

/** The waybill, if it may be voided: not voided yet, and a reason given. */
export function checkVoidable(db: Db, number: string, reason: string): Waybill {
  const w = getWaybill(db, number);
  if (w.status === 'voided') throw new AppError('conflict', said('waybillVoidedAlready', { number }));
  if (!reason.trim()) throw new AppError('validation', said('voidNeedsReason'));
  return w;
}

/**
 * The synchronous part of a void, for callers inside a write transaction: a number from a range
 * needs nobody's consent; an API number must have been voided at the carrier first (voidWaybill).
 */
export function recordWaybillVoid(db: Db, clock: Clock, req: { number: string; reason: string }, actor: Actor): Waybill {
  const w = checkVoidable(db, req.number, req.reason);
  db.transaction(() => {
    if (!setWaybillVoided(db, req.number, clock.iso(), req.reason)) throw new AppError('conflict', said('waybillVoidedAlready', { number: req.number }));
    appendEvent(db, clock, { type: 'waybill.voided', entity: 'waybill', entityId: req.number, actor, reason: req.reason, data: { carrier: w.carrier, orderId: w.orderId } });
  }).immediate();
  return getWaybill(db, req.number);
}
