// Shopify: webhooks signed with X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the
// app's client secret), one delivery id per webhook (X-Shopify-Webhook-Id, kept across Shopify's
// retries), the Admin REST API for catch-up polling (orders by updated_at) and for the write-back
// (a fulfillment with tracking info on the order's fulfillment orders).
import { utcIso } from '../../../../lib/clock';
import type { Address } from '../../../../contract/orders';
import { hmacBase64, sameText } from '../signatures';
import { fetchJson, minorOf, phoneOf, text, type Connection, type OrderDraft, type Platform, type PlatformChange, type PlatformStatus } from './types';

export const SHOPIFY_API_VERSION = '2024-10';

interface ShopifyAddress { name?: string; first_name?: string; last_name?: string; phone?: string; address1?: string; address2?: string; city?: string; province?: string; country_code?: string; zip?: string }
interface ShopifyOrder {
  id: number | string; name?: string; email?: string; phone?: string; updated_at: string; created_at?: string; cancelled_at?: string | null; cancel_reason?: string | null;
  financial_status?: string; currency?: string; total_price?: string; note?: string | null;
  shipping_address?: ShopifyAddress | null; customer?: { first_name?: string; last_name?: string; phone?: string; email?: string } | null;
  line_items?: { id: number | string; sku?: string | null; variant_id?: number | string | null; title?: string; name?: string; quantity: number; price?: string }[];
  fulfillments?: { tracking_number?: string | null; tracking_numbers?: string[] }[];
}

function shipToOf(a: ShopifyAddress, o: ShopifyOrder): Address {
  return {
    name: text(a.name, 100) ?? ([a.first_name, a.last_name].filter(Boolean).join(' ') || 'unknown'),
    phone: phoneOf(a.phone, o.phone, o.customer?.phone),
    country: (a.country_code ?? 'CN').toUpperCase(),
    ...(text(a.province, 60) ? { province: text(a.province, 60) } : {}),
    city: text(a.city, 60) ?? 'unknown',
    address1: text(a.address1) ?? 'unknown',
    ...(text(a.address2) ? { address2: text(a.address2) } : {}),
    ...(text(a.zip, 20) ? { postcode: text(a.zip, 20) } : {}),
  };
}

function statusOf(o: ShopifyOrder): PlatformStatus {
  if (o.cancelled_at) return 'cancelled';
  if (o.financial_status === 'refunded' || o.financial_status === 'voided') return 'refunded';
  if (o.financial_status === 'pending') return 'unpaid';
  return 'open';
}

/** A Shopify order (webhook body or REST API order) in our terms. */
export function shopifyOrderChange(o: ShopifyOrder): PlatformChange {
  if (o.id === undefined || !o.updated_at) throw new Error('the order has no id or updated_at');
  const order: OrderDraft = {
    externalId: String(o.id),
    shipTo: shipToOf(o.shipping_address ?? {}, o),
    buyer: { ...(text(o.email) ? { email: text(o.email) } : {}), ...(o.customer?.first_name ? { name: text(`${o.customer.first_name} ${o.customer.last_name ?? ''}`, 100) } : {}) },
    lines: (o.line_items ?? []).map((l) => ({
      channelSku: text(l.sku, 64) ?? `variant:${l.variant_id ?? l.id}`,
      qty: l.quantity,
      ...(minorOf(l.price) !== undefined ? { unitPrice: minorOf(l.price)! } : {}),
      ...(text(l.name ?? l.title) ? { name: text(l.name ?? l.title) } : {}),
    })),
    ...(o.currency && minorOf(o.total_price) !== undefined ? { total: { amount: minorOf(o.total_price)!, currency: o.currency } } : {}),
    ...(text(o.note, 1000) ? { note: text(o.note, 1000) } : {}),
  };
  const status = statusOf(o);
  return {
    type: 'order', externalId: String(o.id), updatedAt: new Date(o.updated_at).toISOString(), status, order, shopNumber: text(o.name, 64) ?? null,
    reason: status === 'cancelled' ? `cancelled at Shopify${o.cancel_reason ? `: ${o.cancel_reason}` : ''}` : null,
  };
}

const api = (c: Connection, path: string) => `${c.apiBase!.replace(/\/$/, '')}/admin/api/${SHOPIFY_API_VERSION}${path}`;
const headers = (c: Connection) => ({ 'X-Shopify-Access-Token': c.apiKey ?? '', 'Content-Type': 'application/json' });

export const shopify: Platform = {
  verify(c, raw, header) {
    const given = header('x-shopify-hmac-sha256');
    if (!given) return 'no X-Shopify-Hmac-Sha256 header';
    return sameText(given, hmacBase64(c.secret, raw)) ? null : 'X-Shopify-Hmac-Sha256 does not match the body';
  },

  split(_c, raw, header, receivedAt) {
    const id = header('x-shopify-webhook-id');
    if (!id) throw new Error('no X-Shopify-Webhook-Id header');
    const triggered = header('x-shopify-triggered-at');
    return [{
      deliveryId: id.slice(0, 100), topic: (header('x-shopify-topic') ?? 'unknown').slice(0, 60), eventAt: utcIso(triggered) ?? receivedAt,
      body: raw, headers: { 'x-shopify-topic': header('x-shopify-topic') ?? '', 'x-shopify-webhook-id': id, 'x-shopify-triggered-at': triggered ?? '', 'x-shopify-shop-domain': header('x-shopify-shop-domain') ?? '' },
    }];
  },

  parse(topic, body) {
    const j = JSON.parse(body) as Record<string, unknown>;
    switch (topic) {
      case 'orders/create': case 'orders/updated': case 'orders/paid': case 'orders/cancelled': case 'orders/fulfilled': case 'orders/partially_fulfilled':
        return shopifyOrderChange(j as unknown as ShopifyOrder);
      case 'orders/edited': {
        const e = (j.order_edit ?? {}) as { order_id?: number | string; created_at?: string; committed_at?: string };
        if (!e.order_id) throw new Error('orders/edited without order_edit.order_id');
        return { type: 'edit', externalId: String(e.order_id), updatedAt: new Date(e.committed_at ?? e.created_at ?? Date.now()).toISOString(), reason: 'the order was edited at Shopify: check its lines before packing' };
      }
      case 'refunds/create': {
        const r = j as { id?: number | string; order_id?: number | string; created_at?: string; note?: string | null; transactions?: { amount?: string; currency?: string }[]; refund_line_items?: { quantity: number; line_item?: { sku?: string | null } }[] };
        if (!r.order_id) throw new Error('refunds/create without order_id');
        const amount = (r.transactions ?? []).reduce((s, t) => s + (minorOf(t.amount) ?? 0), 0);
        return {
          type: 'refund', externalId: String(r.order_id), updatedAt: new Date(r.created_at ?? Date.now()).toISOString(), reason: `refund at Shopify${r.note ? `: ${r.note}` : ''}`,
          refund: { id: String(r.id ?? ''), amount: r.transactions?.length ? amount : null, currency: r.transactions?.[0]?.currency ?? null, lines: (r.refund_line_items ?? []).map((l) => ({ sku: l.line_item?.sku ?? null, qty: l.quantity })) },
        };
      }
      case 'fulfillment_holds/added': {
        const h = j as { fulfillment_hold?: { reason?: string; reason_notes?: string }; fulfillment_order?: { order_id?: number | string; updated_at?: string } };
        const orderId = h.fulfillment_order?.order_id;
        if (!orderId) throw new Error('fulfillment_holds/added without fulfillment_order.order_id');
        const id = String(orderId).replace(/^gid:\/\/shopify\/Order\//, '');
        return { type: 'hold', externalId: id, updatedAt: new Date(h.fulfillment_order?.updated_at ?? Date.now()).toISOString(), reason: `held at Shopify: ${h.fulfillment_hold?.reason_notes || h.fulfillment_hold?.reason || 'no reason given'}` };
      }
      default:
        return { type: 'ignore', reason: `topic ${topic} is not about an order we pack` };
    }
  },

  async poll(c, since) {
    const orders: { externalId: string; updatedAt: string; body: string }[] = [];
    let url: string | null = api(c, `/orders.json?status=any&limit=250&order=updated_at+asc&updated_at_min=${encodeURIComponent(since)}`);
    for (let page = 0; url && page < 20; page++) {
      const r = await fetchJson(url, { headers: headers(c) });
      if (r.status !== 200) throw new Error(`Shopify answered ${r.status} to the orders poll: ${JSON.stringify(r.json).slice(0, 200)}`);
      for (const o of (r.json as { orders?: ShopifyOrder[] }).orders ?? []) orders.push({ externalId: String(o.id), updatedAt: new Date(o.updated_at).toISOString(), body: JSON.stringify(o) });
      url = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get('link') ?? '')?.[1] ?? null; // cursor paging by Link header
    }
    return { topic: 'orders/updated', orders };
  },

  async writeBack(c, p) {
    // Look first: a fulfillment with this waybill means an earlier try got through (the core died
    // before it recorded the answer), so the parcel is never fulfilled twice.
    const o = await fetchJson(api(c, `/orders/${p.externalId}.json`), { headers: headers(c) });
    if (o.status !== 200) return { ok: false, status: o.status, detail: `reading order ${p.externalId}: ${JSON.stringify(o.json).slice(0, 200)}` };
    const order = (o.json as { order: ShopifyOrder }).order;
    if ((order.fulfillments ?? []).some((f) => f.tracking_number === p.waybill || f.tracking_numbers?.includes(p.waybill))) return { ok: true, status: 200, detail: 'already fulfilled with this waybill', alreadyThere: true };
    const fo = await fetchJson(api(c, `/orders/${p.externalId}/fulfillment_orders.json`), { headers: headers(c) });
    if (fo.status !== 200) return { ok: false, status: fo.status, detail: `reading fulfillment orders: ${JSON.stringify(fo.json).slice(0, 200)}` };
    const skuOfLine = new Map((order.line_items ?? []).map((l) => [String(l.id), l.sku ?? '']));
    const wanted = new Map(p.lines.map((l) => [l.sku, l.qty]));
    const groups: { fulfillment_order_id: number | string; fulfillment_order_line_items: { id: number | string; quantity: number }[] }[] = [];
    for (const f of (fo.json as { fulfillment_orders?: { id: number | string; status: string; line_items: { id: number | string; line_item_id: number | string; fulfillable_quantity: number }[] }[] }).fulfillment_orders ?? []) {
      if (f.status === 'closed' || f.status === 'cancelled') continue;
      const items: { id: number | string; quantity: number }[] = [];
      for (const li of f.line_items) {
        const sku = skuOfLine.get(String(li.line_item_id)) ?? '';
        const left = wanted.get(sku) ?? 0;
        const qty = Math.min(left, li.fulfillable_quantity);
        if (qty > 0) {
          items.push({ id: li.id, quantity: qty });
          wanted.set(sku, left - qty);
        }
      }
      if (items.length) groups.push({ fulfillment_order_id: f.id, fulfillment_order_line_items: items });
    }
    if (groups.length === 0) return { ok: false, status: null, detail: `none of the parcel's lines (${p.lines.map((l) => l.sku).join(', ')}) is open for fulfillment at Shopify` };
    const body = { fulfillment: { line_items_by_fulfillment_order: groups, tracking_info: { company: p.carrier, number: p.waybill }, notify_customer: false } };
    const r = await fetchJson(api(c, '/fulfillments.json'), { method: 'POST', headers: headers(c), body: JSON.stringify(body) });
    return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status, detail: 'fulfillment created' } : { ok: false, status: r.status, detail: JSON.stringify(r.json).slice(0, 300) };
  },
};
