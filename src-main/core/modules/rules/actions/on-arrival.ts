// The rules on new orders, inside the transaction that creates them (createOrders, which every
// intake path goes through: POST /api/orders, the intake thread, bulk and CSV imports, channels).
// They decide BEFORE the insert, on what is about to be written (no row read back): a carrier,
// service or priority they set is written with the order itself (one insert, no update, noted in
// its order.created event); after the insert only the result is recorded, and the rare hold or
// warehouse carried out. The follower runs the rules again only on later changes.
import type { CoreContext } from '../../../context';
import type { OrderInput } from '../../../../contract/orders';
import { logger } from '../../../../lib/log';
import { evaluateRules, type Decision } from '../evaluate';
import { factsOfNew, rulesInUse, type NewOrderFacts } from '../queries';
import { insertResults, type NewResult } from '../store';
import { encodeFired } from '../fired';
import { applyDecision } from './apply-decision';
import { getSettings } from '../../settings/queries';

const log = logger('core.rules');
const NO_HOLDS: readonly never[] = [];

/** What the rules decided for each of these orders (in their order), or null when no rule is in use. */
export function decideOnArrival(ctx: CoreContext, orders: readonly NewOrderFacts[]): Decision[] | null {
  if (orders.length === 0) return null;
  // One look at the rules' stamp per batch (it was two: the rules, then the presale list).
  const { rules, presale } = rulesInUse(ctx.db);
  if (rules.length === 0) return null;
  return factsOfNew(ctx.db, orders, ctx.clock.now(), getSettings(ctx).timeZone, rules, presale).map((facts) => evaluateRules(rules, facts));
}

type PlanInput = Pick<OrderInput, 'carrier' | 'service' | 'priority'>;
export interface ArrivalPlan {
  carrier: string | null;
  service: string | null;
  priority: number;
  /** For the order.created event when a rule changed the plan: the fields it set and which rules (as changeOrderPlan's reason). */
  byRules: { fields: string[]; reason: string } | null;
}

/** Whether a fired rule's actions set the carrier, service or priority: once per rule (its action list is shared by every decision). */
const plans = new WeakMap<readonly string[], boolean>();
function setsPlan(actions: readonly string[]): boolean {
  let sets = plans.get(actions);
  if (sets === undefined) plans.set(actions, (sets = actions.some((a) => /^(carrier|service|priority):/.test(a))));
  return sets;
}

/** The carrier, service and priority an order is written with: the input's, with the rules' decision over it. */
export function arrivalPlan(input: PlanInput, d: Decision | undefined): ArrivalPlan {
  const plan = { carrier: input.carrier ?? null, service: input.service ?? null, priority: input.priority ?? 0 };
  if (!d || (d.carrier === undefined && d.service === undefined && d.priority === undefined)) return { ...plan, byRules: null };
  const to = { carrier: d.carrier ?? plan.carrier, service: d.service ?? plan.service, priority: d.priority ?? plan.priority };
  const fields = (['carrier', 'service', 'priority'] as const).filter((k) => to[k] !== plan[k]);
  if (fields.length === 0) return { ...to, byRules: null };
  const by = d.fired.filter((f) => setsPlan(f.actions)).map((f) => `"${f.name}"`);
  return { ...to, byRules: { fields, reason: `rule ${by.join(', ')}` } };
}

/**
 * After the insert (same transaction): records what the rules decided and carries out a hold or a
 * warehouse. `orders[i].state` and `plans[i]` are as written. Most orders only have their result
 * recorded: those of the batch in a few multi-row inserts, with no savepoint (a new order's first
 * result, nothing to refuse). A hold or warehouse runs in a savepoint per order: a rule the rules
 * cannot carry out never refuses an order (the failure is logged, as the follower does). Returns
 * true when a rule sent an order to another warehouse (its reservations moved: the caller's view
 * of the stock is out of date).
 */
export function applyOnArrival(ctx: CoreContext, orders: readonly Pick<NewOrderFacts, 'id' | 'state'>[], plans: readonly ArrivalPlan[], decisions: readonly Decision[]): boolean {
  const now = ctx.clock.iso();
  const results: NewResult[] = [];
  let acting: number[] | null = null;
  for (let i = 0; i < orders.length; i++) {
    const d = decisions[i]!;
    if (!d.hold && d.warehouse === undefined) results.push({ orderId: orders[i]!.id, fired: encodeFired(ctx.db, d.fired), tags: d.tags.length ? JSON.stringify(d.tags) : null, packerNote: d.packerNote });
    else (acting ??= []).push(i);
  }
  insertResults(ctx.db, now, results);
  for (const i of acting ?? []) {
    try {
      ctx.db.transaction(() => applyDecision(ctx, orders[i]!.id, decisions[i]!, true, { state: orders[i]!.state, ...plans[i]! }, NO_HOLDS))();
    } catch (e) {
      log.warn({ order: orders[i]!.id, err: (e as Error)?.message }, 'the rules could not act on a new order');
    }
  }
  return acting !== null && acting.some((i) => decisions[i]!.warehouse !== undefined);
}
