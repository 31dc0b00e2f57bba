// The walk every statement format shares: find the header row, read each data row until the
// footer, refuse a row that does not read (by its row number and column) and keep the rest.
import type { RowIssue } from '../../../../contract/payouts';
import { fail, issue, rowWords } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { sheetOfRows, type SheetLines } from '../../../../lib/spreadsheet';
import { CellError, columnsOf, rawText, type ParsedRow } from './cells';

export interface StatementTable {
  rows: ParsedRow[];
  errors: RowIssue[];
  /** data rows read (not the header, comments or summary lines) */
  read: number;
}

export type Columns = ReturnType<typeof columnsOf>;

export interface TableFormat {
  /** the format's name in messages */
  name: string;
  /** a header row starts with this cell (after clean) */
  isHeader: (cells: string[]) => boolean;
  required: readonly string[];
  /** a header cell -> the column name the format uses */
  cleanHeader?: (h: string) => string;
  /** a cell's text -> its value (WeChat's leading backtick, Alipay's tab padding) */
  cleanCell?: (v: string) => string;
  /** a line that is not data: comments, blank lines */
  skip?: (cells: string[]) => boolean;
  /** the footer starts here: nothing after it is data */
  isEnd?: (cells: string[]) => boolean;
  read: (row: string[], cols: Columns, cell: (v: string) => string, line: number, raw: string) => ParsedRow;
}

/** A table opened at its header: its data rows are read from `next` on, a part at a time (readRows). */
export interface OpenTable { format: TableFormat; sheet: SheetLines; cols: Columns; clean: (v: string) => string; next: number; ended: boolean }

/** Finds the header row and checks its columns (refusing the file by the column it lacks). */
export function openTable(format: TableFormat, sheet: SheetLines): OpenTable {
  const clean = format.cleanCell ?? ((v: string) => v.trim());
  let h = 0;
  while (h < sheet.count && !format.isHeader(sheet.cells(h).map(clean))) h++;
  if (h >= sheet.count) fail('validation', said('statementNoHeader', { format: format.name, first: format.required[0]! }));
  const cols = columnsOf(sheet.cells(h), (x) => (format.cleanHeader ?? ((s) => s))(clean(x)));
  const missing = cols.missing(format.required);
  if (missing.length) fail('validation', said(missing.length > 1 ? 'statementLacksColumns' : 'statementLacksColumn', { format: format.name, columns: missing.join(', ') }), missing.map((m) => issue(m, said('missingColumn'))));
  return { format, sheet, cols, clean, next: h + 1, ended: h + 1 >= sheet.count };
}

/** Reads up to `count` more lines of an open table into `out` (a large file is read and planned a part at a time). */
export function readRows(t: OpenTable, count: number, out: StatementTable): void {
  const { format, sheet, cols, clean } = t;
  const until = Math.min(sheet.count, t.next + count);
  for (; t.next < until; t.next++) {
    const i = t.next;
    const r = sheet.cells(i);
    // Only the first cell tells a footer or a comment; the rest are cleaned as they are read.
    const first = [clean(r[0] ?? '')];
    if (format.isEnd?.(first)) {
      t.ended = true;
      return;
    }
    if (format.skip?.(first) || r.every((c) => clean(c) === '')) continue;
    out.read++;
    // A line of a CSV with no quote is the row's raw text as it is (rawText would join its cells back into it), unless a cell holds a lone line end.
    const line = sheet.line(i);
    try {
      out.rows.push(format.read(r, cols, clean, i + 1, line !== undefined && !LINE_END.test(line) ? line : rawText(r)));
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      out.errors.push({ row: i + 1, column: e.column, message: `row ${i + 1}, ${e.column}: ${e.message}`, ...rowWords(e.words) });
    }
  }
  if (t.next >= sheet.count) t.ended = true;
}
const LINE_END = /[\r\n]/;

export function readTable(format: TableFormat, rows: string[][]): StatementTable {
  const out: StatementTable = { rows: [], errors: [], read: 0 };
  readRows(openTable(format, sheetOfRows(rows)), Infinity, out);
  return out;
}
