// Route handlers of locations: bins and the walking order through them.
import type { locationsRoutes } from '../../../contract/locations';
import { listLocations, listWarehouses, walkingOrder } from './queries';
import { createWarehouse, updateWarehouse } from './actions/warehouses';
import { createLocation } from './actions/create-location';
import { setLocationSequence } from './actions/set-sequence';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof locationsRoutes> = {
  listLocations: (_i, { core }) => ({ items: listLocations(core.ctx) }),
  createLocation: ({ body }, env) => env.core.writes.run(() => createLocation(env.core.ctx, body)).then((l) => reply(201, l)),
  listWarehouses: (_i, { core }) => ({ items: listWarehouses(core.ctx) }),
  createWarehouse: ({ body }, env) => env.core.writes.run(() => createWarehouse(env.core.ctx, body, actorOf(env))).then((w) => reply(201, w)),
  updateWarehouse: ({ params, body }, env) => env.core.writes.run(() => updateWarehouse(env.core.ctx, params.id, body, actorOf(env))),
  walkingOrder: (_i, { core }) => ({ items: walkingOrder(core.ctx) }),
  setLocationSequence: ({ params, body }, env) => env.core.writes.run(() => setLocationSequence(env.core.ctx, params.code, body.sequence, actorOf(env))),
};
