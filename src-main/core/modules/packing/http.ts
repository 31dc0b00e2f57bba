// Route handlers of the packing bench and weight learning. Every write goes through the
// WriteBatcher; the actions do the checking.
import { orderToStart, type packingRoutes, type PackScanResult, type PackTicket, type ParcelResult } from '../../../contract/packing';
import type { LabelData } from '../../../contract/labels';
import type { Role } from '../../../contract/people';
import { maskPhone } from '../../../contract/privacy';
import { once } from '../../store/idempotency';
import { startPacking } from './actions/start-packing';
import { createParcel } from './actions/create-parcel';
import { voidParcelAtCarrier, withParcelWaybill } from './flows';
import { reprintParcel } from './actions/reprint-parcel';
import { reportShort } from './actions/report-short';
import { acceptWeightProposal, rejectWeightProposal } from './actions/weight-learning';
import { listParcels, listWeightProposals, scannedCode } from './queries';
import { AppError } from '../../../lib/errors';
import { reply, actorOf, benchOf, idempotencyKey, shipToFor, SEES_FULL_PHONE, type ModuleHandlers } from '../../http/handler-env';
import { refusalOf } from '../../http/errors';
import { verifyOverride } from './actions/checks';
import { remoteAddress } from '../people/login-guard';

/**
 * Label data as this role may see it: the recipient's phone masked like everywhere else. The bench
 * prints from this data with the built-in templates, which print only the masked phone, and
 * masking a masked number changes nothing, so the printed label is the same for every role.
 */
function labelForRole(label: LabelData, role: Role): LabelData {
  if (!label.recipient?.phone || SEES_FULL_PHONE.includes(role)) return label;
  return { ...label, recipient: { ...label.recipient, phone: maskPhone(label.recipient.phone) } };
}

/** The ticket as this role may see it: the recipient's phone masked like everywhere else. */
const ticketForRole = (t: PackTicket, role: Role): PackTicket => ({ ...t, order: { ...t.order, shipTo: shipToFor(t.order.shipTo, role) } });

/** Refusals of starting an order that the bench shows as they are; any other failure is the core's trouble. */
const isRefusal = (e: unknown): e is AppError => e instanceof AppError && e.code !== 'unavailable' && e.code !== 'internal';

export const handlers: ModuleHandlers<typeof packingRoutes> = {
  packStart: async ({ params, body: claimed }, env) => {
    const who = actorOf(env);
    const body = benchOf(env, claimed);
    await verifyOverride(env.core, body.override, remoteAddress(env.req)); // a lead's badge, checked before the write
    const t = await env.core.writes.run(() => startPacking(env.core.ctx, params.id, body, who));
    return ticketForRole(t, who.role);
  },

  // An order scan in one round trip (it was lookup, then packStart: two requests, two waits on a
  // core shared by many benches). The same rule picks the order (contract orderToStart) and the same
  // action starts it, so a refusal is the one packStart gives, and it changes nothing.
  packScan: async ({ body: claimed }, env) => {
    const who = actorOf(env);
    const body = benchOf(env, claimed);
    const found = scannedCode(env.core.ctx, body.code);
    const answer: PackScanResult = { code: body.code, ...found, ticket: null, refused: null };
    const orderId = found.skus.length ? null : orderToStart(found.orders);
    if (!orderId || orderId === 'many') return answer;
    try {
      const t = await env.core.writes.run(() => startPacking(env.core.ctx, orderId, { bench: body.bench }, who));
      return { ...answer, ticket: ticketForRole(t, who.role) };
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return { ...answer, refused: refusalOf(e) };
    }
  },

  // A station that crashed and retries sends the same key: it gets the same parcel and waybill.
  // The scope is the order, not the user, so a retry after a re-login replays too.
  createParcel: async ({ params, body: claimed }, env) => {
    const who = actorOf(env);
    const body = benchOf(env, claimed);
    const key = idempotencyKey(env.req, true);
    await verifyOverride(env.core, body.override, remoteAddress(env.req)); // a lead's badge, checked before the write
    // A carrier with an e-waybill account is asked for this parcel's number first (once per key, with its undo).
    const out = await withParcelWaybill(env.core, params.id, key!, body, who, (waybill) =>
      env.core.writes.run(() => once(env.core.ctx, `createParcel:${params.id}`, key, body, () => ({ status: 201, body: createParcel(env.core.ctx, params.id, body, who, { waybill }) }))));
    const parcel = (out.body as ParcelResult).parcel;
    const headers: Record<string, string> = { Location: `/api/orders/${params.id}/parcels` };
    if (out.replayed) headers['Idempotent-Replayed'] = 'true';
    headers['X-Parcel-Id'] = parcel.id;
    // The stored answer (replayed on a retry) keeps the full label; each reply is masked for its role.
    const result = out.body as ParcelResult;
    return reply(out.status, { ...result, label: labelForRole(result.label, who.role) }, headers);
  },

  listParcels: ({ params }, { core }) => ({ items: listParcels(core.ctx, params.id) }),
  voidParcel: ({ params, body }, env) => voidParcelAtCarrier(env.core, params.id, body.reason, actorOf(env)),
  reprintParcel: async ({ params, body }, env) => {
    const who = actorOf(env);
    const out = await env.core.writes.run(() => reprintParcel(env.core.ctx, params.id, body.reason, who));
    return { ...out, label: labelForRole(out.label, who.role) };
  },
  packShort: ({ params, body }, env) => env.core.writes.run(() => reportShort(env.core.ctx, params.id, benchOf(env, body), actorOf(env))),

  listWeightProposals: (_i, { core }) => ({ items: listWeightProposals(core.ctx) }),
  acceptWeightProposal: ({ params, body }, env) => env.core.writes.run(() => acceptWeightProposal(env.core.ctx, params.skuId, body.grams, actorOf(env))),
  rejectWeightProposal: ({ params, body }, env) =>
    env.core.writes.run(() => {
      rejectWeightProposal(env.core.ctx, params.skuId, body.reason, actorOf(env));
      return { ok: true as const };
    }),
};
