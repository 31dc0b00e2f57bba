// Voiding parcels: the parcel and its waybill number (never issued again); a packed order goes back
// to packing with its stock reserved again.
import type { CoreContext } from '../../../context';
import type { PackOrderRef, Parcel } from '../../../../contract/packing';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { getOrder } from '../../orders/queries';
import { touchOrder } from '../../orders/actions/touch-order';
import { giveOrderStockBack } from '../../inventory/actions/packed-stock';
import { getWaybill } from '../../shipping/queries';
import { recordWaybillVoid } from '../../shipping/actions/void-waybill';
import { openInterceptsOf } from '../../exceptions/queries';
import { markResolved } from '../../exceptions/actions/mark-resolved';
import { setParcelVoided, type ParcelRow } from '../store';
import { liveParcelsOf, mergedOrdersOf, orderRef, parcelById, toParcel } from '../queries';
import { claimForBench } from './start-packing';
import { endShipment } from '../../merges/actions/merge';

/**
 * Voids one labelled parcel and its waybill; a packed order goes back to packing with its stock
 * reserved again. A carrier's e-waybill must have been voided at the carrier first (`atCarrier`: packing/flows.ts).
 */
export function voidOne(ctx: CoreContext, p: ParcelRow, reason: string, actor: Actor, atCarrier = false): void {
  const o = getOrder(ctx, p.order_id);
  if (o.state === 'shipped' || o.state === 'returned') {
    fail('order_state', said(o.state === 'shipped' ? 'voidAfterShipped' : 'voidAfterReturned', { number: o.number, seq: p.seq, waybill: p.waybill }), [{ path: 'state', message: o.state }]);
  }
  const w = getWaybill(ctx.db, p.waybill);
  if (w.source.startsWith('api:') && !atCarrier) fail('waybill_unavailable', `waybill ${w.number} came from ${w.source}; void it through the carrier first`);
  recordWaybillVoid(ctx.db, ctx.clock, { number: p.waybill, reason }, actor);
  setParcelVoided(ctx.db, p.id, ctx.clock.iso(), reason);
  const version = touchOrder(ctx, o.id);
  appendEvent(ctx.db, ctx.clock, { type: 'parcel.voided', entity: 'order', entityId: o.id, actor, reason, data: { parcelId: p.id, seq: p.seq, waybill: p.waybill, version, number: o.number } });
  if (o.state === 'packed') {
    giveOrderStockBack(ctx, o.id, 'reserve', actor, reason);
    applyOrderAction(ctx, o.id, 'reopen_packing', actor, { reason, data: { parcelId: p.id, bench: p.bench } });
    claimForBench(ctx, o.id, p.bench, actor);
  }
  // the orders merged into this parcel go back to packing with it (also when the order it was labelled under was cancelled)
  for (const m of mergedOrdersOf(ctx, o).filter((x) => x.state === 'packed')) {
    giveOrderStockBack(ctx, m.id, 'reserve', actor, reason);
    applyOrderAction(ctx, m.id, 'reopen_packing', actor, { reason, data: { parcelId: p.id, bench: p.bench, mergedInto: o.number } });
    claimForBench(ctx, m.id, p.bench, actor);
  }
  if (o.state === 'cancelled') endShipment(ctx, o.id);
}

/** Voids a parcel (its waybill number is never issued again). Pulling the last parcel of a cancelled order closes its interception. */
export function voidParcel(ctx: CoreContext, parcelId: string, reason: string, actor: Actor, atCarrier = false): { parcel: Parcel; order: PackOrderRef } {
  const p = checkParcelVoidable(ctx, parcelId);
  voidOne(ctx, p, reason, actor, atCarrier);
  if (liveParcelsOf(ctx, p.order_id).length === 0) {
    const open = openInterceptsOf(ctx, p.order_id);
    if (getOrder(ctx, p.order_id).state === 'cancelled') giveOrderStockBack(ctx, p.order_id, 'restock', actor, reason);
    for (const e of open) markResolved(ctx, e.id, 'every parcel voided', reason, actor);
  }
  return { parcel: toParcel(parcelById(ctx, parcelId), null), order: orderRef(ctx, p.order_id) };
}

/** The parcel, if it may be voided: live, and its order not shipped or returned (checked before the carrier is told). */
export function checkParcelVoidable(ctx: CoreContext, parcelId: string): ParcelRow {
  const p = parcelById(ctx, parcelId);
  if (p.state === 'voided') fail('conflict', said('parcelVoidedAlready', { seq: p.seq, waybill: p.waybill, at: String(p.voided_at) }));
  const o = getOrder(ctx, p.order_id);
  if (o.state === 'shipped' || o.state === 'returned') {
    fail('order_state', said(o.state === 'shipped' ? 'voidAfterShipped' : 'voidAfterReturned', { number: o.number, seq: p.seq, waybill: p.waybill }), [{ path: 'state', message: o.state }]);
  }
  return p;
}
