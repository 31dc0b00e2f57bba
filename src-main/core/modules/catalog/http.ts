// Route handlers of the catalog: products with barcodes, images, channel SKU mappings, the
// products file (CSV, Excel), box types.
import type { catalogRoutes } from '../../../contract/catalog';
import { getSku, listSkus, listBoxTypes, listSkuMappings, skuRowOf } from './queries';
import { createSku, updateSku } from './actions/skus';
import { createBoxType } from './actions/create-box-type';
import { updateBoxType } from './actions/update-box-type';
import { deleteSkuMapping, putSkuMapping } from './actions/sku-mappings';
import { setSkuImageFile } from './actions/sku-image';
import { readSkuImage, removeSkuImage, storeSkuImage } from './images';
import { exportProducts, importProducts } from './product-file';
import { fail } from '../../../lib/errors';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

/** A text route's body as the server reads it (server.ts readBody): its bytes. */
type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof catalogRoutes> = {
  listSkus: ({ query }, { core }) => listSkus(core.ctx, query.q, query.limit, query.cursor, query.status),
  getSku: ({ params }, { core }) => getSku(core.ctx, params.id),
  createSku: ({ body }, env) => env.core.writes.run(() => createSku(env.core.ctx, body, actorOf(env))).then((s) => reply(201, s)),
  updateSku: ({ params, body }, env) => env.core.writes.run(() => updateSku(env.core.ctx, params.id, body, actorOf(env))),
  getSkuImage: async ({ params }, { core }) => {
    const row = skuRowOf(core.ctx, params.id);
    if (!row.image_file) fail('not_found', row.image_url ? `SKU ${row.sku}'s image is at ${row.image_url}, not in the data folder` : `SKU ${row.sku} has no image`);
    return readSkuImage(core.dataDir, row.image_file!);
  },
  putSkuImage: async ({ params, body }, env) => {
    const actor = actorOf(env);
    const row = skuRowOf(env.core.ctx, params.id);
    const image = await storeSkuImage(env.core.dataDir, row.id, (body as unknown as TextBody).bytes);
    const { sku, previous } = await env.core.writes.run(() => setSkuImageFile(env.core.ctx, row.id, image, actor));
    if (previous !== image.file) await removeSkuImage(env.core.dataDir, previous);
    return sku;
  },
  deleteSkuImage: async ({ params }, env) => {
    const { sku, previous } = await env.core.writes.run(() => setSkuImageFile(env.core.ctx, params.id, null, actorOf(env)));
    await removeSkuImage(env.core.dataDir, previous);
    return sku;
  },
  exportSkus: ({ query }, { core }) => exportProducts(core, query.format),
  importSkus: ({ body }, env) => importProducts(env.core, (body as unknown as TextBody).bytes, actorOf(env)),
  listSkuMappings: ({ query }, { core }) => ({ items: listSkuMappings(core.ctx, query) }),
  putSkuMapping: ({ body }, env) => env.core.writes.run(() => putSkuMapping(env.core.ctx, body, actorOf(env))),
  deleteSkuMapping: ({ params }, env) => env.core.writes.run(() => deleteSkuMapping(env.core.ctx, params.channel, params.channelSku, actorOf(env))).then(() => ({ ok: true as const })),
  listBoxTypes: (_i, { core }) => ({ items: listBoxTypes(core.ctx) }),
  createBoxType: ({ body }, env) => env.core.writes.run(() => createBoxType(env.core.ctx, body, actorOf(env))).then((b) => reply(201, b)),
  updateBoxType: ({ params, body }, env) => env.core.writes.run(() => updateBoxType(env.core.ctx, params.id, body, actorOf(env))),
};
