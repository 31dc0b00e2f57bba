// Return requests from a shop's spreadsheet (CSV in UTF-8/GBK or .xlsx, read by lib/spreadsheet):
// one request per order, its rows its lines. Each order stands alone: a refused one is reported by
// its row and column and changes nothing, the others are created.
import type { CoreContext } from '../../context';
import { reasonFromPlatform, type ImportReturnsReport } from '../../../contract/returns';
import { AppError, fail, issue, rowWords } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { readSheet } from '../../../lib/spreadsheet';
import { savepoint } from '../../store/db';
import type { Actor } from '../../store/events';
import type { Core } from '../../core';
import { createReturn } from './actions/create-return';

/** Each column and the headers it is known by (English or a Chinese shop's export). */
const COLUMNS = {
  order: ['order', 'order number', '订单号', '订单编号', '平台单号'],
  sku: ['sku', '商家编码', 'SKU编码'],
  qty: ['qty', 'quantity', '数量', '退货数量'],
  reason: ['reason', '退货原因', '原因'],
  note: ['note', '备注'],
} as const;
type Column = keyof typeof COLUMNS;

interface Row { n: number; cells: Record<Column, string> }

function columnsOf(header: string[]): Record<Column, number> {
  const at = {} as Record<Column, number>;
  for (const c of Object.keys(COLUMNS) as Column[]) {
    at[c] = header.findIndex((h) => (COLUMNS[c] as readonly string[]).some((name) => name.toLowerCase() === h.trim().toLowerCase()));
  }
  if (at.order < 0) fail('validation', said('returnsNoOrderColumn', { columns: COLUMNS.order.join(', ') }), [{ ...issue('order', said('missingColumn')), row: 1 }]);
  return at;
}

export function importReturnRows(ctx: CoreContext, rows: string[][], actor: Actor): ImportReturnsReport {
  const at = columnsOf(rows[0] ?? []);
  const byOrder = new Map<string, Row[]>();
  rows.slice(1).forEach((r, i) => {
    const cells = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [c, at[c] >= 0 ? (r[at[c]] ?? '').trim() : ''])) as Record<Column, string>;
    if (!cells.order) return;
    byOrder.set(cells.order, [...(byOrder.get(cells.order) ?? []), { n: i + 2, cells }]);
  });
  const report: ImportReturnsReport = { created: [], failed: [] };
  for (const [order, group] of byOrder) {
    const bad = group.find((r) => r.cells.sku && !(Number(r.cells.qty || '1') >= 1 && Number.isInteger(Number(r.cells.qty || '1'))));
    if (bad) {
      const words = said('notUnits', { value: bad.cells.qty });
      report.failed.push({ row: bad.n, column: rows[0]![at.qty] ?? 'qty', message: words.message, ...rowWords(words) });
      continue;
    }
    const lines = group.filter((r) => r.cells.sku).map((r) => ({ sku: r.cells.sku, qty: Number(r.cells.qty || '1'), reason: r.cells.reason ? reasonFromPlatform(r.cells.reason) : undefined }));
    try {
      const r = savepoint(ctx.db, () => createReturn(ctx, {
        order, reason: reasonFromPlatform(group[0]!.cells.reason || 'other'), lines: lines.length ? lines : undefined, note: group[0]!.cells.note || undefined,
      }, actor));
      report.created.push({ row: group[0]!.n, number: r.number, order });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // a line's issue (lines.2.qty) names the row it came from
      const issue = e.issues?.[0]?.path.match(/^lines\.(\d+)/);
      const row = issue ? group.filter((r) => r.cells.sku)[Number(issue[1])]?.n ?? group[0]!.n : group[0]!.n;
      const column = e.issues?.[0]?.path.endsWith('qty') ? 'qty' : e.issues?.[0]?.path === 'order' || !issue ? 'order' : 'sku';
      report.failed.push({ row, column: rows[0]![at[column as Column]] ?? column, message: e.message, ...rowWords(e) });
    }
  }
  return report;
}

/** Reads the file (off the writer), then creates the requests in one write. */
export async function importReturns(core: Core, bytes: Buffer, actor: Actor): Promise<ImportReturnsReport> {
  const { rows } = await readSheet(bytes);
  return core.writes.run(() => importReturnRows(core.ctx, rows, actor));
}
