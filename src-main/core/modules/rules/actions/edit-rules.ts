// A lead's edits of the rule list, the limits and the presale list: validate, apply, record.
import type { CoreContext } from '../../../context';
import type { RuleInput, RuleLimits } from '../../../../contract/rules';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { resolveSkuCode } from '../../catalog/queries';
import { assertCarrierKnown } from '../../shipping/queries';
import { warehouseIdOf } from '../../locations/queries';
import { activeRules, listRules, ruleLimits, ruleOf } from '../queries';
import { actionWords } from '../evaluate';
import { faceOf } from '../fired';
import { deletePresale, deleteRuleRow, insertPresale, insertRule, putSetting, selectNewestEventId, selectRule, selectRules, setCursor, setRulePosition, updateRuleRow } from '../store';

type Input = Omit<RuleInput, 'enabled' | 'match'> & { enabled: boolean; match: 'all' | 'any' };
const body = (i: Input) => JSON.stringify({ match: i.match, conditions: i.conditions, actions: i.actions });

/**
 * What a rule names must exist: its SKUs, and the carrier and warehouse it sets. A carrier the shop
 * does not have would be written onto live orders, whose labels then cannot print.
 */
function checkNames(ctx: CoreContext, i: Input): void {
  i.conditions.forEach((c, n) => {
    if (c.kind !== 'sku') return;
    const unknown = (c.values ?? []).filter((v) => !resolveSkuCode(ctx, v));
    if (unknown.length) fail('validation', said('conditionNoProduct', { n: n + 1, skus: unknown.join(', ') }), [issue(`conditions.${n}.values`, said('unknownSkus', { skus: unknown.join(', ') }))]);
  });
  if (i.actions.carrier) assertCarrierKnown(ctx.db, i.actions.carrier, 'actions.carrier');
  if (i.actions.warehouse && !warehouseIdOf(ctx, i.actions.warehouse)) {
    fail('validation', said('ruleWarehouseUnknown', { ref: i.actions.warehouse }), [issue('actions.warehouse', said('unknownWarehouse'))]);
  }
}

/**
 * While no rule is in use the follower skips the log: the first rule put in use starts it at the
 * log's end (the open orders are evaluated again for that change anyway).
 */
function startFollowingIfIdle(ctx: CoreContext): void {
  if (activeRules(ctx.db).length === 0) setCursor(ctx.db, selectNewestEventId(ctx.db));
}

/**
 * The rule's face (its name and actions, as orders' results name it: fired.ts) is added with the
 * edit, so the re-evaluation's reads on another connection find it without writing.
 */
function withFace(ctx: CoreContext, rule: ReturnType<typeof ruleOf>) {
  faceOf(ctx.db, rule.id, rule.name, actionWords(rule.actions));
  return rule;
}

export function createRule(ctx: CoreContext, i: Input, actor: Actor) {
  checkNames(ctx, i);
  startFollowingIfIdle(ctx);
  const id = ctx.ids('rule');
  const position = selectRules(ctx.db).length + 1;
  insertRule(ctx.db, { id, position, name: i.name, enabled: i.enabled ? 1 : 0, rule: body(i), updated_at: ctx.clock.iso(), updated_by: actor.id });
  appendEvent(ctx.db, ctx.clock, { type: 'rule.created', entity: 'rule', entityId: id, actor, data: { name: i.name, position } });
  return withFace(ctx, ruleOf(selectRule(ctx.db, id)!));
}

export function updateRule(ctx: CoreContext, id: string, i: Input, actor: Actor) {
  const r = selectRule(ctx.db, id) ?? notFound('rule', id);
  if (i.expectedVersion !== undefined && i.expectedVersion !== r.version) fail('conflict', said('ruleChanged', { name: r.name, version: r.version, had: i.expectedVersion }));
  checkNames(ctx, i);
  startFollowingIfIdle(ctx);
  updateRuleRow(ctx.db, { id, name: i.name, enabled: i.enabled ? 1 : 0, rule: body(i), updated_at: ctx.clock.iso(), updated_by: actor.id });
  appendEvent(ctx.db, ctx.clock, { type: 'rule.updated', entity: 'rule', entityId: id, actor, data: { name: i.name, before: JSON.parse(r.rule), enabled: i.enabled } });
  return withFace(ctx, ruleOf(selectRule(ctx.db, id)!));
}

/** Positions 1..n again after a removal or a move, so "move to 2" means second. */
function renumber(ctx: CoreContext, ids: string[]): void {
  ids.forEach((id, n) => setRulePosition(ctx.db, id, n + 1));
}

export function deleteRule(ctx: CoreContext, id: string, actor: Actor) {
  const r = selectRule(ctx.db, id) ?? notFound('rule', id);
  deleteRuleRow(ctx.db, id);
  renumber(ctx, selectRules(ctx.db).map((x) => x.id));
  appendEvent(ctx.db, ctx.clock, { type: 'rule.deleted', entity: 'rule', entityId: id, actor, data: { name: r.name, rule: JSON.parse(r.rule) } });
  return { ok: true as const };
}

export function moveRule(ctx: CoreContext, id: string, position: number, actor: Actor) {
  const r = selectRule(ctx.db, id) ?? notFound('rule', id);
  const ids = selectRules(ctx.db).map((x) => x.id).filter((x) => x !== id);
  const to = Math.min(position, ids.length + 1);
  ids.splice(to - 1, 0, id);
  renumber(ctx, ids);
  appendEvent(ctx.db, ctx.clock, { type: 'rule.moved', entity: 'rule', entityId: id, actor, data: { name: r.name, from: r.position, to } });
  return { items: listRules(ctx) };
}

export function putLimits(ctx: CoreContext, limits: RuleLimits, actor: Actor): RuleLimits {
  putSetting(ctx.db, 'limits', JSON.stringify(limits));
  appendEvent(ctx.db, ctx.clock, { type: 'rule.limits_changed', entity: 'rule', entityId: 'limits', actor, data: limits });
  return ruleLimits(ctx.db);
}

export function putPresale(ctx: CoreContext, items: { sku: string; stockDate: string }[], actor: Actor) {
  const rows = items.map((x, n) => ({ ...x, skuId: resolveSkuCode(ctx, x.sku)?.skuId ?? fail('validation', said('rowNoProduct', { n: n + 1, sku: x.sku }), [issue(`items.${n}.sku`, said('unknownSkuNote'))]) }));
  deletePresale(ctx.db);
  for (const r of rows) insertPresale(ctx.db, r.skuId, r.stockDate);
  appendEvent(ctx.db, ctx.clock, { type: 'rule.presale_changed', entity: 'rule', entityId: 'presale', actor, data: { count: rows.length } });
  return { items };
}
