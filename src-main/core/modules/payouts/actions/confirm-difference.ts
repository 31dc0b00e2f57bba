// A finance person keeps a cause for a difference (say an unexplained 5 元 was a shipping
// subsidy): it stays confirmed when the order's money is worked out again.
import type { CoreContext } from '../../../context';
import type { Cause, Difference } from '../../../../contract/payouts';
import { notFound } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { getDifference } from '../queries';
import { confirmDifferenceRow, selectDifference } from '../store';

export function confirmDifference(ctx: CoreContext, id: number, body: { cause: Cause; note?: string }, actor: Actor): Difference {
  const d = selectDifference(ctx.db, id) ?? notFound('difference', String(id));
  confirmDifferenceRow(ctx.db, id, { cause: body.cause, note: body.note || null, by: actor.id, at: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'payout_difference.confirmed', entity: 'order', entityId: d.order_id, actor, data: { cause: body.cause, was: d.cause } });
  return getDifference(ctx, id);
}
