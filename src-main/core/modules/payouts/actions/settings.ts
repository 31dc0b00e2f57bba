// Finance's settings of payouts: rules that make routine differences expected, each channel's
// settlement cycle, saved column mappings. A rule or cycle change works the money of the orders it
// may move out again afterwards (settings-rework.ts: a slice of orders per write job, not all in this one).
import type { CoreContext } from '../../../context';
import type { CauseRule, CauseRuleInput, ChannelCycle, StatementMapping, StatementMappingInput } from '../../../../contract/payouts';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { listRules } from '../queries';
import { deleteRule, insertMapping, insertRule, mappingNameTaken, selectChannel, upsertChannel } from '../store';

export function createCauseRule(ctx: CoreContext, input: CauseRuleInput, actor: Actor): CauseRule {
  const id = insertRule(ctx.db, { channel: input.channel, cause: input.cause, max_percent: input.maxPercent, max_fen: input.maxFen, note: input.note ?? null, created_by: actor.id, created_at: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'payout_rule.created', entity: 'payout_rule', entityId: String(id), actor, data: { cause: input.cause, channel: input.channel } });
  return listRules(ctx).find((r) => r.id === id)!;
}

export function removeCauseRule(ctx: CoreContext, id: number, actor: Actor): void {
  if (!deleteRule(ctx.db, id)) notFound('rule', String(id));
  appendEvent(ctx.db, ctx.clock, { type: 'payout_rule.deleted', entity: 'payout_rule', entityId: String(id), actor });
}

export function putChannelCycle(ctx: CoreContext, channel: string, input: { cycleDays: number; cycleLabel?: string; toleranceFen?: number; windowHours?: number }, actor: Actor): ChannelCycle {
  const was = selectChannel(ctx.db, channel);
  const c = {
    channel, cycle_days: input.cycleDays, cycle_label: input.cycleLabel || `T+${input.cycleDays}`,
    tolerance_fen: input.toleranceFen ?? was?.tolerance_fen ?? 1, window_hours: input.windowHours ?? was?.window_hours ?? 72,
  };
  upsertChannel(ctx.db, c);
  appendEvent(ctx.db, ctx.clock, { type: 'payout_channel.updated', entity: 'payout_channel', entityId: channel, actor, data: { cycleDays: c.cycle_days } });
  return { channel, cycleDays: c.cycle_days, cycleLabel: c.cycle_label, toleranceFen: c.tolerance_fen, windowHours: c.window_hours };
}

export function createStatementMapping(ctx: CoreContext, input: StatementMappingInput, actor: Actor): StatementMapping {
  if (mappingNameTaken(ctx.db, input.name)) fail('conflict', said('statementMappingTaken', { name: input.name }), [issue('name', said('exists'))]);
  const id = ctx.ids('mapping');
  const createdAt = ctx.clock.iso();
  const { name, channel, ...rest } = input;
  insertMapping(ctx.db, { id, name, channel, mapping: JSON.stringify(rest), created_at: createdAt });
  appendEvent(ctx.db, ctx.clock, { type: 'payout_mapping.created', entity: 'payout_mapping', entityId: id, actor, data: { name } });
  return { id, createdAt, ...input };
}
