// Route handlers of the catalog: products with barcodes, box types.
import type { catalogRoutes } from '../../../contract/catalog';
import { getSku, listSkus, listBoxTypes } from './queries';
import { createSku, updateSku } from './actions/skus';
import { createBoxType } from './actions/create-box-type';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof catalogRoutes> = {
  listSkus: ({ query }, { core }) => listSkus(core.ctx, query.q, query.limit, query.cursor),
  getSku: ({ params }, { core }) => getSku(core.ctx, params.id),
  createSku: ({ body }, env) => env.core.writes.run(() => createSku(env.core.ctx, body, actorOf(env))).then((s) => reply(201, s)),
  updateSku: ({ params, body }, env) => env.core.writes.run(() => updateSku(env.core.ctx, params.id, body, actorOf(env))),
  listBoxTypes: (_i, { core }) => ({ items: listBoxTypes(core.ctx) }),
  createBoxType: ({ body }, env) => env.core.writes.run(() => createBoxType(env.core.ctx, body, actorOf(env))).then((b) => reply(201, b)),
};
