import { z } from 'zod';
import { ALL, IdParam, MANAGE, type RouteDef } from './routing';

// Tracking (issue 16): every parcel handed to a carrier is followed to the door. Kuaidi100 pushes
// (or is polled for) the journey; events are kept raw and normalised to one status set; parcels
// that stall raise a tracking exception in the lead's queue.

export const TRACKING_STATUSES = [
  'info_received', 'picked_up', 'in_transit', 'out_for_delivery', 'failed_attempt', 'delivered', 'returned_to_sender', 'refused', 'exception', 'expired',
] as const;
export const TrackingStatus = z.enum(TRACKING_STATUSES);
export type TrackingStatus = z.infer<typeof TrackingStatus>;

/** Statuses after which a parcel is not followed any more. */
export const FINAL_TRACKING: readonly TrackingStatus[] = ['delivered', 'returned_to_sender', 'refused', 'expired'];

export const STALL_KINDS = ['not_picked_up', 'no_update', 'problem', 'refused', 'returned', 'expired'] as const;
export const StallKind = z.enum(STALL_KINDS);
export type StallKind = z.infer<typeof StallKind>;

export const TrackingEvent = z.object({
  at: z.string().describe('when it happened at the carrier (UTC ISO)'),
  status: TrackingStatus,
  context: z.string().describe("the carrier's own words"),
  area: z.string().nullable(),
});
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const TrackedParcel = z.object({
  waybill: z.string(),
  carrier: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  parcelId: z.string().nullable(),
  status: TrackingStatus,
  handedOverAt: z.string(),
  subscribedAt: z.string().nullable(),
  subscribeError: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  lastContext: z.string().nullable(),
  stall: StallKind.nullable().describe('why the parcel needs a person, if it does'),
  stallAt: z.string().nullable(),
});
export type TrackedParcel = z.infer<typeof TrackedParcel>;

export const TrackedParcelDetail = TrackedParcel.extend({ events: z.array(TrackingEvent).describe('newest first') });
export type TrackedParcelDetail = z.infer<typeof TrackedParcelDetail>;

export const StallRule = z.object({
  carrier: z.string().describe("a carrier code, or '*' for every carrier without its own rule"),
  pickupHours: z.number().int().min(1).max(720).describe('not picked up this long after handover (the seed documents: 2)'),
  transitHours: z.number().int().min(1).max(720).describe('no event this long in transit (24 by default)'),
  deliveryHours: z.number().int().min(1).max(720).describe('out for delivery this long without being delivered'),
});
export type StallRule = z.infer<typeof StallRule>;

export const trackingRoutes = {
  listTracking: {
    method: 'GET', path: '/api/tracking', summary: 'Tracked parcels, stalled ones first, then by last event', roles: ALL,
    query: z.object({
      status: TrackingStatus.optional(), stalled: z.enum(['1', '0']).optional(), carrier: z.string().max(32).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ items: z.array(TrackedParcel), counts: z.record(z.string(), z.number().int()).describe('parcels per status, and "stalled"') }), tag: 'tracking',
  },
  orderTracking: {
    method: 'GET', path: '/api/orders/:id/tracking', summary: "An order's parcels with their journey (the timeline on the order)", roles: ALL,
    params: IdParam, response: z.object({ items: z.array(TrackedParcelDetail) }), tag: 'tracking',
  },
  kuaidi100Push: {
    method: 'POST', path: '/api/tracking/kuaidi100/push', summary: 'Kuaidi100 pushes a journey here (form param & sign = md5(param + salt)); a push whose sign does not match is refused', roles: 'public',
    body: z.unknown(), bodyKind: 'text', response: z.object({ result: z.boolean(), returnCode: z.string(), message: z.string() }), tag: 'tracking',
  },
  pollTracking: {
    method: 'POST', path: '/api/tracking/poll', summary: 'Subscribe what is not subscribed yet and ask Kuaidi100 for parcels without a recent push (runs by itself every few minutes)', roles: MANAGE,
    response: z.object({ subscribed: z.number().int(), polled: z.number().int(), errors: z.array(z.string()) }), tag: 'tracking',
  },
  scanStalls: {
    method: 'POST', path: '/api/tracking/stalls/scan', summary: 'Find stalled parcels now and raise their tracking exceptions (runs by itself every few minutes)', roles: MANAGE,
    response: z.object({ raised: z.number().int() }), tag: 'tracking',
  },
  listStallRules: { method: 'GET', path: '/api/tracking/rules', summary: 'Stall rules per carrier', roles: ALL, response: z.object({ items: z.array(StallRule) }), tag: 'tracking' },
  putStallRule: {
    method: 'PUT', path: '/api/tracking/rules/:carrier', summary: "Set a carrier's stall rule ('*': the default)", roles: MANAGE,
    params: z.object({ carrier: z.string().trim().min(1).max(32).regex(/^(\*|[a-z0-9_-]+)$/, "a carrier code or '*'") }),
    body: StallRule.omit({ carrier: true }), response: StallRule, tag: 'tracking',
  },
} as const satisfies Record<string, RouteDef>;
