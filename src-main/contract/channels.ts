import { z } from 'zod';
import { line, trimmed } from './common';
import { ADMIN, ALL, IdParam, MANAGE, type RouteDef } from './routing';
import { matching, said } from './field-messages';

// Sales channels: connections to Shopify, WooCommerce, 抖店 message push and a generic signed-JSON
// webhook; the inbox of raw deliveries; the per-parcel write-back outbox; sync health.
// Facts about each platform: ../shared/CHANNELS.md.

export const CHANNEL_KINDS = ['shopify', 'woocommerce', 'douyin', 'generic'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** When a parcel's waybill goes back to the platform. */
export const WRITE_BACK_ON = ['labelled', 'handed_over'] as const;

const url = z.string().trim().max(300).url().refine((u) => /^https?:\/\//.test(u), said('httpUrl'));

export const ChannelInput = z.object({
  kind: ChannelKind,
  name: trimmed(100),
  code: matching(z.string().trim(), /^[a-z0-9_-]{1,32}$/, 'channelCode').describe("the orders' channel code"),
  secret: z.string().min(8).max(200).refine((s) => /^[\x21-\x7e]+$/.test(s), said('channelSecret'))
    .describe("the webhook signing secret (Shopify: the app's client secret; WooCommerce: the webhook's secret; 抖店: the app secret; generic: any shared secret)"),
  appKey: line(100).optional().describe('抖店: the app key that the event-sign covers'),
  apiBase: url.optional().describe("the platform's API base URL for catch-up polling and write-back (e.g. https://shop.myshopify.com)"),
  apiKey: line(200).optional().describe('Shopify: the Admin API access token; WooCommerce: the consumer key'),
  apiSecret: line(200).optional().describe('WooCommerce: the consumer secret'),
  writeBackUrl: url.optional().describe('generic: where signed shipment webhooks are posted'),
  writeBackOn: z.enum(WRITE_BACK_ON).default('labelled'),
  carrierNames: z.record(trimmed(32), trimmed(64)).refine((r) => Object.keys(r).length <= 50, said('carrierNamesMax')).default({})
    .describe("our carrier code -> the platform's carrier name (Shopify's list for a clickable link)"),
  defaultCarrier: line(32).optional().describe("the carrier of this channel's orders (our carrier code, e.g. sf)"),
  pollMinutes: z.number().int().min(0).max(1440).default(10).describe('catch-up poll interval; 0: no polling'),
  enabled: z.boolean().default(true),
});
export type ChannelInput = z.infer<typeof ChannelInput>;

export const ChannelPatch = ChannelInput.omit({ kind: true, code: true }).partial();

export const ChannelHealth = z.object({
  lastDeliveryAt: z.string().nullable(),
  deliveries24h: z.number().int(),
  processed24h: z.number().int(),
  failed24h: z.number().int().describe('deliveries that could not become an order or a change (unmapped SKU, bad payload)'),
  successRate: z.number().nullable().describe('processed / (processed + failed) over 24 h; null with no deliveries'),
  delayP50Ms: z.number().int().nullable().describe("from the platform's event time to the change stored here, last 24 h"),
  delayP95Ms: z.number().int().nullable(),
  refusedSignatures: z.number().int(),
  lastRefusedAt: z.string().nullable(),
  pendingWriteBacks: z.number().int(),
  deadLetters: z.number().int(),
  breakerOpenUntil: z.string().nullable().describe('write-backs wait until then: the platform kept failing'),
  pollCursor: z.string().nullable(),
  lastPollAt: z.string().nullable(),
  lastPollError: z.string().nullable(),
});

export const Channel = z.object({
  id: z.string(),
  kind: ChannelKind,
  name: z.string(),
  code: z.string(),
  webhookUrl: z.string().describe('where the platform posts: <core>/api/hooks/<id>'),
  secretHint: z.string().describe('the last 4 characters of the secret; the secret itself is never shown again'),
  appKey: z.string().nullable(),
  apiBase: z.string().nullable(),
  hasApiKey: z.boolean(),
  writeBackUrl: z.string().nullable(),
  writeBackOn: z.enum(WRITE_BACK_ON),
  carrierNames: z.record(z.string(), z.string()),
  defaultCarrier: z.string().nullable(),
  pollMinutes: z.number().int(),
  enabled: z.boolean(),
  createdAt: z.string(),
  health: ChannelHealth,
});
export type Channel = z.infer<typeof Channel>;

export const DELIVERY_STATES = ['pending', 'done', 'duplicate', 'stale', 'failed', 'test'] as const;
export const Delivery = z.object({
  id: z.string(),
  channelId: z.string(),
  deliveryId: z.string(),
  topic: z.string(),
  source: z.enum(['webhook', 'poll', 'replay']),
  state: z.enum(DELIVERY_STATES),
  result: z.string().nullable().describe('what it did: the order created or changed, or why nothing'),
  orderId: z.string().nullable(),
  externalId: z.string().nullable(),
  receivedAt: z.string(),
  eventAt: z.string().nullable(),
  processedAt: z.string().nullable(),
  bytes: z.number().int(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryDetail = Delivery.extend({ body: z.string().describe('the raw body as received (UTF-8)'), headers: z.record(z.string(), z.string()) });

export const Refusal = z.object({ at: z.string(), reason: z.string(), bytes: z.number().int() });

export const WRITE_BACK_STATES = ['pending', 'sent', 'held', 'dead'] as const;
export const WriteBack = z.object({
  id: z.string(),
  channelId: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  externalId: z.string(),
  parcelId: z.string(),
  waybill: z.string(),
  carrier: z.string().describe("the platform's carrier name"),
  state: z.enum(WRITE_BACK_STATES),
  attempts: z.number().int(),
  nextAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type WriteBack = z.infer<typeof WriteBack>;

export const HookAnswer = z.object({ ok: z.literal(true), deliveries: z.number().int(), duplicates: z.number().int() });

/**
 * An order line whose channel SKU had no mapping when the order arrived points at this placeholder
 * SKU (inactive, a code no SKU can have) and keeps the channel's SKU text; its order is held with
 * the reason "unmapped SKU <code>" until a person maps the channel SKU.
 */
export const UNMAPPED_SKU_ID = 'sku_unmapped';
export const UNMAPPED_SKU_CODE = '(unmapped)';
/** The words an order held for unmapped channel SKUs carries as its reason, then the SKUs ("unmapped SKU A-1, B-2"); screens say them in their language. */
export const UNMAPPED_SKU_REASON = 'unmapped SKU';
/** The channel SKUs named by an unmapped-SKU reason inside a text (a hold reason, a bench's message), or null. */
export function unmappedSkusIn(text: string): { at: number; length: number; skus: string } | null {
  const m = new RegExp(`${UNMAPPED_SKU_REASON} ([^:;()"“”]+)`).exec(text);
  return m ? { at: m.index, length: m[0].trimEnd().length, skus: m[1]!.trim() } : null;
}

export const UnmappedSku = z.object({
  channel: z.string(),
  channelSku: z.string(),
  name: z.string().nullable().describe("the platform's product title on the first line with it"),
  orders: z.number().int().describe('held orders waiting for this mapping'),
  units: z.number().int(),
  firstOrder: z.object({ id: z.string(), number: z.string() }),
});
export type UnmappedSku = z.infer<typeof UnmappedSku>;

export const channelsRoutes = {
  listUnmappedSkus: {
    method: 'GET', path: '/api/unmapped-skus', summary: "Channel SKUs that arrived without a mapping, with the orders held for them (map one with POST /api/sku-mappings: its held orders are released)", roles: ALL,
    query: z.object({ orderId: z.string().max(80).optional().describe("only this order's") }),
    response: z.object({ items: z.array(UnmappedSku) }), tag: 'channels',
  },
  listChannels: { method: 'GET', path: '/api/channels', summary: 'Sales channel connections with their sync health', roles: MANAGE, response: z.object({ items: z.array(Channel) }), tag: 'channels' },
  createChannel: {
    method: 'POST', path: '/api/channels', summary: 'Connect a sales channel; the answer names the webhook URL to give the platform', roles: ADMIN,
    body: ChannelInput, response: Channel, tag: 'channels',
  },
  updateChannel: { method: 'PATCH', path: '/api/channels/:id', summary: "Change a connection's secret, credentials, write-back or polling", roles: ADMIN, params: IdParam, body: ChannelPatch, response: Channel, tag: 'channels' },
  channelDeliveries: {
    method: 'GET', path: '/api/channels/:id/deliveries', summary: "A connection's inbox: raw deliveries, newest first, and the refused signatures", roles: MANAGE, params: IdParam,
    query: z.object({ state: z.enum(DELIVERY_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(Delivery), refusals: z.array(Refusal) }), tag: 'channels',
  },
  getDelivery: { method: 'GET', path: '/api/deliveries/:id', summary: 'One raw delivery with its headers and body', roles: MANAGE, params: IdParam, response: DeliveryDetail, tag: 'channels' },
  replayDelivery: {
    method: 'POST', path: '/api/deliveries/:id/replay', summary: 'Process a stored raw delivery again (after mapping a SKU, say); the dedupe still applies', roles: ADMIN,
    params: IdParam, response: Delivery, tag: 'channels',
  },
  testDelivery: {
    method: 'POST', path: '/api/channels/:id/test', summary: "Send a signed test delivery to the connection's webhook URL: proves the URL and the secret work", roles: ADMIN,
    params: IdParam, response: z.object({ status: z.number().int(), ok: z.boolean(), message: z.string() }), tag: 'channels',
  },
  pollChannel: {
    method: 'POST', path: '/api/channels/:id/poll', summary: "Catch up now: read the platform's orders changed since the cursor", roles: MANAGE,
    params: IdParam, response: z.object({ seen: z.number().int(), cursor: z.string().nullable() }), tag: 'channels',
  },
  listWriteBacks: {
    method: 'GET', path: '/api/write-backs', summary: 'Shipment write-backs: pending, sent, held, dead letters', roles: MANAGE,
    query: z.object({ state: z.enum(WRITE_BACK_STATES).optional(), channelId: z.string().max(80).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(WriteBack) }), tag: 'channels',
  },
  retryWriteBack: {
    method: 'POST', path: '/api/write-backs/:id/retry', summary: 'Send a dead or held write-back again, now', roles: MANAGE, params: IdParam, response: WriteBack, tag: 'channels',
  },
  receiveHook: {
    method: 'POST', path: '/api/hooks/:id', summary: "A platform's webhook delivery: verified by its signature on the raw bytes (no login), stored, answered at once, processed after",
    roles: 'public', params: IdParam, body: z.string(), bodyKind: 'text', bodyLimit: 1024 * 1024, response: HookAnswer, tag: 'channels',
  },
} as const satisfies Record<string, RouteDef>;
