// Route handlers of payouts: statement import, the money views, differences, rules, cycles, mappings, export.
import type { payoutsRoutes } from '../../../contract/payouts';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';
import { confirmDifference } from './actions/confirm-difference';
import { createCauseRule, createStatementMapping, putChannelCycle, removeCauseRule } from './actions/settings';
import { exportPayouts } from './export';
import {
  listChannelCycles, listDifferences, listOrderMoney, listRows, listRules, listStatementMappings, listStatements, moneySummary, orderMoneyDetail,
} from './queries';
import { importStatement } from './statement-import';
import { profitByChannel } from './profit';
import { countNewOrders } from './order-days';
import { reconcileAfterChange } from './settings-rework';

/** A text route's body as the server reads it (server.ts readBody): its bytes. */
type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof payoutsRoutes> = {
  importStatement: async ({ query, body }, env) => {
    const report = await importStatement(env.core, query, (body as unknown as TextBody).bytes, actorOf(env));
    return reply(report.alreadyImported ? 200 : 201, report);
  },
  listStatements: (_i, { core }) => ({ items: listStatements(core.ctx) }),
  listStatementRows: ({ query }, { core }) => listRows(core.ctx, query),
  moneySummary: async (_i, { core }) => (await countNewOrders(core), moneySummary(core.ctx)),
  listOrderMoney: async ({ query }, { core }) => (await countNewOrders(core), { items: listOrderMoney(core.ctx, { ...query, overdue: query.overdue === undefined ? undefined : query.overdue === 'true' }) }),
  getOrderMoney: ({ params }, { core }) => orderMoneyDetail(core.ctx, params.id),
  profitByChannel: ({ query }, { core }) => profitByChannel(core.ctx, query),
  listDifferences: ({ query }, { core }) => ({ items: listDifferences(core.ctx, query) }),
  confirmDifference: ({ params, body }, env) => env.core.writes.run(() => confirmDifference(env.core.ctx, params.id, body, actorOf(env))),
  listCauseRules: (_i, { core }) => ({ items: listRules(core.ctx) }),
  createCauseRule: async ({ body }, env) => {
    const rule = await env.core.writes.run(() => createCauseRule(env.core.ctx, body, actorOf(env)));
    await reconcileAfterChange(env.core, 'differences');
    return reply(201, rule);
  },
  deleteCauseRule: async ({ params }, env) => {
    await env.core.writes.run(() => removeCauseRule(env.core.ctx, params.id, actorOf(env)));
    await reconcileAfterChange(env.core, 'differences');
    return { ok: true as const };
  },
  listChannelCycles: (_i, { core }) => ({ items: listChannelCycles(core.ctx) }),
  putChannelCycle: async ({ params, body }, env) => {
    const cycle = await env.core.writes.run(() => putChannelCycle(env.core.ctx, params.channel, body, actorOf(env)));
    await reconcileAfterChange(env.core, 'money');
    return cycle;
  },
  listStatementMappings: (_i, { core }) => ({ items: listStatementMappings(core.ctx) }),
  createStatementMapping: ({ body }, env) => env.core.writes.run(() => createStatementMapping(env.core.ctx, body, actorOf(env))).then((m) => reply(201, m)),
  exportPayouts: ({ query }, { core }) => exportPayouts(core.ctx, query),
};
