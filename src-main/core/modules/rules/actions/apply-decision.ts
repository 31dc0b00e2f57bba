// What the rules decided for one order, applied: the result kept for the order's page, the carrier,
// service and priority (the orders module's action; a field no rule sets any more goes back to what it
// was before the rules: plan-memory.ts), a hold (through the state machine, as a lead's
// hold: the bench stops and shows the rule's reason), and the release of a rule hold whose rule no
// longer matches when the rule says so. Runs inside the writer's transaction.
import type { CoreContext } from '../../../context';
import { TRANSITIONS } from '../../../../contract/state-machine';
import type { OrderState } from '../../../../contract/orders';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { changeOrderPlan } from '../../orders/actions/change-plan';
import { ROUTABLE_STATES, assignWarehouse } from '../../orders/actions/assign-warehouse';
import { AppError } from '../../../../lib/errors';
import { orderRecord, orderState } from '../../orders/queries';
import { PLAN_FIELDS, planReason, type Decision } from '../evaluate';
import { encodeFired } from '../fired';
import { RULES_ACTOR } from '../queries';
import { insertHold, selectHolds, selectLastHoldActor, setHoldState, setPlanMemory, upsertResult, type HoldRow } from '../store';
import { nextPlan, planMemoryJson, readPlanMemory } from '../plan-memory';

/** What the facts already read of the order: its state and plan (spares a read per order while following changes). */
export interface KnownOrder { state: OrderState; carrier: string | null; service: string | null; priority: number }

/** Releases the order if it is on hold by a rule (a person's hold stays a person's). */
export function releaseRuleHold(ctx: CoreContext, orderId: string, ruleId: string, why: string): boolean {
  setHoldState(ctx.db, orderId, ruleId, 'released');
  const stillHeld = selectHolds(ctx.db, orderId).some((h) => h.state === 'held');
  if (stillHeld || orderState(ctx, orderId) !== 'on_hold' || selectLastHoldActor(ctx.db, orderId) !== RULES_ACTOR.id) return false;
  applyOrderAction(ctx, orderId, 'release', RULES_ACTOR, { reason: why });
  return true;
}

/**
 * `count`: this evaluation was for a change of the order (not a re-evaluation after a rule change).
 * `known`: the order's state and plan as the facts were read in this job (else read here).
 * `knownHolds`: the order's rule holds, when the caller knows them (a new order has none).
 */
export function applyDecision(ctx: CoreContext, orderId: string, d: Decision, count: boolean, known?: KnownOrder, knownHolds?: readonly HoldRow[]): void {
  const now = ctx.clock.iso();
  const memory = upsertResult(ctx.db, { orderId, at: now, fired: encodeFired(ctx.db, d.fired), tags: d.tags.length ? JSON.stringify(d.tags) : null, packerNote: d.packerNote, count });
  const holds = knownHolds ?? selectHolds(ctx.db, orderId);
  if (d.fired.length === 0 && holds.length === 0 && memory === null) return;
  const state = known?.state ?? orderState(ctx, orderId);
  if (!state) return;
  const open = TRANSITIONS.hold.from.includes(state);
  const replans = memory !== null || (d.carrier !== undefined && d.carrier !== known?.carrier) || (d.service !== undefined && d.service !== known?.service) || (d.priority !== undefined && d.priority !== known?.priority);
  if (replans && (open || state === 'on_hold')) replan(ctx, orderId, d, known ?? orderRecord(ctx, orderId), memory);
  if (d.warehouse && ROUTABLE_STATES.includes(state)) routeByRule(ctx, orderId, d);
  const h = d.hold;
  // A rule holds an order once: after a person (or its time) released it, the same rule leaves it be.
  if (h && open && !holds.some((x) => x.rule_id === h.ruleId)) {
    const releaseAt = h.releaseAfterMinutes ? new Date(ctx.clock.now() + h.releaseAfterMinutes * 60_000).toISOString() : null;
    insertHold(ctx.db, { order_id: orderId, rule_id: h.ruleId, type: h.type, reason: h.reason, held_at: now, release_at: releaseAt, release_when_clear: h.releaseWhenClear ? 1 : 0 });
    applyOrderAction(ctx, orderId, 'hold', RULES_ACTOR, { reason: h.reason, data: { holdType: h.type, rule: h.ruleId } });
  }
  // Rule holds that release "when clear" and whose rule did not fire this time.
  const fired = new Set(d.fired.map((f) => f.ruleId));
  for (const x of holds) {
    if (x.state === 'held' && x.release_when_clear && !fired.has(x.rule_id)) releaseRuleHold(ctx, orderId, x.rule_id, `rule no longer matches: ${x.reason}`);
  }
}

/** Writes the plan the rules decide (`d` over the order's plan `now`), puts back what no rule sets any more, and keeps the memory of both. */
function replan(ctx: CoreContext, orderId: string, d: Decision, now: Pick<KnownOrder, 'carrier' | 'service' | 'priority'>, memory: string | null): void {
  const next = nextPlan(now, d, readPlanMemory(memory));
  const setting = PLAN_FIELDS.filter((k) => k in next.set);
  if (setting.length) changeOrderPlan(ctx, orderId, next.set, RULES_ACTOR, planReason(d.fired, setting));
  const back = PLAN_FIELDS.filter((k) => k in next.back);
  if (back.length) changeOrderPlan(ctx, orderId, next.back, RULES_ACTOR, `no rule sets its ${back.join(', ')} any more: back to what it was before the rules`);
  if (next.changed) setPlanMemory(ctx.db, orderId, planMemoryJson(next.memory));
}

/**
 * Sends the order to the warehouse a rule names (the routing's own function: reservations follow).
 * A warehouse the rule names that is unknown or switched off leaves the order where routing put it;
 * the order's page still lists the rule as fired with its action.
 */
function routeByRule(ctx: CoreContext, orderId: string, d: Decision): void {
  const by = d.fired.filter((f) => f.actions.some((a) => a.startsWith('warehouse:'))).map((f) => `"${f.name}"`);
  try {
    assignWarehouse(ctx, orderId, { warehouse: d.warehouse, reason: `rule ${by.join(', ')}` }, RULES_ACTOR);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}
