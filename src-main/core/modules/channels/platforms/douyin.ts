// 抖店 message push: a JSON list of messages, signed as a whole with event-sign = hex
// md5(app_key + body + app_secret) and the app-id header; each message has its own msg_id (the
// dedupe key) and its data as a JSON string. Tags used: 106 order cancelled, 105 buyer changed the
// address, 200 refund created. Order creation (100/101) carries only ids: the order detail comes
// from the open API, which is not built yet, so 抖店 orders still arrive by CSV import.
import type { Address } from '../../../../contract/orders';
import { douyinSign, sameText } from '../signatures';
import { phoneOf, text, type Platform } from './types';

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
    const m = JSON.parse(body) as DouyinMessage;
    const d = JSON.parse(m.data) as Record<string, unknown>;
    // p_id is a 19-digit number in the JSON: past 2^53, so it is read from the text, not the parsed value.
    const id = /"(?:p_id|order_id)"\s*:\s*"?(\d+)/.exec(m.data)?.[1] ?? '';
    if (!id) return { type: 'ignore', reason: `tag ${topic} without p_id` };
    switch (topic) {
      case '106':
        return { type: 'cancel', externalId: id, updatedAt: unixIso(d.cancel_time), reason: `cancelled at 抖店${d.cancel_reason ? `: ${String(d.cancel_reason)}` : ''}` };
      case '105': {
        const r = (d.receiver_msg ?? {}) as { name?: string; tel?: string; addr?: { province?: { name?: string }; city?: { name?: string }; town?: { name?: string }; street?: { name?: string }; detail?: string } };
        const shipTo: Address = {
          name: text(r.name, 100) ?? 'unknown', phone: phoneOf(r.tel), country: 'CN', province: text(r.addr?.province?.name, 60), city: text(r.addr?.city?.name, 60) ?? 'unknown',
          district: text(r.addr?.town?.name, 60), address1: text([r.addr?.street?.name, r.addr?.detail].filter(Boolean).join(''), 200) ?? 'unknown',
        };
        return { type: 'address', externalId: id, updatedAt: unixIso(d.update_time), shipTo: JSON.parse(JSON.stringify(shipTo)) as Address };
      }
      case '200':
        return { type: 'refund', externalId: id, updatedAt: unixIso(d.apply_time), reason: `refund requested at 抖店${d.reason ? `: ${String(d.reason)}` : ''}`, refund: { id: String(d.aftersale_id ?? ''), amount: typeof d.refund_amount === 'number' ? d.refund_amount : null, currency: 'CNY', lines: [] } };
      default:
        return { type: 'ignore', reason: `抖店 tag ${topic} is not handled here` };
    }
  },
};
