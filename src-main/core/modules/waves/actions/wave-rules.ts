// Wave rules a lead saves under a name (filter, grouping, caps: contract/waves.ts WaveRule):
// create, change, delete. A name belongs to one rule.
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { WaveRule, SavedWaveRule } from '../../../../contract/waves';
import { getWaveRule } from '../queries';
import { ruleIdByName, insertRule, updateRule, deleteRule } from '../store';

function assertNameFree(ctx: CoreContext, name: string, id: string | null) {
  const other = ruleIdByName(ctx.db, name);
  if (other !== undefined && other !== id) fail('conflict', said('waveRuleTaken', { name }), [issue('name', said('inUse'))]);
}

export function createWaveRule(ctx: CoreContext, input: { name: string; rule: WaveRule }, actor: Actor): SavedWaveRule {
  assertNameFree(ctx, input.name, null);
  const id = ctx.ids('waveRule');
  insertRule(ctx.db, id, input.name, JSON.stringify(input.rule), ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.saved', entity: 'wave_rule', entityId: id, actor, data: { name: input.name } });
  return getWaveRule(ctx, id);
}

export function updateWaveRule(ctx: CoreContext, id: string, input: { name: string; rule: WaveRule }, actor: Actor): SavedWaveRule {
  const cur = getWaveRule(ctx, id);
  assertNameFree(ctx, input.name, cur.id);
  updateRule(ctx.db, cur.id, input.name, JSON.stringify(input.rule), ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.saved', entity: 'wave_rule', entityId: cur.id, actor, data: { name: input.name } });
  return getWaveRule(ctx, cur.id);
}

export function deleteWaveRule(ctx: CoreContext, id: string, actor: Actor): void {
  const cur = getWaveRule(ctx, id);
  deleteRule(ctx.db, cur.id);
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.deleted', entity: 'wave_rule', entityId: cur.id, actor, data: { name: cur.name } });
}
