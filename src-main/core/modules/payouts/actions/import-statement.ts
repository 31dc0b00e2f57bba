// The writes of a statement import, each run inside the core's writer: the statement's record, a
// batch of its rows staged and matched by number, the rows matched only once the whole file is in
// (refunds through their charge), and the close (amount-and-time matches, counts, the event).
// statement-import.ts runs them a job each; the demo seed runs them in its own transaction.
import type { CoreContext } from '../../../context';
import type { RowIssue, StatementReport, StatementSource } from '../../../../contract/payouts';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { rowsJson, type ParsedRow } from '../formats';
import { statementReport } from '../queries';
import { addStatementCounts, clearStage, deleteStatement, ensureStage, insertStatement, selectStatementBySha, setStatementEncoding } from '../store';
import { matchByAmountAndTime, matchRefunds, reconcileOrders, reconcileStaged, stageBatch, storeRowsWithoutOrder, type Staged } from './match-rows';

/** Errors kept in a report. */
const MAX_ERRORS = 100;

export interface StatementMeta { source: StatementSource; channel: string; filename: string | null; sha256: string; encoding: string | null }

/** What an import gathers while its rows go in: the rows added, and the charges without an order number (matched by amount and time at the end). */
export interface ImportProgress { added: number; unnumbered: number[] }
export const newProgress = (): ImportProgress => ({ added: 0, unnumbered: [] });

export function beginStatement(ctx: CoreContext, meta: StatementMeta, actor: Actor): string {
  // Checked inside the writer: the same file sent twice at once is stored once.
  if (selectStatementBySha(ctx.db, meta.sha256)) fail('conflict', 'this statement file is being imported already');
  const id = ctx.ids('import');
  insertStatement(ctx.db, { id, source: meta.source, channel: meta.channel, filename: meta.filename, file_sha256: meta.sha256, encoding: meta.encoding, imported_by: actor.id, imported_at: ctx.clock.iso() });
  return id;
}

/** Stages a batch of `count` rows (`json`: formats rowsJson), matched by number; returns how many were new (the rest are duplicates). */
export function stageRowsBatch(ctx: CoreContext, staged: Staged, json: string, count: number): number {
  const added = stageBatch(ctx, staged, json);
  addStatementCounts(ctx.db, staged.statementId, { read: 0, added, duplicate: count - added, refused: 0 });
  return added;
}

/** The file did not read after all: the statement and its staged rows go, as if it had never been sent. */
export function abandonStatement(ctx: CoreContext, statementId: string, alone: boolean): void {
  clearStage(ctx.db, statementId, alone);
  deleteStatement(ctx.db, statementId);
}

/** Every row at once, matched, reconciled and stored: for the demo seed, which writes in its own transaction. */
export function storeAll(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[]): ImportProgress {
  const staged = { statementId, channel };
  const progress = newProgress();
  ensureStage(ctx.db);
  progress.added = stageRowsBatch(ctx, staged, rowsJson(rows), rows.length);
  matchRefunds(ctx, staged);
  reconcileStaged(ctx, staged);
  storeRowsWithoutOrder(ctx, staged, progress.unnumbered);
  clearStage(ctx.db, statementId, false);
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
