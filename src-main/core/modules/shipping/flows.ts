// Shipping's async steps with a carrier API, outside the write batcher: buying a waybill (undo: void
// it at the carrier when Packline cannot record it) and voiding one (the carrier first, then the record).
import type { Clock } from '../../../lib/clock';
import { AppError } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { CarrierApiAdapter, CarrierWaybill, CarrierWaybillRequest } from '../../../labels/carriers/adapter';
import type { Db } from '../../store/db';
import type { Actor } from '../../store/events';
import { recordCarrierWaybill } from './actions/issue-waybill';
import { checkVoidable, recordWaybillVoid } from './actions/void-waybill';
import type { Waybill } from './queries';

const log = logger('core.waybills');

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
    await undoCarrierWaybill(adapter, req.carrier, w);
    throw e;
  }
  return w;
}

/** The undo of buying a waybill: void it at the carrier. A failed undo is logged (the recording error is what the caller gets). */
async function undoCarrierWaybill(adapter: CarrierApiAdapter, carrier: string, w: CarrierWaybill): Promise<void> {
  await adapter.voidWaybill({ carrier, number: w.number, carrierRef: w.carrierRef, reason: 'not recorded by Packline' }).catch((ve: Error) =>
    log.error({ number: w.number, err: ve.message }, 'carrier waybill could not be recorded nor voided'));
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
