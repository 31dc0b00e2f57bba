// Route handlers of waves: rules, preview, release, the wave and its pick list, the put wall.
// Writes go through the WriteBatcher.
import type { wavesRoutes } from '../../../contract/waves';
import { listWaveRules, previewWaves, listWaves, getWave, pickList, slotForScan, waveOfOrder } from './queries';
import { createWaveRule, updateWaveRule, deleteWaveRule } from './actions/wave-rules';
import { releaseWaves } from './actions/release-waves';
import { waveAction } from './actions/wave-action';
import { pullOrder } from './actions/pull-order';
import { sortItem } from './actions/sort-item';
import { resolveSkuCode } from '../catalog/queries';
import { getSettings } from '../settings/queries';
import { labelDataFromPickList } from '../../../labels/from-wave';
import { shopStamp } from '../../../contract/shop-time';
import { fail } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof wavesRoutes> = {
  orderWave: ({ params }, { core }) => ({ wave: waveOfOrder(core.ctx, params.id) }),
  listWaveRules: (_i, { core }) => ({ items: listWaveRules(core.ctx) }),
  createWaveRule: ({ body }, env) => env.core.writes.run(() => createWaveRule(env.core.ctx, body, actorOf(env))).then((r) => reply(201, r)),
  updateWaveRule: ({ params, body }, env) => env.core.writes.run(() => updateWaveRule(env.core.ctx, params.id, body, actorOf(env))),
  deleteWaveRule: ({ params }, env) => env.core.writes.run(() => (deleteWaveRule(env.core.ctx, params.id, actorOf(env)), { ok: true as const })),
  previewWaves: ({ body }, { core }) => previewWaves(core.ctx, body.rule),
  releaseWaves: ({ body }, env) => env.core.writes.run(() => releaseWaves(env.core.ctx, body, actorOf(env))).then((r) => reply(201, r)),
  listWaves: ({ query }, { core }) => ({ items: listWaves(core.ctx, { limit: query.limit, warehouse: query.warehouse }) }),
  getWave: ({ params }, { core }) => getWave(core.ctx, params.id),
  waveAction: ({ params, body }, env) => env.core.writes.run(() => waveAction(env.core.ctx, params.id, params.action, actorOf(env), body.reason)),
  pullWaveOrder: ({ params, body }, env) => env.core.writes.run(() => pullOrder(env.core.ctx, params.id, params.orderId, body.reason, actorOf(env))),
  pickList: ({ params }, { core }) => pickList(core.ctx, params.id),
  pickListPdf: async ({ params }, env) => {
    const ctx = env.core.ctx;
    const list = pickList(ctx, params.id);
    const data = labelDataFromPickList(list, { printedAt: shopStamp(ctx.clock.now(), getSettings(ctx).timeZone), shopName: getSettings(ctx).shopName });
    const pdf = await env.labels.renderer().render({ template: 'pick-list-a4', data, format: 'pdf' });
    return { bytes: pdf.bytes, mime: 'application/pdf', filename: `pick-list-${list.number}.pdf` };
  },
  slotFor: ({ params, query }, { core }) => {
    const sku = resolveSkuCode(core.ctx, params.code) ?? fail('not_found', said('noSkuOrBarcode', { code: params.code }));
    return { slot: slotForScan(core.ctx, { waveId: query.waveId, benchId: query.benchId, skuId: sku.skuId }) };
  },
  sortItem: ({ body }, env) => env.core.writes.run(() => sortItem(env.core.ctx, env.bench ? { ...body, benchId: env.bench.id } : body, actorOf(env))),
};
