// What each platform adapter knows: its signature, how a delivery splits into inbox rows, how a
// stored row reads as a change to an order, how to catch up by polling and how to write a parcel back.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Address, OrderInput } from '../../../../contract/orders';
import type { ChannelKind } from '../../../../contract/channels';

export interface Connection {
  id: string;
  kind: ChannelKind;
  name: string;
  code: string;
  secret: string;
  appKey: string | null;
  apiBase: string | null;
  apiKey: string | null;
  apiSecret: string | null;
  writeBackUrl: string | null;
  writeBackOn: 'labelled' | 'handed_over';
  carrierNames: Record<string, string>;
  defaultCarrier: string | null;
  pollMinutes: number;
  enabled: boolean;
}

/** One inbox row: the platform's delivery id, topic, event time and the raw bytes. */
export interface IncomingDelivery {
  deliveryId: string;
  topic: string;
  eventAt: string | null;
  body: Buffer;
  headers: Record<string, string>;
}

/** An order as a platform shows it, in our terms (channel added by the connection). */
export type OrderDraft = Omit<OrderInput, 'channel'>;

/** The platform's status of an order version: what our order should become. */
export type PlatformStatus = 'open' | 'unpaid' | 'on_hold' | 'cancelled' | 'refunded';

export type PlatformChange =
  /** The order as it is now at the platform (created, updated, paid, cancelled...): compared by updatedAt. */
  | {
    type: 'order'; externalId: string; updatedAt: string; status: PlatformStatus; order: OrderDraft; shopNumber: string | null; reason: string | null;
    /** The platform's own key for "one door" (抖店 open_address_id), kept as the order's merge_key code: orders merge only when it matches. */
    mergeKey?: string;
  }
  /** An event about an order without the whole order: deduplicated by its delivery id only. */
  | { type: 'cancel' | 'hold' | 'edit'; externalId: string; updatedAt: string; reason: string }
  | { type: 'refund'; externalId: string; updatedAt: string; reason: string; refund: { id: string; amount: number | null; currency: string | null; lines: { sku: string | null; qty: number }[] } }
  /**
   * The buyer changed the address. `mergeKey`: the order's merge key from now (the new door's id, or
   * a key of its own when the message does not carry it); `readOrder`: read the order's detail again
   * (it carries the new door's id).
   */
  | { type: 'address'; externalId: string; updatedAt: string; shipTo: Address; mergeKey?: string; readOrder?: boolean }
  /** A message that names the order only: its detail is read from the platform's API (fetchOrder), then stored and processed as an order version. */
  | { type: 'fetch'; externalId: string; reason: string }
  | { type: 'ignore'; reason: string };

export interface WriteBackPayload {
  externalId: string;
  orderNumber: string;
  waybill: string;
  carrierCode: string;
  carrier: string;
  lines: { sku: string; qty: number }[];
  parcel: { id: string; seq: number };
  /** the parcel holds every unit of the channel's order (false: one of several parcels, or a split part) */
  wholeOrder?: boolean;
}

/** One write-back of a group sent in one call (platforms/douyin.ts: the parcels of one order). */
export interface WriteBackItem { p: WriteBackPayload; idemKey: string }

export interface SendResult { ok: boolean; status: number | null; detail: string; alreadyThere?: boolean }

export interface PolledOrder { externalId: string; updatedAt: string; body: string }

export interface Platform {
  /** Why this delivery's signature is refused, or null. */
  verify(c: Connection, raw: Buffer, header: (name: string) => string | null, nowMs: number): string | null;
  /** The inbox rows of a verified delivery (抖店 pushes a list of messages, each with its own id). */
  split(c: Connection, raw: Buffer, header: (name: string) => string | null, receivedAt: string): IncomingDelivery[];
  /** A stored row as a change to an order. Throws an Error whose message says what is wrong with the payload. */
  parse(topic: string, body: string): PlatformChange;
  /** Orders changed since `since` (ISO), oldest first; the topic their inbox rows get. */
  poll?(c: Connection, since: string): Promise<{ topic: string; orders: PolledOrder[] }>;
  /** One order as it is now at the platform (for messages that name the order only); the topic its inbox row gets. */
  fetchOrder?(c: Connection, externalId: string): Promise<{ topic: string; order: PolledOrder }>;
  writeBack?(c: Connection, p: WriteBackPayload, idemKey: string): Promise<SendResult>;
  /**
   * Several write-backs of one order (same externalId) in one call, one outcome for all: a platform
   * that takes an order's parcels together (抖店's logisticsAddMultiPack). Used instead of writeBack.
   */
  writeBackGroup?(c: Connection, group: WriteBackItem[]): Promise<SendResult>;
}

/** A platform phone as our Address takes it (digits, spaces, dashes, a leading +); a placeholder when there is none. */
export function phoneOf(...candidates: (string | null | undefined)[]): string {
  for (const c of candidates) {
    const p = (c ?? '').replace(/[^\d+\s-]/g, '').replace(/(?!^)\+/g, '').trim();
    if (/^[+\d][\d\s-]{4,24}$/.test(p)) return p;
  }
  return '00000';
}

/** "89.99" -> 8999 (two decimals, as the platforms send prices). */
export const minorOf = (v: unknown): number | undefined => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
};

/** A text field or undefined (the platforms send "" and null for "none"). */
export const text = (v: unknown, max = 200): string | undefined => {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return s ? s.slice(0, max) : undefined;
};

/** Kept-alive sockets per platform host: a backlog of write-backs does not open a connection per send. */
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 16 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }) };

export interface JsonAnswer { status: number; json: unknown; headers: { get(name: string): string | null } }

/**
 * A request to a platform's API, its answer's JSON (or its first 300 characters when it is not JSON).
 * node:http with a kept-alive agent rather than fetch: this runs on the core's event loop for every
 * write-back, and fetch cost about a millisecond of it per request (bench/channels: a 10,000 backlog).
 */
export function fetchJson(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<JsonAnswer> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(u, {
      method: init.method ?? 'GET', agent: secure ? agents.https : agents.http, timeout: init.timeoutMs ?? 10_000,
      headers: { ...init.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const t = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = t ? JSON.parse(t) : null;
        } catch {
          json = t.slice(0, 300);
        }
        const h = res.headers;
        resolve({ status: res.statusCode ?? 0, json, headers: { get: (name) => { const v = h[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; } } });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${u.host} within ${init.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const basicAuth = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
