// The refund record: approved by the right role for its amount, then recorded paid with the
// payment's reference (the channels issue's write-back can send it where a platform takes it).
// And a lead's write-off of a unit that was not put back.
import type { CoreContext } from '../../../context';
import type { ReturnDetail, ReturnUnit } from '../../../../contract/returns';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Actor } from '../../../store/events';
import { getReturn, returnRecord, toUnit, unitRecord } from '../queries';
import { setUnitWrittenOff, updateReturn } from '../store';
import { assertMayApprove } from './return-action';
import { recordReturnEvent } from './record';

export function approveRefund(ctx: CoreContext, idOrNumber: string, actor: Actor): ReturnDetail {
  const r = returnRecord(ctx, idOrNumber);
  if (r.refund_state !== 'pending') fail('conflict', said('noRefundWaiting', { number: r.number, refundState: r.refund_state }));
  assertMayApprove(ctx, r, r.refund_amount, actor, 'refund');
  updateReturn(ctx.db, r.id, { refund_state: 'approved', refund_approved_by: actor.id }, ctx.clock.iso());
  recordReturnEvent(ctx, r, 'refund_approved', actor, null, { amount: r.refund_amount, currency: r.currency });
  return getReturn(ctx, r.id);
}

export function recordRefund(ctx: CoreContext, idOrNumber: string, reference: string, actor: Actor): ReturnDetail {
  const r = returnRecord(ctx, idOrNumber);
  if (r.refund_state !== 'approved') fail('conflict', said('refundNotApproved', { number: r.number, refundState: r.refund_state }));
  updateReturn(ctx.db, r.id, { refund_state: 'recorded', refund_ref: reference, refund_recorded_by: actor.id }, ctx.clock.iso());
  recordReturnEvent(ctx, r, 'refund_recorded', actor, null, { amount: r.refund_amount, currency: r.currency, reference });
  return getReturn(ctx, r.id);
}

const HELD = ['damaged', 'repair', 'scrap'];

export function writeOffUnit(ctx: CoreContext, unitId: string, reason: string | undefined, actor: Actor): ReturnUnit {
  const u = unitRecord(ctx, unitId);
  if (!HELD.includes(u.grade)) fail('conflict', said('writeOffWhich', { id: unitId, grade: u.grade }));
  if (u.written_off_at) fail('conflict', said('writtenOffAlready', { id: unitId }));
  setUnitWrittenOff(ctx.db, unitId, ctx.clock.iso());
  const r = returnRecord(ctx, u.return_id);
  recordReturnEvent(ctx, r, 'unit_written_off', actor, reason ?? null, { unitId, grade: u.grade, sku: u.sku });
  return toUnit(unitRecord(ctx, unitId));
}
