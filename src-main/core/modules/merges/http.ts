// Route handlers of merging: the switch, the merged shipments, an order's shipment.
import type { mergesRoutes } from '../../../contract/merges';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { orderIdOf } from '../orders/queries';
import { notFound } from '../../../lib/errors';
import { putMergeSettings } from './actions/merge';
import { listMerges, mergeSettings, shipmentOf } from './queries';

export const handlers: ModuleHandlers<typeof mergesRoutes> = {
  mergeSettings: (_i, { core }) => mergeSettings(core.db),
  putMergeSettings: ({ body }, env) => env.core.writes.run(() => putMergeSettings(env.core.ctx, body, actorOf(env))),
  listMerges: (_i, { core }) => ({ items: listMerges(core.ctx) }),
  orderMerge: ({ params }, { core }) => {
    const id = orderIdOf(core.ctx, params.id) ?? notFound('order', params.id);
    return { orderId: id, shipment: shipmentOf(core.ctx, id) };
  },
};
