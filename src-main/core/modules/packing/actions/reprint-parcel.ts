// Printing a parcel's label again: audited, and only for a live parcel of an order that may still ship.
import type { CoreContext } from '../../../context';
import type { Parcel } from '../../../../contract/packing';
import type { LabelData } from '../../../../contract/labels';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getOrder } from '../../orders/queries';
import { labelData } from '../../labels/queries';
import { parcelById, parcelCountIfComplete, toParcel } from '../queries';
import { notPackable } from './checks';

/** Label data to print a parcel again; only a live parcel of an order that may still ship. Audited. */
export function reprintParcel(ctx: CoreContext, parcelId: string, reason: string, actor: Actor): { parcel: Parcel; label: LabelData } {
  const p = parcelById(ctx, parcelId);
  if (p.state === 'voided') fail('conflict', said('voidedNoReprint', { seq: p.seq, waybill: p.waybill }));
  const o = getOrder(ctx, p.order_id);
  if (o.state === 'cancelled' || o.state === 'on_hold') fail('order_state', `${notPackable(ctx, o)}; do not print a label, pull the parcel`, [{ path: 'state', message: o.state }]);
  appendEvent(ctx.db, ctx.clock, { type: 'parcel.reprinted', entity: 'order', entityId: o.id, actor, reason, data: { parcelId: p.id, seq: p.seq, waybill: p.waybill, number: o.number } });
  const parcel = toParcel(p, parcelCountIfComplete(ctx, o));
  return { parcel, label: labelData(ctx, o, { parcel, fullPhone: true }) };
}
