// Shipping's async steps with a carrier API, outside the write batcher: buying a waybill (undo: void
// it at the carrier when Packline cannot record it) and voiding one (the carrier first, then the record).
import type { Clock } from '../../../lib/clock';
import { AppError, fail, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import type { CarrierAccountTest } from '../../../contract/shipping';
import { logger } from '../../../lib/log';
import type { CarrierApiAdapter, CarrierWaybill, CarrierWaybillRequest } from '../../../labels/carriers/adapter';
import type { Db } from '../../store/db';
import type { Core } from '../../core';
import { kuaidi100Adapter, KUAIDI100_COMPANY } from '../../../labels/carriers/kuaidi100';
import { kuaidi100Probe } from '../../../labels/carriers/kuaidi100-tracking';
import { recordCarrierAccountTest } from './actions/carrier-accounts';
import { markEwaybillVoided, openEwaybillRequest, parcelKeyOf, recordEwaybillAnswer, recordEwaybillError } from './actions/ewaybill-requests';
import { carrierAccountOf, getWaybill, waybillNumbersLeft } from './queries';
import { carrierAccountRow, type CarrierAccountRow } from './store';
import { getOrder } from '../orders/queries';
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

// ---- e-waybills through a carrier account (issue 16)

/** The Kuaidi100 adapter of a carrier account (tests and the demo point apiBase at a local peer). */
export function adapterFor(a: CarrierAccountRow): CarrierApiAdapter {
  return kuaidi100Adapter({
    key: a.api_key, secret: a.api_secret, endpoint: `${a.api_base}/label/order`, timeoutMs: a.timeout_ms,
    accounts: { [a.carrier]: { partnerId: a.partner_id, ...(a.partner_key ? { partnerKey: a.partner_key } : {}), ...(a.net ? { net: a.net } : {}), payType: a.pay_type } },
  });
}

/** The e-waybill account a warehouse's parcels use for a carrier (its own, else the shop-wide one), or null when its numbers come from ranges. */
export function ewaybillAccountOf(db: Db, carrier: string, warehouseId: string | null): CarrierAccountRow | null {
  const a = carrierAccountOf(db, carrier, warehouseId);
  return a?.source === 'kuaidi100' ? a : null;
}

/**
 * The e-waybill of one parcel key: the number already issued for it, or the carrier's answer now
 * (bounded by the account's timeout). A carrier that refuses or does not answer is a clear stop that
 * says what to do; there is never a silent fallback to a number the carrier would refuse.
 */
export async function issueParcelEwaybill(
  core: Core, a: CarrierAccountRow, p: { orderId: string; key: string; request: Omit<CarrierWaybillRequest, 'reference' | 'carrier'> }, actor: Actor,
): Promise<{ number: string; fresh: boolean }> {
  const req = await core.writes.run(() => openEwaybillRequest(core.db, core.ctx.clock, { orderId: p.orderId, key: p.key, carrier: a.carrier }));
  if (req.state === 'issued') return { number: req.number!, fresh: false };
  const adapter = adapterFor(a);
  let w: CarrierWaybill;
  try {
    w = await adapter.requestWaybill({ ...p.request, carrier: a.carrier, reference: req.reference, ...(a.service ? { service: a.service } : {}) });
  } catch (e) {
    const why = (e as Error).message;
    await core.writes.run(() => recordEwaybillError(core.db, core.ctx.clock, req.parcel_key, why));
    log.warn({ carrier: a.carrier, orderId: p.orderId, err: why }, 'carrier gave no e-waybill');
    return fail('waybill_unavailable',
      `carrier ${a.carrier} gave no e-waybill (${why}); nothing was printed. Confirm the parcel again to retry; if the carrier stays down, a lead switches ${a.carrier} to a number range in Settings > Carrier accounts`,
      [{ path: 'carrier', message: 'carrier did not answer' }]);
  }
  await core.writes.run(() => recordEwaybillAnswer(core.db, core.ctx.clock, req, adapter.name, w, actor));
  return { number: w.number, fresh: true };
}

/**
 * The undo of an e-waybill whose parcel was not recorded (the write refused it): void it at the
 * carrier, then mark it voided here (the number is never reused) and close the request so the next
 * try asks anew. A failed void is logged and left for the lead (the carrier still holds the number).
 */
export async function undoParcelEwaybill(core: Core, a: CarrierAccountRow, p: { orderId: string; key: string; number: string; why: string }, actor: Actor): Promise<void> {
  const w = getWaybill(core.db, p.number);
  if (w.parcelId || w.status === 'voided') return; // on a parcel after all (a retry recorded it), or already voided
  try {
    await adapterFor(a).voidWaybill({ carrier: a.carrier, number: p.number, carrierRef: w.carrierRef ?? undefined, reason: `parcel not recorded: ${p.why}`.slice(0, 200) });
    await core.writes.run(() => {
      recordWaybillVoid(core.db, core.ctx.clock, { number: p.number, reason: `parcel not recorded: ${p.why}`.slice(0, 500) }, actor);
      markEwaybillVoided(core.db, core.ctx.clock, parcelKeyOf(p.orderId, p.key), p.number, actor);
    });
  } catch (e) {
    log.error({ number: p.number, err: (e as Error).message }, 'e-waybill of a parcel that was not recorded could not be voided');
  }
}

/** Voids an e-waybill at its carrier (a parcel voided at the bench); the record is the caller's (in its write). */
export async function voidAtCarrier(core: Core, number: string, reason: string): Promise<void> {
  const w = getWaybill(core.db, number);
  if (!w.source.startsWith('api:') || w.status === 'voided') return;
  // the account of the warehouse the parcel shipped from issued it (an order is packed in its own warehouse)
  const a = ewaybillAccountOf(core.db, w.carrier, w.orderId ? warehouseOfOrder(core, w.orderId) : null);
  if (!a) fail('waybill_unavailable', `waybill ${number} came from ${w.source} but carrier ${w.carrier} has no e-waybill account now: set it up again to void at the carrier`);
  try {
    await adapterFor(a!).voidWaybill({ carrier: w.carrier, number, carrierRef: w.carrierRef ?? undefined, reason });
  } catch (e) {
    fail('unavailable', `carrier ${w.carrier} did not void waybill ${number} (${(e as Error).message}); nothing changed, try again`);
  }
}

/**
 * A test call with the stored account: Kuaidi100's tracking query for a number that does not exist.
 * An answer "no result" (500) means the key, customer and signature were accepted; a signature or key
 * refusal names what is wrong.
 */
export async function testCarrierAccount(core: Core, carrier: string, warehouseId: string, actor: Actor): Promise<CarrierAccountTest> {
  const a = carrierAccountRow(core.db, warehouseId, carrier);
  if (!a) return notFound('carrier account', warehouseId ? `${carrier} (${warehouseId})` : carrier);
  const t0 = performance.now();
  let result: Omit<CarrierAccountTest, 'ms'>;
  if (a.source === 'range') {
    const left = waybillNumbersLeft(core.db, carrier);
    const words = left > 0 ? said('rangeNumbersLeft', { left, carrier }) : said('noRangeNumbersLeft', { carrier });
    result = { ok: left > 0, message: words.message, ...words.params };
  } else {
    result = await kuaidi100Probe({ pollBase: a.poll_base, key: a.api_key, customer: a.customer, timeoutMs: a.timeout_ms }, KUAIDI100_COMPANY[carrier] ?? carrier);
  }
  await core.writes.run(() => recordCarrierAccountTest(core.db, core.ctx.clock, warehouseId, carrier, { ok: result.ok, message: result.message }, actor));
  return { ...result, ms: Math.round(performance.now() - t0) };
}

/** The warehouse an order ships from; null when the order is gone (the shop-wide account then). */
function warehouseOfOrder(core: Core, orderId: string): string | null {
  try {
    return getOrder(core.ctx, orderId).warehouseId;
  } catch {
    return null;
  }
}
