// Route handlers of shipping: waybill number ranges and voids, the end-of-day carrier handover
// and its manifest.
import type { carrierAccountRoutes, shippingRoutes } from '../../../contract/shipping';
import type { carriersRoutes } from '../../../contract/carriers';
import { createCarrier, updateCarrier } from './actions/carriers';
import { templateSummaries } from '../../../labels/preview';
import { AppError, issue } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { addWaybillRange } from './actions/waybill-ranges';
import { handOver } from './actions/hand-over';
import { warehouseFilterOf } from '../locations/queries';
import { testCarrierAccount, voidWaybill } from './flows';
import { putCarrierAccount } from './actions/carrier-accounts';
import { subscribePending } from '../tracking/flows';
import { logger } from '../../../lib/log';
import { accountWarehouseOf, assertCarrierKnown, listCarrierAccounts, listCarriers, waybillRangeOverview, pendingHandover, pendingParcels, listManifests, getManifest } from './queries';
import { assertNotOnParcel } from '../packing/queries';
import { getSettings } from '../settings/queries';
import { labelDataFromManifest } from '../../../labels/from-wave';
import { shopStamp } from '../../../contract/shop-time';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

/** A carrier's label template must be one the shop has (built in or its own copy). */
function assertTemplate(shopDir: string | null, name: string | undefined): void {
  if (name === undefined) return;
  const names = templateSummaries(shopDir).items.map((t) => t.name);
  if (!names.includes(name)) throw new AppError('validation', said('labelTemplateUnknown', { name, names: names.join(', ') }), [issue('labelTemplate', said('unknownTemplate'))]);
}

const log = logger('core.shipping');

export const handlers: ModuleHandlers<typeof shippingRoutes & typeof carriersRoutes & typeof carrierAccountRoutes> = {
  listCarrierAccounts: ({ query }, { core }) => ({ items: listCarrierAccounts(core.db, warehouseFilterOf(core.ctx, query.warehouse)) }),
  putCarrierAccount: ({ params, body }, env) => {
    const warehouseId = accountWarehouseOf(env.core.ctx, body.warehouse);
    return env.core.writes.run(() => putCarrierAccount(env.core.db, env.core.ctx.clock, params.carrier, body, actorOf(env), warehouseId));
  },
  testCarrierAccount: ({ params, query }, env) => testCarrierAccount(env.core, params.carrier, accountWarehouseOf(env.core.ctx, query.warehouse), actorOf(env)),
  listCarriers: ({ query }, { core }) => ({ items: listCarriers(core.db, query.active === undefined ? undefined : query.active === 'true') }),
  createCarrier: async ({ body }, env) => {
    assertTemplate(env.labels.shopDir, body.labelTemplate);
    return reply(201, await env.core.writes.run(() => createCarrier(env.core.ctx, body, actorOf(env))));
  },
  updateCarrier: ({ params, body }, env) => {
    assertTemplate(env.labels.shopDir, body.labelTemplate);
    return env.core.writes.run(() => updateCarrier(env.core.ctx, params.code, body, actorOf(env)));
  },

  listWaybillRanges: (_i, { core }) => waybillRangeOverview(core.db),
  createWaybillRange: async ({ body }, env) => {
    assertCarrierKnown(env.core.db, body.carrier);
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

  pendingHandover: ({ query }, { core }) => ({ items: pendingHandover(core.ctx, warehouseFilterOf(core.ctx, query.warehouse)) }),
  pendingParcels: ({ params, query }, { core }) => ({ items: pendingParcels(core.ctx, params.carrier, warehouseFilterOf(core.ctx, query.warehouse)) }),
  handOver: async ({ body }, env) => {
    const m = await env.core.writes.run(() => handOver(env.core.ctx, body.carrier, actorOf(env), body.warehouse));
    // Subscribe the handed-over parcels with the tracking service now (the tracker's timer retries what fails).
    subscribePending(env.core).catch((e: Error) => log.warn({ err: e.message }, 'tracking subscription after handover failed'));
    return reply(201, m);
  },
  listManifests: ({ query }, { core }) => ({ items: listManifests(core.ctx, query.limit, warehouseFilterOf(core.ctx, query.warehouse)) }),
  getManifest: ({ params }, { core }) => getManifest(core.ctx, params.id),
  manifestPdf: async ({ params }, env) => {
    const ctx = env.core.ctx;
    const m = getManifest(ctx, params.id);
    const data = labelDataFromManifest(m, { handedOverAt: shopStamp(Date.parse(m.createdAt), getSettings(ctx).timeZone), shopName: getSettings(ctx).shopName });
    const pdf = await env.labels.renderer().render({ template: 'carrier-manifest-a4', data, format: 'pdf' });
    return { bytes: pdf.bytes, mime: 'application/pdf', filename: `manifest-${m.number}.pdf` };
  },
};
