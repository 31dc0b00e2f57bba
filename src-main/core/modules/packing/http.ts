// Route handlers of the packing bench and weight learning. Every write goes through the
// WriteBatcher; the actions do the checking.
import type { packingRoutes, ParcelResult } from '../../../contract/packing';
import { once } from '../../store/idempotency';
import { startPacking } from './actions/start-packing';
import { createParcel } from './actions/create-parcel';
import { voidParcel } from './actions/void-parcel';
import { reprintParcel } from './actions/reprint-parcel';
import { reportShort } from './actions/report-short';
import { acceptWeightProposal, rejectWeightProposal } from './actions/weight-learning';
import { listParcels, listWeightProposals } from './queries';
import { reply, actorOf, idempotencyKey, shipToFor, type ModuleHandlers } from '../../http/handler-env';
import { verifyOverride } from './actions/checks';
import { remoteAddress } from '../people/login-guard';

export const handlers: ModuleHandlers<typeof packingRoutes> = {
  packStart: async ({ params, body }, env) => {
    const who = actorOf(env);
    await verifyOverride(env.core, body.override, remoteAddress(env.req)); // a lead's badge, checked before the write
    const t = await env.core.writes.run(() => startPacking(env.core.ctx, params.id, body, who));
    return { ...t, order: { ...t.order, shipTo: shipToFor(t.order.shipTo, who.role) } };
  },

  // A station that crashed and retries sends the same key: it gets the same parcel and waybill.
  // The scope is the order, not the user, so a retry after a re-login replays too.
  createParcel: async ({ params, body }, env) => {
    const who = actorOf(env);
    const key = idempotencyKey(env.req, true);
    await verifyOverride(env.core, body.override, remoteAddress(env.req)); // a lead's badge, checked before the write
    const out = await env.core.writes.run(() => once(env.core.ctx, `createParcel:${params.id}`, key, body, () => ({ status: 201, body: createParcel(env.core.ctx, params.id, body, who) })));
    const parcel = (out.body as ParcelResult).parcel;
    const headers: Record<string, string> = { Location: `/api/orders/${params.id}/parcels` };
    if (out.replayed) headers['Idempotent-Replayed'] = 'true';
    headers['X-Parcel-Id'] = parcel.id;
    return reply(out.status, out.body, headers);
  },

  listParcels: ({ params }, { core }) => ({ items: listParcels(core.ctx, params.id) }),
  voidParcel: ({ params, body }, env) => env.core.writes.run(() => voidParcel(env.core.ctx, params.id, body.reason, actorOf(env))),
  reprintParcel: ({ params, body }, env) => env.core.writes.run(() => reprintParcel(env.core.ctx, params.id, body.reason, actorOf(env))),
  packShort: ({ params, body }, env) => env.core.writes.run(() => reportShort(env.core.ctx, params.id, body, actorOf(env))),

  listWeightProposals: (_i, { core }) => ({ items: listWeightProposals(core.ctx) }),
  acceptWeightProposal: ({ params, body }, env) => env.core.writes.run(() => acceptWeightProposal(env.core.ctx, params.skuId, body.grams, actorOf(env))),
  rejectWeightProposal: ({ params, body }, env) =>
    env.core.writes.run(() => {
      rejectWeightProposal(env.core.ctx, params.skuId, body.reason, actorOf(env));
      return { ok: true as const };
    }),
};
