// Route handlers of inventory: stock per SKU and bin, audited adjustments.
import type { inventoryRoutes } from '../../../contract/inventory';
import { listStock } from './queries';
import { adjustStock } from './actions/adjust-stock';
import { resolveSkuCode } from '../catalog/queries';
import { ensureLocation } from '../locations/actions/create-location';
import { fail } from '../../../lib/errors';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof inventoryRoutes> = {
  listStock: ({ query }, { core }) => ({ items: listStock(core.ctx, { q: query.q, belowSafety: query.belowSafety === 'true', limit: query.limit }) }),
  adjustStock: ({ body }, env) =>
    env.core.writes.run(() => {
      const ctx = env.core.ctx;
      const sku = resolveSkuCode(ctx, body.sku) ?? fail('validation', `unknown SKU "${body.sku}"`, [{ path: 'sku', message: 'unknown' }]);
      return adjustStock(ctx, { skuId: sku.skuId, locationId: ensureLocation(ctx, body.location), onHandDelta: body.onHandDelta, inTransitDelta: body.inTransitDelta, reason: body.reason }, actorOf(env));
    }),
};
