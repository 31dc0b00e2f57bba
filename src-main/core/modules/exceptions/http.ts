// Route handlers of the exception queue: list, one, resolve (with what was done).
import type { exceptionsRoutes } from '../../../contract/exceptions';
import { getException, listExceptions } from './queries';
import { resolveException } from '../packing/actions/resolve-exception';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof exceptionsRoutes> = {
  listExceptions: ({ query }, { core }) => listExceptions(core.ctx, query),
  getException: ({ params }, { core }) => getException(core.ctx, params.id),
  resolveException: ({ params, body }, env) => env.core.writes.run(() => resolveException(env.core.ctx, params.id, body, actorOf(env))),
};
