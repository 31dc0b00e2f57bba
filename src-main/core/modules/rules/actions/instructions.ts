// Cancel, expedite and address instructions, and the lead's decision between two that contradict
// each other. One arriving within the window after a contradicting one (cancel and expedite; two
// different addresses) is not applied: the order is frozen (held) and both go to the lead's queue.
// A cancel already applied stays applied: the later expedite is frozen with it for the lead to see.
import type { CoreContext } from '../../../context';
import type { Address } from '../../../../contract/orders';
import { conflictReason, type Instruction } from '../../../../contract/rules';
import { TRANSITIONS } from '../../../../contract/state-machine';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { changeOrderPlan } from '../../orders/actions/change-plan';
import { changeShipTo } from '../../orders/actions/change-ship-to';
import { orderRecord } from '../../orders/queries';
import { getFlag, ruleLimits } from '../queries';
import { insertFlag, insertInstruction, resolveFlagRow, selectFlag, selectInstructionsOfFlag, selectInstructionsSince, selectOpenFlagOf, setInstructionFlag, type InstructionRow } from '../store';

/** Priority an expedite gives (the highest a wave sorts by). */
const EXPEDITE_PRIORITY = 9;

const sameAddress = (a?: Address, b?: Address) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
function contradicts(a: Instruction, b: Instruction): boolean {
  if (a.kind === 'address' && b.kind === 'address') return !sameAddress(a.shipTo, b.shipTo);
  return (a.kind === 'cancel' && b.kind === 'expedite') || (a.kind === 'expedite' && b.kind === 'cancel');
}

function apply(ctx: CoreContext, orderId: string, i: Instruction, actor: Actor): void {
  if (i.kind === 'cancel') applyOrderAction(ctx, orderId, 'cancel', actor, { reason: i.reason });
  else if (i.kind === 'expedite') changeOrderPlan(ctx, orderId, { priority: EXPEDITE_PRIORITY }, actor, `expedite: ${i.reason}`);
  else changeShipTo(ctx, orderId, { shipTo: i.shipTo!, reason: i.reason }, actor);
}

export function sendInstruction(ctx: CoreContext, orderId: string, i: Instruction, actor: Actor): { outcome: 'applied' | 'frozen'; flagId: string | null } {
  const o = orderRecord(ctx, orderId);
  if (i.kind === 'address' && !i.shipTo) fail('validation', said('addressInstructionNeedsAddress'), [issue('shipTo', said('required'))]);
  const now = ctx.clock.now();
  const at = new Date(now).toISOString();
  const since = new Date(now - ruleLimits(ctx.db).conflictWindowSeconds * 1000).toISOString();
  const earlier = selectInstructionsSince(ctx.db, orderId, since).find((r) => contradicts(JSON.parse(r.body) as Instruction, i));
  const row: InstructionRow = { id: ctx.ids('instruction'), order_id: orderId, kind: i.kind, body: JSON.stringify(i), at, actor: actor.id, outcome: 'applied', flag_id: null };
  if (!earlier) {
    apply(ctx, orderId, i, actor);
    insertInstruction(ctx.db, row);
    return { outcome: 'applied', flagId: null };
  }
  const flagId = selectOpenFlagOf(ctx.db, orderId, 'conflict') ?? ctx.ids('flag');
  insertFlag(ctx.db, { id: flagId, orderId, kind: 'conflict', stateAtFlag: o.state, since: earlier.at, minutes: 0, at });
  setInstructionFlag(ctx.db, earlier.id, flagId);
  insertInstruction(ctx.db, { ...row, outcome: 'frozen', flag_id: flagId });
  const reason = conflictReason(earlier, { kind: i.kind, at });
  if (TRANSITIONS.hold.from.includes(o.state)) applyOrderAction(ctx, orderId, 'hold', actor, { reason, data: { holdType: 'manual', flag: flagId } });
  appendEvent(ctx.db, ctx.clock, { type: 'flag.conflict', entity: 'flag', entityId: flagId, actor, reason, data: { order: orderId, number: o.number, instructions: [earlier.id, row.id] } });
  return { outcome: 'frozen', flagId };
}

/**
 * A lead clears a flag. A conflict is decided by naming the instruction that stands: a frozen one is
 * applied then (after releasing the freeze), the other is left; the decision is in the log with the reason.
 */
export function resolveFlag(ctx: CoreContext, id: string, input: { choose?: string; reason: string }, actor: Actor) {
  const f = selectFlag(ctx.db, id) ?? notFound('flag', id);
  if (f.state !== 'open') fail('conflict', said('flagResolved', { id, by: String(f.resolved_by), decision: String(f.decision) }));
  let decision = 'dismissed';
  if (f.kind === 'conflict') {
    const both = selectInstructionsOfFlag(ctx.db, id);
    const chosen = both.find((x) => x.id === input.choose) ?? fail('validation', said('chooseInstruction', { choices: both.map((x) => `${x.id} (${x.kind})`).join(' or ') }), [issue('choose', said('oneOfTheTwo'))]);
    if (orderRecord(ctx, f.order_id).state === 'on_hold') applyOrderAction(ctx, f.order_id, 'release', actor, { reason: `conflict decided: ${input.reason}` });
    if (chosen.outcome === 'frozen') apply(ctx, f.order_id, JSON.parse(chosen.body) as Instruction, actor);
    decision = `${chosen.kind} stands`;
  }
  resolveFlagRow(ctx.db, id, { at: ctx.clock.iso(), by: actor.id, decision: `${decision}: ${input.reason}` });
  appendEvent(ctx.db, ctx.clock, { type: 'flag.resolved', entity: 'flag', entityId: id, actor, reason: input.reason, data: { order: f.order_id, kind: f.kind, decision } });
  return getFlag(ctx, id);
}
