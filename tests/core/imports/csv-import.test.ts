// CSV import with a saved column mapping: UTF-8 and GBK files with Chinese headers, multi-line
// orders grouped by external id, bad rows reported by spreadsheet row (header = row 1) and column.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import iconv from 'iconv-lite';
import { startCore, addSku, count, snapshot, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'WH-0001', { onHand: 100 });
      addSku(core, 'WH-0002', { onHand: 100, barcodes: [{ code: '6901234567892', units: 1 }] });
    },
  });
  const m = await s.as('lead', 'POST', '/api/csv-mappings', {
    name: '淘宝导出',
    channel: 'taobao',
    columns: { externalId: '订单编号', sku: '商品编码', qty: '数量', lineName: '商品名称', unitPrice: '单价', name: '收货人', phone: '联系电话', province: '省份', city: '城市', district: '区县', address1: '详细地址' },
    defaults: { country: 'CN', currency: 'CNY' },
  });
  expect(m.status).toBe(201);
});
afterAll(() => s.close());

const HEADER = '订单编号,商品编码,商品名称,数量,单价,收货人,联系电话,省份,城市,区县,详细地址';
const row = (ext: string, sku: string, qty: string, name = '张三', phone = '13800138000') => `${ext},${sku},保温杯,${qty},35.50,${name},${phone},广东省,深圳市,南山区,科技园路1号`;
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const importCsv = (bytes: Buffer | string, mapping = '淘宝导出') => s.as('lead', 'POST', `/api/imports/csv?mapping=${encodeURIComponent(mapping)}`, bytes, { 'Content-Type': 'text/csv' });
const ordersOf = (ext: string) => count(s.core, 'orders', `WHERE channel = 'taobao' AND external_id = '${ext}'`);

describe('CSV import', () => {
  it('saves the mapping once and lists it', async () => {
    const r = await s.as('admin', 'GET', '/api/csv-mappings');
    expect(r.body.items.map((m: { name: string }) => m.name)).toContain('淘宝导出');
    const dup = await s.as('lead', 'POST', '/api/csv-mappings', { name: '淘宝导出', channel: 'taobao', columns: { externalId: 'a', sku: 'b', qty: 'c' } });
    expect(dup.status).toBe(409);
    const incomplete = await s.as('lead', 'POST', '/api/csv-mappings', { name: 'half', channel: 'taobao', columns: { externalId: 'a' } });
    expect(incomplete.status).toBe(422);
  });

  it('previews and imports a UTF-8 file: multi-line orders grouped, a bad row reported with row and column', async () => {
    const file = Buffer.from(csv(row('TB1001', 'WH-0001', '1'), row('TB1001', '6901234567892', '2'), row('TB1002', 'WH-0002', '1', 'Emma Johnson'), row('TB1003', 'WH-0001', 'two')), 'utf8');
    const p = await s.as('lead', 'POST', '/api/imports/csv/preview', file, { 'Content-Type': 'text/csv' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ encoding: 'utf-8', rows: 4, complete: true });
    expect(p.body.headers).toEqual(HEADER.split(','));
    expect(p.body.sample[0][0]).toBe('TB1001');

    const r = await importCsv(file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ encoding: 'utf-8', rows: 4, orders: 2, created: 2, duplicates: 0, failed: 1 });
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0]).toMatchObject({ row: 5, externalId: 'TB1003', code: 'validation' });
    expect(r.body.errors[0].message).toContain('数量');
    expect(r.body.errors[0].message).toContain('row 5');
    expect(ordersOf('TB1003')).toBe(0);

    const found = await s.as('lead', 'GET', '/api/orders?q=TB1001');
    const order = await s.as('lead', 'GET', `/api/orders/${found.body.items[0].id}`);
    expect(order.body.lines.map((l: { sku: string; qty: number }) => [l.sku, l.qty])).toEqual([['WH-0001', 1], ['WH-0002', 2]]);
    expect(order.body.shipTo).toMatchObject({ name: '张三', country: 'CN', city: '深圳市' });
  });

  it('imports a GBK file with Chinese headers and names', async () => {
    const text = csv(row('TB2001', 'WH-0001', '1', '欧阳娜娜'), row('TB2002', 'WH-0002', '3', '李四'));
    const file = iconv.encode(text, 'gbk');
    expect(file.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const p = await s.as('lead', 'POST', '/api/imports/csv/preview', file, { 'Content-Type': 'text/csv' });
    expect(p.body.encoding).toBe('gbk');
    expect(p.body.headers).toEqual(HEADER.split(','));
    const r = await importCsv(file);
    expect(r.body).toMatchObject({ encoding: 'gbk', created: 2, failed: 0, errors: [] });
    const found = await s.as('lead', 'GET', '/api/orders?q=TB2001');
    const order = await s.as('lead', 'GET', `/api/orders/${found.body.items[0].id}`);
    expect(order.body.shipTo.name).toBe('欧阳娜娜');
    expect(order.body.shipTo.address1).toBe('科技园路1号');
    expect(order.body.lines[0].name).toBe('保温杯');
    expect(order.body.lines[0].qty).toBe(1);
  });

  it('reports duplicates on re-import and creates nothing', async () => {
    const file = Buffer.from(csv(row('TB3001', 'WH-0001', '1'), row('TB3002', 'WH-0001', '1')), 'utf8');
    expect((await importCsv(file)).body).toMatchObject({ created: 2, duplicates: 0 });
    const before = snapshot(s.core);
    expect((await importCsv(file)).body).toMatchObject({ created: 0, duplicates: 2, failed: 0 });
    expect(snapshot(s.core)).toEqual(before);
  });

  it('an order whose rows include a bad one is not created at all (no order missing a line)', async () => {
    const file = Buffer.from(csv(row('TB4001', 'WH-0001', '1'), row('TB4001', 'WH-0002', 'x'), row('TB4002', 'WH-0001', '1')), 'utf8');
    const r = await importCsv(file);
    expect(r.body.errors.map((e: { row: number }) => e.row)).toEqual([3]);
    expect(r.body.created).toBe(1);
    expect(ordersOf('TB4001')).toBe(0);
    expect(ordersOf('TB4002')).toBe(1);
  });

  it('a bad field names the row and the spreadsheet column', async () => {
    const file = Buffer.from(csv(row('TB5001', 'WH-0001', '1'), row('TB5002', 'WH-0001', '1', '王五', 'unknown')), 'utf8');
    const r = await importCsv(file);
    expect(r.body.created).toBe(1);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 3, externalId: 'TB5002' })]);
    expect(r.body.errors[0].message).toMatch(/row 3.*联系电话/);
    expect(ordersOf('TB5002')).toBe(0);
  });

  it('an unknown SKU on the second line of an order names that row and the SKU column', async () => {
    const file = Buffer.from(csv(row('TB6001', 'WH-0001', '1'), row('TB6001', 'NOPE-9', '1')), 'utf8');
    const r = await importCsv(file);
    expect(r.body).toMatchObject({ created: 0, failed: 1 });
    expect(r.body.errors[0]).toMatchObject({ row: 3, externalId: 'TB6001' });
    expect(r.body.errors[0].message).toMatch(/row 3.*商品编码/);
    expect(r.body.errors[0].message).toContain('NOPE-9');
    expect(ordersOf('TB6001')).toBe(0);
  });

  it('refuses a file that lacks a mapped column, an unknown mapping, and a header-only file, changing nothing', async () => {
    const before = snapshot(s.core);
    const missing = await importCsv(Buffer.from('订单编号,商品编码\r\nTB7001,WH-0001\r\n', 'utf8'));
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('数量');
    const unknown = await importCsv(Buffer.from(csv(row('TB7002', 'WH-0001', '1'))), 'no-such-mapping');
    expect(unknown.status).toBe(404);
    const empty = await importCsv(Buffer.from(HEADER + '\n'));
    expect(empty.status).toBe(422);
    const broken = await importCsv(Buffer.from(`${HEADER}\n"TB7003,WH-0001,x\n`));
    expect(broken.status).toBe(400);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('an empty file, a byte-order mark alone and a one-byte file: the preview and the import say what is wrong, changing nothing', async () => {
    const before = snapshot(s.core);
    const preview = (bytes: Buffer) => s.as('lead', 'POST', '/api/imports/csv/preview', bytes, { 'Content-Type': 'text/csv' });
    for (const bytes of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe])]) {
      for (const r of [await preview(bytes), await importCsv(bytes)]) {
        expect([r.status, r.body.error?.message], `${bytes.toString('hex')}`).toEqual([422, 'the file is empty']);
      }
    }
    // one byte is a header of one column: the preview shows it, the import has no rows to take
    const one = await preview(Buffer.from('A'));
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({ encoding: 'utf-8', headers: ['A'], rows: 0 });
    const imported = await importCsv(Buffer.from('A'));
    expect([imported.status, imported.body.error?.message]).toEqual([422, 'the file has a header but no rows']);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('reads UTF-16 without a BOM (little- and big-endian) as UTF-16, not as GBK', async () => {
    const text = csv(row('TB8001', 'WH-0001', '1', '欧阳娜娜'), row('TB8002', 'WH-0002', '2', '李四'));
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [file, encoding] of [[le, 'utf-16le'], [be, 'utf-16be']] as const) {
      const p = await s.as('lead', 'POST', '/api/imports/csv/preview', file, { 'Content-Type': 'text/csv' });
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ encoding, rows: 2, complete: true });
      expect(p.body.headers).toEqual(HEADER.split(','));
      expect(p.body.sample[0][5]).toBe('欧阳娜娜');
    }
    const r = await importCsv(le);
    expect(r.body).toMatchObject({ encoding: 'utf-16le', created: 2, failed: 0 });
    const found = await s.as('lead', 'GET', '/api/orders?q=TB8001');
    const order = await s.as('lead', 'GET', `/api/orders/${found.body.items[0].id}`);
    expect(order.body.shipTo.name).toBe('欧阳娜娜');
  });

  it('a bad quote in row 3 is reported at row 3 and its column, and nothing is imported', async () => {
    const before = snapshot(s.core);
    const rows = [row('TB9001', 'WH-0001', '1'), `TB9002,WH-0001,"保温杯,1,35.50,张三,13800138000,广东省,深圳市,南山区,科技园路1号`];
    for (let i = 0; i < 6; i++) rows.push(row(`TB90${10 + i}`, 'WH-0001', '1'));
    for (const file of [csv(...rows), csv(row('TB9001', 'WH-0001', '1'), 'TB9002,WH-0001,保"温杯,1,35.50,张三,13800138000,广东省,深圳市,南山区,科技园路1号')]) {
      for (const path of ['/api/imports/csv/preview', `/api/imports/csv?mapping=${encodeURIComponent('淘宝导出')}`]) {
        const r = await s.as('lead', 'POST', path, file, { 'Content-Type': 'text/csv' });
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('bad_request');
        expect(r.body.error.message).toMatch(/^the file is not readable CSV at row 3, column "商品名称": .*quote/);
        expect(r.body.error.message).not.toMatch(/line \d/);
      }
    }
    expect(snapshot(s.core)).toEqual(before);
  });

  it('is for leads and admins only', async () => {
    const r = await s.as('operator', 'POST', '/api/imports/csv?mapping=x', 'a,b\n1,2\n', { 'Content-Type': 'text/csv' });
    expect(r.status).toBe(403);
  });

  it('an order that fails mid-write is reported by its row and leaves nothing; the rest of the file is imported', async () => {
    // a trigger refusing the reservation stands in for a disk or constraint error after the order row was written
    s.core.db.exec("CREATE TRIGGER inject_failure BEFORE INSERT ON reservations WHEN NEW.qty = 7 BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    try {
      const r = await importCsv(csv(row('MW1', 'WH-0001', '1'), row('MW2', 'WH-0001', '7'), row('MW3', 'WH-0002', '2')));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ created: 2, failed: 1 });
      expect(r.body.errors).toEqual([{ row: 3, externalId: 'MW2', code: 'internal', message: expect.stringContaining('row 3') }]);
      expect([ordersOf('MW1'), ordersOf('MW2'), ordersOf('MW3')]).toEqual([1, 0, 1]);
      expect(count(s.core, 'order_lines', 'WHERE order_id NOT IN (SELECT id FROM orders)')).toBe(0);
    } finally {
      s.core.db.exec('DROP TRIGGER inject_failure');
    }
  });
});
