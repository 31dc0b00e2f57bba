// Tables in and out as the files shops live in: CSV (UTF-8, UTF-16 or GBK, see csv-encoding.ts) and
// Excel .xlsx. The one place that reads and writes them; every import and export goes through it.
// exceljs: a maintained reader and writer of .xlsx (cell types, shared strings, dates) that we would
// not want to write by hand.
import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { decodeCsv, type CsvEncoding } from './csv-encoding';
import { fail } from './errors';

export type SheetFormat = 'csv' | 'xlsx';

/**
 * exceljs, loaded when a workbook is first read or written: loading it took ~250 ms, which every
 * CSV statement import paid in its worker thread (and every core at its start) for nothing.
 */
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS));
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
    const book = new (await loadExcel()).Workbook();
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
  const rows = text.includes('"') ? (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]) : unquotedLines(text).map((line) => line.split(','));
  return { format: 'csv', encoding, rows };
}

/**
 * A CSV with no quote in it, read as csv-parse reads it (above) but several times faster (a 100,000-row
 * payout statement spent seconds in csv-parse): its rows end as its first row does (\r\n, \n or \r,
 * csv-parse's own detection: a row never ends otherwise), empty lines skipped; its cells are the
 * line split at commas.
 */
function unquotedLines(text: string): string[] {
  const at = text.search(/[\r\n]/);
  const end = at < 0 ? '\n' : text[at] === '\r' ? (text[at + 1] === '\n' ? '\r\n' : '\r') : '\n';
  const lines: string[] = [];
  for (const line of text.split(end)) if (line !== '') lines.push(line);
  return lines;
}

/**
 * A sheet read a row at a time (readSheetLines): the cells of a row as readSheet gives them, split
 * only when the row is read, so a big file is never held as millions of cell strings at once.
 */
export interface SheetLines {
  format: SheetFormat;
  encoding?: CsvEncoding;
  /** rows in the sheet (readSheet's rows.length) */
  count: number;
  /** a row's cells (readSheet's rows[i]; read, never changed) */
  cells(i: number): string[];
  /** a row's line as the file has it, when the file is a CSV with no quote in it (its cells joined by commas); else undefined */
  line(i: number): string | undefined;
}

/** Rows already read (an Excel sheet, a quoted CSV, rows made in code) as SheetLines. */
export const sheetOfRows = (rows: string[][], format: SheetFormat = 'csv', encoding?: CsvEncoding): SheetLines =>
  ({ format, encoding, count: rows.length, cells: (i) => rows[i]!, line: () => undefined });

/** readSheet, with a CSV that has no quote in it (the big statements) kept as its lines, each split into cells when read. */
export async function readSheetLines(bytes: Buffer): Promise<SheetLines> {
  if (isXlsx(bytes)) return sheetOfRows((await readSheet(bytes)).rows, 'xlsx');
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('"')) return sheetOfRows(parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][], 'csv', encoding);
  const lines = unquotedLines(text);
  return { format: 'csv', encoding, count: lines.length, cells: (i) => lines[i]!.split(','), line: (i) => lines[i] };
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const csvCell = (v: Cell) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A CSV line. Most rows need no quoting: their cells joined (null and undefined join as '') hold no
 * quote or line break and no comma but the separators, checked once per line, not per cell.
 */
function csvLine(r: Cell[]): string {
  const line = r.join(',');
  if (/["\r\n]/.test(line)) return r.map(csvCell).join(',');
  let commas = 0;
  for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) commas++;
  return commas === r.length - 1 ? line : r.map(csvCell).join(',');
}

/** CSV text is handed on in pieces of about this many characters. */
const CSV_PIECE = 256 * 1024;

/**
 * A table written as a file into `out`, piece by piece as the rows come: CSV is UTF-8 with a BOM, so
 * Excel on a Chinese Windows opens it in the right encoding; .xlsx through exceljs's streaming
 * writer (rows committed as they come, strings inline, no styles), so a 100,000-row export never holds the
 * whole workbook. Numbers stay numbers in .xlsx. `sheetName` names the worksheet. Rows may come
 * page by page (an async iterable), so a long export lets other requests run in between.
 * Resolves when the file is complete; `out` is ended.
 */
export async function writeSheetTo(out: Writable, format: SheetFormat, header: string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, sheetName = 'Sheet1'): Promise<void> {
  if (format === 'csv') {
    const pieces: string[] = [];
    let size = 0;
    const flush = async () => {
      if (!out.write(pieces.join(''), 'utf8')) await once(out, 'drain');
      pieces.length = 0;
      size = 0;
    };
    out.write(Buffer.from([0xef, 0xbb, 0xbf]));
    pieces.push(csvLine(header) + '\r\n');
    for await (const r of rows) {
      const line = csvLine(r) + '\r\n';
      pieces.push(line);
      if ((size += line.length) >= CSV_PIECE) await flush();
    }
    await flush();
    out.end();
    await finished(out);
    return;
  }
  // Without styles (a bold header row): with them exceljs took twice as long per row (bench/search.bench.ts).
  const book = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(header).commit();
  for await (const r of rows) sheet.addRow(r.map((v) => (v === undefined ? null : v))).commit();
  sheet.commit();
  await book.commit();
}

/** A table as a file in memory (writeSheetTo, collected). */
export async function writeSheet(format: SheetFormat, header: string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, sheetName = 'Sheet1'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeSheetTo(out, format, header, rows, sheetName);
  return Buffer.concat(chunks);
}

/** The Content-Type and file extension of a format, for a download. */
export const SHEET_TYPES: Record<SheetFormat, { contentType: string; ext: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
};
