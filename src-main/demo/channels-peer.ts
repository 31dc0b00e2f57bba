// A simulated Shopify store (and a WooCommerce shop beside it) on 127.0.0.1: it posts real-shaped,
// correctly signed webhooks to the core, answers the documented REST requests the core makes
// (orders by updated_at for the catch-up poll; the order, its fulfillment orders and a fulfillment
// with tracking info for the write-back; WooCommerce orders and Shipment Tracking) and records every
// write-back it receives. The demo runs it; the tests drive it (switch webhooks off, fail the next
// write-backs with 500).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import type { DemoPeer } from './peers';
import { demoBuyer } from './buyers';
import { SHOPIFY_API_VERSION } from '../core/modules/channels/platforms/shopify';

export interface ShopifyLine { id: number; sku: string; title: string; quantity: number; price: string; variant_id: number }
export interface ShopifyOrderDoc {
  id: number; name: string; email: string; created_at: string; updated_at: string; cancelled_at: string | null; cancel_reason: string | null; financial_status: string;
  currency: string; total_price: string; note: string | null; line_items: ShopifyLine[]; shipping_address: Record<string, string | null>;
  fulfillments: { id: number; tracking_number: string; tracking_company: string; line_items: { id: number; quantity: number }[] }[];
}
export interface WooOrderDoc { id: number; number: string; status: string; currency: string; total: string; date_modified_gmt: string; customer_note: string; shipping: Record<string, string>; billing: Record<string, string>; line_items: { id: number; sku: string; name: string; quantity: number; price: number }[] }

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

export interface PeerOptions { secret: string; hookUrl?: string; wooHookUrl?: string; wooSecret?: string }

export class ChannelPeer {
  readonly shopify = new Map<number, ShopifyOrderDoc>();
  readonly woo = new Map<number, WooOrderDoc>();
  readonly wooTrackings = new Map<number, { tracking_provider: string; tracking_number: string; date_shipped: string }[]>();
  /** Every write-back request received (fulfillments and trackings), failed ones too. */
  readonly writeBacks: { path: string; body: unknown; status: number }[] = [];
  webhooksOn = true;
  /** Answer the next n write-back POSTs with 500. */
  failNext = 0;
  /** Wait this long before answering a write-back (the platform's pace). */
  delayMs = 0;
  /** Tests: store the next fulfillment, call this and never answer (the core dies before it hears back). */
  onFulfillmentThenHang: (() => void) | null = null;
  private server: Server | null = null;
  private seq = 0;
  url = '';

  constructor(public opts: PeerOptions) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((e) => this.json(res, 500, { errors: String(e) })));
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** Posts a Shopify webhook as Shopify does (topic, webhook id, triggered-at, HMAC of the exact bytes). */
  async postShopify(topic: string, payload: unknown, opts: { webhookId?: string; secret?: string } = {}): Promise<{ status: number; body: string }> {
    const body = JSON.stringify(payload);
    const res = await fetch(this.opts.hookUrl!, {
      method: 'POST', body,
      headers: {
        'Content-Type': 'application/json', 'X-Shopify-Topic': topic, 'X-Shopify-Hmac-Sha256': sign(opts.secret ?? this.opts.secret, body), 'X-Shopify-Shop-Domain': 'packline-demo.myshopify.com',
        'X-Shopify-Webhook-Id': opts.webhookId ?? `wh-${Date.now()}-${++this.seq}`, 'X-Shopify-Triggered-At': new Date().toISOString(), 'X-Shopify-API-Version': SHOPIFY_API_VERSION,
      },
    });
    return { status: res.status, body: await res.text() };
  }

  /** Posts a WooCommerce webhook: every fire, re-fires too, gets a new delivery id. */
  async postWoo(topic: string, order: WooOrderDoc): Promise<{ status: number; body: string }> {
    const body = JSON.stringify(order);
    const res = await fetch(this.opts.wooHookUrl!, {
      method: 'POST', body,
      headers: { 'Content-Type': 'application/json', 'X-WC-Webhook-Topic': topic, 'X-WC-Webhook-Resource': 'order', 'X-WC-Webhook-Event': topic.split('.')[1]!, 'X-WC-Webhook-Signature': sign(this.opts.wooSecret ?? this.opts.secret, body), 'X-WC-Webhook-ID': '1', 'X-WC-Webhook-Delivery-ID': String(Date.now() * 1000 + ++this.seq) },
    });
    return { status: res.status, body: await res.text() };
  }

  /** A new order at the store: kept for the API, and announced by orders/create when webhooks are on. */
  async placeOrder(o: ShopifyOrderDoc): Promise<void> {
    this.shopify.set(o.id, o);
    if (this.webhooksOn) await this.postShopify('orders/create', o);
  }

  /** The buyer cancels at the store: orders/cancelled with the order as it is now. */
  async cancelOrder(id: number, reason = 'customer'): Promise<void> {
    const o = this.shopify.get(id)!;
    const now = new Date(Math.max(Date.now(), Date.parse(o.updated_at) + 1000)).toISOString();
    Object.assign(o, { cancelled_at: now, cancel_reason: reason, updated_at: now });
    if (this.webhooksOn) await this.postShopify('orders/cancelled', o);
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://peer');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as unknown) : null;
    const p = url.pathname;
    const shop = `/admin/api/${SHOPIFY_API_VERSION}`;
    let m: RegExpExecArray | null;
    if (p.startsWith(shop) && req.headers['x-shopify-access-token'] !== 'shpat_demo') return this.json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    if (req.method === 'GET' && p === `${shop}/orders.json`) {
      const min = url.searchParams.get('updated_at_min') ?? '';
      const list = [...this.shopify.values()].filter((o) => !min || o.updated_at >= min).sort((a, b) => a.updated_at.localeCompare(b.updated_at));
      return this.json(res, 200, { orders: list.slice(0, Number(url.searchParams.get('limit') ?? 50)) });
    }
    if (req.method === 'GET' && (m = new RegExp(`^${shop}/orders/(\\d+)\\.json$`).exec(p))) {
      const o = this.shopify.get(Number(m[1]));
      return o ? this.json(res, 200, { order: o }) : this.json(res, 404, { errors: 'Not Found' });
    }
    if (req.method === 'GET' && (m = new RegExp(`^${shop}/orders/(\\d+)/fulfillment_orders\\.json$`).exec(p))) {
      const o = this.shopify.get(Number(m[1]));
      if (!o) return this.json(res, 404, { errors: 'Not Found' });
      const done = new Map<number, number>();
      for (const f of o.fulfillments) for (const l of f.line_items) done.set(l.id, (done.get(l.id) ?? 0) + l.quantity);
      const items = o.line_items.map((l) => ({ id: l.id + 1, line_item_id: l.id, quantity: l.quantity, fulfillable_quantity: l.quantity - (done.get(l.id) ?? 0), variant_id: l.variant_id }));
      const open = items.some((i) => i.fulfillable_quantity > 0);
      return this.json(res, 200, { fulfillment_orders: [{ id: o.id + 7, order_id: o.id, status: o.cancelled_at ? 'cancelled' : open ? 'open' : 'closed', line_items: items }] });
    }
    if (req.method === 'POST' && p === `${shop}/fulfillments.json`) {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.failNext > 0) {
        this.failNext--;
        this.writeBacks.push({ path: p, body, status: 500 });
        return this.json(res, 500, { errors: 'Internal Server Error' });
      }
      const f = (body as { fulfillment: { line_items_by_fulfillment_order: { fulfillment_order_id: number; fulfillment_order_line_items: { id: number; quantity: number }[] }[]; tracking_info: { company: string; number: string } } }).fulfillment;
      const group = f.line_items_by_fulfillment_order[0]!;
      const o = this.shopify.get(group.fulfillment_order_id - 7);
      if (!o) return this.json(res, 422, { errors: ['fulfillment order does not exist'] });
      const lines = group.fulfillment_order_line_items.map((i) => ({ id: i.id - 1, quantity: i.quantity }));
      const created = { id: Date.now() + ++this.seq, tracking_number: f.tracking_info.number, tracking_company: f.tracking_info.company, line_items: lines };
      o.fulfillments.push(created);
      this.writeBacks.push({ path: p, body, status: 201 });
      const hang = this.onFulfillmentThenHang;
      if (hang) {
        this.onFulfillmentThenHang = null;
        return hang();
      }
      return this.json(res, 201, { fulfillment: { ...created, order_id: o.id, status: 'success', tracking_numbers: [created.tracking_number] } });
    }
    if (req.method === 'GET' && p === '/wp-json/wc/v3/orders') {
      const after = url.searchParams.get('modified_after') ?? '';
      const list = [...this.woo.values()].filter((o) => !after || `${o.date_modified_gmt}Z` >= after.replace(/\.\d+Z$/, 'Z'));
      return this.json(res, 200, url.searchParams.get('page') === '1' ? list : []);
    }
    if ((m = /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/.exec(p))) {
      const id = Number(m[1]);
      const list = this.wooTrackings.get(id) ?? [];
      if (req.method === 'GET') return this.json(res, 200, list);
      if (this.failNext > 0) {
        this.failNext--;
        this.writeBacks.push({ path: p, body, status: 500 });
        return this.json(res, 500, { code: 'internal_server_error' });
      }
      list.push(body as { tracking_provider: string; tracking_number: string; date_shipped: string });
      this.wooTrackings.set(id, list);
      this.writeBacks.push({ path: p, body, status: 201 });
      return this.json(res, 201, { tracking_id: String(list.length), ...(body as object) });
    }
    this.json(res, 404, { errors: 'Not Found' });
  }
}

let nextId = 5_500_000_000_000;
/** A Shopify order shaped like the documentation's orders/create example, with our SKUs. */
export function shopifyOrder(lines: { sku: string; title: string; quantity: number; price: string }[], over: Partial<ShopifyOrderDoc> = {}): ShopifyOrderDoc {
  const id = ++nextId;
  const now = new Date().toISOString();
  const line_items = lines.map((l, i) => ({ id: id * 10 + i, variant_id: id * 100 + i, ...l }));
  const total = line_items.reduce((s, l) => s + Number(l.price) * l.quantity, 0).toFixed(2);
  return {
    id, name: `#${1000 + (id % 9000)}`, email: 'jon@example.com', created_at: now, updated_at: now, cancelled_at: null, cancel_reason: null, financial_status: 'paid', currency: 'CNY',
    total_price: total, note: null, line_items, fulfillments: [],
    shipping_address: { first_name: 'Steve', last_name: 'Shipper', name: 'Steve Shipper', address1: '123 Shipping Street', address2: null, city: 'Shippington', province: 'Kentucky', country_code: 'US', zip: '40003', phone: '555-555-5555' },
    ...over,
  };
}

/** The demo: a Shopify store that sells the demo shop's products, one order every half minute, now and then a cancellation. */
export const channelsDemoPeer: DemoPeer = {
  name: 'Shopify store',
  async start({ core, coreUrl }) {
    const { demoShopifyChannel } = await import('../core/demo/channels');
    const peer = new ChannelPeer({ secret: 'demo-shopify-secret' });
    const url = await peer.start();
    const channelId = demoShopifyChannel(core, url);
    peer.opts.hookUrl = `${coreUrl}/api/hooks/${channelId}`;
    const { startChannelSync } = await import('../core/modules/channels/flows');
    startChannelSync(core);
    const skus = ['WH-0001', 'WH-0002', 'WH-0003', 'WH-0004', 'WH-0005'];
    let n = 0;
    const placed: number[] = [];
    const tick = async () => {
      n++;
      if (n % 5 === 0 && placed.length) return peer.cancelOrder(placed.shift()!);
      const b = demoBuyer(n);
      // The second order sells a new listing nobody mapped yet: it waits on hold for "Map this SKU".
      const line = n === 2 ? { sku: 'SHOP-TEE-42', title: 'Linen tee (new listing)', quantity: 1, price: '59.00' } : { sku: skus[n % skus.length]!, title: `Demo product ${n % skus.length + 1}`, quantity: 1 + (n % 2), price: '39.90' };
      const o = shopifyOrder([line], {
        shipping_address: { first_name: b.name.slice(1), last_name: b.name.slice(0, 1), name: b.name, address1: `${b.district}${b.street}`, address2: null, city: b.city, province: b.province, country_code: 'CN', zip: null, phone: b.phone },
      });
      if (n !== 2) placed.push(o.id);
      await peer.placeOrder(o);
    };
    void tick().catch(() => {});
    const timer = setInterval(() => void tick().catch(() => {}), 30_000);
    timer.unref();
    return {
      describe: `${url} posts orders to ${peer.opts.hookUrl} every 30 s (Settings -> Channels)`,
      async stop() {
        clearInterval(timer);
        await peer.stop();
      },
    };
  },
};
