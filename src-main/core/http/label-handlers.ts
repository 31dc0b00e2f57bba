// Route handlers of label templates and previews, waybill number ranges and voids (contract/api.ts,
// tags "labels" and "shipping"). Previews render in the server's worker (env.labels).
import { addWaybillRange, voidWaybill, waybillRangeOverview } from '../domain/waybills';
import { orderLabelData, resolveOrderRef } from '../domain/label-data';
import { assertNotOnParcel } from '../domain/packing';
import { templateSummaries, renderPreview, previewFileName } from '../../labels/preview';
import type { OutputFormat } from '../../labels/model';
import { reply, actorOf, SEES_FULL_PHONE, type Handlers } from './handler-env';

type LabelRoutes = 'listLabelTemplates' | 'labelPreview' | 'listWaybillRanges' | 'createWaybillRange' | 'voidWaybill';

/** Content types of label previews: ZPL is UTF-8 text; TSPL carries raw BITMAP bytes, so it is not. */
const PREVIEW_MIME: Record<OutputFormat, string> = { png: 'image/png', pdf: 'application/pdf', zpl: 'text/plain; charset=utf-8', tspl: 'application/x-tspl' };

export const labelHandlers: Pick<Handlers, LabelRoutes> = {
  listLabelTemplates: (_i, { labels }) => templateSummaries(labels.shopDir),

  // A real order's phone is masked for roles that may not read it, like GET /api/orders/:id.
  labelPreview: async ({ params, query }, env) => {
    const ctx = env.core.ctx;
    const data = query.order ? orderLabelData(ctx, resolveOrderRef(ctx, query.order), { fullPhone: SEES_FULL_PHONE.includes(actorOf(env).role) }) : undefined;
    const label = await renderPreview(env.labels.renderer(), params.name, query, { shopDir: env.labels.shopDir, data });
    return { bytes: label.bytes, mime: PREVIEW_MIME[label.format], filename: previewFileName(params.name, query) };
  },

  listWaybillRanges: (_i, { core }) => waybillRangeOverview(core.db),
  createWaybillRange: async ({ body }, env) => {
    const range = await env.core.writes.run(() => addWaybillRange(env.core.db, env.core.ctx.clock, body, actorOf(env)));
    return reply(201, waybillRangeOverview(env.core.db).items.find((r) => r.id === range.id));
  },
  voidWaybill: async ({ params, body }, env) => {
    assertNotOnParcel(env.core.ctx, params.number);
    // Not through the write batcher: a carrier API number is voided at the carrier first (async).
    const w = await voidWaybill(env.core.db, env.core.ctx.clock, { number: params.number, reason: body.reason }, actorOf(env));
    env.core.feed.publish();
    return w;
  },
};
