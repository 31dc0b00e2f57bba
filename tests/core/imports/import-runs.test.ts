// Imports from the screen: a GBK Taobao export (the platform's real headers, order numbers written
// as ="..." cells, one address column) and the same orders as an Excel file, with the Taobao preset;
// the run answers at once, is polled to its end, and its report names every refused row by row and
// column and downloads as CSV or .xlsx. A refused row changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { IMPORT_PRESETS, type ImportRun } from '../../../src-main/contract/imports';
import { readSheet, writeSheet } from '../../../src-main/lib/spreadsheet';
import { startCore, addSku, count, sleep, type TestServer } from '../helpers';

const TAOBAO_GBK = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'imports', 'taobao-orders-gbk.csv'));
const TAOBAO = IMPORT_PRESETS.find((p) => p.channel === 'taobao')!;

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => ['WH-0001', 'WH-0002', 'WH-0003', 'WH-0004', 'WH-0005'].forEach((sku) => addSku(core, sku, { onHand: 50 })) });
  expect((await s.as('lead', 'POST', '/api/csv-mappings', TAOBAO)).status).toBe(201);
});
afterAll(() => s.close());

async function runImport(bytes: Buffer, filename: string, mapping = TAOBAO.name): Promise<ImportRun> {
  const started = await s.as('lead', 'POST', `/api/imports?mapping=${encodeURIComponent(mapping)}&filename=${encodeURIComponent(filename)}`, bytes, { 'Content-Type': 'text/csv' });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ filename, mapping, state: 'running' });
  // as the screen does: ask how far it is until it has ended
  for (const until = Date.now() + 10_000; Date.now() < until; await sleep(50)) {
    const run = (await s.as('lead', 'GET', `/api/imports/${started.body.id}`)).body as ImportRun;
    if (run.state !== 'running') return run;
    expect(run.done).toBeLessThanOrEqual(run.total);
  }
  throw new Error('the import did not end within 10 s');
}

describe('imports from the screen', () => {
  it('offers the marketplaces\' presets', async () => {
    const r = await s.as('admin', 'GET', '/api/imports/presets');
    expect(r.body.items.map((p: { channel: string }) => p.channel)).toEqual(['taobao', 'jd', 'pinduoduo', 'douyin', 'shopify']);
  });

  it('previews the GBK Taobao export: its encoding, its headers, the order number out of its ="..." cell', async () => {
    const p = await s.as('lead', 'POST', '/api/imports/csv/preview', TAOBAO_GBK, { 'Content-Type': 'text/csv' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ encoding: 'gbk', rows: 6, complete: true });
    expect(p.body.headers).toEqual(expect.arrayContaining(Object.values(TAOBAO.columns)));
    expect(p.body.sample[0][0]).toBe('3102938475610001');
  });

  it('imports it: orders created with the address split into its parts, bad rows named by row and column, nothing else changed', async () => {
    const run = await runImport(TAOBAO_GBK, '淘宝订单 2026-12-03.csv');
    expect(run.state).toBe('done');
    expect(run.actorName).toBe('陈静 Chen Jing');
    expect(run.report).toMatchObject({ encoding: 'gbk', rows: 6, created: 3, duplicates: 0, failed: 2 });
    expect(run.done).toBe(run.total);
    expect(run.report!.errors).toEqual([
      { row: 5, externalId: '3102938475610003', code: 'validation', column: '宝贝总数量', message: expect.stringMatching(/^row 5, column "宝贝总数量": "两"/), key: 'notWholeNumber', params: { value: '两' } },
      { row: 6, externalId: '3102938475610004', code: 'validation', column: '商家编码', message: expect.stringMatching(/^row 6, column "商家编码": unknown SKU "NOT-A-SKU"/), key: 'unknownSkuNamed', params: { sku: 'NOT-A-SKU' } },
    ]);
    // the refused orders left nothing: no order, no line, no reservation
    expect(count(s.core, 'orders', "WHERE external_id IN ('3102938475610003', '3102938475610004')")).toBe(0);
    expect(count(s.core, 'order_lines', 'WHERE order_id NOT IN (SELECT id FROM orders)')).toBe(0);
    const id = s.core.db.prepare("SELECT id FROM orders WHERE channel = 'taobao' AND external_id = '3102938475610001'").pluck().get() as string;
    const order = (await s.as('lead', 'GET', `/api/orders/${id}`)).body;
    expect(order.shipTo).toEqual({ name: '刘艳', phone: '13808222172', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路100号华星科技大厦1201室', postcode: '310012' });
    expect(order.lines.map((l: { sku: string; qty: number }) => [l.sku, l.qty])).toEqual([['WH-0001', 2]]);
    expect(order.total).toEqual({ amount: 7000, currency: 'CNY' });
    const two = s.core.db.prepare("SELECT id FROM orders WHERE external_id = '3102938475610002'").pluck().get() as string;
    expect((await s.as('lead', 'GET', `/api/orders/${two}`)).body.lines.map((l: { sku: string }) => l.sku)).toEqual(['WH-0002', 'WH-0003']);
  });

  it('the same orders again are duplicates; the report downloads as CSV and .xlsx with the refused rows and the counts', async () => {
    const run = await runImport(TAOBAO_GBK, 'again.csv');
    expect(run.report).toMatchObject({ created: 0, duplicates: 3, failed: 2 });
    const csv = await fetch(`${s.url}/api/imports/${run.id}/report?format=csv`, { headers: { Authorization: `Bearer ${await s.tokenFor('lead')}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('again-report.csv');
    const rows = (await readSheet(Buffer.from(await csv.arrayBuffer()))).rows;
    expect(rows[0]).toEqual(['row', 'column', 'external id', 'code', 'problem']);
    expect(rows.slice(1, 3).map((r) => [r[0], r[1], r[2]])).toEqual([['5', '宝贝总数量', '3102938475610003'], ['6', '商家编码', '3102938475610004']]);
    expect(rows.slice(3).map((r) => [r[3], r[4]])).toEqual([['created', '0'], ['duplicates', '3'], ['refused', '2']]);
    const xlsx = await fetch(`${s.url}/api/imports/${run.id}/report?format=xlsx`, { headers: { Authorization: `Bearer ${await s.tokenFor('lead')}` } });
    const sheet = await readSheet(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows[1]!.slice(0, 3)).toEqual(['5', '宝贝总数量', '3102938475610003']);
  });

  it('imports an Excel export with the same mapping; its rows keep their spreadsheet numbers', async () => {
    // the fixture's cells (it has no quoted commas), a new order number for each, an empty row between (Excel users leave them)
    const rows = iconv.decode(TAOBAO_GBK, 'gbk').trim().split('\r\n').map((l) => l.split(','));
    const body = rows.slice(1).map((r) => r.map((c, i) => (i === 0 ? c.replace(/^="31(\d+)"$/, '41$1') : c)));
    const bytes = await writeSheet('xlsx', rows[0]!, [body[0]!, [], body[1]!, body[2]!, body[3]!, body[5]!]);
    const p = await s.as('lead', 'POST', '/api/imports/csv/preview', bytes, { 'Content-Type': 'text/csv' });
    expect(p.body).toMatchObject({ encoding: 'xlsx', rows: 5 });
    const run = await runImport(bytes, 'orders.xlsx');
    expect(run.report).toMatchObject({ encoding: 'xlsx', created: 3, failed: 1 });
    expect(run.report!.errors).toEqual([expect.objectContaining({ row: 6, column: '宝贝总数量' })]);
  });

  it('lists the runs newest first; an unknown mapping is refused before anything starts; operators may not import', async () => {
    const list = await s.as('admin', 'GET', '/api/imports');
    expect(list.body.items.map((r: ImportRun) => r.filename)).toEqual(['orders.xlsx', 'again.csv', '淘宝订单 2026-12-03.csv']);
    const runs = count(s.core, 'import_runs');
    const unknown = await s.as('lead', 'POST', '/api/imports?mapping=nope', TAOBAO_GBK, { 'Content-Type': 'text/csv' });
    expect(unknown.status).toBe(404);
    expect(count(s.core, 'import_runs')).toBe(runs);
    expect((await s.as('operator', 'POST', `/api/imports?mapping=${encodeURIComponent(TAOBAO.name)}`, TAOBAO_GBK, { 'Content-Type': 'text/csv' })).status).toBe(403);
  });

  it('a file that cannot be read at all ends the run as refused, saying why', async () => {
    const run = await runImport(iconv.encode('订单编号,别的列\r\n1,2\r\n', 'gbk'), 'wrong.csv');
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/the file has no column "商家编码"/);
  });
});
