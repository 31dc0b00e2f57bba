// Tracking's conversations with Kuaidi100, outside the write batcher: subscribing handed-over parcels
// (callback URL + a salt per parcel), asking for parcels whose pushes did not come (the fallback),
// and the timer that does both and the stall scan every few minutes in the running app.
import type { Core } from '../../core';
import { logger } from '../../../lib/log';
import { KUAIDI100_COMPANY } from '../../../labels/carriers/kuaidi100';
import { kuaidi100Query, kuaidi100Subscribe, type Kuaidi100TrackingConfig } from '../../../labels/carriers/kuaidi100-tracking';
import { trackingAccountFor } from '../shipping/queries';
import { getOrder } from '../orders/queries';
import { recordSubscription, recordTrackingResult, scanStalls, TRACKING_ACTOR } from './actions/track-parcels';
import { silentRows, unsubscribedRows, type TrackingRow } from './store';

const log = logger('core.tracking');

/** A parcel nobody heard of for this long is asked for (pushes can be lost). */
export const POLL_AFTER_MS = 6 * 3600_000;

const company = (carrier: string) => KUAIDI100_COMPANY[carrier] ?? carrier;

function configFor(core: Core, carrier: string): (Kuaidi100TrackingConfig & { callbackUrl: string }) | null {
  const a = trackingAccountFor(core.db, carrier);
  return a ? { pollBase: a.poll_base, key: a.api_key, customer: a.customer, callbackUrl: a.callback_url, timeoutMs: a.timeout_ms } : null;
}

// SF answers only with the recipient's (or sender's) phone (Kuaidi100's docs).
const phoneFor = (core: Core, t: TrackingRow) => (t.carrier === 'sf' ? getOrder(core.ctx, t.order_id).shipTo.phone : undefined);

/** Subscribes every travelling parcel that is not subscribed yet. */
export async function subscribePending(core: Core, limit = 200): Promise<{ subscribed: number; errors: string[] }> {
  const errors: string[] = [];
  let subscribed = 0;
  for (const t of unsubscribedRows(core.db, limit)) {
    const cfg = configFor(core, t.carrier);
    if (!cfg || !cfg.callbackUrl) continue; // polling only (no account, or no address Kuaidi100 can push to)
    try {
      await kuaidi100Subscribe(cfg, { company: company(t.carrier), number: t.waybill, callbackUrl: cfg.callbackUrl, salt: t.salt, phone: phoneFor(core, t) });
      await core.writes.run(() => recordSubscription(core.ctx, t.waybill, null));
      subscribed++;
    } catch (e) {
      const msg = (e as Error).message;
      errors.push(msg);
      await core.writes.run(() => recordSubscription(core.ctx, t.waybill, msg));
    }
  }
  return { subscribed, errors };
}

/** Asks Kuaidi100 for parcels without news (never subscribed, or silent for POLL_AFTER_MS). */
export async function pollSilent(core: Core, limit = 200): Promise<{ polled: number; errors: string[] }> {
  const errors: string[] = [];
  let polled = 0;
  const before = new Date(core.ctx.clock.now() - POLL_AFTER_MS).toISOString();
  const rows = [...silentRows(core.db, before, limit), ...unsubscribedRows(core.db, limit).filter((t) => !configFor(core, t.carrier)?.callbackUrl)];
  for (const t of rows) {
    const cfg = configFor(core, t.carrier);
    if (!cfg) continue;
    try {
      const r = await kuaidi100Query(cfg, { company: company(t.carrier), number: t.waybill, phone: phoneFor(core, t) });
      await core.writes.run(() => recordTrackingResult(core.ctx, t.waybill, r, undefined, TRACKING_ACTOR));
      polled++;
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { polled, errors };
}

/** The running app's tracker: subscribe, poll and scan for stalls every `everyMs`. */
export function startTracker(core: Core, everyMs = 5 * 60_000): { stop(): void; kick(): void } {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await subscribePending(core);
      await pollSilent(core);
      await core.writes.run(() => scanStalls(core.ctx, TRACKING_ACTOR));
    } catch (e) {
      log.error({ err: (e as Error).message }, 'tracking round failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), kick: () => void tick() };
}
