// Route handlers of waves (contract/api.ts, tag "waves"): rules, preview, release, the wave and its
// pick list, the put wall, walking order. Writes go through the WriteBatcher.
import { releaseWaves, listWaves, getWave, waveAction, pullOrder, pickList, slotForScan, sortItem, waveOfOrder } from '../domain/waves';
import { listWaveRules, createWaveRule, updateWaveRule, deleteWaveRule } from '../domain/wave-rules';
import { previewWaves } from '../domain/wave-planning';
import { walkingOrder, setLocationSequence } from '../domain/walking-path';
import { shiftBoard } from '../domain/shift-board';
import { resolveSkuCode } from '../domain/catalog';
import { getSettings } from '../domain/settings';
import { pendingHandover, pendingParcels, handOver, listManifests, getManifest } from '../domain/manifests';
import { labelDataFromManifest, labelDataFromPickList } from '../../labels/from-wave';
import { fail } from '../../lib/errors';
import { reply, actorOf, type Handlers } from './handler-env';

type WaveRoutes = 'shiftBoard' | 'orderWave' | 'pendingHandover' | 'pendingParcels' | 'handOver' | 'listManifests' | 'getManifest' | 'manifestPdf' | 'listWaveRules' | 'createWaveRule' | 'updateWaveRule' | 'deleteWaveRule' | 'previewWaves' | 'releaseWaves' | 'listWaves' | 'getWave'
  | 'waveAction' | 'pullWaveOrder' | 'pickList' | 'pickListPdf' | 'slotFor' | 'sortItem' | 'walkingOrder' | 'setLocationSequence';

/** Local wall time "2026-11-21 08:05" for printouts. */
function localStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const waveHandlers: Pick<Handlers, WaveRoutes> = {
  shiftBoard: (_i, { core }) => shiftBoard(core.ctx),
  orderWave: ({ params }, { core }) => ({ wave: waveOfOrder(core.ctx, params.id) }),
  pendingHandover: (_i, { core }) => ({ items: pendingHandover(core.ctx) }),
  pendingParcels: ({ params }, { core }) => ({ items: pendingParcels(core.ctx, params.carrier) }),
  handOver: ({ body }, env) => env.core.writes.run(() => handOver(env.core.ctx, body.carrier, actorOf(env))).then((m) => reply(201, m)),
  listManifests: ({ query }, { core }) => ({ items: listManifests(core.ctx, query.limit) }),
  getManifest: ({ params }, { core }) => getManifest(core.ctx, params.id),
  manifestPdf: async ({ params }, env) => {
    const ctx = env.core.ctx;
    const m = getManifest(ctx, params.id);
    const data = labelDataFromManifest(m, { handedOverAt: localStamp(Date.parse(m.createdAt)), shopName: getSettings(ctx).shopName });
    const pdf = await env.labels.renderer().render({ template: 'carrier-manifest-a4', data, format: 'pdf' });
    return { bytes: pdf.bytes, mime: 'application/pdf', filename: `manifest-${m.number}.pdf` };
  },
  listWaveRules: (_i, { core }) => ({ items: listWaveRules(core.ctx) }),
  createWaveRule: ({ body }, env) => env.core.writes.run(() => createWaveRule(env.core.ctx, body, actorOf(env))).then((r) => reply(201, r)),
  updateWaveRule: ({ params, body }, env) => env.core.writes.run(() => updateWaveRule(env.core.ctx, params.id, body, actorOf(env))),
  deleteWaveRule: ({ params }, env) => env.core.writes.run(() => (deleteWaveRule(env.core.ctx, params.id, actorOf(env)), { ok: true as const })),
  previewWaves: ({ body }, { core }) => previewWaves(core.ctx, body.rule),
  releaseWaves: ({ body }, env) => env.core.writes.run(() => releaseWaves(env.core.ctx, body, actorOf(env))).then((r) => reply(201, r)),
  listWaves: ({ query }, { core }) => ({ items: listWaves(core.ctx, { limit: query.limit }) }),
  getWave: ({ params }, { core }) => getWave(core.ctx, params.id),
  waveAction: ({ params, body }, env) => env.core.writes.run(() => waveAction(env.core.ctx, params.id, params.action, actorOf(env), body.reason)),
  pullWaveOrder: ({ params, body }, env) => env.core.writes.run(() => pullOrder(env.core.ctx, params.id, params.orderId, body.reason, actorOf(env))),
  pickList: ({ params }, { core }) => pickList(core.ctx, params.id),
  pickListPdf: async ({ params }, env) => {
    const ctx = env.core.ctx;
    const list = pickList(ctx, params.id);
    const data = labelDataFromPickList(list, { printedAt: localStamp(ctx.clock.now()), shopName: getSettings(ctx).shopName });
    const pdf = await env.labels.renderer().render({ template: 'pick-list-a4', data, format: 'pdf' });
    return { bytes: pdf.bytes, mime: 'application/pdf', filename: `pick-list-${list.number}.pdf` };
  },
  slotFor: ({ params, query }, { core }) => {
    const sku = resolveSkuCode(core.ctx, params.code) ?? fail('not_found', `no SKU or barcode "${params.code}"`);
    return { slot: slotForScan(core.ctx, { waveId: query.waveId, benchId: query.benchId, skuId: sku.skuId }) };
  },
  sortItem: ({ body }, env) => env.core.writes.run(() => sortItem(env.core.ctx, body, actorOf(env))),
  walkingOrder: (_i, { core }) => ({ items: walkingOrder(core.ctx) }),
  setLocationSequence: ({ params, body }, env) => env.core.writes.run(() => setLocationSequence(env.core.ctx, params.code, body.sequence, actorOf(env))),
};
