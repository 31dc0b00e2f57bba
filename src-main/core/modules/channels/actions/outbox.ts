// The write-back outbox: one entry per labelled parcel (idempotency key "parcel:<id>"), created by
// following the change feed (parcel.labelled, or order.ship for connections that write back on
// handover), sent by the sync runner with retries and exponential backoff, a dead letter after the
// last try, and a circuit breaker per connection.
import type { CoreContext } from '../../../context';
import { fail, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, eventsAfter, lastEventId, type Actor } from '../../../store/events';
import { orderLineSkus, orderRecord } from '../../orders/queries';
import { liveParcelsOf, parcelById } from '../../packing/queries';
import { mergedShares, type ParcelShare } from '../../merges/queries';
import { channelByCode, cursorValue, insertOutbox, outboxRow, platformOrderOf, recordAttempt, setBreaker, setCursor, setOutbox, channelRow, clearRefundPending } from '../store';
import { toConnection } from '../queries';
import type { SendResult, WriteBackPayload } from '../platforms/types';

export const MAX_TRIES = 6;
const FOLLOWER = 'write-back';

export interface OutboxTuning { retryBaseMs: number; breakerAfter: number; breakerMs: number }
export const DEFAULT_TUNING: OutboxTuning = { retryBaseMs: 30_000, breakerAfter: 5, breakerMs: 5 * 60_000 };

const followed = (e: { type: string }) => e.type === 'parcel.labelled' || e.type === 'order.ship';

/**
 * Reads the feed after the stored cursor, or after `skipTo` (events read before that hold no
 * shipment), without writing: the id up to which nothing makes a write-back, or null when
 * something does (then followShipments runs in a write job). Most ticks find nothing, and a write
 * job per tick would wait behind the intake thread's writes.
 */
export function nothingToFollow(ctx: CoreContext, skipTo: number, limit = 2000): number | null {
  const stored = cursorValue(ctx.db, FOLLOWER);
  if (stored === null) return null;
  const after = Math.max(stored, skipTo);
  const events = eventsAfter(ctx.db, after, limit);
  if (events.some(followed)) return null;
  return events.length ? events[events.length - 1]!.id : after;
}

/** Reads the feed after the stored cursor (or `skipTo`, see nothingToFollow) and queues a write-back per parcel of a channel order. Returns how many were queued. */
export function followShipments(ctx: CoreContext, limit = 2000, skipTo = -1): number {
  const after = Math.max(cursorValue(ctx.db, FOLLOWER) ?? startFollowing(ctx), skipTo);
  const events = eventsAfter(ctx.db, after, limit);
  let queued = 0;
  // A shipment split off an order is reported on the channel's order, with its parcels' own lines.
  const channelOrderOf = (r: ReturnType<typeof orderRecord>) => (r.split_of ? orderRecord(ctx, r.split_of) : r);
  for (const e of events) {
    if (!followed(e)) continue;
    const shipped = orderRecord(ctx, e.entityId);
    const o = channelOrderOf(shipped);
    const ch = channelByCode(ctx.db, o.channel);
    if (!ch) continue;
    const wantOn = e.type === 'parcel.labelled' ? 'labelled' : 'handed_over';
    if (ch.write_back_on !== wantOn) continue;
    const parcels = e.type === 'parcel.labelled' ? [String((e.data as { parcelId: string }).parcelId)] : liveParcelsOf(ctx, shipped.id).map((p) => p.id);
    // a merged parcel: one write-back per order in it, each with its own lines and the parcel's waybill
    const shares: ParcelShare[] | null = (e.data as { mergedOrders?: ParcelShare[] } | null)?.mergedOrders ?? (e.type === 'order.ship' ? mergedShares(ctx, shipped.id) : null);
    const c = toConnection(ch);
    for (const parcelId of parcels) {
      const p = parcelById(ctx, parcelId);
      for (const share of shares ?? [{ orderId: shipped.id, items: JSON.parse(p.items) as ParcelShare['items'] }]) {
        const packed = share.orderId === shipped.id ? shipped : orderRecord(ctx, share.orderId);
        const so = packed.id === shipped.id ? o : channelOrderOf(packed);
        const sch = so.channel === o.channel ? ch : channelByCode(ctx.db, so.channel);
        if (!sch) continue;
        const { carrierNames } = sch === ch ? c : toConnection(sch);
        const po = platformOrderOf(ctx.db, so.id);
        const channelSku = po?.line_skus ? (JSON.parse(po.line_skus) as Record<string, string>) : {};
        const payload: WriteBackPayload = {
          externalId: so.external_id, orderNumber: so.number, waybill: p.waybill, carrierCode: p.carrier, carrier: carrierNames[p.carrier] ?? p.carrier,
          lines: share.items.map((i) => ({ sku: channelSku[i.skuId] ?? i.skuId, qty: i.qty })), parcel: { id: p.id, seq: p.seq },
          wholeOrder: unitsOf(share.items) === unitsOf(orderLineSkus(ctx, so.id)),
        };
        const key = packed.id === shipped.id ? `parcel:${p.id}` : `parcel:${p.id}:${packed.id}`;
        if (insertOutbox(ctx.db, { id: ctx.ids('writeBack'), channel_id: sch.id, order_id: packed.id, parcel_id: p.id, idem_key: key, payload: JSON.stringify(payload), created_at: ctx.clock.iso() })) queued++;
      }
    }
  }
  if (events.length) setCursor(ctx.db, FOLLOWER, events[events.length - 1]!.id);
  else if (cursorValue(ctx.db, FOLLOWER) === null) setCursor(ctx.db, FOLLOWER, after);
  return queued;
}

const unitsOf = (lines: { qty: number }[]) => lines.reduce((n, l) => n + l.qty, 0);

/** The follower starts at the event before the first connection: parcels of earlier orders are not reported. */
export function startFollowing(ctx: CoreContext): number {
  const at = cursorValue(ctx.db, FOLLOWER);
  if (at !== null) return at;
  const now = lastEventId(ctx.db);
  setCursor(ctx.db, FOLLOWER, now);
  return now;
}

/** Why a write-back must wait (the order was cancelled or has a refund pending at the platform), or null. */
export function holdReason(ctx: CoreContext, orderId: string): string | null {
  const shipped = orderRecord(ctx, orderId);
  const o = shipped.split_of ? orderRecord(ctx, shipped.split_of) : shipped;
  if (shipped.state === 'cancelled' || o.state === 'cancelled') return `order ${shipped.number} is cancelled: its shipment is not reported`;
  if (platformOrderOf(ctx.db, o.id)?.refund_pending) return `order ${o.number} has a refund pending at the platform: a lead releases the write-back`;
  return null;
}

/** Records one attempt and what follows from it: sent, the next try with backoff, a dead letter, the breaker. */
export function recordSend(ctx: CoreContext, id: string, r: SendResult, t: OutboxTuning, actor: Actor): void {
  const row = outboxRow(ctx.db, id)!;
  const now = ctx.clock.now();
  const at = new Date(now).toISOString();
  recordAttempt(ctx.db, { outboxId: id, at, ok: r.ok, status: r.status, detail: r.detail });
  const ch = channelRow(ctx.db, row.channel_id)!;
  const attempts = row.attempts + 1;
  if (r.ok) {
    setOutbox(ctx.db, id, { state: 'sent', attempts, nextAt: null, error: null, sentAt: at });
    if (ch.failures_in_row || ch.breaker_until) setBreaker(ctx.db, ch.id, 0, null);
    const p = JSON.parse(row.payload) as WriteBackPayload;
    appendEvent(ctx.db, ctx.clock, { type: 'channel.shipment_written_back', entity: 'order', entityId: row.order_id, actor, data: { channel: ch.code, waybill: p.waybill, parcelId: row.parcel_id, attempts, note: r.detail } });
    return;
  }
  const error = `${r.status ?? 'no answer'}: ${r.detail}`.slice(0, 500);
  if (attempts >= MAX_TRIES) {
    setOutbox(ctx.db, id, { state: 'dead', attempts, nextAt: null, error });
    appendEvent(ctx.db, ctx.clock, { type: 'channel.write_back_dead', entity: 'order', entityId: row.order_id, actor, reason: error, data: { channel: ch.code, writeBackId: id, attempts } });
  } else {
    setOutbox(ctx.db, id, { state: 'pending', attempts, nextAt: new Date(now + t.retryBaseMs * 2 ** (attempts - 1)).toISOString(), error });
  }
  const failures = ch.failures_in_row + 1;
  if (failures >= t.breakerAfter && !(ch.breaker_until && ch.breaker_until > at)) {
    const until = new Date(now + t.breakerMs).toISOString();
    setBreaker(ctx.db, ch.id, failures, until);
    appendEvent(ctx.db, ctx.clock, { type: 'channel.breaker_opened', entity: 'channel', entityId: ch.id, actor, reason: error, data: { channel: ch.code, until, failures } });
  } else setBreaker(ctx.db, ch.id, failures, ch.breaker_until);
}

export function holdWriteBack(ctx: CoreContext, id: string, reason: string): void {
  const row = outboxRow(ctx.db, id)!;
  setOutbox(ctx.db, id, { state: 'held', attempts: row.attempts, nextAt: null, error: reason });
}

/** A lead sends a dead or held write-back again: a fresh set of tries, now. */
export function retryWriteBack(ctx: CoreContext, id: string, actor: Actor): void {
  const row = outboxRow(ctx.db, id) ?? notFound('write-back', id);
  if (row.state === 'sent') fail('conflict', said('writeBackSent'));
  if (row.state === 'pending') fail('conflict', said('writeBackWaiting'));
  setOutbox(ctx.db, id, { state: 'pending', attempts: 0, nextAt: ctx.clock.iso(), error: row.last_error });
  // A lead releasing a held write-back has settled the refund: the order's write-backs go.
  if (row.state === 'held') clearRefundPending(ctx.db, orderRecord(ctx, row.order_id).split_of ?? row.order_id);
  appendEvent(ctx.db, ctx.clock, { type: 'channel.write_back_retried', entity: 'order', entityId: row.order_id, actor, data: { writeBackId: id, was: row.state } });
}
