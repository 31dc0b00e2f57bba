// What the clock decides (run every few seconds, and at once from the lead's queue): rule holds whose
// time came are released; orders ready or allocated longer than the limit without a wave or packing
// go to the lead's queue; orders longer than their state's limit in it are flagged; flags whose order
// moved on clear themselves. Takes its time from the core's clock (tests inject it).
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import { appendEvent } from '../../../store/events';
import { ruleLimits, RULES_ACTOR } from '../queries';
import { insertFlag, resolveFlagRow, selectDueHolds, selectMovedOnFlags, selectQuietOrders } from '../store';
import { releaseRuleHold } from './apply-decision';

/** Flags raised per sweep at most: a backlog is flagged over a few sweeps, never in one long write. */
const MAX_PER_SWEEP = 2000;

export function sweep(ctx: CoreContext): { released: number; flagged: number; cleared: number } {
  const now = ctx.clock.now();
  const iso = new Date(now).toISOString();
  let released = 0;
  for (const h of selectDueHolds(ctx.db, iso, MAX_PER_SWEEP)) {
    if (releaseRuleHold(ctx, h.order_id, h.rule_id, `hold time over: ${h.reason}`)) released++;
  }
  let cleared = 0;
  for (const id of selectMovedOnFlags(ctx.db)) {
    resolveFlagRow(ctx.db, id, { at: iso, by: RULES_ACTOR.id, decision: 'moved on' });
    cleared++;
  }
  const limits = ruleLimits(ctx.db);
  let flagged = 0;
  const flag = (kind: 'unassigned' | 'stuck', o: { id: string; state: OrderState; updated_at: string }) => {
    const minutes = Math.floor((now - Date.parse(o.updated_at)) / 60_000);
    const id = ctx.ids('flag');
    if (!insertFlag(ctx.db, { id, orderId: o.id, kind, stateAtFlag: o.state, since: o.updated_at, minutes, at: iso })) return;
    appendEvent(ctx.db, ctx.clock, { type: `flag.${kind}`, entity: 'flag', entityId: id, actor: RULES_ACTOR, data: { order: o.id, state: o.state, minutes } });
    flagged++;
  };
  const unassignedBefore = new Date(now - limits.unassignedMinutes * 60_000).toISOString();
  for (const o of selectQuietOrders(ctx.db, 'unassigned', ['ready', 'allocated'], unassignedBefore, MAX_PER_SWEEP)) flag('unassigned', o);
  for (const [state, minutes] of Object.entries(limits.stuckMinutes) as [OrderState, number][]) {
    for (const o of selectQuietOrders(ctx.db, 'stuck', [state], new Date(now - minutes * 60_000).toISOString(), MAX_PER_SWEEP)) flag('stuck', o);
  }
  return { released, flagged, cleared };
}
