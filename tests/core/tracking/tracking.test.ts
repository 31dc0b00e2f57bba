// Tracking every parcel to the door (issue 16), on the real core and HTTP server with the simulated
// Kuaidi100: handed-over parcels are subscribed with a callback URL and a salt, documented pushes
// (md5(param + salt)) move them along the normalised statuses, a forged push is refused, a lost push is
// found by the polling fallback, and stalls raise their exception at the right time with an injected clock.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKuaidi100Peer, type Kuaidi100Peer } from '../../../src-main/demo/kuaidi100-peer';
import { normaliseKuaidi100State, verifyKuaidi100Push, statusOfResult } from '../../../src-main/labels/carriers/kuaidi100-tracking';
import { carrierTimeToIso } from '../../../src-main/core/modules/tracking/actions/track-parcels';
import type { Clock } from '../../../src-main/lib/clock';
import { addSku, startCore, orderInput, type TestServer } from '../helpers';
import { accountBody } from './fixture';

// An injected clock the test moves by hand.
let nowMs = Date.parse('2026-11-20T08:00:00Z');
const clock: Clock = { now: () => nowMs, iso: () => new Date(nowMs).toISOString() };
const hours = (h: number) => (nowMs += h * 3600_000);

let s: TestServer;
let peer: Kuaidi100Peer;
let skuId: string;

beforeAll(async () => {
  peer = await startKuaidi100Peer({ now: () => new Date(nowMs) });
  s = await startCore({ core: { clock }, setup: (core) => (skuId = addSku(core, 'SKU-A', { onHand: 100 })) });
  const r = await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { callbackUrl: `${s.url}/api/tracking/kuaidi100/push` }));
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await peer.close();
  await s.close();
});

let keys = 0;
/** An order packed at bench B1 with a ZTO e-waybill and handed over to ZTO: its waybill. */
async function handedOver(): Promise<{ orderId: string; waybill: string }> {
  const o = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), carrier: 'zto' });
  expect(o.status).toBe(201);
  const t = await s.as('operator', 'POST', `/api/orders/${o.body.id}/pack/start`, { bench: 'B1' });
  const p = await s.as('operator', 'POST', `/api/orders/${o.body.id}/parcels`,
    { bench: 'B1', expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId, qty: 1 }], measuredG: 100, final: true }, { 'Idempotency-Key': `trk-${++keys}` });
  expect(p.status).toBe(201);
  const m = await s.as('lead', 'POST', '/api/manifests', { carrier: 'zto' });
  expect(m.status).toBe(201);
  return { orderId: o.body.id, waybill: p.body.parcel.waybill };
}

const timeline = async (orderId: string) => (await s.as('viewer', 'GET', `/api/orders/${orderId}/tracking`)).body.items[0];
const subscribed = async (waybill: string) => {
  for (let i = 0; i < 50 && !peer.subscriptions.has(waybill); i++) await new Promise((r) => setTimeout(r, 20));
  expect(peer.subscriptions.has(waybill)).toBe(true);
};

describe('Kuaidi100 states and signatures', () => {
  it("maps every documented state (0 1 2 3 4 5 6 7 8 14) to one status set; abort without delivery is expired", () => {
    const map = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6', '7', '8', '14'].map((st) => [st, normaliseKuaidi100State(st)]));
    expect(map).toEqual({
      0: 'in_transit', 1: 'picked_up', 2: 'exception', 3: 'delivered', 4: 'returned_to_sender', 5: 'out_for_delivery', 6: 'returned_to_sender', 7: 'in_transit', 8: 'in_transit', 14: 'refused',
    });
    expect(statusOfResult({ state: '0' }, 'abort')).toBe('expired');
    expect(statusOfResult({ state: '3' }, 'abort')).toBe('delivered');
    expect(carrierTimeToIso('2012-08-28 16:33:19')).toBe('2012-08-28T08:33:19.000Z');
  });

  it('verifies md5(param + salt), upper-case, as documented', () => {
    const param = '{"status":"polling","lastResult":{"nu":"V030344422","state":"0"}}';
    const sign = createHash('md5').update(`${param}SALT123`).digest('hex').toUpperCase();
    expect(verifyKuaidi100Push(param, sign, 'SALT123')).toBe(true);
    expect(verifyKuaidi100Push(param, sign.toLowerCase(), 'SALT123')).toBe(true);
    expect(verifyKuaidi100Push(param, sign, 'OTHER')).toBe(false);
    expect(verifyKuaidi100Push(`${param} `, sign, 'SALT123')).toBe(false);
  });
});

describe('tracking a parcel to the door', () => {
  it('subscribes at handover, stores each push raw and normalised, shows the journey on the order; a forged push changes nothing', async () => {
    const { orderId, waybill } = await handedOver();
    await subscribed(waybill);
    const sub = peer.subscriptions.get(waybill)!;
    expect(sub.callbackurl).toBe(`${s.url}/api/tracking/kuaidi100/push`);
    expect(sub.company).toBe('zhongtong');
    expect(sub.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(await timeline(orderId)).toMatchObject({ waybill, status: 'info_received', events: [] });

    expect(await peer.advance(waybill)).toBe(200); // 揽收
    hours(0.5);
    expect(await peer.advance(waybill)).toBe(200); // 在途
    let t = await timeline(orderId);
    expect(t.status).toBe('in_transit');
    expect(t.events.map((e: { status: string }) => e.status)).toEqual(['in_transit', 'picked_up']);
    expect(t.events[1].context).toContain('揽收');

    // A forged push: the right shape, signed with a guessed salt. Refused, nothing stored.
    const param = JSON.stringify({ status: 'shutdown', lastResult: { state: '3', nu: waybill, com: 'zhongtong', data: [{ context: '已签收', time: '2026-11-20 18:00:00', ftime: '2026-11-20 18:00:00' }] } });
    const forged = await s.api('POST', '/api/tracking/kuaidi100/push', new URLSearchParams({ param, sign: createHash('md5').update(`${param}guess`).digest('hex').toUpperCase() }).toString(),
      { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(forged.status).toBe(403);
    t = await timeline(orderId);
    expect(t.status).toBe('in_transit');
    expect(t.events).toHaveLength(2);

    for (let i = 0; i < 3; i++) {
      hours(0.5);
      await peer.advance(waybill); // 在途, 派件, 签收
    }
    t = await timeline(orderId);
    expect(t.status).toBe('delivered');
    expect(t.events).toHaveLength(5);
    // A repeated push (Kuaidi100 sends the whole journey each time) stores nothing twice.
    const rows = s.core.db.prepare('SELECT COUNT(*) FROM tracking_events WHERE waybill = ?').pluck().get(waybill);
    expect(rows).toBe(5);
    const list = (await s.as('viewer', 'GET', '/api/tracking?status=delivered')).body;
    expect(list.items.map((i: { waybill: string }) => i.waybill)).toContain(waybill);
  });

  it('a push that never came is found by the polling fallback', async () => {
    const { orderId, waybill } = await handedOver();
    await subscribed(waybill);
    await peer.advance(waybill, { silent: true }); // 揽收, the push is lost
    expect((await timeline(orderId)).status).toBe('info_received');
    hours(7);
    const r = await s.as('lead', 'POST', '/api/tracking/poll');
    expect(r.status).toBe(200);
    expect(r.body.polled).toBeGreaterThanOrEqual(1);
    expect((await timeline(orderId)).status).toBe('picked_up');
  });
});

describe('stalls raise a tracking exception at the right time', () => {
  const stallsOf = async (waybill: string) => {
    const r = await s.as('lead', 'GET', '/api/exceptions?state=open&limit=200');
    if (r.status !== 200) throw new Error(`exceptions: ${r.status} ${r.text}`);
    return r.body.items.filter((e: { detail: { waybill?: string; source?: string } }) => e.detail.source === 'tracking' && e.detail.waybill === waybill);
  };

  it('not picked up 2 h after handover; then no event for 24 h in transit (the default rule)', async () => {
    const { waybill } = await handedOver();
    await subscribed(waybill);
    hours(1.9);
    await s.as('lead', 'POST', '/api/tracking/stalls/scan');
    expect(await stallsOf(waybill)).toHaveLength(0);
    hours(0.2);
    expect((await s.as('lead', 'POST', '/api/tracking/stalls/scan')).body.raised).toBeGreaterThanOrEqual(1);
    const first = await stallsOf(waybill);
    expect(first).toHaveLength(1);
    expect(first[0].detail).toMatchObject({ stall: 'not_picked_up', carrier: 'zto' });
    expect(first[0].reason).toMatch(/call the carrier/);
    const list = (await s.as('viewer', 'GET', '/api/tracking')).body.items;
    expect(list[0]).toMatchObject({ waybill, stall: 'not_picked_up' }); // stalled parcels first

    await peer.advance(waybill); // 揽收: the parcel moves, the stall clears
    await peer.advance(waybill); // 在途
    hours(23);
    await s.as('lead', 'POST', '/api/tracking/stalls/scan');
    expect(await stallsOf(waybill)).toHaveLength(1);
    hours(2);
    await s.as('lead', 'POST', '/api/tracking/stalls/scan');
    expect((await stallsOf(waybill)).map((e: { detail: { stall: string } }) => e.detail.stall).sort()).toEqual(['no_update', 'not_picked_up']);
  });

  it("a lead's per-carrier rule wins over the default", async () => {
    const r = await s.as('lead', 'PUT', '/api/tracking/rules/zto', { pickupHours: 6, transitHours: 24, deliveryHours: 48 });
    expect(r.status).toBe(200);
    const { waybill } = await handedOver();
    hours(3);
    await s.as('lead', 'POST', '/api/tracking/stalls/scan');
    expect(await stallsOf(waybill)).toHaveLength(0);
    hours(3.5);
    await s.as('lead', 'POST', '/api/tracking/stalls/scan');
    expect((await stallsOf(waybill)).map((e: { detail: { stall: string } }) => e.detail.stall)).toEqual(['not_picked_up']);
    await s.as('lead', 'PUT', '/api/tracking/rules/zto', { pickupHours: 2, transitHours: 24, deliveryHours: 48 });
  });

  it('refused (14) and 疑难 (2) raise at once; expired at the service (abort) too', async () => {
    const a = await handedOver();
    await subscribed(a.waybill);
    await peer.advance(a.waybill, { state: '14', word: '拒签', context: '收件人拒收' });
    expect((await stallsOf(a.waybill)).map((e: { detail: { stall: string } }) => e.detail.stall)).toEqual(['refused']);
    expect((await timeline(a.orderId)).status).toBe('refused');
    const b = await handedOver();
    await subscribed(b.waybill);
    await peer.advance(b.waybill, { state: '2', word: '疑难', context: '地址不详，无法派送' });
    expect((await stallsOf(b.waybill)).map((e: { detail: { stall: string } }) => e.detail.stall)).toEqual(['problem']);
    const c = await handedOver();
    await subscribed(c.waybill);
    await peer.advance(c.waybill, { state: '0', status: 'abort' });
    expect((await timeline(c.orderId)).status).toBe('expired');
    expect((await stallsOf(c.waybill)).map((e: { detail: { stall: string } }) => e.detail.stall)).toEqual(['expired']);
  });
});
