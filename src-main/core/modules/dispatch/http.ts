// Route handlers of dispatch: the routing a lead edits, transfer suggestions, and an order's
// warehouse (shown, and changed by hand or by the routing again).
import type { dispatchRoutes } from '../../../contract/dispatch';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { notFound } from '../../../lib/errors';
import { orderIdOf } from '../orders/queries';
import { assignWarehouse } from '../orders/actions/assign-warehouse';
import { getRouting, listTransfers, orderRouting } from './queries';
import { setRouting } from './actions/set-routing';

export const handlers: ModuleHandlers<typeof dispatchRoutes> = {
  getRouting: (_i, { core }) => getRouting(core.ctx),
  setRouting: ({ body }, env) => env.core.writes.run(() => setRouting(env.core.ctx, body, actorOf(env))),
  listTransfers: ({ query }, { core }) => ({ items: listTransfers(core.ctx, query.warehouse) }),
  orderRouting: ({ params }, { core }) => orderRouting(core.ctx, orderIdOf(core.ctx, params.id) ?? notFound('order', params.id)),
  routeOrder: ({ params, body }, env) => env.core.writes.run(() => {
    const id = orderIdOf(env.core.ctx, params.id) ?? notFound('order', params.id);
    assignWarehouse(env.core.ctx, id, { ...body, byHand: !!body.warehouse }, actorOf(env));
    return orderRouting(env.core.ctx, id);
  }),
};
