// Carriers as master data: every role reads them, an admin adds and changes them, a refusal names
// the field and changes nothing, a waybill range needs a known carrier, a label carries the carrier's
// name and tracking page, and the migration keeps every carrier string a shop already has.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { join } from 'node:path';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { openCore } from '../../../src-main/core/core';
import { WELL_KNOWN_CARRIERS } from '../../../src-main/contract/carriers';
import { addSku, orderInput, startCore, SYSTEM, tempDir, type TestServer } from '../helpers';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { orderLabelData } from '../../../src-main/core/modules/labels/queries';
import { labelTemplateFor } from '../../../src-main/station/pack/label';
import type { LabelData } from '../../../src-main/contract/labels';

const CARRIERS_MIGRATION = 2026120310;

describe('carriers API', () => {
  let s: TestServer;
  beforeAll(async () => (s = await startCore()));
  afterAll(async () => s?.close());
  const list = async () => (await s.as('viewer', 'GET', '/api/carriers')).body.items as { code: string; active: boolean; services: string[]; trackingUrl: string }[];

  it('every role reads the carriers; a new shop is offered the well-known ones, not in use yet', async () => {
    for (const role of ['operator', 'lead', 'admin', 'finance', 'viewer'] as const) expect((await s.as(role, 'GET', '/api/carriers')).status).toBe(200);
    const items = await list();
    expect(items.map((c) => c.code).sort()).toEqual(WELL_KNOWN_CARRIERS.map((c) => c.code).sort());
    expect(items.every((c) => !c.active)).toBe(true);
    expect(items.find((c) => c.code === 'sf')).toMatchObject({ nameEn: 'SF Express', nameZh: '顺丰速运', labelTemplate: 'shipping-4x6', waybillSource: 'range' });
  });

  it('only an admin adds or changes a carrier', async () => {
    const body = { code: 'deppon', nameEn: 'Deppon', nameZh: '德邦快递' };
    for (const role of ['operator', 'lead', 'finance', 'viewer'] as const) {
      expect((await s.as(role, 'POST', '/api/carriers', body)).status).toBe(403);
      expect((await s.as(role, 'PATCH', '/api/carriers/sf', { active: true })).status).toBe(403);
    }
    const r = await s.as('admin', 'POST', '/api/carriers', { ...body, trackingUrl: 'https://www.deppon.com/track?no={number}', services: ['大件 Freight'] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'deppon', active: true, services: ['大件 Freight'], labelTemplate: 'shipping-4x6' });
    const p = await s.as('admin', 'PATCH', '/api/carriers/sf', { active: true, services: ['标快 Standard'] });
    expect(p.status).toBe(200);
    // a change names only what it changes: the tracking page stays
    expect(p.body).toMatchObject({ code: 'sf', active: true, services: ['标快 Standard'], trackingUrl: WELL_KNOWN_CARRIERS[0]!.trackingUrl });
    const events = s.core.db.prepare("SELECT type, entity_id FROM events WHERE entity = 'carrier' ORDER BY id").all();
    expect(events).toEqual([{ type: 'carrier.created', entity_id: 'deppon' }, { type: 'carrier.changed', entity_id: 'sf' }]);
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const before = JSON.stringify(await list());
    const cases: [unknown, string, number][] = [
      [{ code: 'SF Express', nameEn: 'x', nameZh: 'x' }, 'code', 422],
      [{ code: 'newco', nameEn: '', nameZh: 'x' }, 'nameEn', 422],
      [{ code: 'newco', nameEn: 'x', nameZh: 'x\u202Ey' }, 'nameZh', 422],
      [{ code: 'newco', nameEn: 'x', nameZh: 'x', trackingUrl: 'https://example.com/track' }, 'trackingUrl', 422],
      [{ code: 'newco', nameEn: 'x', nameZh: 'x', labelTemplate: 'no-such-label' }, 'labelTemplate', 422],
      [{ code: 'newco', nameEn: 'x', nameZh: 'x', waybillSource: 'pigeon' }, 'waybillSource', 422],
      [{ code: 'sf', nameEn: 'x', nameZh: 'x' }, 'code', 409],
    ];
    for (const [body, field, status] of cases) {
      const r = await s.as('admin', 'POST', '/api/carriers', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(field);
    }
    const patch = await s.as('admin', 'PATCH', '/api/carriers/sf', { services: ['x'.repeat(41)] });
    expect(patch.status).toBe(422);
    expect(patch.body.error.issues[0].path).toMatch(/^services/);
    expect((await s.as('admin', 'PATCH', '/api/carriers/nope', { active: true })).status).toBe(404);
    expect(JSON.stringify(await list())).toBe(before);
  });

  it('a waybill range needs a carrier the shop has: an unknown code is refused by name, and no range is added', async () => {
    const r = await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'sff', scheme: 'none', width: 6, first: 1, last: 99 });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('carrier "sff" is not set up');
    expect(r.body.error.issues).toEqual([{ path: 'carrier', message: 'unknown carrier', key: 'unknownCarrier' }]);
    expect((await s.as('admin', 'GET', '/api/waybill-ranges')).body.items).toEqual([]);
    expect((await s.as('admin', 'POST', '/api/waybill-ranges', { carrier: 'sf', scheme: 'none', width: 6, first: 1, last: 99 })).status).toBe(201);
  });

  it("a label shows the carrier's name in the recipient's language", () => {
    addSku(s.core, 'CAR-SKU', { onHand: 5 });
    const cn = s.core.writes.runNow(() => createOrder(s.core.ctx, orderInput({ sku: 'CAR-SKU', carrier: 'sf' }), SYSTEM)).orderId;
    const de = s.core.writes.runNow(() => createOrder(s.core.ctx, orderInput({ sku: 'CAR-SKU', carrier: 'dhl', shipTo: { name: 'Lena Weber', phone: '+49 30 1234567', country: 'DE', city: 'Berlin', address1: 'Invalidenstraße 1' } }), SYSTEM)).orderId;
    expect(orderLabelData(s.core.ctx, cn, { fullPhone: true }).carrier).toMatchObject({ code: 'sf', name: '顺丰速运', template: 'shipping-4x6' });
    expect(orderLabelData(s.core.ctx, de, { fullPhone: true }).carrier).toMatchObject({ code: 'dhl', name: 'DHL Express' });
  });
});

describe('carriers migration', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('every carrier code orders and waybill ranges already use becomes an active carrier', async () => {
    const t = tempDir('packline-carriers-mig-');
    cleanups.push(t.cleanup);
    const old = openConnection(join(t.dir, 'packline.db'));
    migrate(old, MIGRATIONS.filter((m) => m.version < CARRIERS_MIGRATION));
    old.prepare(`INSERT INTO orders (id, number, channel, external_id, state, ship_to, carrier, created_at, updated_at)
      VALUES ('ord_1', 'PL0000001', 'shop', 'E1', 'new', '{}', 'sf', 'x', 'x'), ('ord_2', 'PL0000002', 'shop', 'E2', 'new', '{}', 'kuaiyun', 'x', 'x'),
             ('ord_3', 'PL0000003', 'shop', 'E3', 'new', '{}', NULL, 'x', 'x')`).run();
    old.prepare(`INSERT INTO waybill_ranges (id, carrier, scheme, width, first_serial, last_serial, next_serial, created_at) VALUES ('wbr_1', 'ems', 'none', 6, 1, 9, 1, 'x')`).run();
    old.close();
    const core = openCore({ dataDir: t.dir });
    try {
      const rows = core.db.prepare('SELECT code, name_en, active FROM carriers WHERE active = 1 ORDER BY code').all();
      expect(rows).toEqual([
        { code: 'ems', name_en: 'China Post EMS', active: 1 },
        { code: 'kuaiyun', name_en: 'KUAIYUN', active: 1 },
        { code: 'sf', name_en: 'SF Express', active: 1 },
      ]);
      expect(() => core.db.prepare("DELETE FROM carriers WHERE code = 'sf'").run()).toThrow(/never deleted/);
    } finally {
      await core.close();
    }
  });
});

describe("a carrier's label template", () => {
  const data = (carrier: { template?: string; sortCode?: string }) => ({ order: { id: 'o', number: 'PL1' }, carrier: { code: 'sf', name: 'SF', ...carrier } }) as LabelData;

  it('is what the bench prints when the carrier names one; otherwise the e-waybill with a sorting code, else the 4x6 label', () => {
    expect(labelTemplateFor(data({ template: 'cn-ewaybill-100x180', sortCode: '755-A1' }), 'CN')).toBe('cn-ewaybill-100x180');
    expect(labelTemplateFor(data({ template: 'shipping-4x6', sortCode: '755-A1' }), 'CN')).toBe('cn-ewaybill-76x130');
    expect(labelTemplateFor(data({ template: 'shipping-4x6' }), 'CN')).toBe('shipping-4x6');
    expect(labelTemplateFor(data({}), 'DE')).toBe('shipping-4x6');
  });
});
