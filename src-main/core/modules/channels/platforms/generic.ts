// The generic signed-JSON channel, for any other system (a 小程序 shop, an ERP): Stripe-style
// `Packline-Signature: t=<unix>,v1=<hex HMAC-SHA256("{t}.{body}")>`, 300 s tolerance, the event id
// in the body. Events: order.created / order.updated carry the order in our own shape (OrderInput
// without channel) with updatedAt; order.cancelled, order.held and order.refunded name the order.
// Catch-up: the connection's API base is a poll URL answering the orders changed since a time.
// Write-back: a signed shipment.created webhook to the connection's write-back URL.
import { OrderInput } from '../../../../contract/orders';
import { utcIso } from '../../../../lib/clock';
import { stripeStyleHeader, stripeStyleProblem } from '../signatures';
import { fetchJson, type Platform, type PlatformStatus } from './types';

const GenericDraft = OrderInput.omit({ channel: true });

interface GenericEvent { id?: string; type?: string; created?: number; data?: { externalId?: string; updatedAt?: string; status?: PlatformStatus; reason?: string; order?: unknown; refund?: { id?: string; amount?: number; currency?: string } } }

export const SIGNATURE_HEADER = 'packline-signature';

export const generic: Platform = {
  verify(c, raw, header, nowMs) {
    return stripeStyleProblem(header(SIGNATURE_HEADER), c.secret, raw, nowMs);
  },

  split(_c, raw, _header, receivedAt) {
    const e = JSON.parse(raw.toString('utf8')) as GenericEvent;
    if (typeof e.id !== 'string' || !e.id || typeof e.type !== 'string') throw new Error('the event needs an id and a type');
    return [{ deliveryId: e.id.slice(0, 100), topic: e.type.slice(0, 60), eventAt: typeof e.created === 'number' ? new Date(e.created * 1000).toISOString() : receivedAt, body: raw, headers: {} }];
  },

  parse(topic, body) {
    const e = JSON.parse(body) as GenericEvent;
    const d = e.data ?? {};
    const externalId = String(d.externalId ?? '');
    const updatedAt = utcIso(d.updatedAt);
    if (!externalId || !updatedAt) throw new Error('data.externalId and data.updatedAt are required');
    switch (topic) {
      case 'test':
        return { type: 'ignore', reason: 'a test delivery' };
      case 'order.created': case 'order.updated': {
        const p = GenericDraft.safeParse({ ...(d.order as object), externalId });
        if (!p.success) throw new Error(`data.order: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return { type: 'order', externalId, updatedAt, status: d.status ?? 'open', order: p.data, shopNumber: null, reason: d.reason ?? null };
      }
      case 'order.cancelled': return { type: 'cancel', externalId, updatedAt, reason: d.reason ?? 'cancelled by the shop system' };
      case 'order.held': return { type: 'hold', externalId, updatedAt, reason: d.reason ?? 'held by the shop system' };
      case 'order.refunded':
        return { type: 'refund', externalId, updatedAt, reason: d.reason ?? 'refunded by the shop system', refund: { id: d.refund?.id ?? '', amount: d.refund?.amount ?? null, currency: d.refund?.currency ?? null, lines: [] } };
      default:
        return { type: 'ignore', reason: `event type ${topic} is not handled` };
    }
  },

  /**
   * Catch-up from the connection's API base (the poll URL): GET <url>?updatedSince=<ISO> with the API
   * key as a bearer token, answering { orders: [{ externalId, updatedAt, status?, reason?, order }] }
   * (order as in order.updated); each becomes an order.updated event of its own.
   */
  async poll(c, since) {
    const url = new URL(c.apiBase!);
    url.searchParams.set('updatedSince', since);
    const r = await fetchJson(url.toString(), { headers: { Accept: 'application/json', ...(c.apiKey ? { Authorization: `Bearer ${c.apiKey}` } : {}) } });
    if (r.status !== 200) throw new Error(`${r.status}: ${JSON.stringify(r.json).slice(0, 200)}`);
    const list = (r.json as { orders?: GenericEvent['data'][] } | null)?.orders;
    if (!Array.isArray(list)) throw new Error('the poll URL answered without an orders list');
    const orders = list.flatMap((d) => {
      const updatedAt = utcIso(d?.updatedAt);
      if (!d?.externalId || !updatedAt) return [];
      const externalId = String(d.externalId);
      return [{ externalId, updatedAt, body: JSON.stringify({ id: `poll:${externalId}:${updatedAt}`, type: 'order.updated', data: { ...d, externalId, updatedAt } }) }];
    });
    return { topic: 'order.updated', orders: orders.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)) };
  },

  async writeBack(c, p, idemKey) {
    if (!c.writeBackUrl) return { ok: false, status: null, detail: 'the connection has no write-back URL' };
    const body = JSON.stringify({ id: idemKey, type: 'shipment.created', created: Math.floor(Date.now() / 1000), data: p });
    const r = await fetchJson(c.writeBackUrl, {
      method: 'POST', body,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idemKey, 'Packline-Signature': stripeStyleHeader(c.secret, body, Math.floor(Date.now() / 1000)) },
    });
    return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status, detail: 'delivered' } : { ok: false, status: r.status, detail: JSON.stringify(r.json).slice(0, 300) };
  },
};
