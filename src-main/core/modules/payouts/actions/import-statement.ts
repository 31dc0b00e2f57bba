// The writes of a statement import, each run inside the core's writer: the statement's record, a
// batch of its rows stored and matched by number, the rows matched only once the whole file is in
// (refunds through their charge), and the close (amount-and-time matches, counts, the event).
// statement-import.ts runs them a job each; the demo seed runs them in its own transaction.
import type { CoreContext } from '../../../context';
import type { RowIssue, StatementReport, StatementSource } from '../../../../contract/payouts';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { rowsJson, type ParsedRow } from '../formats';
import { statementReport } from '../queries';
import { addStatementCounts, deleteStatement, insertStatement, selectStatementBySha, setStatementEncoding } from '../store';
import { matchByAmountAndTime, matchRefunds, reconcileOrders, storeRows } from './match-rows';

/** Errors kept in a report. */
const MAX_ERRORS = 100;

export interface StatementMeta { source: StatementSource; channel: string; filename: string | null; sha256: string; encoding: string | null }

/** What an import gathers while its rows go in: the orders to reconcile, and the rows matched at the end. */
export interface ImportProgress { touched: Set<string>; refundsWithoutOrder: number[]; unnumbered: number[] }
export const newProgress = (): ImportProgress => ({ touched: new Set(), refundsWithoutOrder: [], unnumbered: [] });

export function beginStatement(ctx: CoreContext, meta: StatementMeta, actor: Actor): string {
  // Checked inside the writer: the same file sent twice at once is stored once.
  if (selectStatementBySha(ctx.db, meta.sha256)) fail('conflict', 'this statement file is being imported already');
  const id = ctx.ids('import');
  insertStatement(ctx.db, { id, source: meta.source, channel: meta.channel, filename: meta.filename, file_sha256: meta.sha256, encoding: meta.encoding, imported_by: actor.id, imported_at: ctx.clock.iso() });
  return id;
}

/** Stores a batch of `count` rows (`json`: store.ts rowsJson), matched by number; what it found goes into `progress`. */
export function storeRowsBatch(ctx: CoreContext, statementId: string, channel: string, json: string, count: number, progress: ImportProgress): void {
  const r = storeRows(ctx, statementId, channel, json);
  for (const o of r.touched) progress.touched.add(o);
  progress.refundsWithoutOrder.push(...r.refundsWithoutOrder);
  progress.unnumbered.push(...r.unnumbered);
  addStatementCounts(ctx.db, statementId, { read: 0, added: r.added, duplicate: count - r.added, refused: 0 });
}

/** The file did not read after all: the statement and its rows so far go, as if it had never been sent. */
export const abandonStatement = (ctx: CoreContext, statementId: string) => deleteStatement(ctx.db, statementId);

/** Once every row is in: refunds that named no order take their charge's (which may have come later in the file). */
export function matchRefundsOfImport(ctx: CoreContext, progress: ImportProgress): void {
  for (const o of matchRefunds(ctx, progress.refundsWithoutOrder)) progress.touched.add(o);
}

/** Every row at once, matched and reconciled: for the demo seed, which writes in its own transaction. */
export function storeAll(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[]): ImportProgress {
  const progress = newProgress();
  storeRowsBatch(ctx, statementId, channel, rowsJson(rows), rows.length, progress);
  matchRefundsOfImport(ctx, progress);
  reconcileOrders(ctx, progress.touched);
  return progress;
}

export function finishStatement(ctx: CoreContext, statementId: string, meta: StatementMeta, table: { read: number; errors: RowIssue[] }, progress: ImportProgress, actor: Actor): StatementReport {
  reconcileOrders(ctx, matchByAmountAndTime(ctx, progress.unnumbered, meta.channel));
  setStatementEncoding(ctx.db, statementId, meta.encoding);
  addStatementCounts(ctx.db, statementId, { read: table.read, added: 0, duplicate: 0, refused: table.errors.length, errors: JSON.stringify(table.errors.slice(0, MAX_ERRORS)) });
  const report = statementReport(ctx, statementId);
  // No amounts in the event: the change feed reaches every role.
  appendEvent(ctx.db, ctx.clock, { type: 'payout_statement.imported', entity: 'payout_statement', entityId: statementId, actor, data: { source: meta.source, channel: meta.channel, rows: report.rows, added: report.added } });
  return report;
}
