// Inbound, exactly once, over the real HTTP server with a local Shopify/WooCommerce peer posting
// signed webhooks: signature refusals store nothing but a counted refusal; a replayed delivery and a
// re-fired update create nothing twice; an older version is recorded and ignored; with webhooks off
// the catch-up poll brings the orders; a cancel at the platform cancels the order (the feed event a
// bench follows) and a labelled parcel becomes an intercept task instead.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startChannelShop, aOrder, orderOf, ordersOfChannel, labelIt, SECRET, type ChannelShop } from './fixture';
import { count } from '../helpers';
import { start, postParcel } from '../packing/fixture';
import { UNMAPPED_SKU_ID } from '../../../src-main/contract/channels';
import { stripeStyleHeader } from '../../../src-main/core/modules/channels/signatures';
import { receiveDeliveries } from '../../../src-main/core/modules/channels/actions/receive-batch';

let shop: ChannelShop;
beforeAll(async () => {
  shop = await startChannelShop();
});
afterAll(() => shop.close());

const deliveries = () => count(shop.s.core, 'channel_inbox');

describe('channel webhooks', () => {
  it('refuse a bad signature with 401, storing nothing but a counted refusal', async () => {
    const before = { inbox: deliveries(), orders: ordersOfChannel(shop) };
    const r = await shop.peer.postShopify('orders/create', aOrder(), { secret: 'not-the-secret' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toMatch(/X-Shopify-Hmac-Sha256 does not match/);
    // a body changed after signing (one byte) is refused too
    const body = JSON.stringify(aOrder());
    const sig = createHmac('sha256', SECRET).update(body).digest('base64');
    const tampered = await fetch(shop.peer.opts.hookUrl!, { method: 'POST', body: body.replace('89.99', '19.99'), headers: { 'X-Shopify-Hmac-Sha256': sig, 'X-Shopify-Webhook-Id': 'x1', 'X-Shopify-Topic': 'orders/create' } });
    expect(tampered.status).toBe(401);
    expect({ inbox: deliveries(), orders: ordersOfChannel(shop) }).toEqual(before);
    const ch = (await shop.s.as('admin', 'GET', '/api/channels')).body.items[0];
    expect(ch.health.refusedSignatures).toBe(2);
    const list = await shop.s.as('lead', 'GET', `/api/channels/${shop.channelId}/deliveries`);
    expect(list.body.refusals[0].reason).toMatch(/does not match/);
  });

  it('create an order once from orders/create, however often it is delivered; the shop number finds it', async () => {
    const o = aOrder(2);
    const first = await shop.peer.postShopify('orders/create', o, { webhookId: 'wh-create-1' });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true, deliveries: 1, duplicates: 0 });
    // Shopify's retry keeps the webhook id: answered, stored once
    const again = await shop.peer.postShopify('orders/create', o, { webhookId: 'wh-create-1' });
    expect(JSON.parse(again.body)).toEqual({ ok: true, deliveries: 1, duplicates: 1 });
    // orders/updated with nothing changed, same updated_at, new webhook id: a duplicate version
    await shop.peer.postShopify('orders/updated', o);
    await shop.sync.drained();
    const order = orderOf(shop, o.id)!;
    expect(order.state).toBe('allocated');
    expect(count(shop.s.core, 'orders', `WHERE channel = 'shopify-test' AND external_id = '${o.id}'`)).toBe(1);
    const full = (await shop.s.as('lead', 'GET', `/api/orders/${order.id}`)).body;
    expect(full).toMatchObject({ channel: 'shopify-test', externalId: String(o.id), carrier: 'sf', total: { amount: 17998, currency: 'CNY' }, shipTo: { name: 'Steve Shipper', city: 'Shippington', country: 'US', postcode: '40003' } });
    expect(full.lines).toMatchObject([{ sku: 'SKU-A', qty: 2 }]);
    const found = (await shop.s.as('viewer', 'GET', `/api/orders?q=${encodeURIComponent(o.name)}`)).body.items;
    expect(found.map((x: { id: string }) => x.id)).toContain(order.id);
    const inbox = (await shop.s.as('lead', 'GET', `/api/channels/${shop.channelId}/deliveries`)).body.items;
    expect(inbox.filter((d: { externalId: string }) => d.externalId === String(o.id)).map((d: { state: string }) => d.state).sort()).toEqual(['done', 'duplicate']);
  });

  it('store the raw bytes exactly as received and create the order on the intake thread, off the core writer, in the commit the answer waits for', async () => {
    // With the intake thread, deliveries are stored and processed in one commit where POST /api/orders creates orders, before the answer.
    expect(shop.s.core.intake?.status()).toBe('running');
    const o = aOrder(1, { note: '请周末送货 · Lieferung am Wochenende 🚚' });
    const { writes, search, board } = shop.s.core;
    await search.flush();
    await board.flush();
    const ours = () => writes.jobs; // the indexer's and the board's jobs run on the intake thread too (follower-jobs.ts)
    const jobs = ours();
    const r = await shop.peer.postShopify('orders/create', o, { webhookId: 'wh-bytes-1' });
    expect(JSON.parse(r.body)).toEqual({ ok: true, deliveries: 1, duplicates: 0 });
    expect(orderOf(shop, o.id)?.state).toBe('allocated'); // no waiting: the order was made before the answer
    const row = shop.s.core.db.prepare("SELECT body, state FROM channel_inbox WHERE delivery_id = 'wh-bytes-1'").get() as { body: Buffer; state: string };
    expect(row.state).toBe('done');
    expect(row.body.equals(Buffer.from(JSON.stringify(o), 'utf8'))).toBe(true);
    expect(orderOf(shop, o.id)?.state).toBe('allocated');
    // none on the core's writer, not even the search indexer's (it indexes the new order's name) or
    // the command centre's (it reads the new events)
    await search.flush();
    await board.flush();
    expect(ours()).toBe(jobs);
  });

  it('deliveries arriving together are processed in the job that stores them: each inbox row written once with its outcome, a retry stored once, a cancel and a re-fired version after their order see it', () => {
    const { core } = shop.s;
    const a = aOrder();
    const b = aOrder(2);
    const later = new Date(Date.parse(a.updated_at) + 60_000).toISOString();
    const row = (deliveryId: string, topic: string, doc: unknown) => ({ deliveryId, topic, eventAt: null, headers: {}, body: Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)) });
    core.db.exec('CREATE TABLE inbox_updates (id TEXT); CREATE TRIGGER inbox_updated AFTER UPDATE ON channel_inbox BEGIN INSERT INTO inbox_updates VALUES (new.id); END;');
    try {
      const fresh = core.writes.runNow(() => receiveDeliveries(core.ctx, [
        { channelId: shop.channelId, source: 'webhook', receivedAt: core.ctx.clock.iso(), rows: [row('wh-batch-1', 'orders/create', a), row('wh-batch-2', 'orders/create', b)] },
        { channelId: shop.channelId, source: 'webhook', receivedAt: core.ctx.clock.iso(), rows: [
          row('wh-batch-1', 'orders/create', a), // Shopify's retry, in the same batch
          row('wh-batch-3', 'orders/cancelled', { ...a, updated_at: later, cancelled_at: later, cancel_reason: 'customer' }),
          row('wh-batch-4', 'orders/create', '{"id": 1'),
          row('wh-batch-5', 'orders/updated', b), // the same version again under a new delivery id
        ] },
      ], { reads: null }, false));
      expect(fresh).toEqual([2, 3]);
      expect(orderOf(shop, a.id)!.state).toBe('cancelled');
      expect(orderOf(shop, b.id)!.state).toBe('allocated');
      const rows = core.db.prepare("SELECT delivery_id, state, result FROM channel_inbox WHERE delivery_id LIKE 'wh-batch-%' ORDER BY delivery_id").all() as { delivery_id: string; state: string; result: string }[];
      expect(rows.map((r) => [r.delivery_id, r.state])).toEqual([['wh-batch-1', 'done'], ['wh-batch-2', 'done'], ['wh-batch-3', 'done'], ['wh-batch-4', 'failed'], ['wh-batch-5', 'duplicate']]);
      expect(rows[2]!.result).toMatch(/cancelled/);
      expect(rows[3]!.result).toMatch(/could not be read/);
      expect(core.db.prepare('SELECT count(*) FROM inbox_updates').pluck().get()).toBe(0); // inserted with the outcome, never updated
    } finally {
      core.db.exec('DROP TRIGGER inbox_updated; DROP TABLE inbox_updates;'); // not TEMP: PostgreSQL has no temporary triggers
    }
  });

  it("the health screen counts the connection's deliveries of the last 24 h and names its newest", async () => {
    await shop.peer.postShopify('orders/create', aOrder(1));
    await shop.sync.drained();
    const own = `WHERE channel_id = '${shop.channelId}'`;
    const newest = shop.s.core.db.prepare(`SELECT max(received_at) FROM channel_inbox ${own}`).pluck().get();
    const h = (await shop.s.as('admin', 'GET', '/api/channels')).body.items[0].health;
    expect(h).toMatchObject({
      lastDeliveryAt: newest, deliveries24h: count(shop.s.core, 'channel_inbox', own),
      processed24h: count(shop.s.core, 'channel_inbox', `${own} AND state IN ('done','duplicate','stale')`), failed24h: count(shop.s.core, 'channel_inbox', `${own} AND state = 'failed'`),
    });
    expect(h.deliveries24h).toBeGreaterThan(0);
    expect(h.delayP50Ms).toEqual(expect.any(Number));
  });

  it('ignore an update older than the stored version, and record it', async () => {
    const o = aOrder(1, { updated_at: '2026-12-01T10:00:00Z' });
    await shop.peer.postShopify('orders/create', o);
    const older = { ...o, updated_at: '2026-12-01T09:00:00Z', cancelled_at: '2026-12-01T09:00:00Z' };
    await shop.peer.postShopify('orders/updated', older);
    await shop.sync.drained();
    expect(orderOf(shop, o.id)!.state).toBe('allocated');
    const rows = shop.s.core.db.prepare('SELECT state, result FROM channel_inbox WHERE external_id = ? ORDER BY id').all(String(o.id)) as { state: string; result: string }[];
    expect(rows.map((r) => r.state)).toEqual(['done', 'stale']);
    expect(rows[1]!.result).toMatch(/older than the one applied/);
  });

  it('cancel the order when the platform cancels it (the event a bench follows), and raise an intercept once it is labelled', async () => {
    const a = aOrder();
    await shop.peer.placeOrder(a);
    await shop.sync.drained();
    const oa = orderOf(shop, a.id)!;
    await shop.peer.cancelOrder(a.id, 'customer');
    await shop.sync.drained();
    expect(orderOf(shop, a.id)!.state).toBe('cancelled');
    const ev = shop.s.core.db.prepare("SELECT type, reason, actor FROM events WHERE entity_id = ? AND type = 'order.cancel'").get(oa.id) as { reason: string; actor: string };
    expect(ev).toMatchObject({ reason: 'cancelled at Shopify: customer', actor: 'system:channel:shopify-test' });

    const b = aOrder();
    await shop.peer.placeOrder(b);
    await shop.sync.drained();
    const ob = orderOf(shop, b.id)!;
    const parcel = await labelIt(shop, ob.id);
    await shop.peer.cancelOrder(b.id);
    await shop.sync.drained();
    const ex = (await shop.s.as('lead', 'GET', `/api/exceptions?orderId=${ob.id}&kind=intercept`)).body.items;
    expect(ex).toHaveLength(1);
    expect(ex[0].detail.waybills).toEqual([parcel.waybill]);
  });

  it('record a refund as channel.refund_requested for the returns module and hold an unshipped order', async () => {
    const o = aOrder();
    await shop.peer.placeOrder(o);
    await shop.sync.drained();
    const refund = { id: 509562969, order_id: o.id, created_at: new Date().toISOString(), note: 'wrong size', refund_line_items: [{ quantity: 1, line_item: { sku: 'SKU-A' } }], transactions: [{ amount: '89.99', currency: 'CNY' }] };
    expect((await shop.peer.postShopify('refunds/create', refund)).status).toBe(200);
    await shop.sync.drained();
    const order = orderOf(shop, o.id)!;
    expect(order.state).toBe('on_hold');
    const ev = shop.s.core.db.prepare("SELECT data FROM events WHERE entity_id = ? AND type = 'channel.refund_requested'").pluck().get(order.id) as string;
    expect(JSON.parse(ev)).toMatchObject({ channel: 'shopify-test', externalId: String(o.id), refundId: '509562969', amount: 8999, currency: 'CNY', lines: [{ sku: 'SKU-A', qty: 1 }] });
  });

  it('with webhooks off, the catch-up poll brings every order once (overlap and all)', async () => {
    shop.peer.webhooksOn = false;
    const missed = [aOrder(), aOrder(), aOrder()];
    for (const o of missed) await shop.peer.placeOrder(o);
    expect(missed.every((o) => !orderOf(shop, o.id))).toBe(true);
    const r = await shop.s.as('lead', 'POST', `/api/channels/${shop.channelId}/poll`);
    expect(r.status).toBe(200);
    await shop.sync.drained();
    expect(missed.every((o) => orderOf(shop, o.id)?.state === 'allocated')).toBe(true);
    const before = ordersOfChannel(shop);
    await shop.s.as('lead', 'POST', `/api/channels/${shop.channelId}/poll`); // the overlap reads them again
    await shop.sync.drained();
    expect(ordersOfChannel(shop)).toBe(before);
    const ch = (await shop.s.as('admin', 'GET', '/api/channels')).body.items[0];
    expect(ch.health.pollCursor).toBeTruthy();
    shop.peer.webhooksOn = true;
  });

  it('a poll that fails keeps its cursor and says why', async () => {
    const cursor = (await shop.s.as('admin', 'GET', '/api/channels')).body.items[0].health.pollCursor;
    await shop.s.as('admin', 'PATCH', `/api/channels/${shop.channelId}`, { apiKey: 'wrong-token' });
    const r = await shop.s.as('lead', 'POST', `/api/channels/${shop.channelId}/poll`);
    expect(r.status).toBe(503);
    const h = (await shop.s.as('admin', 'GET', '/api/channels')).body.items[0].health;
    expect(h).toMatchObject({ pollCursor: cursor, lastPollError: expect.stringMatching(/401/) });
    await shop.s.as('admin', 'PATCH', `/api/channels/${shop.channelId}`, { apiKey: 'shpat_demo' });
  });

  it('a test delivery proves the URL and the secret, and is stored as a test only', async () => {
    const before = ordersOfChannel(shop);
    const r = await shop.s.as('admin', 'POST', `/api/channels/${shop.channelId}/test`);
    expect(r.body).toMatchObject({ ok: true, status: 200 });
    expect((await shop.s.as('lead', 'GET', `/api/channels/${shop.channelId}/deliveries?state=test`)).body.items).toHaveLength(1);
    expect(ordersOfChannel(shop)).toBe(before);
  });

  it('an unmapped channel SKU creates the order on hold with the reason; the bench refuses it; mapping the SKU releases it without a replay', async () => {
    // Shopify's documented order with a second line whose SKU we have never seen
    const o = aOrder(1);
    o.line_items.push({ ...o.line_items[0]!, id: o.line_items[0]!.id + 1, sku: 'SKU-NEW', title: 'Aviator case', quantity: 2 });
    await shop.peer.postShopify('orders/create', o);
    await shop.sync.drained();
    const held = orderOf(shop, o.id)!;
    expect(held.state).toBe('on_hold');
    const d = (await shop.s.as('lead', 'GET', `/api/channels/${shop.channelId}/deliveries`)).body.items.find((x: { externalId: string }) => x.externalId === String(o.id));
    expect(d).toMatchObject({ state: 'done', result: `order ${held.number} created and held: unmapped SKU SKU-NEW` });
    const full = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}`)).body;
    expect(full.lines).toMatchObject([{ sku: 'SKU-A', qty: 1 }, { skuId: UNMAPPED_SKU_ID, sku: '(unmapped)', name: 'Aviator case', qty: 2, reserved: 0 }]);
    // the bench refuses it, naming the reason
    const bench = await start(shop.s, held.id);
    expect(bench.status).toBe(409);
    expect(bench.body.error.message).toContain('is on hold (unmapped SKU SKU-NEW)');
    // a lead cannot release it by hand while the line is unmapped (it could be waved with a line nobody can pick)
    const release = await shop.s.as('lead', 'POST', `/api/orders/${held.id}/actions/release`, {});
    expect(release.status).toBe(409);
    expect(release.body.error.message).toMatch(/mapped to none of your SKUs/);
    // listed for the order page and for Settings
    const listed = (await shop.s.as('operator', 'GET', `/api/unmapped-skus?orderId=${held.id}`)).body.items;
    expect(listed).toEqual([{ channel: 'shopify-test', channelSku: 'SKU-NEW', name: 'Aviator case', orders: 1, units: 2, firstOrder: { id: held.id, number: held.number } }]);
    // an operator may not map; a lead maps it to SKU-B, and the order is released and allocated, with no replay
    expect((await shop.s.as('operator', 'POST', '/api/sku-mappings', { channel: 'shopify-test', channelSku: 'SKU-NEW', sku: 'SKU-B' })).status).toBe(403);
    const inbox = deliveries();
    expect((await shop.s.as('lead', 'POST', '/api/sku-mappings', { channel: 'shopify-test', channelSku: 'SKU-NEW', sku: 'SKU-B' })).status).toBe(200);
    expect(orderOf(shop, o.id)!.state).toBe('allocated');
    expect(deliveries()).toBe(inbox);
    const after = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}`)).body;
    expect(after.lines).toMatchObject([{ sku: 'SKU-A', qty: 1, reserved: 1 }, { sku: 'SKU-B', name: 'Aviator case', qty: 2, reserved: 2 }]);
    const history = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}/events`)).body.items.map((e: { type: string; reason: string | null; actorName: string | null }) => [e.type, e.reason, e.actorName]);
    expect(history.slice(-3)).toEqual([['order.sku_mapped', null, expect.any(String)], ['order.release', 'SKU-NEW mapped to SKU-B', expect.any(String)], ['order.allocated', 'SKU-NEW mapped to SKU-B', expect.any(String)]]);
    expect((await shop.s.as('lead', 'GET', '/api/unmapped-skus')).body.items).toEqual([]);
    // the write-back names the platform's SKU for the mapped line
    const v = (await start(shop.s, held.id)).body.order.version;
    const parcel = await postParcel(shop.s, held.id, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 1 }, { skuId: shop.sku.B, qty: 2 }], measuredG: 600, final: true });
    expect(parcel.status, parcel.text).toBe(201);
    const queued = () => shop.s.core.db.prepare('SELECT payload FROM channel_outbox WHERE order_id = ?').pluck().get(held.id) as string | undefined;
    await expect.poll(async () => (await shop.sync.tick(), queued())).toBeDefined();
    const payload = JSON.parse(queued()!);
    expect(payload.lines).toEqual([{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-NEW', qty: 2 }]);
  });

  it('a mapping to the placeholder SKU is refused', async () => {
    const r = await shop.s.as('admin', 'POST', '/api/sku-mappings', { channel: 'shopify-test', channelSku: 'SKU-X', sku: '(unmapped)' });
    expect(r.status).toBe(422);
  });
});

describe('other platforms', () => {
  it('WooCommerce: re-fired updates with new delivery ids create one order; cancelled status cancels', async () => {
    const c = await shop.s.as('admin', 'POST', '/api/channels', { kind: 'woocommerce', name: 'Woo', code: 'woo-test', secret: 'woo-secret-123', pollMinutes: 0 });
    shop.peer.opts.wooHookUrl = c.body.webhookUrl;
    shop.peer.opts.wooSecret = 'woo-secret-123';
    const order = {
      id: 727, number: '727', status: 'processing', currency: 'USD', total: '29.35', date_modified_gmt: '2026-12-01T16:28:08', customer_note: '',
      billing: { first_name: 'John', last_name: 'Doe', address_1: '969 Market', address_2: '', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US', email: 'john.doe@example.com', phone: '(555) 555-5555' },
      shipping: { first_name: 'John', last_name: 'Doe', address_1: '969 Market', address_2: '', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US' },
      line_items: [{ id: 315, name: 'Woo Single #1', sku: 'SKU-B', quantity: 2, price: 3 }],
    };
    for (let i = 0; i < 3; i++) expect((await shop.peer.postWoo(i ? 'order.updated' : 'order.created', order)).status).toBe(200);
    await shop.sync.drained();
    const rows = shop.s.core.db.prepare("SELECT id, state FROM orders WHERE channel = 'woo-test' AND external_id = '727'").all() as { id: string; state: string }[];
    expect(rows).toHaveLength(1);
    await shop.peer.postWoo('order.updated', { ...order, status: 'cancelled', date_modified_gmt: '2026-12-01T16:40:00' });
    await shop.sync.drained();
    expect(shop.s.core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(rows[0]!.id)).toBe('cancelled');
  });

  it('generic signed JSON: a delivery outside the 300 s window is refused; a fresh one creates the order', async () => {
    const c = await shop.s.as('admin', 'POST', '/api/channels', { kind: 'generic', name: 'Mini program', code: 'mini', secret: 'generic-secret-1', pollMinutes: 0 });
    const ev = (id: string) => JSON.stringify({ id, type: 'order.created', created: Math.floor(Date.now() / 1000), data: { externalId: 'MP-1', updatedAt: '2026-12-01T10:00:00Z', order: { shipTo: { name: '李雷', phone: '13800000000', country: 'CN', city: '深圳市', address1: '科技园路1号' }, lines: [{ sku: 'SKU-A', qty: 1 }] } } });
    const post = (body: string, t: number) => fetch(c.body.webhookUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'Packline-Signature': stripeStyleHeader('generic-secret-1', body, t) } });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(ev('evt_1'), now - 301)).status).toBe(401);
    expect((await post(ev('evt_1'), now)).status).toBe(200);
    await shop.sync.drained();
    expect(shop.s.core.db.prepare("SELECT COUNT(*) FROM orders WHERE channel = 'mini'").pluck().get()).toBe(1);
  });

  it('generic signed JSON: with a poll URL, the catch-up poll brings the orders through the same dedupe as the webhook', async () => {
    // the shop system's poll URL, as the README describes it: orders changed since a time, bearer token
    const seen: string[] = [];
    const orders = [
      { externalId: 'MP-10', updatedAt: '2026-12-02T09:00:00Z', order: { shipTo: { name: '韩梅梅', phone: '13900000000', country: 'CN', city: '广州市', address1: '天河路2号' }, lines: [{ sku: 'SKU-A', qty: 1 }] } },
      { externalId: 'MP-11', updatedAt: '2026-12-02T09:05:00Z', status: 'cancelled', reason: 'buyer cancelled', order: { shipTo: { name: '韩梅梅', phone: '13900000000', country: 'CN', city: '广州市', address1: '天河路2号' }, lines: [{ sku: 'SKU-A', qty: 1 }] } },
    ];
    const server = createServer((req, res) => {
      seen.push(`${req.headers.authorization} ${new URL(req.url!, 'http://x').searchParams.has('updatedSince')}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ orders }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packline/orders`;
      const c = await shop.s.as('admin', 'POST', '/api/channels', { kind: 'generic', name: 'ERP', code: 'erp', secret: 'generic-secret-2', apiBase, apiKey: 'erp-token', pollMinutes: 0 });
      // the same version also arrives by webhook first: the poll's copy is a duplicate
      const body = JSON.stringify({ id: 'evt_mp10', type: 'order.created', created: Math.floor(Date.now() / 1000), data: orders[0] });
      expect((await fetch(c.body.webhookUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'Packline-Signature': stripeStyleHeader('generic-secret-2', body, Math.floor(Date.now() / 1000)) } })).status).toBe(200);
      for (let i = 0; i < 2; i++) {
        expect((await shop.s.as('lead', 'POST', `/api/channels/${c.body.id}/poll`)).body).toMatchObject({ seen: 2, cursor: '2026-12-02T09:05:00.000Z' });
        await shop.sync.drained();
      }
      expect(seen).toEqual(['Bearer erp-token true', 'Bearer erp-token true']);
      expect(shop.s.core.db.prepare("SELECT external_id FROM orders WHERE channel = 'erp' ORDER BY external_id").pluck().all()).toEqual(['MP-10']); // MP-11 was cancelled before it reached us
      const states = shop.s.core.db.prepare('SELECT state FROM channel_inbox WHERE channel_id = ? ORDER BY received_at, delivery_id').pluck().all(c.body.id);
      expect(states).toEqual(['done', 'duplicate', 'done']);
    } finally {
      server.close();
    }
  });

  it('a webhook body over the hook limit is refused unread; the public 4 KB limit does not apply to hooks', async () => {
    const big = JSON.stringify({ ...aOrder(), note: 'x'.repeat(20_000) });
    const ok = await fetch(shop.peer.opts.hookUrl!, { method: 'POST', body: big, headers: { 'X-Shopify-Hmac-Sha256': createHmac('sha256', SECRET).update(big).digest('base64'), 'X-Shopify-Webhook-Id': 'big-1', 'X-Shopify-Topic': 'orders/create' } });
    expect(ok.status).toBe(200);
    const huge = await fetch(shop.peer.opts.hookUrl!, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'X-Shopify-Hmac-Sha256': 'x' } });
    expect(huge.status).toBe(413);
  });
});
