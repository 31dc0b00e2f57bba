// The writes of a statement import, each run inside the core's writer: the statement's record, a
// slice of its rows stored and matched, and the close (amount-and-time matches, counts, the event).
// statement-import.ts runs them a job each; the demo seed runs them in its own transaction.
import type { CoreContext } from '../../../context';
import type { RowIssue, StatementReport, StatementSource } from '../../../../contract/payouts';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import type { ParsedRow } from '../formats';
import { statementReport } from '../queries';
import { addStatementCounts, insertStatement, selectStatementBySha } from '../store';
import { matchByAmountAndTime, reconcileOrders, storeRows } from './match-rows';

/** Errors kept in a report. */
const MAX_ERRORS = 100;

export interface StatementMeta { source: StatementSource; channel: string; filename: string | null; sha256: string; encoding: string | null }

export function beginStatement(ctx: CoreContext, meta: StatementMeta, actor: Actor): string {
  // Checked inside the writer: the same file sent twice at once is stored once.
  if (selectStatementBySha(ctx.db, meta.sha256)) fail('conflict', 'this statement file is being imported already');
  const id = ctx.ids('import');
  insertStatement(ctx.db, { id, source: meta.source, channel: meta.channel, filename: meta.filename, file_sha256: meta.sha256, encoding: meta.encoding, imported_by: actor.id, imported_at: ctx.clock.iso() });
  return id;
}

/**
 * Stores and matches the rows from `from` on for about `budgetMs` (all of them by default);
 * returns where the next slice starts.
 */
export function storeSlice(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[], from = 0, budgetMs = Infinity): number {
  const r = storeRows(ctx, statementId, channel, rows, from, budgetMs);
  reconcileOrders(ctx, r.touched);
  addStatementCounts(ctx.db, statementId, { read: 0, added: r.added, duplicate: r.duplicates, refused: 0 });
  return r.next;
}

/**
 * Stores rows from `from` on for about `budgetMs`, matched to their orders but not reconciled:
 * the import reconciles each order once, after all its rows are in (reconcileOrders, in slices).
 */
export function storeRowsSlice(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[], from: number, budgetMs: number) {
  const r = storeRows(ctx, statementId, channel, rows, from, budgetMs);
  addStatementCounts(ctx.db, statementId, { read: 0, added: r.added, duplicate: r.duplicates, refused: 0 });
  return { next: r.next, touched: r.touched };
}

export function finishStatement(ctx: CoreContext, statementId: string, meta: StatementMeta, table: { read: number; errors: RowIssue[] }, actor: Actor): StatementReport {
  reconcileOrders(ctx, matchByAmountAndTime(ctx, statementId, meta.channel));
  addStatementCounts(ctx.db, statementId, { read: table.read, added: 0, duplicate: 0, refused: table.errors.length, errors: JSON.stringify(table.errors.slice(0, MAX_ERRORS)) });
  const report = statementReport(ctx, statementId);
  // No amounts in the event: the change feed reaches every role.
  appendEvent(ctx.db, ctx.clock, { type: 'payout_statement.imported', entity: 'payout_statement', entityId: statementId, actor, data: { source: meta.source, channel: meta.channel, rows: report.rows, added: report.added } });
  return report;
}
