// Tables in and out as the files shops live in: CSV (UTF-8, UTF-16 or GBK, see csv-encoding.ts) and
// Excel .xlsx. The one place that reads and writes them; every import and export goes through it.
// exceljs: a maintained reader and writer of .xlsx (cell types, shared strings, dates) that we would
// not want to write by hand.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { decodeCsv, type CsvEncoding } from './csv-encoding';
import { fail } from './errors';

export type SheetFormat = 'csv' | 'xlsx';
export type Cell = string | number | null | undefined;

export interface SheetRows {
  format: SheetFormat;
  /** the CSV's encoding; undefined for .xlsx */
  encoding?: CsvEncoding;
  /** every row of the first worksheet (or of the CSV), each cell as text; empty cells are '' */
  rows: string[][];
}

/** A .xlsx file is a ZIP archive: it starts with "PK\x03\x04". */
export const isXlsx = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;

/** The text of one Excel cell as a person sees it (dates as YYYY-MM-DD HH:mm:ss, formulas by their result). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace(/ 00:00:00$/, '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

/** Reads a CSV or .xlsx file (told apart by its bytes) into rows of text. Refuses a damaged workbook by name. */
export async function readSheet(bytes: Buffer): Promise<SheetRows> {
  if (isXlsx(bytes)) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      fail('validation', `the Excel file could not be read: ${(e as Error).message}`);
    }
    const sheet = book.worksheets[0];
    if (!sheet) fail('validation', 'the Excel file has no worksheet');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      rows[n - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { format: 'xlsx', rows };
  }
  const { text, encoding } = decodeCsv(bytes);
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return { format: 'csv', encoding, rows };
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const csvCell = (v: Cell) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A table as a file. CSV is UTF-8 with a BOM, so Excel on a Chinese Windows opens it in the right
 * encoding; numbers stay numbers in .xlsx. `sheetName` names the worksheet. Rows may come page by page
 * (an async iterable), so a long export lets other requests run in between.
 */
export async function writeSheet(format: SheetFormat, header: string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, sheetName = 'Sheet1'): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [header.map(csvCell).join(',')];
    for await (const r of rows) lines.push(r.map(csvCell).join(','));
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  for await (const r of rows) sheet.addRow(r.map((v) => (v === undefined ? null : v)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The Content-Type and file extension of a format, for a download. */
export const SHEET_TYPES: Record<SheetFormat, { contentType: string; ext: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
};
