// 抖店 message push: a JSON list of messages signed as a whole with event-sign = md5(app_key + body +
// app_secret) and app-id; each message deduplicated by its msg_id; 106 (cancelled) cancels the order,
// 105 (address changed) holds it with the new address recorded.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';

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
  it('cancels on 106 and holds on 105, once per msg_id, and refuses a wrong event-sign', async () => {
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
    expect((await s.as('lead', 'GET', `/api/orders/${b.body.id}`)).body.state).toBe('on_hold');
    const ev = s.core.db.prepare("SELECT data FROM events WHERE entity_id = ? AND type = 'channel.address_changed'").pluck().get(b.body.id) as string;
    expect(JSON.parse(ev).shipTo).toMatchObject({ name: '王五', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路100号' });
  });

  it('answers 404 for a channel that does not exist, storing nothing', async () => {
    const r = await s.api('POST', '/api/hooks/chn_nope', '[]', { 'Content-Type': 'application/json' });
    expect(r.status).toBe(404);
  });
});
