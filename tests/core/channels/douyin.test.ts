// 抖店 message push: a JSON list of messages signed as a whole with event-sign = md5(app_key + body +
// app_secret) and app-id; each message deduplicated by its msg_id; 106 (cancelled) cancels the order,
// 105 (address changed) changes its address as PUT /api/orders/:id/ship-to does. Then 抖店 orders:
// 101 (paid) read with order.orderDetail, order.searchList catching up, order.logisticsAdd write-back,
// and an order's parcels in one order.logisticsAddMultiPack, a pack per parcel with its sub-orders.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { startCore, addSku, orderInput, sleep, type TestServer } from '../helpers';
import { startChannelShop, labelIt, type ChannelShop } from './fixture';
import { start, postParcel } from '../packing/fixture';
import { DouyinPeer, douyinOrderExample } from '../../../src-main/demo/douyin-peer';

let s: TestServer;
let hook: string;
const APP_KEY = '7123456789012345678';
const APP_SECRET = 'douyin-app-secret-xyz';
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
  const c = await s.as('admin', 'POST', '/api/channels', { kind: 'douyin', name: '抖店', code: 'douyin', secret: APP_SECRET, appKey: APP_KEY, pollMinutes: 0 });
  expect(c.status).toBe(200);
  hook = new URL(c.body.webhookUrl).pathname;
});
afterAll(() => s.close());

const push = (messages: unknown[], sign?: string) => {
  const body = JSON.stringify(messages);
  return s.api('POST', hook, body, { 'Content-Type': 'application/json', 'app-id': APP_KEY, 'event-sign': sign ?? createHash('md5').update(APP_KEY + body + APP_SECRET).digest('hex') });
};

describe('抖店 message push', () => {
  it('cancels on 106 and changes the address on 105 (the order\'s own address change), once per msg_id, and refuses a wrong event-sign', async () => {
    const a = await s.as('lead', 'POST', '/api/orders', orderInput({ channel: 'douyin', externalId: '4781320682406083640' }));
    const b = await s.as('lead', 'POST', '/api/orders', orderInput({ channel: 'douyin', externalId: '4781320682406083641' }));
    expect((await push([{ tag: '106', msg_id: 'm1', data: '{}' }], 'deadbeef')).status).toBe(401);
    const msgs = [
      { tag: '106', msg_id: '7000000000000000001', data: '{"p_id":4781320682406083640,"shop_id":1,"cancel_time":1764700000,"cancel_reason":"买家不想要了"}' }, // as 抖店 sends it: a 19-digit number
      { tag: '105', msg_id: '7000000000000000002', data: '{"p_id":4781320682406083641,' + JSON.stringify({ receiver_msg: { name: '王五', tel: '13900000000', addr: { province: { name: '浙江省' }, city: { name: '杭州市' }, town: { name: '西湖区' }, street: { name: '文三路' }, detail: '100号' } }, update_time: 1764700001 }).slice(1) },
    ];
    const r = await push(msgs);
    expect(r.body).toEqual({ ok: true, deliveries: 2, duplicates: 0 });
    expect((await push(msgs)).body).toEqual({ ok: true, deliveries: 2, duplicates: 2 });
    await import('../../../src-main/core/modules/channels/flows').then((m) => m.channelSync(s.core).drained());
    expect((await s.as('lead', 'GET', `/api/orders/${a.body.id}`)).body.state).toBe('cancelled');
    const changed = (await s.as('lead', 'GET', `/api/orders/${b.body.id}`)).body;
    expect(changed.state).not.toBe('on_hold'); // not held: a bench holding it stops on order.address_changed
    expect(changed.shipTo).toMatchObject({ name: '王五', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路100号' });
    const ev = s.core.db.prepare("SELECT data, reason FROM events WHERE entity_id = ? AND type = 'order.address_changed'").get(b.body.id) as { data: string; reason: string };
    expect(ev.reason).toBe('address changed at the platform');
    expect(JSON.parse(ev.data).fields).toEqual(expect.arrayContaining(['name', 'city', 'address1']));
  });

  it('answers 404 for a channel that does not exist, storing nothing', async () => {
    const r = await s.api('POST', '/api/hooks/chn_nope', '[]', { 'Content-Type': 'application/json' });
    expect(r.status).toBe(404);
  });
});

// 抖店 orders over the open platform API, with a local 抖店 (src-main/demo/douyin-peer.ts) that checks
// every call's signature and answers with the documented order.orderDetail example's shape.
describe('抖店 orders, write-back and catch-up', () => {
  let shop: ChannelShop;
  let peer: DouyinPeer;
  let channelId: string;
  const example = (id: string, qty = 1) => douyinOrderExample(id, [{ code: 'SKU-A', name: '飞行员太阳镜', qty, price: 8999 }]);
  const douyinOrder = (externalId: string) => shop.s.core.db.prepare("SELECT id, number, state FROM orders WHERE channel = 'douyin-test' AND external_id = ?").get(externalId) as { id: string; number: string; state: string } | undefined;
  beforeAll(async () => {
    shop = await startChannelShop();
    peer = new DouyinPeer({ appKey: APP_KEY, appSecret: APP_SECRET, accessToken: 'dd-access-token' });
    const apiBase = await peer.start();
    const c = await shop.s.as('admin', 'POST', '/api/channels', { kind: 'douyin', name: '抖店', code: 'douyin-test', secret: APP_SECRET, appKey: APP_KEY, apiBase, apiKey: 'dd-access-token', defaultCarrier: 'sf', pollMinutes: 0 });
    expect(c.status).toBe(200);
    channelId = c.body.id;
    peer.opts.hookUrl = c.body.webhookUrl;
  });
  afterAll(async () => {
    await peer.stop();
    await shop.close();
  });

  it('a paid message (101, ids only) becomes the order read with a signed order.orderDetail, once however often it comes', async () => {
    const o = example('6920000000000000001', 2);
    await peer.placeOrder(o);
    await shop.sync.drained();
    const made = douyinOrder(o.order_id)!;
    expect(made.state).toBe('allocated');
    const full = (await shop.s.as('lead', 'GET', `/api/orders/${made.id}`)).body;
    expect(full).toMatchObject({
      channel: 'douyin-test', externalId: '6920000000000000001', carrier: 'sf', total: { amount: 17998, currency: 'CNY' }, note: '请尽快发货',
      shipTo: { name: '张三', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '粤海街道科技园路1号2栋301室' },
    });
    expect(full.lines).toMatchObject([{ sku: 'SKU-A', qty: 2 }]);
    expect(peer.calls.filter((c) => c.method === 'order.orderDetail')).toEqual([{ method: 'order.orderDetail', signed: true }]);
    // the same payment pushed again (a new msg_id) reads the same version: stored once, nothing more is created
    await peer.placeOrder(o);
    await shop.sync.drained();
    expect(shop.s.core.db.prepare("SELECT COUNT(*) FROM orders WHERE channel = 'douyin-test'").pluck().get()).toBe(1);
    const states = (await shop.s.as('lead', 'GET', `/api/channels/${channelId}/deliveries`)).body.items.map((d: { topic: string; state: string }) => `${d.topic}:${d.state}`);
    expect(states.sort()).toEqual(['101:done', '101:done', 'order:done']);
  });

  it('an unpaid order waits; a wrong access token leaves the detail waiting with the platform\'s words', async () => {
    const unpaid = example('6920000000000000002');
    unpaid.order_status = 1;
    await peer.placeOrder(unpaid);
    await shop.sync.drained();
    expect(douyinOrder(unpaid.order_id)).toBeUndefined();
    peer.opts.accessToken = 'rotated';
    await peer.placeOrder(example('6920000000000000003'));
    await shop.sync.drained();
    const waiting = shop.s.core.db.prepare('SELECT attempts, last_error FROM channel_fetches WHERE external_id = ?').get('6920000000000000003') as { attempts: number; last_error: string };
    expect(waiting).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/30001 access_token不存在/) });
    peer.opts.accessToken = 'dd-access-token';
  });

  it('with pushes lost, order.searchList by update time brings the orders once', async () => {
    const a = example('6920000000000000004');
    const b = example('6920000000000000005');
    await peer.placeOrder(a, { push: false });
    await peer.placeOrder(b, { push: false });
    for (let i = 0; i < 2; i++) {
      const r = await shop.s.as('lead', 'POST', `/api/channels/${channelId}/poll`);
      expect(r.status).toBe(200);
      await shop.sync.drained();
    }
    expect(douyinOrder(a.order_id)?.state).toBe('allocated');
    expect(douyinOrder(b.order_id)?.state).toBe('allocated');
    expect(shop.s.core.db.prepare("SELECT COUNT(*) FROM orders WHERE channel = 'douyin-test' AND external_id IN (?, ?)").pluck().get(a.order_id, b.order_id)).toBe(2);
    expect(peer.calls.filter((c) => c.method === 'order.searchList').every((c) => c.signed)).toBe(true);
  });

  it('a labelled parcel goes back with order.logisticsAdd (waybill, 抖店 company code) once, after a system error', async () => {
    const o = example('6920000000000000006');
    await peer.placeOrder(o);
    await shop.sync.drained();
    const parcel = await labelIt(shop, douyinOrder(o.order_id)!.id);
    peer.failNext = 1;
    for (let i = 0; i < 100 && !peer.shipments.some((s) => s.code === 10000); i++) {
      await shop.sync.tick();
      await sleep(10);
    }
    for (let i = 0; i < 5; i++) await shop.sync.tick();
    expect(peer.shipments.filter((s) => s.order_id === o.order_id)).toEqual([
      { order_id: o.order_id, company_code: 'shunfeng', logistics_code: parcel.waybill, code: 50002 },
      { order_id: o.order_id, company_code: 'shunfeng', logistics_code: parcel.waybill, code: 10000 },
    ]);
    expect(peer.orders.get(o.order_id)!.order_status).toBe(3);
  });

  // An order of SKU-A × 2 and SKU-B × 1 (sub-orders …1 and …2) packed in two parcels.
  const twoLines = (id: string) => douyinOrderExample(id, [{ code: 'SKU-A', name: '飞行员太阳镜', qty: 2, price: 8999 }, { code: 'SKU-B', name: '眼镜盒', qty: 1, price: 1999 }]);
  async function packTwoParcels(orderId: string, between?: () => Promise<void>) {
    const v = (await start(shop.s, orderId)).body.order.version;
    const first = await postParcel(shop.s, orderId, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: shop.sku.A, qty: 2 }], measuredG: 200, final: false });
    expect(first.status).toBe(201);
    await between?.();
    const second = await postParcel(shop.s, orderId, { bench: 'B1', expectedVersion: first.body.order.version, boxTypeId: null, items: [{ skuId: shop.sku.B, qty: 1 }], measuredG: 250, final: true });
    expect(second.status).toBe(201);
    return [first.body.parcel.waybill as string, second.body.parcel.waybill as string];
  }
  const sentUntil = async (ok: () => boolean) => {
    for (let i = 0; i < 100 && !ok(); i++) {
      await shop.sync.tick();
      await sleep(10);
    }
    for (let i = 0; i < 5; i++) await shop.sync.tick(); // and nothing more goes
  };

  it('two parcels of one order go back in one order.logisticsAddMultiPack: a pack per parcel with its sub-orders and quantities, once', async () => {
    const o = twoLines('6920000000000000010');
    await peer.placeOrder(o);
    await shop.sync.drained();
    const order = douyinOrder(o.order_id)!;
    const [w1, w2] = await packTwoParcels(order.id);
    await sentUntil(() => peer.multiPacks.some((m) => m.order_id === o.order_id));
    expect(peer.multiPacks.filter((m) => m.order_id === o.order_id)).toEqual([{
      order_id: o.order_id, request_id: expect.stringMatching(/^[0-9a-f]{32}$/), pack_list: [
        { logistics_code: w1, company_code: 'shunfeng', shipped_order_info: [{ shipped_order_id: '6920000000000000011', shipped_num: 2 }] },
        { logistics_code: w2, company_code: 'shunfeng', shipped_order_info: [{ shipped_order_id: '6920000000000000012', shipped_num: 1 }] },
      ],
    }]);
    expect(peer.shipments.filter((s) => s.order_id === o.order_id)).toEqual([]); // not order.logisticsAdd, which ships the whole order
    expect(peer.orders.get(o.order_id)!.order_status).toBe(3);
    const wbs = (await shop.s.as('lead', 'GET', '/api/write-backs')).body.items.filter((w: { orderId: string }) => w.orderId === order.id);
    expect(wbs.map((w: { state: string; attempts: number }) => [w.state, w.attempts])).toEqual([['sent', 1], ['sent', 1]]);
  });

  it('a parcel sent before the next one is labelled goes as a pack of its own (the order partly shipped), the next one after it', async () => {
    const o = twoLines('6920000000000000020');
    await peer.placeOrder(o);
    await shop.sync.drained();
    const order = douyinOrder(o.order_id)!;
    const [w1, w2] = await packTwoParcels(order.id, async () => {
      await sentUntil(() => peer.multiPacks.some((m) => m.order_id === o.order_id));
      expect(peer.orders.get(o.order_id)!.order_status).toBe(101); // partly shipped
    });
    await sentUntil(() => peer.multiPacks.filter((m) => m.order_id === o.order_id).length === 2);
    expect(peer.multiPacks.filter((m) => m.order_id === o.order_id).map((m) => m.pack_list.map((k) => [k.logistics_code, k.shipped_order_info]))).toEqual([
      [[w1, [{ shipped_order_id: '6920000000000000021', shipped_num: 2 }]]],
      [[w2, [{ shipped_order_id: '6920000000000000022', shipped_num: 1 }]]],
    ]);
    expect(peer.orders.get(o.order_id)!.order_status).toBe(3);
  });

  it("merges by 抖店's address id (open_address_id), never by the masked address text: one id merges, two ids do not, none merges with nothing", async () => {
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: true, channels: ['douyin-test'] })).status).toBe(200);
    const masked = { post_receiver: '张**', post_tel: '138****8000' }; // what 抖店 shows of every buyer: the same text for two people
    const place = async (id: string, over: Record<string, unknown>) => {
      await peer.placeOrder(douyinOrderExample(id, [{ code: 'SKU-A', name: '飞行员太阳镜', qty: 1, price: 8999 }], { ...masked, ...over }));
      await shop.sync.drained();
      return douyinOrder(id)!;
    };
    const a = await place('6920000000000000071', { open_address_id: '#door-1' });
    const b = await place('6920000000000000081', { open_address_id: '#door-1' });
    const c = await place('6920000000000000091', { open_address_id: '#door-2' });
    const d = await place('6920000000000000101', { open_address_id: undefined });
    const mergeOf = async (id: string) => (await shop.s.as('viewer', 'GET', `/api/orders/${id}/merge`)).body.shipment as { by: string; orders: { id: string }[] } | null;
    expect(await mergeOf(a.id)).toMatchObject({ by: 'platform', orders: [{ id: a.id }, { id: b.id }] });
    expect(await mergeOf(c.id)).toBeNull(); // the same masked text, another door
    expect(await mergeOf(d.id)).toBeNull(); // no id: nothing to merge by
    const codes = shop.s.core.db.prepare("SELECT code FROM order_codes WHERE order_id = ? AND kind = 'merge_key'").pluck().all(a.id);
    expect(codes).toEqual(['douyin:#door-1']);
    for (const o of [a, b, c, d]) await shop.s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'test done' });
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: false, channels: [] })).status).toBe(200);
  });

  it("an address change at 抖店 moves the order's merge key with it: it no longer merges at the old door, a merge made at the bench is undone, and it merges at the new door", async () => {
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: true, channels: ['douyin-test'] })).status).toBe(200);
    const masked = { post_receiver: '李**', post_tel: '137****7000' };
    const place = async (id: string, openAddressId: string) => {
      await peer.placeOrder(douyinOrderExample(id, [{ code: 'SKU-A', name: '飞行员太阳镜', qty: 1, price: 8999 }], { ...masked, open_address_id: openAddressId }));
      await shop.sync.drained();
      return douyinOrder(id)!;
    };
    const mergeOf = async (id: string) => (await shop.s.as('viewer', 'GET', `/api/orders/${id}/merge`)).body.shipment as { by: string; state: string; orders: { id: string }[] } | null;
    const keyOf = (id: string) => shop.s.core.db.prepare("SELECT code FROM order_codes WHERE order_id = ? AND kind = 'merge_key'").pluck().all(id);
    /** The buyer moves the order to another door at 抖店: the order's detail changes and a 105 (receiver changed) message comes, carrying the new receiver but not the address id. */
    const move = async (id: string, openAddressId: string, detail: string) => {
      const o = peer.orders.get(id)!;
      const post_addr = { ...o.post_addr!, detail };
      peer.orders.set(id, { ...o, post_addr, open_address_id: openAddressId, update_time: o.update_time! + 10 });
      await peer.push([{ tag: '105', data: { p_id: id, receiver_msg: { name: masked.post_receiver, tel: masked.post_tel, addr: post_addr }, update_time: o.update_time! + 10 } }]);
      await shop.sync.drained();
    };

    // before the bench: a and b share a door; b moves to c's door
    const a = await place('6920000000000000111', '#door-11');
    const b = await place('6920000000000000121', '#door-11');
    const c = await place('6920000000000000131', '#door-12');
    expect(await mergeOf(a.id)).toMatchObject({ state: 'planned', orders: [{ id: a.id }, { id: b.id }] });
    await move('6920000000000000121', '#door-12', '科技园路9号');
    expect(keyOf(b.id)).toEqual(['douyin:#door-12']); // the detail read after the 105 gives the new door's id
    expect(await mergeOf(a.id)).toBeNull(); // the old door: a is alone now
    expect(await mergeOf(b.id)).toMatchObject({ by: 'platform', orders: [{ id: b.id }, { id: c.id }] });

    // at the bench: d and e packed together; 抖店 gives e another door's id while its masked text stays the same
    const d = await place('6920000000000000141', '#door-13');
    const e = await place('6920000000000000151', '#door-13');
    const t = (await start(shop.s, d.id)).body;
    expect(t.mergedOrders.map((m: { id: string }) => m.id)).toEqual([e.id]);
    const eOrder = peer.orders.get('6920000000000000151')!;
    peer.orders.set(eOrder.order_id, { ...eOrder, open_address_id: '#door-14', update_time: eOrder.update_time! + 10 });
    await peer.push([{ tag: '101', data: { p_id: eOrder.order_id, shop_id: 77977 } }]); // any message that has the order read again
    await shop.sync.drained();
    expect(keyOf(e.id)).toEqual(['douyin:#door-14']);
    expect(await mergeOf(d.id)).toBeNull(); // the merged parcel is undone before the label
    const left = (await shop.s.as('viewer', 'GET', `/api/orders/${e.id}/events`)).body.items.map((x: { type: string }) => x.type);
    expect(left).toContain('merge.left');

    for (const o of [a, b, c, d, e]) await shop.s.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'test done' });
    expect((await shop.s.as('lead', 'PUT', '/api/merges/settings', { enabled: false, channels: [] })).status).toBe(200);
  });
});
