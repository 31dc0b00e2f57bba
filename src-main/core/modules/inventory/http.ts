// Route handlers of inventory: stock per SKU and bin; receiving, adjusting, counting and moving
// stock (each a recorded movement); the movement list and safety-stock alerts.
import type { inventoryRoutes } from '../../../contract/inventory';
import { listMovements, listStock, stockAlerts } from './queries';
import { adjustStock } from './actions/adjust-stock';
import { countStock, moveStock, receiveStock, skuOfCode } from './actions/stock-work';
import { ensureLocation } from '../locations/actions/create-location';
import { warehouseFilterOf } from '../locations/queries';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof inventoryRoutes> = {
  listStock: ({ query }, { core }) => ({
    items: listStock(core.ctx, { q: query.q, belowSafety: query.belowSafety === 'true', limit: query.limit, warehouseId: warehouseFilterOf(core.ctx, query.warehouse) }),
  }),
  adjustStock: ({ body }, env) =>
    env.core.writes.run(() => {
      const ctx = env.core.ctx;
      const { skuId } = skuOfCode(ctx, body.sku, 'sku');
      return adjustStock(ctx, { skuId, locationId: ensureLocation(ctx, body.location), onHandDelta: body.onHandDelta, inTransitDelta: body.inTransitDelta, reason: body.reason }, actorOf(env));
    }),
  receiveStock: ({ body }, env) => env.core.writes.run(() => receiveStock(env.core.ctx, body, actorOf(env))),
  countStock: ({ body }, env) => env.core.writes.run(() => countStock(env.core.ctx, body, actorOf(env))),
  moveStock: ({ body }, env) => env.core.writes.run(() => moveStock(env.core.ctx, body, actorOf(env))),
  listMovements: ({ query }, { core }) => listMovements(core.ctx, query),
  stockAlerts: (_i, { core }) => stockAlerts(core.ctx),
};
