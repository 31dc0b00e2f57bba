// The one reader and writer of shop tables: what an export writes, an import reads back the same,
// in CSV (UTF-8 with BOM, GBK) and Excel; a damaged workbook is refused by name.
import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { readSheet, writeSheet, isXlsx } from '../../src-main/lib/spreadsheet';

const header = ['订单号', 'Name', 'Qty', 'Note'];
const rows = [['PL0000001', '刘艳', 2, 'fragile, "handle" with care'], ['PL0000002', 'Chen Jing', 10, 'line\nbreak']];

describe('spreadsheet', () => {
  it('writes .xlsx that reads back cell for cell, numbers as written', async () => {
    const bytes = await writeSheet('xlsx', header, rows, 'Orders');
    expect(isXlsx(bytes)).toBe(true);
    const back = await readSheet(bytes);
    expect(back.format).toBe('xlsx');
    expect(back.rows).toEqual([header, ...rows.map((r) => r.map(String))]);
  });

  it('writes CSV with a UTF-8 BOM (so Excel opens Chinese right) that reads back, quotes and line breaks kept', async () => {
    const bytes = await writeSheet('csv', header, rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await readSheet(bytes);
    expect(back).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(back.rows).toEqual([header, ...rows.map((r) => r.map(String))]);
  });

  it('reads a GBK CSV as a Chinese marketplace exports it', async () => {
    const back = await readSheet(iconv.encode('订单编号,收货人\r\n1001,刘艳\r\n', 'gbk'));
    expect(back).toMatchObject({ format: 'csv', encoding: 'gbk', rows: [['订单编号', '收货人'], ['1001', '刘艳']] });
  });

  it('refuses a damaged workbook with a message that says so', async () => {
    const bytes = await writeSheet('xlsx', header, rows);
    await expect(readSheet(bytes.subarray(0, 200))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/^the Excel file could not be read/) });
  });
});
