// Starting (or resuming, or taking over) an order at a packing bench.
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import type { BadgeOverride, PackTicket } from '../../../../contract/packing';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { getOrder } from '../../orders/queries';
import { waveOfOrder } from '../../waves/queries';
import { upsertClaim } from '../store';
import { claimOf, packTicket } from '../queries';
import { authorizeOverride, busyElsewhere, checkBenchWarehouse, notPackable } from './checks';
import { mergeMatesOf } from '../../merges/queries';
import { mergeAtBench, pruneShipment } from '../../merges/actions/merge';

/** States an order is picked up from by a bench (the state machine's start_packing). */
const STARTABLE: readonly OrderState[] = ['allocated', 'in_wave', 'picked'];

/** The bench holds the order from now (whoever held it before). */
export function claimForBench(ctx: CoreContext, orderId: string, bench: string, actor: Actor): void {
  upsertClaim(ctx.db, orderId, bench, actor.id, ctx.clock.iso());
}

/**
 * Starts packing at a bench: allocated / in_wave / picked -> packing through the state machine, or
 * resumes an order this bench already holds. Another bench's order needs a lead's badge; another
 * warehouse's order is refused.
 */
export function startPacking(ctx: CoreContext, orderId: string, input: { bench: string; override?: BadgeOverride }, actor: Actor): PackTicket {
  const o = getOrder(ctx, orderId);
  // a paused wave's orders wait for the lead, whichever bench scans them
  const wave = waveOfOrder(ctx, orderId);
  if (wave?.paused) fail('conflict', `wave ${wave.waveNumber} is paused by the lead: put slot ${wave.slot} back until it is resumed`, [{ path: 'wave', message: 'paused' }]);
  checkBenchWarehouse(ctx, o, input.bench);
  if (STARTABLE.includes(o.state)) {
    // the buyer's other orders to the same address (merging on): found before this one leaves allocated
    const mates = mergeMatesOf(ctx, orderId);
    applyOrderAction(ctx, orderId, 'start_packing', actor, { data: { bench: input.bench } });
    claimForBench(ctx, orderId, input.bench, actor);
    mergeAtBench(ctx, orderId, mates, input.bench, actor, (id) => claimForBench(ctx, id, input.bench, actor));
  } else if (o.state === 'packing') {
    pruneShipment(ctx, orderId, actor);
    const c = claimOf(ctx, orderId);
    if (!c) claimForBench(ctx, orderId, input.bench, actor);
    else if (c.bench !== input.bench) {
      if (!input.override) fail('conflict', busyElsewhere(o, c), [{ path: 'bench', message: `held by ${c.bench}` }]);
      const lead = authorizeOverride(ctx, input.override!, 'move an order to another bench');
      claimForBench(ctx, orderId, input.bench, actor);
      appendEvent(ctx.db, ctx.clock, {
        type: 'pack.taken_over', entity: 'order', entityId: orderId, actor, reason: input.override!.reason,
        data: { from: c.bench, bench: input.bench, approvedBy: lead.id, number: o.number },
      });
    }
  } else {
    fail('order_state', notPackable(ctx, o), [{ path: 'state', message: o.state }]);
  }
  return packTicket(ctx, orderId, input.bench);
}
