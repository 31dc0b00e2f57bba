// Reading a CSV or Excel export into order inputs: decode, parse, group the rows of one order by its
// external id with a saved mapping, validate. Pure work on bytes (no database): a big file runs it
// in a worker thread (csv-worker.ts), a small one on the core's thread. Row numbers in errors are
// spreadsheet rows: the header is row 1.
import { parse } from 'csv-parse/sync';
import { isXlsx, readSheet } from '../../../lib/spreadsheet';
import { splitAddress } from './address-split';
import type { CsvMapping, ImportReport, CsvField } from '../../../contract/imports';
import { OrderInput } from '../../../contract/orders';
import { AppError, fail, issue, rowWords } from '../../../lib/errors';
import { said, type Said } from '../../../contract/field-messages';
import { zodIssues } from '../../http/validate';
import { decodeCsv, decodeAs, detectEncoding, wholeLines, type CsvEncoding } from '../../../lib/csv-encoding';

const MAX_ROWS = 500_000;
/** Errors an import report lists (the first by row); `failed` counts them all. */
export const MAX_REPORTED_ERRORS = 1000;
/** Rows of the file shown by the preview (after the header). */
const SAMPLE_ROWS = 5;

const PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true } as const;

/** What the parser said, as the row (and column) a person finds in a spreadsheet. */
const QUOTE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell starts here and its closing quote is missing',
  INVALID_OPENING_QUOTE: 'a quote in the middle of a cell (inside a quoted cell, write a quote as "")',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a cell',
};

function unreadable(text: string, err: { message: string; code?: string; records?: number; index?: number }): never {
  // `records` is how many whole records came before the bad one: the header is record 1 (row 1).
  const row = err.records === undefined ? null : err.records + 1;
  let column = '';
  if (row !== null && row > 1 && err.index !== undefined) {
    const header = (parse(text, { ...PARSE_OPTIONS, to: 1 }) as string[][])[0] ?? [];
    column = header[err.index] ? `, column "${header[err.index]}"` : `, column ${err.index + 1}`;
  }
  const what = (err.code && QUOTE_PROBLEMS[err.code]) ?? err.message;
  return fail('bad_request', `the file is not readable CSV${row ? ` at row ${row}${column}` : ''}: ${what}`, row ? [{ path: `row ${row}`, message: what, row }] : undefined);
}

/**
 * Taobao's CSV writes long numbers as Excel text formulas, ="3102938475610001", so Excel keeps every
 * digit. To a strict CSV parser that is a quote inside a cell: such whole cells become their text,
 * every other stray quote is still refused by row and column.
 */
const EXCEL_TEXT_CELL = /(^|,)="([^",\r\n]*)"(?=,|\r?\n|$)/gm;
const excelTextCells = (text: string) => (text.includes('="') ? text.replace(EXCEL_TEXT_CELL, '$1$2') : text);

/** The rows of `text`, or with `to` only its first `to` rows (the parser stops there). */
function parseRows(raw: string, to?: number): string[][] {
  const text = excelTextCells(raw);
  try {
    const rows = parse(text, to ? { ...PARSE_OPTIONS, to } : PARSE_OPTIONS) as string[][];
    if (rows.length > MAX_ROWS + 1) fail('payload_too_large', `the file has ${rows.length - 1} rows; import at most ${MAX_ROWS} at a time`);
    return rows;
  } catch (e) {
    if (e instanceof AppError) throw e;
    return unreadable(text, e as { message: string });
  }
}

/**
 * Records in CSV text, counted without parsing it (the parser takes ~2 s a MiB on a busy machine):
 * line ends outside quotes, empty lines left out as the parser skips them.
 */
function countRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    if (c === 0x0a && !quoted) {
      if (content) records++;
      content = false;
    } else if (c !== 0x0d) content = true;
  }
  return content ? records + 1 : records;
}

/**
 * The preview of a file from its first bytes (`complete`: they are the whole file): encoding,
 * headers and a few rows (parsed only that far), and how many rows those bytes hold.
 */
export async function previewCsv(body: { bytes: Buffer; complete: boolean }) {
  if (isXlsx(body.bytes)) {
    // A workbook is a ZIP archive: its first MiB alone cannot be opened.
    if (!body.complete) fail('payload_too_large', 'an Excel file over 1 MiB cannot be previewed: save it as CSV (or import it with a saved mapping straight away)');
    const { rows } = await readSheet(body.bytes);
    const filled = rows.filter((r) => r.some((c) => c !== ''));
    if (filled.length === 0) fail('validation', said('excelEmpty'));
    return { encoding: 'xlsx', headers: filled[0]!, sample: filled.slice(1, 1 + SAMPLE_ROWS), rows: filled.length - 1, complete: true };
  }
  const { text, encoding } = body.complete ? decodeCsv(body.bytes) : firstLines(body.bytes);
  const rows = parseRows(text, 1 + SAMPLE_ROWS);
  if (rows.length === 0) fail('validation', said('fileEmpty'));
  return { encoding, headers: rows[0]!, sample: rows.slice(1), rows: countRecords(text) - 1, complete: body.complete };
}

/** The text of a file's first bytes, ended at their last whole line. */
function firstLines(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  const { encoding, bom } = detectEncoding(bytes);
  return { text: decodeAs(wholeLines(bytes, encoding).subarray(bom), encoding), encoding };
}

/** "12.50" -> 1250. Money in files is decimal; we keep integer minor units. */
function toMinor(s: string, row: number, field: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.replace(/[,\s]/g, ''));
  if (!m) throw new RowError(row, field, said('notAnAmount', { value: s }));
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

class RowError extends Error {
  constructor(readonly row: number, readonly field: string, readonly words: Said) {
    super(words.message);
  }
}

interface Group { rows: number[]; input: unknown }

/** Taobao writes long numbers as ="2948374723" so Excel keeps every digit: the number is what is inside. */
const unwrap = (s: string) => (s.startsWith('="') && s.endsWith('"') ? s.slice(2, -1).trim() : s);

/** Turns rows into one order input per external id, remembering which rows made it. */
function groupRows(mapping: CsvMapping, rows: string[][], report: ImportReport, rowNumbers?: number[]) {
  const header = rows[0]!;
  const index: Partial<Record<CsvField, number>> = {};
  for (const [field, column] of Object.entries(mapping.columns) as [CsvField, string][]) {
    const i = header.findIndex((h) => h.trim() === column.trim());
    if (i < 0) fail('validation', said('fileNoColumn', { column, field, columns: header.join(', ') }), [issue(`columns.${field}`, said('missingColumnNamed', { column }))]);
    index[field] = i;
  }
  const cell = (r: string[], f: CsvField) => (index[f] === undefined ? undefined : unwrap((r[index[f]!] ?? '').trim()) || undefined);
  const groups = new Map<string, Group>();
  const bad = new Set<string>(); // external ids with a bad row: the whole order is left out, never imported short of a line
  for (let n = 1; n < rows.length; n++) {
    const r = rows[n]!;
    const rowNo = rowNumbers?.[n] ?? n + 1;
    try {
      const externalId = cell(r, 'externalId');
      if (!externalId) throw new RowError(rowNo, 'externalId', said('rowNeedsOrderNumber'));
      const qtyText = cell(r, 'qty') ?? '';
      if (!/^\d+$/.test(qtyText)) throw new RowError(rowNo, 'qty', said('notWholeNumber', { value: qtyText }));
      const unitPrice = cell(r, 'unitPrice');
      const line = { sku: cell(r, 'sku'), channelSku: cell(r, 'channelSku'), qty: Number(qtyText), name: cell(r, 'lineName'), unitPrice: unitPrice ? toMinor(unitPrice, rowNo, 'unitPrice') : undefined };
      let g = groups.get(externalId);
      if (!g) {
        const total = cell(r, 'total');
        const currency = cell(r, 'currency') ?? mapping.defaults.currency;
        const whole = cell(r, 'fullAddress');
        const parts = whole ? splitAddress(whole) : {};
        g = {
          rows: [],
          input: {
            channel: mapping.channel, externalId,
            shipTo: {
              name: cell(r, 'name'), phone: cell(r, 'phone'), country: cell(r, 'country') ?? mapping.defaults.country, province: cell(r, 'province') ?? parts.province,
              city: cell(r, 'city') ?? parts.city, district: cell(r, 'district') ?? parts.district, address1: cell(r, 'address1') ?? parts.address1, address2: cell(r, 'address2'),
              postcode: cell(r, 'postcode') ?? parts.postcode,
            },
            carrier: cell(r, 'carrier') ?? mapping.defaults.carrier, service: cell(r, 'service'), shipBy: cell(r, 'shipBy'), note: cell(r, 'note'), paymentRef: cell(r, 'paymentRef'),
            total: total && currency ? { amount: toMinor(total, rowNo, 'total'), currency } : undefined,
            lines: [],
          },
        };
        groups.set(externalId, g);
      }
      g.rows.push(rowNo);
      (g.input as { lines: unknown[] }).lines.push(line);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      const externalId = cell(r, 'externalId') ?? null;
      if (externalId) bad.add(externalId);
      report.failed++;
      const column = mapping.columns[e.field as CsvField] ?? null;
      report.errors.push({ row: e.row, externalId, code: 'validation', column, message: `row ${e.row}, ${column ? `column "${column}"` : e.field}: ${e.message}`, ...rowWords(e.words) });
    }
  }
  for (const id of bad) groups.delete(id);
  return groups;
}

/** Which spreadsheet column a field path such as "shipTo.phone" or "lines.2.qty" came from. */
export function columnOf(mapping: CsvMapping, path: (string | number)[]): string {
  const header = columnHeaderOf(mapping, path);
  return header ? `column "${header}"` : path.join('.');
}

/** The file's column header a field path came from, or null when no column did. */
export function columnHeaderOf(mapping: CsvMapping, path: (string | number)[]): string | null {
  const leaf = String(path[path.length - 1]);
  let field = (path[0] === 'lines' && leaf === 'name' ? 'lineName' : leaf) as CsvField;
  // An address part read out of the one address column is that column's fault.
  if (!mapping.columns[field] && path[0] === 'shipTo' && ADDRESS_PARTS.has(field) && mapping.columns.fullAddress) field = 'fullAddress';
  return mapping.columns[field] ?? null;
}
const ADDRESS_PARTS = new Set<string>(['province', 'city', 'district', 'address1', 'postcode']);

/** One order input to import and the spreadsheet rows it came from. */
export interface PlannedOrder { rows: number[]; input: OrderInput }

/** What a file holds before anything is written: the valid orders, and a report of the rest. */
export interface CsvPlan { report: ImportReport; valid: PlannedOrder[] }

/** Reads a CSV or .xlsx file and checks every order in it; throws (an AppError) when the file as a whole is refused. */
export async function planImport(mapping: CsvMapping, bytes: Buffer): Promise<CsvPlan> {
  if (!isXlsx(bytes)) return planCsvImport(mapping, bytes);
  // Excel keeps empty rows between orders and below the last one: they are not rows to import.
  const { rows } = await readSheet(bytes);
  const kept: string[][] = [];
  const rowNumbers: number[] = [];
  rows.forEach((r, i) => {
    if (!r.some((c) => c.trim() !== '')) return;
    kept.push(r);
    rowNumbers.push(i + 1);
  });
  return planRows(mapping, kept, 'xlsx', rowNumbers);
}

/** Reads the CSV file and checks every order in it; throws (an AppError) when the file as a whole is refused. */
export function planCsvImport(mapping: CsvMapping, bytes: Buffer): CsvPlan {
  const { text, encoding } = decodeCsv(bytes);
  return planRows(mapping, parseRows(text), encoding);
}

/** `rowNumbers`: each row's number in the spreadsheet when empty rows were left out (else its index + 1). */
function planRows(mapping: CsvMapping, rows: string[][], encoding: string, rowNumbers?: number[]): CsvPlan {
  if (rows.length === 0) fail('validation', said('fileEmpty'));
  if (rows.length < 2) fail('validation', said('fileHeaderOnly'));
  const report: ImportReport = { encoding, rows: rows.length - 1, orders: 0, created: 0, duplicates: 0, failed: 0, errors: [] };
  const groups = [...groupRows(mapping, rows, report, rowNumbers).values()];
  report.orders = groups.length;
  const valid: PlannedOrder[] = [];
  for (const g of groups) {
    const p = OrderInput.safeParse(g.input);
    if (p.success) valid.push({ rows: g.rows, input: p.data });
    else {
      report.failed++;
      const i = p.error.issues[0]!;
      const lineIdx = i.path[0] === 'lines' ? Number(i.path[1]) : 0;
      const row = g.rows[lineIdx] ?? g.rows[0]!;
      const path = i.path as (string | number)[];
      report.errors.push({
        row, externalId: (g.input as { externalId: string }).externalId, code: 'validation', column: columnHeaderOf(mapping, path),
        message: `row ${row}, ${columnOf(mapping, path)}: ${i.message}`, ...rowWords(zodIssues(p.error)[0]!),
      });
    }
  }
  // Only the first errors are reported: a file of bad rows must not make a report of a hundred thousand.
  report.errors.sort((a, b) => a.row - b.row);
  if (report.errors.length > MAX_REPORTED_ERRORS) report.errors.length = MAX_REPORTED_ERRORS;
  return { report, valid };
}
