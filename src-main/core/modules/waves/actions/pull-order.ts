// Pulling an order out of its wave (the lead, on the Waves screen).
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { findWave } from '../queries';
import { waveMembership, sortedUnitsOfOrder } from '../store';
import { orderIdOf } from '../../orders/queries';

/**
 * Takes an order out of its wave, back to the pool (allocated, stock kept). Units already sorted
 * into its slot must go back to their bins: the answer says how many.
 */
export function pullOrder(ctx: CoreContext, waveId: string, orderId: string, reason: string, actor: Actor): { slot: number; sortedUnits: number } {
  const r = findWave(ctx, waveId);
  const m = waveMembership(ctx.db, r.id, orderId);
  if (!m) fail('not_found', said('orderNotInWave', { order: orderId, wave: r.number }));
  if (m!.member === 'pulled') fail('invalid_transition', said('orderPulledAlready', { number: m!.number, wave: r.number }));
  if (m!.state !== 'in_wave' && m!.state !== 'picked') {
    fail('invalid_transition', said('orderCannotBePulled', { number: m!.number, state: m!.state }));
  }
  const id = orderIdOf(ctx, orderId) as string;
  const sortedUnits = sortedUnitsOfOrder(ctx.db, r.id, id);
  applyOrderAction(ctx, id, 'remove_from_wave', actor, { reason, data: { waveId: r.id, slot: m!.slot, sortedUnits } });
  appendEvent(ctx.db, ctx.clock, { type: 'wave.order_pulled', entity: 'wave', entityId: r.id, actor, reason, data: { orderId: id, slot: m!.slot, sortedUnits } });
  return { slot: m!.slot, sortedUnits };
}
