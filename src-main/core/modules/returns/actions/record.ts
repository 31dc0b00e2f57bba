// The audit of returns: every step is an event on the return (its history) that names its order.
import type { CoreContext } from '../../../context';
import { appendEvent, type Actor } from '../../../store/events';
import type { ReturnRow } from '../store';

export function recordReturnEvent(ctx: CoreContext, r: Pick<ReturnRow, 'id' | 'number' | 'order_id'>, type: string, actor: Actor, reason: string | null, data: Record<string, unknown> = {}): void {
  appendEvent(ctx.db, ctx.clock, { type: `return.${type}`, entity: 'return', entityId: r.id, actor, reason, data: { number: r.number, orderId: r.order_id, ...data } });
}
