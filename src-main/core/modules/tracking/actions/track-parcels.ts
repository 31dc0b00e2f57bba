// Following parcels from the handover to the door: a row per handed-over waybill (with the salt its
// pushes are signed with), each carrier answer (push or query) stored raw and normalised, and the
// stalls a lead must act on raised as exceptions in the lead's queue. All sync, inside the writer.
import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../../../context';
import { FINAL_TRACKING, type StallKind, type StallRule, type TrackingStatus } from '../../../../contract/tracking';
import { appendEvent, type Actor } from '../../../store/events';
import { raiseException } from '../../exceptions/actions/raise-exception';
import { eventStatus, statusOfResult, type Kuaidi100Result } from '../../../../labels/carriers/kuaidi100-tracking';
import { insertEvent, insertTracking, ruleRows, setStall, setSubscribed, stallCandidates, trackingRow, updateTrackingState, upsertRule, type TrackingRow } from '../store';

export const TRACKING_ACTOR: Actor = { id: 'system:tracking', role: 'system' };

/** What a lead does about each stall (English for the API; the screens say it in the user's language). */
export const STALL_TODO: Record<StallKind, string> = {
  not_picked_up: 'the carrier has not picked the parcel up: call the carrier to collect it',
  no_update: 'no news from the carrier: call the carrier to trace the parcel',
  problem: 'the carrier reports a problem delivering: contact the customer, then the carrier',
  refused: 'the customer refused the parcel: contact the customer; the parcel comes back',
  returned: 'the parcel is going back to the shop: contact the customer, expect the return',
  expired: 'the tracking service gave up without a delivery: open a claim with the carrier',
};

/** Statuses that need a person as soon as they are reported. */
const STALL_OF_STATUS: Partial<Record<TrackingStatus, StallKind>> = {
  exception: 'problem', failed_attempt: 'problem', refused: 'refused', returned_to_sender: 'returned', expired: 'expired',
};

/** Starts following the parcels of a handover (called by shipping's handOver, in its transaction). */
export function trackHandedOver(ctx: CoreContext, parcels: readonly { waybill: string; orderId: string; parcelId: string }[], carrier: string): void {
  const at = ctx.clock.iso();
  for (const p of parcels) insertTracking(ctx.db, { waybill: p.waybill, carrier, orderId: p.orderId, parcelId: p.parcelId, salt: randomBytes(16).toString('hex'), at });
}

export function recordSubscription(ctx: CoreContext, waybill: string, error: string | null): void {
  setSubscribed(ctx.db, waybill, error ? null : ctx.clock.iso(), error);
}

/** Carrier times are China time without a zone ("2026-11-20 16:33:19"). */
export const carrierTimeToIso = (t: string): string => {
  const ms = Date.parse(`${t.trim().replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
};

function raiseStall(ctx: CoreContext, t: Pick<TrackingRow, 'waybill' | 'carrier' | 'order_id' | 'parcel_id'>, stall: StallKind, actor: Actor): void {
  setStall(ctx.db, t.waybill, stall, ctx.clock.iso());
  raiseException(ctx, {
    kind: 'other', orderId: t.order_id, parcelId: t.parcel_id, reason: STALL_TODO[stall],
    detail: { source: 'tracking', stall, waybill: t.waybill, carrier: t.carrier, todo: STALL_TODO[stall] },
  }, actor);
}

/**
 * Records what Kuaidi100 says about a waybill (a verified push, or a query answer): new events are
 * stored once, the status moves to what the carrier's state means, and a status that needs a person
 * (疑难, refused, returned, expired) raises its exception at once. Returns false for an unknown waybill.
 */
export function recordTrackingResult(ctx: CoreContext, waybill: string, result: Kuaidi100Result, pushStatus: string | undefined, actor: Actor): boolean {
  const t = trackingRow(ctx.db, waybill);
  if (!t) return false;
  let added = 0;
  let first = t.first_event_at;
  let last = t.last_event_at;
  let lastContext = t.last_context;
  for (const e of result.data ?? []) {
    const at = carrierTimeToIso(e.ftime ?? e.time);
    const status = eventStatus(e, statusOfResult(result, pushStatus));
    if (insertEvent(ctx.db, { waybill, at, context: e.context, status, area: e.areaName ?? null, raw: JSON.stringify(e) })) added++;
    if (!first || at < first) first = at;
    if (!last || at >= last) {
      last = at;
      lastContext = e.context;
    }
  }
  const status = statusOfResult(result, pushStatus);
  const now = ctx.clock.iso();
  const moved = status !== t.status || added > 0;
  // News clears a time-based stall (the parcel moves again); the exception it raised stays for the lead.
  const stall = moved && (t.stall === 'no_update' || t.stall === 'not_picked_up') ? null : t.stall;
  updateTrackingState(ctx.db, {
    waybill, status, final: FINAL_TRACKING.includes(status), statusSince: status !== t.status ? now : t.status_since, firstEventAt: first, lastEventAt: last,
    lastContext, heardAt: now, stall, stallAt: stall ? t.stall_at : null,
  });
  const needs = STALL_OF_STATUS[status];
  if (needs && stall !== needs) raiseStall(ctx, t, needs, actor);
  if (moved) appendEvent(ctx.db, ctx.clock, { type: 'tracking.updated', entity: 'order', entityId: t.order_id, actor, data: { waybill, status, events: added } });
  return true;
}

/**
 * Raises an exception for every travelling parcel that broke its carrier's time rule: not picked up
 * N hours after handover, no event N hours in transit, out for delivery N hours. Returns how many.
 */
export function scanStalls(ctx: CoreContext, actor: Actor, limit = 10_000): number {
  const rules = ruleRows(ctx.db);
  const now = ctx.clock.now();
  const before = (h: number) => new Date(now - h * 3600_000).toISOString();
  const own = rules.filter((r) => r.carrier !== '*').map((r) => r.carrier);
  let raised = 0;
  for (const r of rules) {
    const found = stallCandidates(ctx.db, {
      carrier: r.carrier === '*' ? null : r.carrier, except: own, pickupBefore: before(r.pickupHours), transitBefore: before(r.transitHours), deliveryBefore: before(r.deliveryHours), limit,
    });
    for (const c of found) raiseStall(ctx, c, c.kind, actor);
    raised += found.length;
  }
  return raised;
}

export function putStallRule(ctx: CoreContext, rule: StallRule, actor: Actor): StallRule {
  upsertRule(ctx.db, rule);
  appendEvent(ctx.db, ctx.clock, { type: 'tracking_rule.set', entity: 'tracking_rule', entityId: rule.carrier, actor, data: { ...rule } });
  return rule;
}
