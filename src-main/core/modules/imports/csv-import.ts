// CSV import of orders: decoding, parsing, rows grouped into orders by a saved mapping, then imported.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Core } from '../../core';
import type { CsvMapping, ImportReport, CsvField } from '../../../contract/imports';
import { OrderInput } from '../../../contract/orders';
import { AppError, fail } from '../../../lib/errors';
import type { Actor } from '../../store/events';
import { importOrders } from '../orders/import-orders';
import { getCsvMapping } from './queries';

// Any shop's CSV export: a column mapping saved once per format, UTF-8 or GBK bytes (Chinese
// marketplaces export GBK), rows of one order grouped by the external id. Row numbers in errors are
// spreadsheet rows: the header is row 1.

const MAX_ROWS = 500_000;

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

function parseRows(text: string): string[][] {
  try {
    const rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
    if (rows.length > MAX_ROWS + 1) fail('payload_too_large', `the file has ${rows.length - 1} rows; import at most ${MAX_ROWS} at a time`);
    return rows;
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as { message: string; lines?: number };
    fail('bad_request', `the file is not readable CSV${err.lines ? ` near row ${err.lines}` : ''}: ${err.message}`);
  }
  return [];
}

export function previewCsv(bytes: Buffer) {
  const { text, encoding } = decodeCsv(bytes);
  const rows = parseRows(text);
  if (rows.length === 0) fail('validation', 'the file is empty');
  return { encoding, headers: rows[0]!, sample: rows.slice(1, 6), rows: rows.length - 1 };
}

/** "12.50" -> 1250. Money in files is decimal; we keep integer minor units. */
function toMinor(s: string, row: number, field: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.replace(/[,\s]/g, ''));
  if (!m) throw new RowError(row, field, `"${s}" is not an amount like 12.50`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

class RowError extends Error {
  constructor(readonly row: number, readonly field: string, message: string) {
    super(message);
  }
}

interface Group { rows: number[]; input: unknown }

/** Turns rows into one order input per external id, remembering which rows made it. */
function groupRows(mapping: CsvMapping, rows: string[][], report: ImportReport) {
  const header = rows[0]!;
  const index: Partial<Record<CsvField, number>> = {};
  for (const [field, column] of Object.entries(mapping.columns) as [CsvField, string][]) {
    const i = header.findIndex((h) => h.trim() === column.trim());
    if (i < 0) fail('validation', `the file has no column "${column}" (mapped to ${field}); its columns are: ${header.join(', ')}`, [{ path: `columns.${field}`, message: `missing column "${column}"` }]);
    index[field] = i;
  }
  const cell = (r: string[], f: CsvField) => (index[f] === undefined ? undefined : (r[index[f]!] ?? '').trim() || undefined);
  const groups = new Map<string, Group>();
  const bad = new Set<string>(); // external ids with a bad row: the whole order is left out, never imported short of a line
  for (let n = 1; n < rows.length; n++) {
    const r = rows[n]!;
    const rowNo = n + 1;
    try {
      const externalId = cell(r, 'externalId');
      if (!externalId) throw new RowError(rowNo, 'externalId', `column "${mapping.columns.externalId}" is empty`);
      const qtyText = cell(r, 'qty') ?? '';
      if (!/^\d+$/.test(qtyText)) throw new RowError(rowNo, 'qty', `"${qtyText}" in column "${mapping.columns.qty}" is not a whole number`);
      const unitPrice = cell(r, 'unitPrice');
      const line = { sku: cell(r, 'sku'), channelSku: cell(r, 'channelSku'), qty: Number(qtyText), name: cell(r, 'lineName'), unitPrice: unitPrice ? toMinor(unitPrice, rowNo, 'unitPrice') : undefined };
      let g = groups.get(externalId);
      if (!g) {
        const total = cell(r, 'total');
        const currency = cell(r, 'currency') ?? mapping.defaults.currency;
        g = {
          rows: [],
          input: {
            channel: mapping.channel, externalId,
            shipTo: {
              name: cell(r, 'name'), phone: cell(r, 'phone'), country: cell(r, 'country') ?? mapping.defaults.country, province: cell(r, 'province'),
              city: cell(r, 'city'), district: cell(r, 'district'), address1: cell(r, 'address1'), address2: cell(r, 'address2'), postcode: cell(r, 'postcode'),
            },
            carrier: cell(r, 'carrier') ?? mapping.defaults.carrier, service: cell(r, 'service'), shipBy: cell(r, 'shipBy'), note: cell(r, 'note'),
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
      report.errors.push({ row: e.row, externalId, code: 'validation', message: `row ${e.row}, ${e.field}: ${e.message}` });
    }
  }
  for (const id of bad) groups.delete(id);
  return groups;
}

/** Which spreadsheet column a field path such as "shipTo.phone" or "lines.2.qty" came from. */
function columnOf(mapping: CsvMapping, path: (string | number)[]): string {
  const leaf = String(path[path.length - 1]);
  const field = (path[0] === 'lines' && leaf === 'name' ? 'lineName' : leaf) as CsvField;
  return mapping.columns[field] ? `column "${mapping.columns[field]}"` : path.join('.');
}

export async function importCsv(core: Core, mappingRef: string, bytes: Buffer, actor: Actor): Promise<ImportReport> {
  const mapping = getCsvMapping(core.ctx, mappingRef);
  const { text, encoding } = decodeCsv(bytes);
  const rows = parseRows(text);
  if (rows.length < 2) fail('validation', 'the file has a header but no rows');
  const report: ImportReport = { encoding, rows: rows.length - 1, orders: 0, created: 0, duplicates: 0, failed: 0, errors: [] };
  const groups = [...groupRows(mapping, rows, report).values()];
  report.orders = groups.length;
  const valid: { rows: number[]; input: OrderInput }[] = [];
  for (const g of groups) {
    const p = OrderInput.safeParse(g.input);
    if (p.success) valid.push({ rows: g.rows, input: p.data });
    else {
      report.failed++;
      const i = p.error.issues[0]!;
      const lineIdx = i.path[0] === 'lines' ? Number(i.path[1]) : 0;
      const row = g.rows[lineIdx] ?? g.rows[0]!;
      report.errors.push({ row, externalId: (g.input as { externalId: string }).externalId, code: 'validation', message: `row ${row}, ${columnOf(mapping, i.path as (string | number)[])}: ${i.message}` });
    }
  }
  const stored = await importOrders(core, valid.map((v) => v.input), actor, (r) => r.duplicate);
  stored.forEach((r, i) => {
    if (!(r instanceof AppError)) {
      if (r) report.duplicates++;
      else report.created++;
      return;
    }
    const v = valid[i]!;
    report.failed++;
    const issue = r.issues?.[0];
    const lineIdx = issue ? Number(/^lines\.(\d+)/.exec(issue.path)?.[1] ?? 0) : 0;
    const row = v.rows[lineIdx] ?? v.rows[0]!;
    report.errors.push({ row, externalId: v.input.externalId, code: r.code, message: `row ${row}${issue ? `, ${columnOf(mapping, issue.path.split('.'))}: ${issue.message}` : `: ${r.message}`}` });
  });
  report.errors.sort((a, b) => a.row - b.row);
  if (report.errors.length > 1000) report.errors.length = 1000;
  return report;
}
