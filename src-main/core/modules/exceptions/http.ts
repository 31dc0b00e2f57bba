// Route handlers of the exception queue: list, one, resolve (with what was done).
import type { exceptionsRoutes } from '../../../contract/exceptions';
import { getException, listExceptions } from './queries';
import { resolveExceptionAtCarrier } from '../packing/flows';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof exceptionsRoutes> = {
  listExceptions: ({ query }, { core }) => listExceptions(core.ctx, query),
  getException: ({ params }, { core }) => getException(core.ctx, params.id),
  resolveException: ({ params, body }, env) => resolveExceptionAtCarrier(env.core, params.id, body, actorOf(env)),
};
