// WooCommerce: webhooks signed with X-WC-Webhook-Signature (base64 HMAC-SHA256 of the body with the
// webhook's secret). X-WC-Webhook-Delivery-ID changes on every re-fire, so the dedupe that counts
// is (order id, date_modified). Polling through the REST API (orders modified after the cursor);
// write-back through the Shipment Tracking extension (CHANNELS.md "Write-back").
import type { Address } from '../../../../contract/orders';
import { hmacBase64, sameText } from '../signatures';
import { basicAuth, fetchJson, minorOf, phoneOf, text, type Connection, type Platform, type PlatformChange, type PlatformStatus } from './types';

interface WooAddress { first_name?: string; last_name?: string; company?: string; address_1?: string; address_2?: string; city?: string; state?: string; postcode?: string; country?: string; phone?: string; email?: string }
interface WooOrder {
  id: number; number?: string; status: string; currency?: string; total?: string; customer_note?: string; date_modified_gmt?: string; date_modified?: string; transaction_id?: string;
  billing?: WooAddress; shipping?: WooAddress; line_items?: { id: number; name?: string; sku?: string; product_id?: number; quantity: number; price?: number | string }[];
}

/** Woo's GMT times come without a zone ("2017-03-22T16:28:08"). */
const gmt = (s: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`).toISOString();

const STATUS: Record<string, PlatformStatus> = { processing: 'open', completed: 'open', 'on-hold': 'on_hold', pending: 'unpaid', failed: 'unpaid', cancelled: 'cancelled', refunded: 'refunded', 'checkout-draft': 'unpaid', trash: 'cancelled' };

function shipToOf(o: WooOrder): Address {
  const a = o.shipping?.address_1 ? o.shipping : (o.billing ?? {});
  return {
    name: [a.first_name, a.last_name].filter(Boolean).join(' ').slice(0, 100) || 'unknown',
    phone: phoneOf(a.phone, o.billing?.phone),
    country: (a.country || 'CN').toUpperCase(),
    ...(text(a.state, 60) ? { province: text(a.state, 60) } : {}),
    city: text(a.city, 60) ?? 'unknown',
    address1: text(a.address_1) ?? 'unknown',
    ...(text(a.address_2) ? { address2: text(a.address_2) } : {}),
    ...(text(a.postcode, 20) ? { postcode: text(a.postcode, 20) } : {}),
  };
}

export function wooOrderChange(o: WooOrder): PlatformChange {
  const modified = o.date_modified_gmt ?? o.date_modified;
  if (!o.id || !modified) throw new Error('the order has no id or date_modified_gmt');
  const status = STATUS[o.status] ?? 'open';
  return {
    type: 'order', externalId: String(o.id), updatedAt: gmt(modified), status, shopNumber: o.number ? `#${o.number}` : null,
    reason: status === 'cancelled' ? 'cancelled at WooCommerce' : status === 'on_hold' ? 'on hold at WooCommerce' : null,
    order: {
      externalId: String(o.id),
      shipTo: shipToOf(o),
      buyer: { ...(text(o.billing?.email) ? { email: text(o.billing?.email) } : {}) },
      lines: (o.line_items ?? []).map((l) => ({
        channelSku: text(l.sku, 64) ?? `product:${l.product_id ?? l.id}`, qty: l.quantity,
        ...(minorOf(l.price) !== undefined ? { unitPrice: minorOf(l.price)! } : {}), ...(text(l.name) ? { name: text(l.name) } : {}),
      })),
      ...(o.currency && minorOf(o.total) !== undefined ? { total: { amount: minorOf(o.total)!, currency: o.currency } } : {}),
      ...(text(o.customer_note, 1000) ? { note: text(o.customer_note, 1000) } : {}),
      // The payment gateway's id of the charge: what a payout statement names the order by.
      ...(text(o.transaction_id, 64) ? { paymentRef: text(o.transaction_id, 64) } : {}),
    },
  };
}

const api = (c: Connection, path: string) => `${c.apiBase!.replace(/\/$/, '')}/wp-json${path}`;
const headers = (c: Connection) => ({ Authorization: basicAuth(c.apiKey ?? '', c.apiSecret ?? ''), 'Content-Type': 'application/json' });

export const woocommerce: Platform = {
  verify(c, raw, header) {
    const given = header('x-wc-webhook-signature');
    if (!given) return 'no X-WC-Webhook-Signature header';
    return sameText(given, hmacBase64(c.secret, raw)) ? null : 'X-WC-Webhook-Signature does not match the body';
  },

  split(_c, raw, header, receivedAt) {
    const topic = header('x-wc-webhook-topic') ?? (raw.subarray(0, 11).toString() === 'webhook_id=' ? 'ping' : 'unknown');
    const delivery = header('x-wc-webhook-delivery-id') ?? `body:${hmacBase64('', raw)}`;
    return [{ deliveryId: delivery.slice(0, 100), topic: topic.slice(0, 60), eventAt: receivedAt, body: raw, headers: { 'x-wc-webhook-topic': topic, 'x-wc-webhook-delivery-id': delivery, 'x-wc-webhook-id': header('x-wc-webhook-id') ?? '' } }];
  },

  parse(topic, body) {
    if (topic === 'ping') return { type: 'ignore', reason: 'WooCommerce ping: the webhook was saved' };
    if (!topic.startsWith('order.')) return { type: 'ignore', reason: `topic ${topic} is not about an order` };
    const o = JSON.parse(body) as WooOrder;
    if (topic === 'order.deleted') return { type: 'cancel', externalId: String(o.id), updatedAt: new Date().toISOString(), reason: 'deleted at WooCommerce' };
    return wooOrderChange(o);
  },

  async poll(c, since) {
    const orders: { externalId: string; updatedAt: string; body: string }[] = [];
    for (let page = 1; page <= 20; page++) {
      const r = await fetchJson(api(c, `/wc/v3/orders?modified_after=${encodeURIComponent(since)}&dates_are_gmt=true&orderby=modified&order=asc&per_page=100&page=${page}`), { headers: headers(c) });
      if (r.status !== 200) throw new Error(`WooCommerce answered ${r.status} to the orders poll: ${JSON.stringify(r.json).slice(0, 200)}`);
      const list = (r.json as WooOrder[]) ?? [];
      for (const o of list) orders.push({ externalId: String(o.id), updatedAt: gmt(o.date_modified_gmt ?? o.date_modified ?? since), body: JSON.stringify(o) });
      if (list.length < 100) break;
    }
    return { topic: 'order.updated', orders };
  },

  async writeBack(c, p) {
    const url = api(c, `/wc-shipment-tracking/v3/orders/${p.externalId}/shipment-trackings`);
    const list = await fetchJson(url, { headers: headers(c) });
    if (list.status !== 200) return { ok: false, status: list.status, detail: `reading trackings: ${JSON.stringify(list.json).slice(0, 200)}` };
    if (Array.isArray(list.json) && (list.json as { tracking_number?: string }[]).some((t) => t.tracking_number === p.waybill)) return { ok: true, status: 200, detail: 'tracking already there', alreadyThere: true };
    const r = await fetchJson(url, { method: 'POST', headers: headers(c), body: JSON.stringify({ tracking_provider: p.carrier, tracking_number: p.waybill, date_shipped: new Date().toISOString().slice(0, 10) }) });
    return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status, detail: 'tracking added' } : { ok: false, status: r.status, detail: JSON.stringify(r.json).slice(0, 300) };
  },
};
