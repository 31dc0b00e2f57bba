// The rules run on every change of an order: this reads the order events after the rules' cursor
// (hold, release, address change, allocation...), evaluates each changed order once, applies the
// decision and moves the cursor, all in one write job. An order's creation is not read: the rules
// ran on it in the transaction that created it (on-arrival.ts). The rules' own events (a hold or
// carrier they set) are not changes to run for, so nothing loops.
import type { CoreContext } from '../../../context';
import { evaluateRules } from '../evaluate';
import { activeRules, factsOf, RULES_ACTOR } from '../queries';
import { selectCursor, selectEventIdAt, selectOrderChangesBetween, setCursor, setHoldsReleasedByPerson } from '../store';
import { applyDecision } from './apply-decision';
import { logger } from '../../../../lib/log';
import { getSettings } from '../../settings/queries';

const log = logger('core.rules');

/**
 * Looks at up to `window` events after the cursor (mostly creations and other modules' events under
 * ingest, passed over in SQL) and evaluates the orders changed by at most `max` of them; `more`:
 * there may be more to read. Several changes of one order in one job are evaluated once, on its
 * latest state.
 */
export function followChanges(ctx: CoreContext, max: number, window = max): { read: number; evaluated: number; more: boolean } {
  const cursor = selectCursor(ctx.db);
  const { upto, n } = selectEventIdAt(ctx.db, cursor, window);
  if (upto === null) return { read: 0, evaluated: 0, more: false };
  const events = selectOrderChangesBetween(ctx.db, cursor, upto, RULES_ACTOR.id, max);
  // A full page of changes: stop after its last one (the rest of the window is read next time).
  const full = events.length === max;
  const to = full ? events.at(-1)!.id : upto;
  const rules = activeRules(ctx.db);
  const changed = new Set<string>();
  for (const e of events) {
    // A person released an order a rule held: the rule does not hold it again.
    if (e.type === 'order.release') setHoldsReleasedByPerson(ctx.db, e.entity_id);
    if (e.type !== 'order.deleted') changed.add(e.entity_id);
  }
  let evaluated = 0;
  if (rules.length && changed.size) {
    for (const facts of factsOf(ctx.db, [...changed], ctx.clock.now(), getSettings(ctx).timeZone, rules)) {
      // Each order in a savepoint of its own: one the rules cannot act on (its state moved on) never stops the others.
      try {
        ctx.db.transaction(() => applyDecision(ctx, facts.orderId, evaluateRules(rules, facts), true, facts.known))();
        evaluated++;
      } catch (e) {
        log.warn({ order: facts.orderId, err: (e as Error)?.message }, 'the rules could not act on an order');
      }
    }
  }
  setCursor(ctx.db, to);
  return { read: n, evaluated, more: full || n === window };
}
