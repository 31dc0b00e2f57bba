// The rules on new orders, inside the transaction that creates them (createOrders, which every
// intake path goes through: POST /api/orders, the intake thread, bulk and CSV imports, channels).
// The order is written, held, tagged, re-planned and re-routed in one commit, with no second write
// job and no second pass over the log: the follower runs the rules again only on later changes.
import type { CoreContext } from '../../../context';
import { logger } from '../../../../lib/log';
import { evaluateRules } from '../evaluate';
import { activeRules, factsOfNew, type NewOrderFacts } from '../queries';
import { applyDecision } from './apply-decision';

const log = logger('core.rules');
const NO_HOLDS: readonly never[] = [];

/**
 * Evaluates and applies the rules for these just-created orders. A rule the rules cannot carry out
 * never refuses an order: the batch runs in one savepoint, and if it fails, each order again in one
 * of its own (the failure is logged, as the follower does). Returns true when a rule sent an order
 * to another warehouse (its reservations moved: the caller's view of the stock is out of date).
 */
export function runRulesOnArrival(ctx: CoreContext, orders: readonly NewOrderFacts[]): boolean {
  if (orders.length === 0) return false;
  const rules = activeRules(ctx.db);
  if (rules.length === 0) return false;
  const decided = factsOfNew(ctx.db, orders, ctx.clock.now(), rules).map((facts) => ({ facts, decision: evaluateRules(rules, facts) }));
  const apply = ({ facts, decision }: (typeof decided)[number]) => applyDecision(ctx, facts.orderId, decision, true, facts.known, NO_HOLDS);
  try {
    ctx.db.transaction(() => decided.forEach(apply))();
  } catch {
    for (const one of decided) {
      try {
        ctx.db.transaction(() => apply(one))();
      } catch (e) {
        log.warn({ order: one.facts.orderId, err: (e as Error)?.message }, 'the rules could not act on a new order');
      }
    }
  }
  return decided.some((x) => x.decision.warehouse !== undefined);
}
