// A simulated 抖店 (Douyin shop) on 127.0.0.1: it pushes messages as the message push does (a JSON
// list signed with event-sign = md5(app_key + body + app_secret), app-id header) and answers the open
// platform API the core calls, checking each call's signature (sign_method=hmac-sha256, v=2) and
// access token: order.orderDetail, order.searchList (by update time), order.logisticsAdd (the
// waybill written back) and order.logisticsAddMultiPack (an order's parcels, each with its
// sub-orders), which it records. The demo runs it; the tests drive it.
// Shapes from the open platform's Go SDK (doudian-sdk: api/order_orderDetail, api/order_searchList,
// api/order_logisticsAdd, api/order_logisticsAddMultiPack, core/doudian_op_api_client.go). The
// multi-pack call's error codes are the documented ones; the others are this peer's own choice.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { DemoPeer } from './peers';
import { DEMO_BUYER_COUNT, demoBuyer } from './buyers';
import { douyinApiSign, sameText } from '../core/modules/channels/signatures';
import type { DouyinOrder } from '../core/modules/channels/platforms/douyin';

export interface DouyinPeerOptions { appKey: string; appSecret: string; accessToken: string; hookUrl?: string }

/**
 * An order.orderDetail answer's shop_order_detail as the documentation shows one (its fields and
 * units: money in 分, times in unix seconds), for the SKUs given; every order the peer makes is a copy.
 */
const DEFAULT_ADDR = { province: { name: '广东省', id: '44' }, city: { name: '深圳市', id: '440300' }, town: { name: '南山区', id: '440305' }, street: { name: '粤海街道', id: '440305007' }, detail: '科技园路1号2栋301室' };

export function douyinOrderExample(orderId: string, lines: { code: string; name: string; qty: number; price: number }[], over: Partial<DouyinOrder> = {}): DouyinOrder {
  const now = Math.floor(Date.now() / 1000);
  const sum = lines.reduce((s, l) => s + l.price * l.qty, 0);
  const door = { ...{ post_receiver: '张三', post_tel: '13800138000', post_addr: DEFAULT_ADDR }, ...over };
  return {
    // the platform's id of the address (one per buyer and door), as it gives one beside the encrypted address
    open_address_id: `#${createHash('md5').update(JSON.stringify([door.post_receiver, door.post_tel, door.post_addr])).digest('hex').slice(0, 24)}`,
    order_id: orderId, order_status: 2, main_status: 2, create_time: now - 60, update_time: now, pay_amount: sum, buyer_words: '请尽快发货',
    post_receiver: '张三', post_tel: '13800138000', exp_ship_time: now + 48 * 3600,
    post_addr: DEFAULT_ADDR,
    sku_order_list: lines.map((l, i) => ({ order_id: `${orderId.slice(0, -1)}${i + 1}`, code: l.code, out_sku_id: '', sku_id: 1736502463777799 + i, product_name: l.name, item_num: l.qty, origin_amount: l.price })),
    ...over,
  };
}

interface Pack { shipped_order_info: { shipped_order_id: string; shipped_num: number }[]; logistics_code: string; company_code: string }
/** order.logisticsAddMultiPack's parameters (doudian-sdk api/order_logisticsAddMultiPack). */
export interface MultiPackCall { order_id: string; pack_list: Pack[]; request_id: string }

/** The packs become the order's logistics_info (as order.orderDetail shows them); all units shipped: 3 shipped, else 101 partly. */
function shipped(o: DouyinOrder, packs: Pack[]): void {
  const now = Math.floor(Date.now() / 1000);
  o.logistics_info = [...(o.logistics_info ?? []), ...packs.map((k) => ({ tracking_no: k.logistics_code, company: k.company_code, ship_time: now, product_info: k.shipped_order_info.map((i) => ({ sku_order_id: i.shipped_order_id, product_count: i.shipped_num })) }))];
  const sent = new Map<string, number>();
  for (const l of o.logistics_info) for (const i of l.product_info ?? []) sent.set(String(i.sku_order_id), (sent.get(String(i.sku_order_id)) ?? 0) + (i.product_count ?? 0));
  const all = (o.sku_order_list ?? []).every((l) => (sent.get(String(l.order_id)) ?? 0) >= (l.item_num ?? 1));
  Object.assign(o, { order_status: all ? 3 : 101, main_status: all ? 3 : 101, update_time: Math.max(o.update_time! + 1, now), ship_time: now });
}

export class DouyinPeer {
  readonly orders = new Map<string, DouyinOrder>();
  /** Every order.logisticsAdd received (failed ones too). */
  readonly shipments: { order_id: string; company_code: string; logistics_code: string; code: number }[] = [];
  /** Every order.logisticsAddMultiPack that shipped (its request as sent). */
  readonly multiPacks: MultiPackCall[] = [];
  private multiPackAnswers = new Map<string, unknown>();
  /** Every API call with whether its signature held. */
  readonly calls: { method: string; signed: boolean }[] = [];
  /** Answer the next n API calls with a system error. */
  failNext = 0;
  private server: Server | null = null;
  private seq = 0;
  url = '';

  constructor(public opts: DouyinPeerOptions) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((e) => this.json(res, { code: 50000, msg: String(e) })));
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** Posts a push as 抖店 does: the list of messages, event-sign over the exact bytes. */
  async push(messages: { tag: string; msg_id?: string; data: Record<string, unknown> }[], opts: { secret?: string } = {}): Promise<{ status: number; body: string }> {
    // data is a JSON string inside each message; p_id is a bare 19-digit number there, as 抖店 sends it
    const list = messages.map((m) => ({ tag: m.tag, msg_id: m.msg_id ?? `${7_300_000_000_000_000_000n + BigInt(Date.now() * 1000 + ++this.seq)}`, data: JSON.stringify(m.data).replace(/"p_id":"(\d+)"/, '"p_id":$1') }));
    const body = JSON.stringify(list);
    const sign = createHash('md5').update(this.opts.appKey + body + (opts.secret ?? this.opts.appSecret)).digest('hex');
    const res = await fetch(this.opts.hookUrl!, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'app-id': this.opts.appKey, 'event-sign': sign } });
    return { status: res.status, body: await res.text() };
  }

  /** A buyer pays: the order is kept for the API and announced by a 101 (paid) message carrying its ids only. */
  async placeOrder(o: DouyinOrder, opts: { push?: boolean } = {}): Promise<void> {
    this.orders.set(o.order_id, o);
    if (opts.push === false) return;
    await this.push([{ tag: '101', data: { p_id: o.order_id, s_ids: (o.sku_order_list ?? []).map((l) => l.order_id), shop_id: 77977, order_status: 2, order_type: 0, biz: 2, pay_type: 1, pay_time: o.update_time, pay_amount: o.pay_amount } }]);
  }

  private json(res: ServerResponse, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://peer');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const q = url.searchParams;
    const method = q.get('method') ?? '';
    const expected = douyinApiSign(this.opts.appKey, this.opts.appSecret, method, raw, q.get('timestamp') ?? '');
    const signed = req.method === 'POST' && q.get('app_key') === this.opts.appKey && q.get('v') === '2' && q.get('sign_method') === 'hmac-sha256' && sameText(q.get('sign') ?? '', expected);
    this.calls.push({ method, signed });
    if (!signed) return this.json(res, { code: 40004, msg: '签名校验失败', sub_code: 'isv.sign-check-failure', sub_msg: 'sign does not match' });
    if (url.pathname !== `/${method.replace(/\./g, '/')}`) return this.json(res, { code: 40003, msg: 'method does not match the path' });
    if (q.get('access_token') !== this.opts.accessToken) return this.json(res, { code: 30001, msg: 'access_token不存在' });
    if (this.failNext > 0) {
      this.failNext--;
      if (method === 'order.logisticsAdd') this.shipments.push({ ...(JSON.parse(raw) as { order_id: string; company_code: string; logistics_code: string }), code: 50002 });
      return this.json(res, { code: 50002, msg: '系统错误', sub_code: 'isp.service-error', sub_msg: 'try again later' });
    }
    const p = JSON.parse(raw || '{}') as Record<string, unknown>;
    const ok = (data: unknown) => this.json(res, { code: 10000, msg: 'success', sub_code: '', sub_msg: '', data, log_id: `2026${Date.now()}` });
    switch (method) {
      case 'order.orderDetail': {
        const o = this.orders.get(String(p.shop_order_id));
        return o ? ok({ shop_order_detail: o }) : this.json(res, { code: 40004, msg: '订单不存在', sub_code: 'isv.business-failed', sub_msg: 'order not found' });
      }
      case 'order.searchList': {
        const from = Number(p.update_time_start ?? 0);
        const to = Number(p.update_time_end ?? Infinity);
        const size = Number(p.size ?? 10);
        const page = Number(p.page ?? 0);
        const all = [...this.orders.values()].filter((o) => o.update_time! >= from && o.update_time! <= to).sort((a, b) => (p.order_asc ? a.update_time! - b.update_time! : b.update_time! - a.update_time!));
        return ok({ shop_order_list: all.slice(page * size, page * size + size), total: all.length, page, size });
      }
      case 'order.logisticsAdd': {
        const s = p as { order_id: string; company_code: string; logistics_code: string };
        const o = this.orders.get(String(s.order_id));
        if (!o) return this.json(res, { code: 40004, msg: '订单不存在', sub_code: 'isv.business-failed', sub_msg: 'order not found' });
        this.shipments.push({ order_id: s.order_id, company_code: s.company_code, logistics_code: s.logistics_code, code: 10000 });
        shipped(o, [{ logistics_code: s.logistics_code, company_code: s.company_code, shipped_order_info: (o.sku_order_list ?? []).map((l) => ({ shipped_order_id: String(l.order_id), shipped_num: l.item_num ?? 1 })) }]);
        return ok({});
      }
      case 'order.logisticsAddMultiPack': {
        // the documented rules: request_id required and idempotent (a repeat answers the first result);
        // each pack names sub-orders of this order and no more units than are left to ship; all or nothing
        const m = p as unknown as MultiPackCall;
        const o = this.orders.get(String(m.order_id));
        if (!o) return this.json(res, { code: 50002, msg: '业务处理失败', sub_code: 'isv.business-failed:60033', sub_msg: '订单不存在，请仔细检查后重试。' });
        if (!m.request_id) return this.json(res, { code: 40002, msg: '缺少必选参数', sub_code: 'isv.missing-parameter:50050', sub_msg: '发货请求id不能为空，请检查requestId' });
        const earlier = this.multiPackAnswers.get(m.request_id);
        if (earlier) return ok(earlier);
        const left = new Map((o.sku_order_list ?? []).map((l) => [String(l.order_id), l.item_num ?? 1]));
        for (const l of o.logistics_info ?? []) for (const i of l.product_info ?? []) left.set(String(i.sku_order_id), (left.get(String(i.sku_order_id)) ?? 0) - (i.product_count ?? 0));
        for (const pack of m.pack_list ?? []) {
          if (!pack.logistics_code || !pack.company_code || !pack.shipped_order_info?.length) return this.json(res, { code: 50002, msg: '业务处理失败', sub_code: 'isv.business-failed:60036', sub_msg: '发货信息为空。' });
          for (const i of pack.shipped_order_info) {
            const n = left.get(String(i.shipped_order_id));
            if (n === undefined) return this.json(res, { code: 50002, msg: '业务处理失败', sub_code: 'isv.business-failed:60102', sub_msg: '60102:商品单不存在，请仔细检查后重试' });
            if (n < i.shipped_num) return this.json(res, { code: 50002, msg: '业务处理失败', sub_code: 'isv.business-failed:60110', sub_msg: '订单已发货，不允许再次执行发货。' });
            left.set(String(i.shipped_order_id), n - i.shipped_num);
          }
        }
        if (!m.pack_list?.length) return this.json(res, { code: 50002, msg: '业务处理失败', sub_code: 'isv.business-failed:60036', sub_msg: '发货信息为空。' });
        this.multiPacks.push(m);
        shipped(o, m.pack_list);
        const answer = { pack_list: m.pack_list.map((k, n) => ({ shipped_order_info: k.shipped_order_info, logistics_code: k.logistics_code, pack_id: `${m.order_id}${n + 1}` })) };
        this.multiPackAnswers.set(m.request_id, answer);
        return ok(answer);
      }
      default:
        return this.json(res, { code: 40003, msg: `unknown method ${method}` });
    }
  }
}

/** The demo: a 抖店 shop selling the demo shop's products, a paid order every 45 s. */
export const douyinDemoPeer: DemoPeer = {
  name: '抖店 shop',
  async start({ core, coreUrl }) {
    const { demoDouyinChannel, DEMO_DOUYIN } = await import('../core/demo/channels');
    const peer = new DouyinPeer({ appKey: DEMO_DOUYIN.appKey, appSecret: DEMO_DOUYIN.secret, accessToken: DEMO_DOUYIN.accessToken });
    const url = await peer.start();
    peer.opts.hookUrl = `${coreUrl}/api/hooks/${demoDouyinChannel(core, url)}`;
    const skus = ['WH-0001', 'WH-0002', 'WH-0003'];
    let n = 0;
    const tick = () => {
      n++;
      const id = String(6_920_000_000_000_000_000n + BigInt(Date.now()));
      const b = demoBuyer(n + DEMO_BUYER_COUNT / 2);
      const addr = { province: { name: b.province, id: '' }, city: { name: b.city, id: '' }, town: { name: b.district, id: '' }, street: { name: b.street, id: '' }, detail: '' };
      void peer.placeOrder(douyinOrderExample(id, [{ code: skus[n % skus.length]!, name: `演示商品 ${n % skus.length + 1}`, qty: 1, price: 3990 }], { post_receiver: b.name, post_tel: b.phone, post_addr: addr })).catch(() => {});
    };
    const first = setTimeout(tick, 3000);
    const timer = setInterval(tick, 45_000);
    return {
      describe: `${url} (pushes a paid order every 45 s to the "Demo 抖店" connection; answers order.orderDetail and takes the waybills)`,
      async stop() {
        clearTimeout(first);
        clearInterval(timer);
        await peer.stop();
      },
    };
  },
};
