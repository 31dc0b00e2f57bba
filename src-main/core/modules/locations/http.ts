// Route handlers of locations: bins and the walking order through them.
import type { locationsRoutes } from '../../../contract/locations';
import { listLocations, walkingOrder } from './queries';
import { createLocation } from './actions/create-location';
import { setLocationSequence } from './actions/set-sequence';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof locationsRoutes> = {
  listLocations: (_i, { core }) => ({ items: listLocations(core.ctx) }),
  createLocation: ({ body }, env) => env.core.writes.run(() => createLocation(env.core.ctx, body)).then((l) => reply(201, l)),
  walkingOrder: (_i, { core }) => ({ items: walkingOrder(core.ctx) }),
  setLocationSequence: ({ params, body }, env) => env.core.writes.run(() => setLocationSequence(env.core.ctx, params.code, body.sequence, actorOf(env))),
};
