// 抖店 message push: a JSON list of messages, signed as a whole with event-sign = hex
// md5(app_key + body + app_secret) and the app-id header; each message has its own msg_id (the
// dedupe key) and its data as a JSON string. Tags used: 100 order created and 101 paid (they carry
// only ids: the order's detail is read with order.orderDetail, then created as any order version),
// 106 order cancelled, 105 buyer changed the address, 200 refund created.
// The open platform API (orders and write-back): POST <api base>/<method as a path>?app_key, method,
// access_token, timestamp, v=2, sign_method=hmac-sha256, sign, with the business parameters as the
// JSON body (param_json, keys sorted); answers {code: 10000, msg, sub_code, sub_msg, data}.
// Sources: the open platform's Go SDK (doudian-sdk: core/doudian_op_api_client.go, utils/sign_util.go,
// api/order_orderDetail, api/order_searchList, api/order_logisticsAdd, api/order_logisticsAddMultiPack),
// and CHANNELS.md.
import type { Address } from '../../../../contract/orders';
import { douyinApiSign, douyinSign, sameText, sortedJson } from '../signatures';
import { createHash } from 'node:crypto';
import { phoneOf, text, type Connection, type OrderDraft, type Platform, type PlatformChange, type PlatformStatus, type PolledOrder, type SendResult, type WriteBackItem, type WriteBackPayload } from './types';

interface DouyinMessage { tag: string; msg_id: string; data: string }

const unixIso = (v: unknown) => (typeof v === 'number' && v > 0 ? new Date(v * 1000).toISOString() : new Date().toISOString());

export const douyin: Platform = {
  verify(c, raw, header) {
    const given = header('event-sign');
    if (!given) return 'no event-sign header';
    if (c.appKey && header('app-id') !== c.appKey) return 'app-id is not this connection\'s app key';
    return sameText(given.toLowerCase(), douyinSign(c.appKey ?? '', raw, c.secret)) ? null : 'event-sign does not match the body';
  },

  split(_c, raw, _header, receivedAt) {
    const list = JSON.parse(raw.toString('utf8')) as DouyinMessage[];
    if (!Array.isArray(list)) throw new Error('a 抖店 push is a JSON list of messages');
    return list.map((m) => {
      if (!m || typeof m.msg_id !== 'string' || typeof m.tag !== 'string') throw new Error('each message needs tag and msg_id');
      return { deliveryId: m.msg_id.slice(0, 100), topic: m.tag.slice(0, 20), eventAt: receivedAt, body: Buffer.from(JSON.stringify(m)), headers: { note: 'one message of a signed list' } };
    });
  },

  parse(topic, body) {
    if (topic === ORDER_TOPIC) return douyinOrderChange(JSON.parse(body) as DouyinOrder);
    const m = JSON.parse(body) as DouyinMessage;
    const d = JSON.parse(m.data) as Record<string, unknown>;
    // p_id is a 19-digit number in the JSON: past 2^53, so it is read from the text, not the parsed value.
    const id = /"(?:p_id|order_id)"\s*:\s*"?(\d+)/.exec(m.data)?.[1] ?? '';
    if (!id) return { type: 'ignore', reason: `tag ${topic} without p_id` };
    switch (topic) {
      case '100':
      case '101':
        return { type: 'fetch', externalId: id, reason: topic === '100' ? '抖店 order created' : '抖店 order paid' };
      case '106':
        return { type: 'cancel', externalId: id, updatedAt: unixIso(d.cancel_time), reason: `cancelled at 抖店${d.cancel_reason ? `: ${String(d.cancel_reason)}` : ''}` };
      case '105': {
        const r = (d.receiver_msg ?? {}) as { name?: string; tel?: string; addr?: { province?: { name?: string }; city?: { name?: string }; town?: { name?: string }; street?: { name?: string }; detail?: string } };
        const shipTo: Address = {
          name: text(r.name, 100) ?? 'unknown', phone: phoneOf(r.tel), country: 'CN', province: text(r.addr?.province?.name, 60), city: text(r.addr?.city?.name, 60) ?? 'unknown',
          district: text(r.addr?.town?.name, 60), address1: text([r.addr?.street?.name, r.addr?.detail].filter(Boolean).join(''), 200) ?? 'unknown',
        };
        // The old door's id must not stay: the new one if the message has it, else a key of the order's
        // own (merges with nothing) until the order's detail, read again, gives it.
        const door = text(d.open_address_id, 200);
        return { type: 'address', externalId: id, updatedAt: unixIso(d.update_time), shipTo: JSON.parse(JSON.stringify(shipTo)) as Address, mergeKey: douyinMergeKey(door, id), readOrder: !door };
      }
      case '200':
        return { type: 'refund', externalId: id, updatedAt: unixIso(d.apply_time), reason: `refund requested at 抖店${d.reason ? `: ${String(d.reason)}` : ''}`, refund: { id: String(d.aftersale_id ?? ''), amount: typeof d.refund_amount === 'number' ? d.refund_amount : null, currency: 'CNY', lines: [] } };
      default:
        return { type: 'ignore', reason: `抖店 tag ${topic} is not handled here` };
    }
  },

  async fetchOrder(c, externalId) {
    const data = await openApi(c, 'order.orderDetail', { shop_order_id: externalId }) as { shop_order_detail?: DouyinOrder };
    const o = data.shop_order_detail;
    if (!o?.order_id) throw new Error(`order.orderDetail answered without shop_order_detail for ${externalId}`);
    return { topic: ORDER_TOPIC, order: polled(o) };
  },

  /** order.searchList by update time, oldest first, 100 a page. */
  async poll(c, since) {
    const start = Math.floor(Date.parse(since) / 1000);
    const end = Math.floor(Date.now() / 1000);
    const orders: PolledOrder[] = [];
    for (let page = 0; page < 50; page++) {
      const data = await openApi(c, 'order.searchList', { update_time_start: start, update_time_end: end, order_by: 'update_time', order_asc: true, page, size: PAGE }) as { shop_order_list?: DouyinOrder[]; total?: number };
      const list = data.shop_order_list ?? [];
      orders.push(...list.map(polled));
      if (list.length < PAGE) break;
    }
    return { topic: ORDER_TOPIC, orders: orders.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)) };
  },

  /** One parcel: as a group of one. */
  async writeBack(c, p, idemKey) {
    return shipGroup(c, [{ p, idemKey }]);
  },

  writeBackGroup: (c, group) => shipGroup(c, group),
};

/**
 * The parcels of one order: a single parcel with the whole order goes with order.logisticsAdd (the
 * waybill and the carrier's 抖店 company code: the connection's carrier names, else the common ones);
 * otherwise order.logisticsAddMultiPack, a pack per parcel with the sub-orders (the platform's line
 * ids, read with order.orderDetail) and quantities in it. A pack whose waybill the order shows
 * already (an earlier try got through, the core died before it heard) is not sent again, and the
 * request_id (抖店 answers a repeated one with its first result) is the same on every try.
 */
async function shipGroup(c: Connection, group: WriteBackItem[]): Promise<SendResult> {
  const companyOf = (p: WriteBackPayload) => c.carrierNames[p.carrierCode] ?? DOUYIN_COMPANY_CODES[p.carrierCode] ?? p.carrierCode;
  const first = group[0]!.p;
  try {
    if (group.length === 1 && first.wholeOrder !== false) {
      await openApi(c, 'order.logisticsAdd', { order_id: first.externalId, company_code: companyOf(first), logistics_code: first.waybill });
      return { ok: true, status: 200, detail: `shipped at 抖店 with ${companyOf(first)} ${first.waybill}` };
    }
    const o = (await openApi(c, 'order.orderDetail', { shop_order_id: first.externalId }) as { shop_order_detail?: DouyinOrder }).shop_order_detail;
    if (!o?.sku_order_list) throw new Error(`order.orderDetail answered without the sub-orders of ${first.externalId}`);
    const there = new Set((o.logistics_info ?? []).map((l) => l.tracking_no));
    const left = new Map(o.sku_order_list.map((l) => [String(l.order_id), l.item_num ?? 1]));
    for (const l of o.logistics_info ?? []) for (const i of l.product_info ?? []) left.set(String(i.sku_order_id), (left.get(String(i.sku_order_id)) ?? 0) - (i.product_count ?? 0));
    const packs: { shipped_order_info: { shipped_order_id: string; shipped_num: number }[]; logistics_code: string; company_code: string }[] = [];
    for (const { p } of group) {
      if (there.has(p.waybill)) continue;
      const info: { shipped_order_id: string; shipped_num: number }[] = [];
      for (const line of p.lines) {
        let want = line.qty;
        for (const l of o.sku_order_list) {
          const id = String(l.order_id);
          const n = channelSkuOf(l) === line.sku ? Math.min(want, left.get(id) ?? 0) : 0;
          if (n <= 0) continue;
          info.push({ shipped_order_id: id, shipped_num: n });
          left.set(id, left.get(id)! - n);
          want -= n;
        }
        if (want > 0) return { ok: false, status: null, detail: `抖店 order ${p.externalId} has no unshipped sub-order for ${line.sku} × ${want} (parcel ${p.parcel.seq})` };
      }
      packs.push({ shipped_order_info: info, logistics_code: p.waybill, company_code: companyOf(p) });
    }
    if (packs.length === 0) return { ok: true, status: 200, detail: 'already shipped at 抖店 with this waybill', alreadyThere: true };
    const requestId = createHash('sha256').update(group.map((g) => g.idemKey).sort().join(',')).digest('hex').slice(0, 32);
    await openApi(c, 'order.logisticsAddMultiPack', { order_id: first.externalId, pack_list: packs, request_id: requestId });
    return { ok: true, status: 200, detail: `shipped at 抖店 in ${packs.length} pack(s): ${packs.map((k) => `${k.company_code} ${k.logistics_code}`).join(', ')}` };
  } catch (e) {
    return { ok: false, status: (e as DouyinApiError).status ?? null, detail: (e as Error).message };
  }
}

/** A sub-order's SKU as our order line's channel SKU names it. */
const channelSkuOf = (l: DouyinSkuOrder) => text(l.code, 64) ?? text(l.out_sku_id, 64) ?? `sku:${l.sku_id ?? l.order_id}`;

export const ORDER_TOPIC = 'order';
const PAGE = 100;

/** Our carrier codes -> 抖店 logistics company codes (order.logisticsCompanyList); a connection's carrier names win. */
export const DOUYIN_COMPANY_CODES: Record<string, string> = { sf: 'shunfeng', zto: 'zhongtong', yto: 'yuantong', sto: 'shentong', yunda: 'yunda', jd: 'jd', ems: 'ems', jt: 'jtexpress', best: 'huitongkuaidi' };

interface DouyinArea { name?: string; id?: string }
/** A shop order as order.orderDetail (data.shop_order_detail) and order.searchList (data.shop_order_list) show it. */
export interface DouyinOrder {
  order_id: string; order_status?: number; main_status?: number; update_time?: number; create_time?: number; pay_amount?: number; buyer_words?: string; cancel_reason?: string;
  /** the platform's id of the (encrypted) address: equal for orders to one door, what 抖店 merges orders (合单) by; the address text itself is masked */
  open_address_id?: string;
  post_receiver?: string; post_tel?: string; post_addr?: { province?: DouyinArea; city?: DouyinArea; town?: DouyinArea; street?: DouyinArea; detail?: string } | null; exp_ship_time?: number;
  sku_order_list?: DouyinSkuOrder[];
  /** the packs shipped so far: waybill and the sub-orders in each */
  logistics_info?: { tracking_no?: string; company?: string; ship_time?: number; product_info?: { sku_order_id?: string; product_count?: number }[] }[];
}
/** A sub-order (one line of the shop order): its order_id is the line id a multi-pack shipment names. */
export interface DouyinSkuOrder { order_id?: string; code?: string; out_sku_id?: string; sku_id?: number | string; product_name?: string; item_num?: number; origin_amount?: number }

const polled = (o: DouyinOrder): PolledOrder => ({ externalId: String(o.order_id), updatedAt: unixIso(o.update_time), body: JSON.stringify(o) });

/** order_status 1 unpaid, 105 paid, 2 preparing, 101 partly shipped, 3 shipped, 4 cancelled, 5 done; main_status 21/22/39 refunded. */
function statusOf(o: DouyinOrder): PlatformStatus {
  if ([21, 22, 39].includes(o.main_status ?? 0)) return 'refunded';
  if (o.order_status === 4) return 'cancelled';
  if (o.order_status === 1) return 'unpaid';
  return 'open';
}

export function douyinOrderChange(o: DouyinOrder): PlatformChange {
  if (!o.order_id || !o.update_time) throw new Error('the 抖店 order has no order_id or update_time');
  const a = o.post_addr ?? {};
  const shipTo: Address = JSON.parse(JSON.stringify({
    name: text(o.post_receiver, 100) ?? 'unknown', phone: phoneOf(o.post_tel), country: 'CN', province: text(a.province?.name, 60), city: text(a.city?.name, 60) ?? 'unknown',
    district: text(a.town?.name, 60), address1: text([a.street?.name, a.detail].filter(Boolean).join(''), 200) ?? 'unknown',
  })) as Address;
  const order: OrderDraft = {
    externalId: String(o.order_id),
    shipTo,
    lines: (o.sku_order_list ?? []).map((l) => ({
      channelSku: channelSkuOf(l),
      qty: l.item_num ?? 1,
      ...(typeof l.origin_amount === 'number' ? { unitPrice: l.origin_amount } : {}), // 分 already: minor units
      ...(text(l.product_name) ? { name: text(l.product_name) } : {}),
    })),
    ...(typeof o.pay_amount === 'number' ? { total: { amount: o.pay_amount, currency: 'CNY' } } : {}),
    ...(text(o.buyer_words, 1000) ? { note: text(o.buyer_words, 1000) } : {}),
  };
  const status = statusOf(o);
  const mergeKey = douyinMergeKey(o.open_address_id, String(o.order_id));
  return { type: 'order', externalId: String(o.order_id), updatedAt: unixIso(o.update_time), status, order, shopNumber: null, reason: status === 'cancelled' ? `cancelled at 抖店${o.cancel_reason ? `: ${o.cancel_reason}` : ''}` : null, mergeKey };
}

/** 抖店 masks the address: orders merge by its address id, and an order without one merges with none (a key of its own), never by the masked text. */
const douyinMergeKey = (openAddressId: string | undefined | null, orderId: string) => (openAddressId ? `douyin:${openAddressId}` : `douyin-order:${orderId}`);

interface DouyinApiError extends Error { status?: number }

/**
 * One signed call of the open platform. 19-digit ids (sku_id, product_id) are read as text: past 2^53
 * a number loses its last digits. An answer other than code 10000 throws with the platform's words.
 */
async function openApi(c: Connection, method: string, params: Record<string, unknown>): Promise<unknown> {
  if (!c.apiBase || !c.appKey) throw new Error('the connection needs the API base URL and the app key');
  const paramJson = sortedJson(params);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const query = new URLSearchParams({ app_key: c.appKey, method, access_token: c.apiKey ?? '', timestamp, v: '2', sign_method: 'hmac-sha256', sign: douyinApiSign(c.appKey, c.secret, method, paramJson, timestamp) });
  const res = await fetch(`${c.apiBase.replace(/\/$/, '')}/${method.replace(/\./g, '/')}?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: paramJson, signal: AbortSignal.timeout(12_000) });
  const raw = await res.text();
  let answer: { code?: number; msg?: string; sub_code?: string; sub_msg?: string; data?: unknown };
  try {
    answer = JSON.parse(raw.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"')) as typeof answer;
  } catch {
    throw Object.assign(new Error(`${res.status}: ${raw.slice(0, 200)}`), { status: res.status });
  }
  if (answer.code !== 10000) throw Object.assign(new Error(`${method}: ${answer.code ?? res.status} ${answer.msg ?? ''}${answer.sub_msg ? ` (${answer.sub_code}: ${answer.sub_msg})` : ''}`.trim()), { status: res.status });
  return answer.data ?? {};
}
