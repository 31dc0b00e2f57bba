// An order leaving its wave, called by orders when it removes an order from its wave (orders'
// remove_from_wave action records the event).
import type { CoreContext } from '../../../context';
import { pullMembership } from '../store';

/** An order taken out of its wave goes back to the pool: the next wave may take it (one active wave per order). */
export function leaveWave(ctx: CoreContext, orderId: string): void {
  pullMembership(ctx.db, orderId, ctx.clock.iso());
}
