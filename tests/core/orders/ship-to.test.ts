// Orders by hand: a phone order's new recipient or address. The change is an event a bench
// follows (order.address_changed, no personal data in it), it is audited with who and why, and it
// is refused, changing nothing, once the order has shipped.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { startCore, addSku, orderInput, snapshot, sseClient, SYSTEM, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 20 }) });
});
afterAll(() => s.close());

const NEW_ADDRESS = { name: '刘艳', phone: '13808222172', country: 'CN', province: '浙江省', city: '杭州市', district: '滨江区', address1: '江南大道3850号创新大厦8楼', postcode: '310051' };

async function phoneOrder() {
  const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), channel: 'phone' }, { 'Idempotency-Key': `phone-${Math.random()}` });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string; version: number };
}

describe('address change', () => {
  it('changes the address with a reason; the feed says so without the address; the history and audit name who and why', async () => {
    const o = await phoneOrder();
    const feed = sseClient(s.url, await s.tokenFor('viewer'));
    await feed.opened;
    const r = await s.as('lead', 'PUT', `/api/orders/${o.id}/ship-to`, { shipTo: NEW_ADDRESS, reason: 'customer called: deliver to the office', expectedVersion: o.version });
    expect(r.status).toBe(200);
    expect(r.body.shipTo).toEqual(NEW_ADDRESS);
    expect(r.body.version).toBe(o.version + 1);
    await feed.until(1);
    const e = feed.events.find((x) => x.data.type === 'order.address_changed')!;
    expect(e.data).toMatchObject({ entity: 'order', entityId: o.id, data: { number: o.number, version: o.version + 1, reason: 'customer called: deliver to the office' } });
    expect(e.data.data.fields).toEqual(expect.arrayContaining(['name', 'phone', 'district', 'address1', 'postcode']));
    expect(JSON.stringify(e.data)).not.toContain('13808222172');
    feed.close();
    const audit = await s.as('finance', 'GET', `/api/audit?order=${o.number}&kind=order.address_changed`);
    expect(audit.body.items).toEqual([expect.objectContaining({ actorName: '陈静 Chen Jing', reason: 'customer called: deliver to the office', entityId: o.id })]);
    // a viewer sees the new address with the phone masked
    expect((await s.as('viewer', 'GET', `/api/orders/${o.id}`)).body.shipTo.phone).toBe('138******72');
  });

  it('is refused, changing nothing, once the order has shipped; without a reason; from an old version; for an operator', async () => {
    const o = await phoneOrder();
    s.core.writes.runNow(() => {
      for (const a of ['start_packing', 'mark_packed', 'ship'] as const) applyOrderAction(s.core.ctx, o.id, a, SYSTEM);
    });
    await s.tokenFor('admin'); // a first login is an event too
    const before = snapshot(s.core);
    const shipped = await s.as('admin', 'PUT', `/api/orders/${o.id}/ship-to`, { shipTo: NEW_ADDRESS, reason: 'too late' });
    expect(shipped.status).toBe(409);
    expect(shipped.body.error).toMatchObject({ code: 'order_state', message: `order ${o.number} has shipped: its address cannot change any more; ask the carrier to redirect the parcel` });
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.shipTo.city).toBe('深圳市');
    expect(snapshot(s.core)).toEqual(before);

    const open = await phoneOrder();
    const noReason = await s.as('lead', 'PUT', `/api/orders/${open.id}/ship-to`, { shipTo: NEW_ADDRESS, reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.issues[0].path).toBe('reason');
    const stale = await s.as('lead', 'PUT', `/api/orders/${open.id}/ship-to`, { shipTo: NEW_ADDRESS, reason: 'x', expectedVersion: open.version - 1 });
    expect(stale.status).toBe(409);
    const badPhone = await s.as('lead', 'PUT', `/api/orders/${open.id}/ship-to`, { shipTo: { ...NEW_ADDRESS, phone: 'call me' }, reason: 'x' });
    expect(badPhone.status).toBe(422);
    expect(badPhone.body.error.issues[0].path).toBe('shipTo.phone');
    expect((await s.as('operator', 'PUT', `/api/orders/${open.id}/ship-to`, { shipTo: NEW_ADDRESS, reason: 'x' })).status).toBe(403);
    const after = (await s.as('lead', 'GET', `/api/orders/${open.id}`)).body;
    expect([after.version, after.shipTo.city]).toEqual([open.version, '深圳市']);
    expect(s.core.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'order.address_changed' AND entity_id IN (?, ?)").pluck().get(o.id, open.id)).toBe(0);
  });
});
