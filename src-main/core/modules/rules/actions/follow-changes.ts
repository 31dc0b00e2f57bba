// The rules run on every change of an order: this reads the order events after the rules' cursor
// (creation by any intake path, hold, release, address change, allocation...), evaluates each changed
// order once, applies the decision and moves the cursor, all in one write job. The rules' own events
// (a hold or carrier they set) are not changes to run for, so nothing loops.
import type { CoreContext } from '../../../context';
import { evaluateRules } from '../evaluate';
import { activeRules, factsOf, RULES_ACTOR } from '../queries';
import { selectCursor, selectEventIdAt, selectOrderEventsAfter, setCursor, setHoldsReleasedByPerson } from '../store';
import { applyDecision } from './apply-decision';
import { logger } from '../../../../lib/log';

const log = logger('core.rules');

/**
 * Processes up to `max` events after the cursor; returns how many were read (max: there may be more).
 * Several changes of one order within the same batch are evaluated once, on its latest state.
 */
export function followChanges(ctx: CoreContext, max: number): { read: number; evaluated: number } {
  const cursor = selectCursor(ctx.db);
  const { upto, n } = selectEventIdAt(ctx.db, cursor, max);
  if (upto === null) return { read: 0, evaluated: 0 };
  const events = selectOrderEventsAfter(ctx.db, cursor, max).filter((e) => e.id <= upto && e.actor !== RULES_ACTOR.id);
  const rules = activeRules(ctx.db);
  const changed = new Set<string>();
  for (const e of events) {
    // A person released an order a rule held: the rule does not hold it again.
    if (e.type === 'order.release') setHoldsReleasedByPerson(ctx.db, e.entity_id);
    if (e.type !== 'order.deleted') changed.add(e.entity_id);
  }
  let evaluated = 0;
  if (rules.length && changed.size) {
    for (const facts of factsOf(ctx.db, [...changed], ctx.clock.now(), rules)) {
      // Each order in a savepoint of its own: one the rules cannot act on (its state moved on) never stops the others.
      try {
        ctx.db.transaction(() => applyDecision(ctx, facts.orderId, evaluateRules(rules, facts), true, facts.known))();
        evaluated++;
      } catch (e) {
        log.warn({ order: facts.orderId, err: (e as Error)?.message }, 'the rules could not act on an order');
      }
    }
  }
  setCursor(ctx.db, upto);
  return { read: n, evaluated };
}
