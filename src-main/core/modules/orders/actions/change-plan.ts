// A new carrier, service or priority for an order (a rule's action, an expedite): validate, apply,
// record `order.updated` (a bench holding the order starts again with the new plan).
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { orderRecord } from '../queries';
import { updateOrderPlan } from '../store';

/** Past packing the label names the carrier already: the plan is settled. */
const SETTLED: readonly OrderState[] = ['packed', 'shipped', 'returned', 'cancelled'];

/** Returns false (and changes nothing) when the plan is already this. A field left undefined stays; null clears the carrier or service. */
export function changeOrderPlan(ctx: CoreContext, id: string, change: { carrier?: string | null; service?: string | null; priority?: number }, actor: Actor, reason: string): boolean {
  const o = orderRecord(ctx, id);
  if (SETTLED.includes(o.state)) fail('order_state', said('planTooLate', { number: o.number, state: o.state }));
  const plan = { carrier: change.carrier !== undefined ? change.carrier : o.carrier, service: change.service !== undefined ? change.service : o.service, priority: change.priority ?? o.priority };
  if (plan.carrier === o.carrier && plan.service === o.service && plan.priority === o.priority) return false;
  const version = updateOrderPlan(ctx.db, id, plan, ctx.clock.iso());
  const fields = (['carrier', 'service', 'priority'] as const).filter((k) => plan[k] !== o[k]);
  appendEvent(ctx.db, ctx.clock, { type: 'order.updated', entity: 'order', entityId: id, actor, reason, data: { number: o.number, version, state: o.state, fields, ...Object.fromEntries(fields.map((k) => [k, plan[k]])), reason } });
  return true;
}
