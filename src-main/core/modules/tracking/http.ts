// Route handlers of tracking: the list and an order's timeline, Kuaidi100's push (verified against
// the parcel's own salt before anything is stored), a poll and a stall scan on demand, stall rules.
import type { trackingRoutes } from '../../../contract/tracking';
import { fail } from '../../../lib/errors';
import type { Kuaidi100Push } from '../../../labels/carriers/kuaidi100-tracking';
import { verifyKuaidi100Push } from '../../../labels/carriers/kuaidi100-tracking';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { getOrder } from '../orders/queries';
import { putStallRule, recordTrackingResult, scanStalls, TRACKING_ACTOR } from './actions/track-parcels';
import { pollSilent, subscribePending } from './flows';
import { listStallRules, listTracked, orderTracking, trackedWaybill } from './queries';

type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof trackingRoutes> = {
  listTracking: ({ query }, { core }) => listTracked(core.db, { ...query, stalled: query.stalled === undefined ? undefined : query.stalled === '1' }),
  orderTracking: ({ params }, { core }) => {
    getOrder(core.ctx, params.id); // 404 for an unknown order
    return { items: orderTracking(core.db, params.id) };
  },

  // Kuaidi100 signs each push with the salt we gave when subscribing that waybill: md5(param + salt).
  kuaidi100Push: async ({ body }, env) => {
    const form = new URLSearchParams((body as unknown as TextBody).bytes.toString('utf8'));
    const param = form.get('param');
    const sign = form.get('sign') ?? '';
    if (!param) fail('validation', 'a Kuaidi100 push carries form fields param and sign', [{ path: 'param', message: 'missing' }]);
    let push: Kuaidi100Push;
    try {
      push = JSON.parse(param!) as Kuaidi100Push;
    } catch {
      return fail('bad_request', 'param is not JSON');
    }
    const waybill = push.lastResult?.nu ?? '';
    const t = waybill ? trackedWaybill(env.core.db, waybill) : undefined;
    // One answer for an unknown number and a wrong sign: a forger learns nothing about which numbers exist.
    if (!t || !verifyKuaidi100Push(param!, sign, t.salt)) fail('forbidden', 'push refused: its sign does not match md5(param + salt) for that number');
    await env.core.writes.run(() => recordTrackingResult(env.core.ctx, waybill, push.lastResult, push.status, TRACKING_ACTOR));
    return { result: true, returnCode: '200', message: '成功' };
  },

  pollTracking: async (_i, env) => {
    const s = await subscribePending(env.core);
    const p = await pollSilent(env.core);
    return { subscribed: s.subscribed, polled: p.polled, errors: [...s.errors, ...p.errors].slice(0, 20) };
  },
  scanStalls: async (_i, env) => ({ raised: await env.core.writes.run(() => scanStalls(env.core.ctx, actorOf(env))) }),
  listStallRules: (_i, { core }) => ({ items: listStallRules(core.db) }),
  putStallRule: ({ params, body }, env) => env.core.writes.run(() => putStallRule(env.core.ctx, { carrier: params.carrier, ...body }, actorOf(env))),
};
