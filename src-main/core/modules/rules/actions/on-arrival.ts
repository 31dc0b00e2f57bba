// The rules on new orders, inside the transaction that creates them (createOrders, which every
// intake path goes through: POST /api/orders, the intake thread, bulk and CSV imports, channels).
// They decide BEFORE the insert, on what is about to be written (no row read back): a carrier,
// service or priority they set is written with the order itself (one insert, no update, noted in
// its order.created event); after the insert only the result is recorded, and the rare hold or
// warehouse carried out. The follower runs the rules again only on later changes.
import type { CoreContext } from '../../../context';
import type { OrderInput } from '../../../../contract/orders';
import { logger } from '../../../../lib/log';
import { evaluateRules, planReason, type Decision, type PlanField } from '../evaluate';
import { factsOfNew, rulesInUse, type NewOrderFacts } from '../queries';
import { insertResults, type NewResult } from '../store';
import { encodeFired } from '../fired';
import { applyDecision } from './apply-decision';
import { arrivalPlanMemory } from '../plan-memory';
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
  /** What the rules changed of the input's plan (plan-memory.ts), or null. */
  memory: string | null;
}

/** The carrier, service and priority an order is written with: the input's, with the rules' decision over it. */
export function arrivalPlan(input: PlanInput, d: Decision | undefined): ArrivalPlan {
  const carrier = input.carrier ?? null;
  const service = input.service ?? null;
  const priority = input.priority ?? 0;
  // Literals of one shape ({ ...plan, byRules } took V8's slow spread-then-add path, once per order).
  if (!d || (d.carrier === undefined && d.service === undefined && d.priority === undefined)) return { carrier, service, priority, byRules: null, memory: null };
  const to: ArrivalPlan = { carrier: d.carrier ?? carrier, service: d.service ?? service, priority: d.priority ?? priority, byRules: null, memory: null };
  const fields: PlanField[] = [];
  if (to.carrier !== carrier) fields.push('carrier');
  if (to.service !== service) fields.push('service');
  if (to.priority !== priority) fields.push('priority');
  if (fields.length) {
    to.byRules = { fields, reason: planReason(d.fired, fields) };
    to.memory = arrivalPlanMemory({ carrier, service, priority }, to);
  }
  return to;
}

/**
 * After the insert (same transaction): records what the rules decided and carries out a hold or a
 * warehouse. `orders[i].state` and `plans[i]` are as written. Most orders only have their result
 * recorded: those of the batch in a few multi-row inserts, with no savepoint (a new order's first
 * result, nothing to refuse), with what the rules changed of its plan. A hold or warehouse runs in a savepoint per order: a rule the rules
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
    results.push({ orderId: orders[i]!.id, fired: encodeFired(ctx.db, d.fired), tags: d.tags.length ? JSON.stringify(d.tags) : null, packerNote: d.packerNote, plan: plans[i]!.memory });
    if (d.hold || d.warehouse !== undefined) (acting ??= []).push(i);
  }
  insertResults(ctx.db, now, results);
  for (const i of acting ?? []) {
    try {
      // its result is recorded (counted once): the hold or warehouse is carried out
      ctx.db.transaction(() => applyDecision(ctx, orders[i]!.id, decisions[i]!, false, { state: orders[i]!.state, ...plans[i]! }, NO_HOLDS))();
    } catch (e) {
      log.warn({ order: orders[i]!.id, err: (e as Error)?.message }, 'the rules could not act on a new order');
    }
  }
  return acting !== null && acting.some((i) => decisions[i]!.warehouse !== undefined);
}
