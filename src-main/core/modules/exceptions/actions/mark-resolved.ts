// Closing an exception: who, what was done and why. What resolving does to parcels and orders is
// packing's resolveException.
import type { CoreContext } from '../../../context';
import type { PackException } from '../../../../contract/exceptions';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { setExceptionResolved } from '../store';
import { getException } from '../queries';

/** Marks an open exception resolved and records who, what and why. Refuses one already resolved. */
export function markResolved(ctx: CoreContext, id: string, resolution: string, reason: string | undefined, actor: Actor): PackException {
  const e = getException(ctx, id);
  if (e.state === 'resolved') fail('conflict', said('exceptionResolvedAlready', { id, resolution: String(e.resolution), by: String(e.resolvedBy), at: String(e.resolvedAt) }));
  setExceptionResolved(ctx.db, id, { resolution, by: actor.id, reason: reason ?? null, at: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, {
    type: 'exception.resolved', entity: e.orderId ? 'order' : 'exception', entityId: e.orderId ?? id, actor, reason: reason ?? null,
    data: { exceptionId: id, kind: e.kind, resolution },
  });
  return getException(ctx, id);
}
