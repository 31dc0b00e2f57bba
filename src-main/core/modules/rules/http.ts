// Route handlers of the rules: the list a lead edits (each change evaluates the open orders again),
// an order's fired rules, the limits, the presale list, the lead's queue and the instructions.
import type { rulesRoutes } from '../../../contract/rules';
import { actorOf, type HandlerEnv, type ModuleHandlers } from '../../http/handler-env';
import { orderIdOf } from '../orders/queries';
import { notFound } from '../../../lib/errors';
import { createRule, deleteRule, moveRule, putLimits, putPresale, updateRule } from './actions/edit-rules';
import { resolveFlag, sendInstruction } from './actions/instructions';
import { leadQueue, listRules, orderRules, presaleList, ruleLimits } from './queries';

/** A rule change: written, then the open orders are evaluated again in the background. */
async function changed<T>(env: HandlerEnv, fn: () => T): Promise<T> {
  const out = await env.core.writes.run(fn);
  void env.core.rules.reevaluate();
  return out;
}
const orderId = (env: HandlerEnv, ref: string) => orderIdOf(env.core.ctx, ref) ?? notFound('order', ref);

export const handlers: ModuleHandlers<typeof rulesRoutes> = {
  listRules: (_i, { core }) => ({ items: listRules(core.ctx) }),
  createRule: ({ body }, env) => changed(env, () => createRule(env.core.ctx, body, actorOf(env))),
  updateRule: ({ params, body }, env) => changed(env, () => updateRule(env.core.ctx, params.id, body, actorOf(env))),
  deleteRule: ({ params }, env) => changed(env, () => deleteRule(env.core.ctx, params.id, actorOf(env))),
  moveRule: ({ params, body }, env) => changed(env, () => moveRule(env.core.ctx, params.id, body.position, actorOf(env))),
  reevaluation: (_i, { core }) => core.rules.reevaluation(),
  orderRules: ({ params }, env) => orderRules(env.core.ctx, orderId(env, params.id)),
  presaleSkus: (_i, { core }) => presaleList(core.ctx),
  putPresaleSkus: ({ body }, env) => changed(env, () => putPresale(env.core.ctx, body.items, actorOf(env))),
  ruleLimits: (_i, { core }) => ruleLimits(core.db),
  putRuleLimits: ({ body }, env) => env.core.writes.run(() => putLimits(env.core.ctx, body, actorOf(env))),
  leadQueue: ({ query }, { core }) => leadQueue(core.ctx, query),
  sweepRules: (_i, { core }) => core.rules.sweep(),
  resolveFlag: ({ params, body }, env) => env.core.writes.run(() => resolveFlag(env.core.ctx, params.id, body, actorOf(env))),
  sendInstruction: ({ params, body }, env) => env.core.writes.run(() => sendInstruction(env.core.ctx, orderId(env, params.id), body, actorOf(env))),
};
