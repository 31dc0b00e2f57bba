// Reads of the channels module: connections as the API shows them (with sync health), the inbox,
// the outbox, and a connection as the adapters use it (cached: every webhook looks one up).
import type { CoreContext } from '../../context';
import type { Channel, Delivery, UnmappedSku, WriteBack } from '../../../contract/channels';
import { notFound } from '../../../lib/errors';
import type { Connection, WriteBackPayload } from './platforms/types';
import { channelRow, channelRows, connectionsStamp, inboxDelays, inboxRow, inboxRows, inboxStats, outboxCounts, outboxRowWithOrder, outboxRows, refusalRows, unmappedSkuRows, type ChannelRow, type InboxRow, type OutboxRow } from './store';

const cache = new WeakMap<object, Map<string, Connection | null>>();

export function toConnection(r: ChannelRow): Connection {
  return {
    id: r.id, kind: r.kind as Connection['kind'], name: r.name, code: r.code, secret: r.secret, appKey: r.app_key, apiBase: r.api_base, apiKey: r.api_key, apiSecret: r.api_secret,
    writeBackUrl: r.write_back_url, writeBackOn: r.write_back_on, carrierNames: JSON.parse(r.carrier_names) as Record<string, string>, defaultCarrier: r.default_carrier, pollMinutes: r.poll_minutes, enabled: r.enabled === 1,
  };
}

/** A connection by id, from a per-database cache (dropped on every change of a connection). */
export function connectionOf(ctx: CoreContext, id: string): Connection | null {
  let m = cache.get(ctx.db);
  if (!m) cache.set(ctx.db, (m = new Map()));
  if (!m.has(id)) {
    const r = channelRow(ctx.db, id);
    m.set(id, r ? toConnection(r) : null);
  }
  return m.get(id)!;
}
export const forgetConnections = (ctx: CoreContext) => cache.delete(ctx.db);

const stamps = new WeakMap<object, string>();
/**
 * Drops the cached connections if any connection was added or changed since they were read (one
 * small read instead of a row per connection per chunk): for a caller that does not see
 * forgetConnections run, the intake thread.
 */
export function freshConnections(ctx: CoreContext): void {
  const stamp = connectionsStamp(ctx.db);
  if (stamps.get(ctx.db) !== stamp) {
    forgetConnections(ctx);
    stamps.set(ctx.db, stamp);
  }
}

export const connections = (ctx: CoreContext): Connection[] => channelRows(ctx.db).map(toConnection);

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]! : null);

export function toChannel(ctx: CoreContext, r: ChannelRow, baseUrl: string): Channel {
  const since = new Date(ctx.clock.now() - 86_400_000).toISOString();
  const s = inboxStats(ctx.db, r.id, since);
  const delays = inboxDelays(ctx.db, r.id, since);
  const out = outboxCounts(ctx.db, r.id);
  const c = toConnection(r);
  return {
    id: r.id, kind: c.kind, name: r.name, code: r.code, webhookUrl: `${baseUrl}/api/hooks/${r.id}`, secretHint: `…${r.secret.slice(-4)}`, appKey: r.app_key, apiBase: r.api_base,
    hasApiKey: !!r.api_key, writeBackUrl: r.write_back_url, writeBackOn: r.write_back_on, carrierNames: c.carrierNames, defaultCarrier: r.default_carrier, pollMinutes: r.poll_minutes, enabled: c.enabled, createdAt: r.created_at,
    health: {
      lastDeliveryAt: s.last, deliveries24h: s.deliveries, processed24h: s.processed, failed24h: s.failed,
      successRate: s.processed + s.failed ? s.processed / (s.processed + s.failed) : null, delayP50Ms: percentile(delays, 0.5), delayP95Ms: percentile(delays, 0.95),
      refusedSignatures: r.refused, lastRefusedAt: r.last_refused_at, pendingWriteBacks: out.pending, deadLetters: out.dead,
      breakerOpenUntil: r.breaker_until && r.breaker_until > ctx.clock.iso() ? r.breaker_until : null, pollCursor: r.poll_cursor, lastPollAt: r.last_poll_at, lastPollError: r.last_poll_error,
    },
  };
}

export const listChannels = (ctx: CoreContext, baseUrl: string) => ({ items: channelRows(ctx.db).map((r) => toChannel(ctx, r, baseUrl)) });
export const getChannel = (ctx: CoreContext, id: string, baseUrl: string) => toChannel(ctx, channelRow(ctx.db, id) ?? notFound('channel', id), baseUrl);
export const channelRecord = (ctx: CoreContext, id: string) => channelRow(ctx.db, id) ?? notFound('channel', id);

const toDelivery = (r: Omit<InboxRow, 'body' | 'headers'> & { bytes?: number }, bytes?: number): Delivery => ({
  id: r.id, channelId: r.channel_id, deliveryId: r.delivery_id, topic: r.topic, source: r.source, state: r.state, result: r.result, orderId: r.order_id, externalId: r.external_id,
  receivedAt: r.received_at, eventAt: r.event_at, processedAt: r.processed_at, bytes: bytes ?? r.bytes ?? 0,
});

export function listDeliveries(ctx: CoreContext, channelId: string, q: { state?: string; limit: number }) {
  channelRecord(ctx, channelId);
  return { items: inboxRows(ctx.db, channelId, q.state, q.limit).map((r) => toDelivery(r)), refusals: refusalRows(ctx.db, channelId, 50) };
}

export function deliveryRecord(ctx: CoreContext, id: string): InboxRow {
  return inboxRow(ctx.db, id) ?? notFound('delivery', id);
}
export const getDelivery = (ctx: CoreContext, id: string) => {
  const r = deliveryRecord(ctx, id);
  return { ...toDelivery(r, r.body.length), body: r.body.toString('utf8'), headers: JSON.parse(r.headers) as Record<string, string> };
};
export const deliveryOf = (ctx: CoreContext, id: string): Delivery => getDelivery(ctx, id);

export function toWriteBack(r: OutboxRow & { order_number: string; external_id: string }): WriteBack {
  const p = JSON.parse(r.payload) as WriteBackPayload;
  return {
    id: r.id, channelId: r.channel_id, orderId: r.order_id, orderNumber: r.order_number, externalId: r.external_id, parcelId: r.parcel_id, waybill: p.waybill, carrier: p.carrier,
    state: r.state, attempts: r.attempts, nextAt: r.next_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
  };
}
export const listWriteBacks = (ctx: CoreContext, q: { state?: string; channelId?: string; limit: number }) => ({ items: outboxRows(ctx.db, q, q.limit).map(toWriteBack) });
export function getWriteBack(ctx: CoreContext, id: string): WriteBack {
  return toWriteBack(outboxRowWithOrder(ctx.db, id) ?? notFound('write-back', id));
}

/** Channel SKUs waiting for a mapping, with the orders held for them (of one order when `orderId`). */
export function unmappedSkus(ctx: CoreContext, orderId: string | null): UnmappedSku[] {
  return unmappedSkuRows(ctx.db, orderId).map((r) => ({
    channel: r.channel, channelSku: r.channelSku, name: r.name, orders: Number(r.orders), units: Number(r.units), firstOrder: { id: r.firstOrderId, number: r.firstOrderNumber },
  }));
}
