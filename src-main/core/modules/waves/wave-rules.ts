// Wave rules a lead saves under a name (filter, grouping, caps: contract/waves.ts WaveRule).
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import type { Actor } from '../../store/events';
import { appendEvent } from '../../store/events';
import { fail, notFound } from '../../../lib/errors';
import { WaveRule, type SavedWaveRule } from '../../../contract/waves';

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

interface RuleRow { id: string; name: string; rule: string; created_at: string; updated_at: string }
const toRule = (r: RuleRow): SavedWaveRule => ({ id: r.id, name: r.name, rule: WaveRule.parse(JSON.parse(r.rule)), createdAt: r.created_at, updatedAt: r.updated_at });

export function listWaveRules(ctx: CoreContext): SavedWaveRule[] {
  return (stmt(ctx, 'SELECT * FROM wave_rules ORDER BY name').all() as RuleRow[]).map(toRule);
}

export function getWaveRule(ctx: CoreContext, id: string): SavedWaveRule {
  const r = stmt(ctx, 'SELECT * FROM wave_rules WHERE id = ? OR name = ?').get(id, id) as RuleRow | undefined;
  return r ? toRule(r) : notFound('wave rule', id);
}

function assertNameFree(ctx: CoreContext, name: string, id: string | null) {
  const other = stmt(ctx, 'SELECT id FROM wave_rules WHERE name = ?').get(name) as { id: string } | undefined;
  if (other && other.id !== id) fail('conflict', `a wave rule named "${name}" already exists; pick another name or change that rule`, [{ path: 'name', message: 'in use' }]);
}

export function createWaveRule(ctx: CoreContext, input: { name: string; rule: WaveRule }, actor: Actor): SavedWaveRule {
  assertNameFree(ctx, input.name, null);
  const id = ctx.ids('waveRule');
  const now = ctx.clock.iso();
  stmt(ctx, 'INSERT INTO wave_rules (id, name, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, input.name, JSON.stringify(input.rule), now, now);
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.saved', entity: 'wave_rule', entityId: id, actor, data: { name: input.name } });
  return getWaveRule(ctx, id);
}

export function updateWaveRule(ctx: CoreContext, id: string, input: { name: string; rule: WaveRule }, actor: Actor): SavedWaveRule {
  const cur = getWaveRule(ctx, id);
  assertNameFree(ctx, input.name, cur.id);
  stmt(ctx, 'UPDATE wave_rules SET name = ?, rule = ?, updated_at = ? WHERE id = ?').run(input.name, JSON.stringify(input.rule), ctx.clock.iso(), cur.id);
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.saved', entity: 'wave_rule', entityId: cur.id, actor, data: { name: input.name } });
  return getWaveRule(ctx, cur.id);
}

export function deleteWaveRule(ctx: CoreContext, id: string, actor: Actor): void {
  const cur = getWaveRule(ctx, id);
  stmt(ctx, 'DELETE FROM wave_rules WHERE id = ?').run(cur.id);
  appendEvent(ctx.db, ctx.clock, { type: 'wave_rule.deleted', entity: 'wave_rule', entityId: cur.id, actor, data: { name: cur.name } });
}
