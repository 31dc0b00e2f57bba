// Products in and out as a CSV or Excel file (lib/spreadsheet.ts), with the columns of
// PRODUCT_COLUMNS. Import is an upsert by SKU code: a new SKU is created, a changed one updated,
// an unchanged one left alone (so importing the same file twice adds nothing). An empty cell keeps
// what is stored. A refused row is named by row and column and the other rows still import.
import type { Core } from '../../core';
import { PRODUCT_COLUMNS, SkuInput, type ProductImportReport, type Sku } from '../../../contract/catalog';
import { AppError, fail, issue, rowWords } from '../../../lib/errors';
import { said, type Said } from '../../../contract/field-messages';
import type { RowWords } from '../../../contract/errors';
import { zodIssues } from '../../http/validate';
import { readSheet, writeSheet, SHEET_TYPES, type Cell, type SheetFormat } from '../../../lib/spreadsheet';
import { savepoint } from '../../store/db';
import type { Actor } from '../../store/events';
import { createSku, updateSku } from './actions/skus';
import { getSku } from './queries';
import { iterateSkuRows, selectBarcodesOfSku, selectSkuIdByCode } from './store';

type Column = (typeof PRODUCT_COLUMNS)[number];

/** "6901234567890; CASE-1*6" <-> barcodes with their unit counts. */
const formatBarcodes = (b: { code: string; units: number }[]) => b.map((x) => (x.units === 1 ? x.code : `${x.code}*${x.units}`)).join('; ');
function parseBarcodes(text: string): { code: string; units: number }[] {
  return text.split(/[;,\s]+/).filter(Boolean).map((part) => {
    const m = /^(.+)\*(\d+)$/.exec(part);
    return m ? { code: m[1]!, units: Number(m[2]) } : { code: part, units: 1 };
  });
}

/** Price in the file is in major units (19.90); stored in minor units (1990). */
const priceText = (minor: number | null) => (minor === null ? null : (minor / 100).toFixed(2));

export async function exportProducts(core: Core, format: SheetFormat): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  const db = core.ctx.db;
  const rows: Cell[][] = [];
  for (const r of iterateSkuRows(db)) {
    rows.push([
      r.sku, r.name, formatBarcodes(selectBarcodesOfSku(db, r.id)), r.unit_weight_g, r.length_mm, r.width_mm, r.height_mm, r.location_code,
      r.safety_stock, priceText(r.price_minor), r.currency, r.active ? 1 : 0,
    ]);
  }
  const bytes = await writeSheet(format, [...PRODUCT_COLUMNS], rows, 'Products');
  return { bytes, mime: SHEET_TYPES[format].contentType, filename: `products.${SHEET_TYPES[format].ext}` };
}

class CellError extends Error {
  constructor(readonly column: Column, readonly words: Said) {
    super(words.message);
  }
}

const YES = new Set(['1', 'true', 'yes', 'y', '是']);
const NO = new Set(['0', 'false', 'no', 'n', '否']);

/** One row's cells (by column) as a SkuInput-shaped object; empty cells are left out. */
function rowInput(cells: Partial<Record<Column, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const int = (c: Column, key: string) => {
    const v = cells[c];
    if (!v) return;
    if (!/^-?\d+(\.0+)?$/.test(v)) throw new CellError(c, said('notWholeNumber', { value: v }));
    out[key] = Number(v);
  };
  if (cells.sku) out.sku = cells.sku;
  if (cells.name) out.name = cells.name;
  if (cells.barcodes) out.barcodes = parseBarcodes(cells.barcodes);
  int('unit_weight_g', 'unitWeightG');
  int('length_mm', 'lengthMm');
  int('width_mm', 'widthMm');
  int('height_mm', 'heightMm');
  int('safety_stock', 'safetyStock');
  if (cells.bin) out.location = cells.bin;
  if (cells.price) {
    if (!/^\d+(\.\d{1,2})?$/.test(cells.price)) throw new CellError('price', said('notAPrice', { value: cells.price }));
    out.price = Math.round(Number(cells.price) * 100);
  }
  if (cells.currency) out.currency = cells.currency.toUpperCase();
  if (cells.active) {
    const a = cells.active.toLowerCase();
    if (!YES.has(a) && !NO.has(a)) throw new CellError('active', said('notYesNo', { value: cells.active }));
    out.active = YES.has(a);
  }
  return out;
}

/** The file column an input field (or a refusal's path) comes from. */
const FIELD_COLUMN: Record<string, Column> = {
  sku: 'sku', name: 'name', barcodes: 'barcodes', unitWeightG: 'unit_weight_g', lengthMm: 'length_mm', widthMm: 'width_mm', heightMm: 'height_mm',
  location: 'bin', safetyStock: 'safety_stock', price: 'price', currency: 'currency', active: 'active',
};
const columnOfPath = (path: string | undefined): Column | null => (path ? (FIELD_COLUMN[path.split('.')[0]!] ?? null) : null);

/** What differs between the stored product and the row (only the row's non-empty cells). */
function changes(cur: Sku, want: SkuInput & { active?: boolean }, given: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const stored: Record<string, unknown> = {
    name: cur.name, unitWeightG: cur.unitWeightG, lengthMm: cur.lengthMm, widthMm: cur.widthMm, heightMm: cur.heightMm, location: cur.location,
    safetyStock: cur.safetyStock, price: cur.price, currency: cur.currency, active: cur.active,
  };
  for (const k of Object.keys(stored)) if (k in given && (want as Record<string, unknown>)[k] !== stored[k]) patch[k] = (want as Record<string, unknown>)[k];
  if ('barcodes' in given && formatBarcodes([...want.barcodes].sort(byCode)) !== formatBarcodes([...cur.barcodes].sort(byCode))) patch.barcodes = want.barcodes;
  return patch;
}
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export async function importProducts(core: Core, bytes: Buffer, actor: Actor): Promise<ProductImportReport> {
  const sheet = await readSheet(bytes);
  const [head = [], ...body] = sheet.rows;
  const index = new Map(head.map((h, i) => [h.trim().toLowerCase(), i]));
  for (const need of ['sku', 'name'] as const) {
    if (!index.has(need)) fail('validation', said('productColumnMissing', { column: need, columns: PRODUCT_COLUMNS.join(', ') }), [issue(`column ${need}`, said('missing'))]);
  }
  const ctx = core.ctx;
  // the report is made inside the job: the writer may run a job twice (write-batcher.ts)
  return core.writes.run(() => {
    const report: ProductImportReport = { format: sheet.format, encoding: sheet.encoding ?? null, rows: 0, created: 0, updated: 0, unchanged: 0, refused: [] };
    const refuse = (row: number, column: string, message: string, words: RowWords) => void report.refused.push({ row, column, message, ...words });
    body.forEach((cellsRow, i) => {
      const row = i + 2; // the header is row 1, as a spreadsheet numbers them
      if (cellsRow.every((c) => c.trim() === '')) return;
      report.rows++;
      const cells: Partial<Record<Column, string>> = {};
      for (const c of PRODUCT_COLUMNS) {
        const at = index.get(c);
        if (at !== undefined) cells[c] = (cellsRow[at] ?? '').trim();
      }
      try {
        const given = rowInput(cells);
        const existingId = cells.sku ? selectSkuIdByCode(ctx.db, cells.sku) : undefined;
        // a new product needs every required field; an existing one only what the row changes
        const parsed = existingId ? SkuInput.partial().extend({ sku: SkuInput.shape.sku }).safeParse(given) : SkuInput.safeParse(given);
        if (!parsed.success) {
          const first = zodIssues(parsed.error)[0]!;
          return refuse(row, columnOfPath(first.path) ?? 'sku', `${first.path === '(root)' ? 'row' : first.path}: ${first.message}`, rowWords(first));
        }
        const want = { ...parsed.data, active: given.active as boolean | undefined } as SkuInput & { active?: boolean };
        savepoint(ctx.db, () => {
          if (!existingId) {
            const s = createSku(ctx, want, actor);
            if (want.active === false) updateSku(ctx, s.id, { active: false }, actor);
            report.created++;
            return;
          }
          const patch = changes(getSku(ctx, existingId), want, given);
          if (Object.keys(patch).length === 0) return void report.unchanged++;
          updateSku(ctx, existingId, patch, actor);
          report.updated++;
        });
      } catch (e) {
        if (e instanceof CellError) return refuse(row, e.column, e.message, rowWords(e.words));
        if (e instanceof AppError) return refuse(row, columnOfPath(e.issues?.[0]?.path) ?? 'sku', e.message, rowWords(e));
        throw e;
      }
    });
    return report;
  });
}
