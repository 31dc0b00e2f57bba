// Carrier accounts per warehouse (issue 19), on the real core, HTTP server and SQLite, with the simulated
// Kuaidi100 on 127.0.0.1: Chengdu ships ZTO on its own 月结卡号 and sender address, Guangzhou on the
// shop-wide account; the label and the carrier's e-waybill request carry the parcel's warehouse's
// account; an unknown warehouse is refused and changes nothing; a test call is recorded on the account
// it tested; and an older database's accounts land in the default warehouse.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startKuaidi100Peer, type Kuaidi100Peer } from '../../../src-main/demo/kuaidi100-peer';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { openCore } from '../../../src-main/core/core';
import { accountBody } from '../tracking/fixture';
import { orderInput, setSettings, snapshot, tempDir } from '../helpers';
import { startPackShop, postParcel, start, type PackShop } from '../packing/fixture';

let shop: PackShop;
let peer: Kuaidi100Peer;
let cdBench: string;
let cdId: string;
const SHOP_SENDER = { name: '李小龙', phone: '13987654321', address: '广东省广州市白云区太和镇仓库8号' };
const CD_SENDER = { name: '成都仓 王五', phone: '13800028000', address: '四川省成都市双流区物流大道66号' };

beforeAll(async () => {
  shop = await startPackShop();
  const { s } = shop;
  setSettings(s.core, { sender: SHOP_SENDER });
  peer = await startKuaidi100Peer();
  const cd = await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: ['cd-bench-1'] });
  expect(cd.status).toBe(201);
  cdId = cd.body.id;
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'CD-01-01-1', onHandDelta: 50, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'CD'], rules: [{ name: '西南 → 成都', warehouse: 'CD', provinces: ['四川'], cities: [] }] })).status).toBe(200);
  cdBench = ((await s.as('lead', 'GET', '/api/benches')).body.items as { id: string; name: string }[]).find((b) => b.name === 'cd-bench-1')!.id;
  expect((await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { partnerId: 'ZTO-SHOP-0001' }))).status).toBe(200);
  const own = await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { warehouse: 'CD', partnerId: 'ZTO-CD-0028', sender: CD_SENDER }));
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ carrier: 'zto', warehouseId: cdId, partnerId: 'ZTO-CD-0028', sender: CD_SENDER });
});
afterAll(async () => {
  await peer.close();
  await shop.s.close();
});

async function packedZto(province: string, city: string, bench: string) {
  const { s, sku } = shop;
  const shipTo = { ...orderInput().shipTo, province, city, district: '某区', address1: '人民路1号' };
  const o = await s.as('lead', 'POST', '/api/orders', { ...orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), carrier: 'zto' }, { 'Idempotency-Key': `k-${Math.random()}` });
  expect(o.status).toBe(201);
  const t = await start(s, o.body.id, bench);
  expect(t.status).toBe(200);
  const r = await postParcel(s, o.body.id, { bench, expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
  expect(r.status).toBe(201);
  return { order: o.body as { id: string; warehouseId: string }, parcel: r.body, issued: peer.issued.at(-1)! };
}

describe('carrier accounts per warehouse', () => {
  it("lists each warehouse's own account beside the shop-wide one; a warehouse's list is what its parcels can use", async () => {
    const { s } = shop;
    const all = (await s.as('lead', 'GET', '/api/carrier-accounts')).body.items as { carrier: string; warehouseId: string | null; partnerId: string }[];
    expect(all.filter((a) => a.carrier === 'zto').map((a) => [a.warehouseId, a.partnerId])).toEqual([[null, 'ZTO-SHOP-0001'], [cdId, 'ZTO-CD-0028']]);
    const main = (await s.as('lead', 'GET', '/api/carrier-accounts?warehouse=MAIN')).body.items as { warehouseId: string | null }[];
    expect(main.map((a) => a.warehouseId)).toEqual([null]);
    const cd = (await s.as('lead', 'GET', '/api/carrier-accounts?warehouse=CD')).body.items as { warehouseId: string | null }[];
    expect(cd.map((a) => a.warehouseId)).toEqual([null, cdId]);
    expect((await s.as('lead', 'GET', '/api/carrier-accounts?warehouse=NOPE')).status).toBe(404);
  });

  it("a Chengdu parcel is labelled and asked for on Chengdu's 月结卡号 and sender; a Guangzhou parcel on the shop-wide account", async () => {
    const cd = await packedZto('四川省', '成都市', cdBench);
    expect(cd.order.warehouseId).toBe(cdId);
    expect(cd.issued).toMatchObject({ number: cd.parcel.parcel.waybill, partnerId: 'ZTO-CD-0028', senderAddress: CD_SENDER.address });
    expect(cd.parcel.label.carrier).toMatchObject({ code: 'zto', monthlyAccount: 'ZTO-CD-0028' });
    expect(cd.parcel.label.sender).toMatchObject({ name: CD_SENDER.name, phone: CD_SENDER.phone, address1: CD_SENDER.address });

    const gz = await packedZto('广东省', '深圳市', 'B1');
    expect(gz.order.warehouseId).toBe('wh_default');
    expect(gz.issued).toMatchObject({ number: gz.parcel.parcel.waybill, partnerId: 'ZTO-SHOP-0001', senderAddress: SHOP_SENDER.address });
    expect(gz.parcel.label.carrier).toMatchObject({ monthlyAccount: 'ZTO-SHOP-0001' });
    expect(gz.parcel.label.sender).toMatchObject({ name: SHOP_SENDER.name, address1: SHOP_SENDER.address });
  });

  it('an account for a warehouse that does not exist is refused naming the field, and nothing changes', async () => {
    const { s } = shop;
    const before = { ...snapshot(s.core), accounts: s.core.db.prepare('SELECT COUNT(*) FROM carrier_accounts').pluck().get() };
    const r = await s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { warehouse: 'XA', partnerId: 'ZTO-XA' }));
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([{ path: 'warehouse', message: 'unknown warehouse', key: 'unknownWarehouse' }]);
    expect({ ...snapshot(s.core), accounts: s.core.db.prepare('SELECT COUNT(*) FROM carrier_accounts').pluck().get() }).toEqual(before);
    expect((await s.as('lead', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url, { warehouse: 'CD' }))).status).toBe(403);
  });

  it("a test call tests the named warehouse's account and is remembered on that account only; the change is audited with the warehouse", async () => {
    const { s } = shop;
    const r = await s.as('admin', 'POST', '/api/carrier-accounts/zto/test?warehouse=CD');
    expect(r.body).toMatchObject({ ok: true });
    const zto = ((await s.as('admin', 'GET', '/api/carrier-accounts')).body.items as { carrier: string; warehouseId: string | null; lastTest: unknown }[]).filter((a) => a.carrier === 'zto');
    expect(zto.find((a) => a.warehouseId === cdId)!.lastTest).toMatchObject({ ok: true });
    expect(zto.find((a) => a.warehouseId === null)!.lastTest).toBeNull();
    expect((await s.as('admin', 'POST', '/api/carrier-accounts/sf/test?warehouse=CD')).status).toBe(404);
    const ev = s.core.db.prepare("SELECT data FROM events WHERE type = 'carrier_account.set' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(ev)).toMatchObject({ warehouseId: cdId, partnerId: 'ZTO-CD-0028' });
  });
});

describe('migration 2026120670', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it("the e-waybill preview of an order uses its warehouse's account, as printing does: Chengdu's own YTO account, which the shop has not", async () => {
    const { s, sku } = shop;
    expect((await s.as('admin', 'PUT', '/api/carrier-accounts/yto', accountBody(peer.url, { warehouse: 'CD', partnerId: 'YTO-CD-0007', sender: CD_SENDER }))).status).toBe(200);
    const shipTo = { ...orderInput().shipTo, province: '四川省', city: '成都市', district: '武侯区', address1: '人民南路4段1号' };
    const o = await s.as('lead', 'POST', '/api/orders', { ...orderInput({ shipTo, lines: [{ sku: 'SKU-A', qty: 1 }] }), carrier: 'yto' }, { 'Idempotency-Key': `k-${Math.random()}` });
    expect(o.body.warehouseId).toBe(cdId);
    const preview = (format: string) => s.as('lead', 'GET', `/api/labels/templates/cn-ewaybill-76x130/preview?order=${o.body.number}&format=${format}`);
    // before the label: the carrier issues the number at the bench (not "yto has no e-waybill account": the shop has none, Chengdu has)
    const before = await preview('zpl');
    expect(before.status).toBe(422);
    expect(before.text).toContain('has no e-waybill yet: carrier yto issues it');
    const t = await start(s, o.body.id, cdBench);
    const r = await postParcel(s, o.body.id, { bench: cdBench, expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(r.status, r.text).toBe(201);
    expect(r.body.label.carrier).toMatchObject({ monthlyAccount: 'YTO-CD-0007' });
  });

  it("an older shop's carrier accounts land in its default warehouse, secrets and last test kept", async () => {
    const t = tempDir('packline-acct-mig-');
    cleanups.push(t.cleanup);
    const old = openConnection(join(t.dir, 'packline.db'));
    migrate(old, MIGRATIONS.filter((m) => m.version < 2026120670));
    old.prepare(`INSERT INTO carrier_accounts (carrier, source, template, api_key, api_secret, partner_id, updated_at, updated_by, test_at, test_ok, test_message)
      VALUES ('sf', 'kuaidi100', 'cn-ewaybill-100x180', 'K', 'S3CRET', '7551234567', '2026-11-01T00:00:00.000Z', 'usr_1', '2026-11-02T00:00:00.000Z', 1, 'ok')`).run();
    old.close();
    const core = openCore({ dataDir: t.dir });
    try {
      const rows = core.db.prepare('SELECT warehouse_id, carrier, api_secret, partner_id, test_message, sender_address FROM carrier_accounts').all();
      expect(rows).toEqual([{ warehouse_id: 'wh_default', carrier: 'sf', api_secret: 'S3CRET', partner_id: '7551234567', test_message: 'ok', sender_address: '' }]);
    } finally {
      await core.close();
    }
  });

  it('a shop already running two warehouses keeps its accounts shop-wide, so neither warehouse loses the account it labels with', async () => {
    const t = tempDir('packline-acct-mig2-');
    cleanups.push(t.cleanup);
    const old = openConnection(join(t.dir, 'packline.db'));
    migrate(old, MIGRATIONS.filter((m) => m.version < 2026120670));
    old.prepare("INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES ('wh_cd', 'CD', '成都仓', '2026-11-01', '2026-11-01')").run();
    old.prepare("INSERT INTO carrier_accounts (carrier, source, template, updated_at, updated_by) VALUES ('zto', 'range', 'cn-ewaybill-76x130', '2026-11-01', 'usr_1')").run();
    old.close();
    const core = openCore({ dataDir: t.dir });
    try {
      expect(core.db.prepare('SELECT warehouse_id, carrier FROM carrier_accounts').all()).toEqual([{ warehouse_id: '', carrier: 'zto' }]);
    } finally {
      await core.close();
    }
  });
});
