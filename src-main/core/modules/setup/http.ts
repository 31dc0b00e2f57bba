// Route handlers of the first-run setup.
import type { setupRoutes } from '../../../contract/setup';
import { createTestOrder } from './actions/test-order';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof setupRoutes> = {
  createSetupTestOrder: ({ body }, env) => env.core.writes.run(() => createTestOrder(env.core.ctx, body.carrier, actorOf(env))).then((o) => reply(201, o)),
};
