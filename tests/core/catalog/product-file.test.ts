// Products out and back in as CSV and Excel (.xlsx) through the real HTTP server: the export
// imports into an empty shop as the same catalog, importing it again adds nothing, a refused row
// is named by row and column while the other rows import.
import { describe, it, expect, afterEach } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { startCore, addSku, count, type TestServer } from '../helpers';
import { readSheet, writeSheet } from '../../../src-main/lib/spreadsheet';
import { PRODUCT_COLUMNS } from '../../../src-main/contract/catalog';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function shop(setup?: (core: Core) => void) {
  const s = await startCore({ setup });
  servers.push(s);
  return s;
}

/** What a person sees of the catalog (no ids, no stock). */
async function catalog(s: TestServer) {
  const r = await s.as('admin', 'GET', '/api/skus?status=all&limit=200');
  return r.body.items.map((x: Record<string, unknown>) => ({
    sku: x.sku, name: x.name, barcodes: x.barcodes, unitWeightG: x.unitWeightG, lengthMm: x.lengthMm, widthMm: x.widthMm, heightMm: x.heightMm,
    location: x.location, safetyStock: x.safetyStock, price: x.price, currency: x.currency, active: x.active,
  }));
}

async function download(s: TestServer, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const r = await fetch(`${s.url}/api/skus/export?format=${format}`, { headers: { Authorization: `Bearer ${await s.tokenFor('viewer')}` } });
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

function source(core: Core) {
  addSku(core, 'TEA-250', { barcodes: [{ code: '6900000000028', units: 1 }, { code: 'CASE-TEA-6', units: 6 }], location: 'B-01-02-1', safetyStock: 5 });
  addSku(core, 'CUP-1', { barcodes: [{ code: '6900000000035', units: 1 }] });
  core.db.prepare("UPDATE skus SET name = '绿茶 Green tea, \"premium\" 250g', price_minor = 3990, currency = 'CNY', length_mm = 120 WHERE sku = 'TEA-250'").run();
  core.db.prepare("UPDATE skus SET active = 0 WHERE sku = 'CUP-1'").run();
}

describe('products file', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: exported products import into an empty shop as the same catalog, and a second import adds nothing`, async () => {
      const from = await shop(source);
      const file = await download(from, format);
      const to = await shop();
      const first = await to.as('admin', 'POST', '/api/skus/import', file, { 'Content-Type': 'application/octet-stream' });
      expect(first.body).toMatchObject({ format, rows: 2, created: 2, updated: 0, unchanged: 0, refused: [] });
      expect(await catalog(to)).toEqual(await catalog(from));
      const events = count(to.core, 'events', "WHERE type LIKE 'sku.%'");
      const again = await to.as('lead', 'POST', '/api/skus/import', file);
      expect(again.body).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, refused: [] });
      expect(count(to.core, 'events', "WHERE type LIKE 'sku.%'")).toBe(events);
      expect(count(to.core, 'skus')).toBe(2);
    });
  }

  it('names a refused row by row and column and imports the rest; a changed row updates', async () => {
    const s = await shop((core) => void addSku(core, 'OLD-1', { barcodes: [{ code: '6900000000042', units: 1 }] }));
    const file = await writeSheet('xlsx', [...PRODUCT_COLUMNS], [
      ['NEW-1', 'New product', '6900000000059; NEW-CASE*12', 300, null, null, null, 'A-02-01-1', 4, '19.90', 'CNY', 1],
      ['NEW-2', 'Heavy?', '', 'about 3 kg', null, null, null, null, null, null, null, null],
      ['NEW-3', 'Steals a barcode', '6900000000042', 10, null, null, null, null, null, null, null, null],
      ['bad sku!', 'Bad code', '', null, null, null, null, null, null, null, null, null],
      ['OLD-1', 'Old product, renamed', '', null, null, null, null, null, null, null, null, null],
      ['NEW-4', '', '', null, null, null, null, null, null, null, null, null],
    ]);
    const r = await s.as('lead', 'POST', '/api/skus/import', file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 6, created: 1, updated: 1 });
    expect(r.body.refused.map((x: { row: number; column: string }) => [x.row, x.column])).toEqual([[3, 'unit_weight_g'], [4, 'barcodes'], [5, 'sku'], [7, 'name']]);
    expect(r.body.refused[1].message).toContain('OLD-1');
    // each refused row carries the words a screen says it with: a key and its values, or the check it failed
    expect(r.body.refused[0]).toMatchObject({ message: '"about 3 kg" is not a whole number', key: 'notWholeNumber', params: { value: 'about 3 kg' } });
    expect(r.body.refused[1]).toMatchObject({ key: 'barcodeTaken', params: { code: '6900000000042', sku: 'OLD-1' } });
    expect(r.body.refused[3]).toMatchObject({ column: 'name', rule: { code: 'invalid_type', expected: 'string' } }); // an empty cell is left out
    const made = (await s.as('viewer', 'GET', '/api/skus/NEW-1')).body;
    expect(made).toMatchObject({ barcodes: [{ code: '6900000000059', units: 1 }, { code: 'NEW-CASE', units: 12 }], price: 1990, location: 'A-02-01-1', safetyStock: 4 });
    expect((await s.as('viewer', 'GET', '/api/skus/OLD-1')).body.name).toBe('Old product, renamed');
    expect(count(s.core, 'skus')).toBe(2);
  });

  it('refuses a file without the sku and name columns, and an operator', async () => {
    const s = await shop();
    const r = await s.as('admin', 'POST', '/api/skus/import', await writeSheet('csv', ['code', 'title'], [['A', 'b']]));
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('"sku" is missing');
    expect((await s.as('operator', 'POST', '/api/skus/import', 'sku,name\r\nA-1,x\r\n')).status).toBe(403);
    expect(count(s.core, 'skus')).toBe(0);
  });

  it('the CSV export is UTF-8 with a BOM, readable back with its Chinese text', async () => {
    const s = await shop(source);
    const csv = await download(s, 'csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await readSheet(csv);
    expect(back.rows[0]).toEqual([...PRODUCT_COLUMNS]);
    expect(back.rows.find((r) => r[0] === 'TEA-250')).toEqual(['TEA-250', '绿茶 Green tea, "premium" 250g', '6900000000028; CASE-TEA-6*6', '100', '120', '', '', 'B-01-02-1', '5', '39.90', 'CNY', '1']);
  });
});
