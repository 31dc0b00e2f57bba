// A bin's custom walking sequence: it overrides the bin's place on the serpentine (25 walks a bin
// between the 2nd and the 3rd).
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { notFound } from '../../../../lib/errors';
import type { PathStop } from '../../../../contract/locations';
import { locationIdByRef, updateLocationSequence } from '../store';
import { walkingPath, walkingOrder } from '../queries';

/** Sets or clears (null) the custom walking sequence of a bin. */
export function setLocationSequence(ctx: CoreContext, code: string, sequence: number | null, actor: Actor): PathStop {
  const id = locationIdByRef(ctx.db, code);
  if (!id) notFound('location', code);
  updateLocationSequence(ctx.db, id!, sequence);
  appendEvent(ctx.db, ctx.clock, { type: 'location.sequence_set', entity: 'location', entityId: id!, actor, data: { code, sequence } });
  const at = walkingPath(ctx).get(id!)!.code;
  return walkingOrder(ctx).find((p) => p.code === at)!;
}
