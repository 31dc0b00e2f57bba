// Route handlers of alerts, notification channels, the daily brief and the system health panel.
import type { alertsRoutes } from '../../../contract/alerts';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { createNotifyChannel, createThreshold, deleteNotifyChannel, deleteThreshold, putBrief, queueTest, retryDelivery } from './actions/settings';
import { alertRunner } from './flows';
import { systemHealth } from './health';
import { alertsView, briefStatus, deliveryOf, listDeliveries, listNotifyChannels, listThresholds, metricsNow, notifyChannelOf, thresholdOf } from './queries';

export const handlers: ModuleHandlers<typeof alertsRoutes> = {
  listAlerts: (_i, { core }) => alertsView(core.ctx),
  listMetrics: (_i, { core }) => ({ items: metricsNow(core.ctx) }),
  listThresholds: (_i, { core }) => listThresholds(core.ctx),
  createThreshold: async ({ body }, env) => {
    const id = await env.core.writes.run(() => createThreshold(env.core.ctx, body, actorOf(env)));
    alertRunner(env.core).evaluate().then(() => alertRunner(env.core).sendDue()).catch(() => {}); // a threshold already breached fires now, not in a minute
    return thresholdOf(env.core.ctx, id);
  },
  deleteThreshold: async ({ params }, env) => {
    await env.core.writes.run(() => deleteThreshold(env.core.ctx, params.id, actorOf(env)));
    return { ok: true as const };
  },
  evaluateAlerts: async (_i, { core }) => {
    const fired = await alertRunner(core).evaluate();
    alertRunner(core).sendDue().catch(() => {});
    return { fired };
  },
  listNotifyChannels: (_i, { core }) => listNotifyChannels(core.ctx),
  createNotifyChannel: async ({ body }, env) => notifyChannelOf(env.core.ctx, await env.core.writes.run(() => createNotifyChannel(env.core.ctx, body, actorOf(env)))),
  deleteNotifyChannel: async ({ params }, env) => {
    await env.core.writes.run(() => deleteNotifyChannel(env.core.ctx, params.id, actorOf(env)));
    return { ok: true as const };
  },
  testNotifyChannel: async ({ params }, { core }) => {
    const id = await core.writes.run(() => queueTest(core.ctx, params.id));
    await alertRunner(core).sendNow(id);
    return deliveryOf(core.ctx, id);
  },
  listDeliveries: ({ query }, { core }) => listDeliveries(core.ctx, query),
  retryDelivery: async ({ params }, env) => {
    await env.core.writes.run(() => retryDelivery(env.core.ctx, params.id, actorOf(env)));
    await alertRunner(env.core).sendNow(params.id);
    return deliveryOf(env.core.ctx, params.id);
  },
  getBrief: (_i, { core }) => briefStatus(core.ctx, null),
  putBrief: async ({ body }, env) => {
    await env.core.writes.run(() => putBrief(env.core.ctx, body, actorOf(env)));
    return briefStatus(env.core.ctx, null);
  },
  systemHealth: (_i, { core }) => systemHealth(core),
};
