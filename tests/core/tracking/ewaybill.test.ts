// E-waybills at the bench confirm (issue 16), on the real core, HTTP server and SQLite file, with the
// simulated Kuaidi100 (src-main/demo/kuaidi100-peer.ts) speaking the documented requests on 127.0.0.1:
// a carrier account set and tested from the API, a parcel labelled with the carrier's number, sorting
// code and bag point, retries that never make a second waybill, a carrier that does not answer in time,
// the undo when the parcel is not recorded, and voids that go to the carrier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKuaidi100Peer, PEER_KEY, PEER_SECRET, type Kuaidi100Peer } from '../../../src-main/demo/kuaidi100-peer';
import { accountBody } from './fixture';
import { withParcelWaybill } from '../../../src-main/core/modules/packing/flows';
import { getWaybill } from '../../../src-main/core/modules/shipping/queries';
import { count, setSettings } from '../helpers';
import { startPackShop, newOrder, postParcel, start, freshKey, type PackShop } from '../packing/fixture';

let shop: PackShop;
let peer: Kuaidi100Peer;

beforeAll(async () => {
  shop = await startPackShop();
  setSettings(shop.s.core, { sender: { name: '李小龙', phone: '13987654321', address: '广东省深圳市南山区科技园仓库8号' } });
  peer = await startKuaidi100Peer();
  const r = await shop.s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url));
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await peer.close();
  await shop.s.close();
});

const parcelBody = (version: number, skuId: string) => ({ bench: 'B1', expectedVersion: version, boxTypeId: null, items: [{ skuId, qty: 1 }], measuredG: 100, final: true });

async function startedOrder(carrier = 'zto') {
  const o = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }], carrier);
  const t = await start(shop.s, o.id);
  expect(t.status).toBe(200);
  return { ...o, version: t.body.order.version as number };
}

describe('carrier accounts', () => {
  it('an admin sets an account and tests it; secrets are never shown; a lead reads, an operator may not', async () => {
    const { s } = shop;
    const list = await s.as('lead', 'GET', '/api/carrier-accounts');
    expect(list.status).toBe(200);
    const zto = list.body.items.find((a: { carrier: string }) => a.carrier === 'zto');
    expect(zto).toMatchObject({ carrier: 'zto', source: 'kuaidi100', template: 'cn-ewaybill-76x130', key: PEER_KEY, secretSet: true, warehouseId: null });
    expect(JSON.stringify(list.body)).not.toContain(PEER_SECRET);
    expect((await s.as('operator', 'GET', '/api/carrier-accounts')).status).toBe(403);
    expect((await s.as('lead', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url))).status).toBe(403);

    const ok = await s.as('admin', 'POST', '/api/carrier-accounts/zto/test');
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.message).toMatch(/accepted the key and signature/);
    // A wrong customer id: the peer refuses the signature, the test says so and it is remembered.
    await s.as('admin', 'PUT', '/api/carrier-accounts/yto', accountBody(peer.url, { customer: 'WRONG' }));
    const bad = await s.as('admin', 'POST', '/api/carrier-accounts/yto/test');
    expect(bad.body).toMatchObject({ ok: false });
    expect(bad.body.message).toMatch(/refused the account \(503\)/);
    // the test's words a screen says in its language: the key, Kuaidi100's code and its own words as values
    expect(bad.body).toMatchObject({ key: 'kuaidi100Refused', params: { code: '503' } });
    const yto = (await s.as('admin', 'GET', '/api/carrier-accounts')).body.items.find((a: { carrier: string }) => a.carrier === 'yto');
    expect(yto.lastTest).toMatchObject({ ok: false });
    // A Kuaidi100 account without its secret is refused, naming the field.
    const missing = await s.as('admin', 'PUT', '/api/carrier-accounts/ems', { ...accountBody(peer.url), secret: undefined });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'secret' })]));
  });
});

describe('the bench prints what the carrier issued', () => {
  it("labels a parcel with the carrier's number, sorting code and bag point, on the account's 76x130 template; a retry makes no second waybill", async () => {
    const { s, sku } = shop;
    const o = await startedOrder();
    const calls = peer.orderCalls;
    const key = freshKey();
    const r = await postParcel(s, o.id, parcelBody(o.version, sku.A), { key });
    expect(r.status).toBe(201);
    const issued = peer.issued.at(-1)!;
    expect(r.body.parcel.waybill).toBe(issued.number);
    expect(r.body.label.parcel.waybill).toBe(issued.number);
    expect(r.body.label.carrier).toMatchObject({ code: 'zto', sortCode: '755-A12-03', bagPoint: '深圳转运中心', template: 'cn-ewaybill-76x130', monthlyAccount: 'ZTO-0001', payMethod: '寄付月结' });
    expect(getWaybill(s.core.db, issued.number)).toMatchObject({ source: 'api:kuaidi100', parcelId: r.body.parcel.id, orderId: o.id, status: 'allocated' });
    // The carrier got the order's recipient and the parcel's weight.
    expect(peer.orderCalls).toBe(calls + 1);
    const again = await postParcel(s, o.id, parcelBody(o.version, sku.A), { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.parcel.waybill).toBe(issued.number);
    expect(peer.orderCalls).toBe(calls + 1);
    expect(count(s.core, 'waybills', `WHERE order_id = '${o.id}'`)).toBe(1);
  });

  it('a refusal the checks find (a stale version) never reaches the carrier', async () => {
    const { s, sku } = shop;
    const o = await startedOrder();
    const calls = peer.orderCalls;
    const r = await postParcel(s, o.id, parcelBody(o.version + 5, sku.A));
    expect(r.status).toBe(409);
    expect(peer.orderCalls).toBe(calls);
  });

  it('a carrier that does not answer in time stops the bench with what to do; the retry gets the one waybill the carrier issued', async () => {
    const { s, sku } = shop;
    await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { timeoutMs: 500 }));
    peer.options.delayMs = 1500;
    const o = await startedOrder();
    const key = freshKey();
    const t0 = Date.now();
    const r = await postParcel(s, o.id, parcelBody(o.version, sku.A), { key });
    expect(Date.now() - t0).toBeLessThan(1400); // bounded by the account's timeout, not the carrier
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('waybill_unavailable');
    expect(r.body.error.message).toMatch(/carrier zto gave no e-waybill .*nothing was printed.*Confirm the parcel again to retry.*a lead switches zto to a number range/);
    expect(count(s.core, 'parcels', `WHERE order_id = '${o.id}'`)).toBe(0);
    // The carrier finished issuing after we stopped waiting; the retry (same key) asks with the same reference.
    await new Promise((res) => setTimeout(res, 1200));
    peer.options.delayMs = 0;
    const issuedBefore = peer.issued.length;
    const retry = await postParcel(s, o.id, parcelBody(o.version, sku.A), { key });
    expect(retry.status).toBe(201);
    expect(peer.issued.length).toBe(issuedBefore); // no second waybill
    expect(retry.body.parcel.waybill).toBe(peer.issued.at(-1)!.number);
    await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url));
  });

  it('when the parcel is not recorded after the carrier answered, the undo voids the number at the carrier; the next try gets a new one', async () => {
    const { s, sku } = shop;
    const o = await startedOrder();
    const key = freshKey();
    const actor = { id: 'usr_test', role: 'operator' };
    await expect(withParcelWaybill(s.core, o.id, key, parcelBody(o.version, sku.A), actor, async () => {
      throw new Error('the write failed');
    })).rejects.toThrow('the write failed');
    const lost = peer.issued.at(-1)!;
    expect(peer.cancelled).toContain(lost.number);
    expect(getWaybill(s.core.db, lost.number)).toMatchObject({ status: 'voided' });
    const r = await postParcel(s, o.id, parcelBody(o.version, sku.A), { key });
    expect(r.status).toBe(201);
    expect(r.body.parcel.waybill).not.toBe(lost.number);
  });

  it('voiding a parcel voids its e-waybill at the carrier; the number is never reused', async () => {
    const { s, sku } = shop;
    const o = await startedOrder();
    const r = await postParcel(s, o.id, parcelBody(o.version, sku.A));
    const number = r.body.parcel.waybill as string;
    const v = await s.as('operator', 'POST', `/api/parcels/${r.body.parcel.id}/void`, { reason: 'box damaged' });
    expect(v.status).toBe(200);
    expect(peer.cancelled).toContain(number);
    expect(getWaybill(s.core.db, number)).toMatchObject({ status: 'voided', voidReason: 'box damaged' });
    const next = await postParcel(s, o.id, parcelBody(v.body.order.version, sku.A));
    expect(next.status).toBe(201);
    expect(next.body.parcel.waybill).not.toBe(number);
  });

  it('a carrier with a number range keeps its range numbers (no carrier call)', async () => {
    const { s, sku } = shop;
    const o = await startedOrder('sf');
    const calls = peer.orderCalls;
    const r = await postParcel(s, o.id, parcelBody(o.version, sku.A));
    expect(r.status).toBe(201);
    expect(r.body.parcel.waybill).toMatch(/^SF/);
    expect(peer.orderCalls).toBe(calls);
  });
});

describe('the e-waybill preview with a real order', () => {
  it("shows the order's e-waybill, or says which carrier account is missing", async () => {
    const { s, sku } = shop;
    const o = await startedOrder();
    await postParcel(s, o.id, parcelBody(o.version, sku.A));
    const ok = await s.as('lead', 'GET', `/api/labels/templates/cn-ewaybill-76x130/preview?order=${o.number}&format=zpl`);
    expect(ok.status).toBe(200);
    expect(ok.text.startsWith('^XA')).toBe(true);
    const ems = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }], 'ems');
    const missing = await s.as('lead', 'GET', `/api/labels/templates/cn-ewaybill-76x130/preview?order=${ems.number}&format=png`);
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/carrier ems of order PL\d+ has no e-waybill account: set one up in Settings > Carrier accounts/);
    const notYet = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }], 'zto');
    const pending = await s.as('lead', 'GET', `/api/labels/templates/cn-ewaybill-76x130/preview?order=${notYet.number}&format=png`);
    expect(pending.body.error.message).toMatch(/has no e-waybill yet: carrier zto issues it .* when the parcel is confirmed/);
  });
});
