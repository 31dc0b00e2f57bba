// Route handlers of label templates and previews. Previews render in the server's worker (env.labels).
import type { labelsRoutes } from '../../../contract/labels';
import { labelData, resolveOrderRef } from './queries';
import { getOrder } from '../orders/queries';
import { ewaybillPreviewProblem } from '../shipping/queries';
import { fail } from '../../../lib/errors';
import { templateSummaries, renderPreview, previewFileName } from '../../../labels/preview';
import type { OutputFormat } from '../../../labels/model';
import { actorOf, SEES_FULL_PHONE, type ModuleHandlers } from '../../http/handler-env';

/** Content types of label previews: ZPL is UTF-8 text; TSPL carries raw BITMAP bytes, so it is not. */
const PREVIEW_MIME: Record<OutputFormat, string> = { png: 'image/png', pdf: 'application/pdf', zpl: 'text/plain; charset=utf-8', tspl: 'application/x-tspl' };

export const handlers: ModuleHandlers<typeof labelsRoutes> = {
  // The folder's absolute path says where the data lives (a user name, a disk): for an admin only.
  listLabelTemplates: (_i, env) => ({ ...templateSummaries(env.labels.shopDir), ...(actorOf(env).role === 'admin' ? {} : { shopFolder: null }) }),

  // A real order's phone is masked for roles that may not read it, like GET /api/orders/:id.
  labelPreview: async ({ params, query }, env) => {
    const ctx = env.core.ctx;
    const order = query.order ? getOrder(ctx, resolveOrderRef(ctx, query.order)) : undefined;
    const data = order ? labelData(ctx, order, { fullPhone: SEES_FULL_PHONE.includes(actorOf(env).role) }) : undefined;
    // the order's warehouse's account decides, as printing the parcel does (a warehouse may have an e-waybill account the shop has not)
    const problem = order && data && params.name.startsWith('cn-ewaybill') ? ewaybillPreviewProblem(ctx.db, { number: order.number, carrier: data.carrier?.code ?? null, warehouseId: order.warehouseId }, !!data.carrier?.sortCode) : null;
    if (problem) fail('validation', problem, [{ path: 'order', message: 'no e-waybill' }]);
    const label = await renderPreview(env.labels.renderer(), params.name, query, { shopDir: env.labels.shopDir, data });
    return { bytes: label.bytes, mime: PREVIEW_MIME[label.format], filename: previewFileName(params.name, query) };
  },
};
