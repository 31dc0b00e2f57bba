// The writes of a statement import, each run inside a writer: the statement's record, its rows
// (import-rows.ts), and the close (amount-and-time matches, counts, the event). statement-import.ts
// runs them a job each; the demo seed runs them in its own transaction.
import type { CoreContext } from '../../../context';
import type { RowIssue, StatementSource } from '../../../../contract/payouts';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import type { ParsedRow } from '../formats';
import { addStatementCounts, deleteStatement, insertStatement, selectOrderIdsOfStatement, selectStatementBySha, selectUnnumberedCharges, setStatementEncoding } from '../store';
import { planImport, storePlan } from './import-rows';
import { matchByAmountAndTime, reconcileOrders } from './match-rows';

/** Errors kept in a report. */
const MAX_ERRORS = 100;

export interface StatementMeta { source: StatementSource; channel: string; filename: string | null; sha256: string; encoding: string | null }

/** What storing an import's rows came to: the rows added and the duplicates, and the charges without an order number (matched by amount and time at the end). */
export interface ImportProgress { added: number; duplicates: number; unnumbered: number[] }

/**
 * Once a plan's rows are stored (`added` of them): what finishStatement needs of them. `unnumbered`:
 * whether the plan had charges with no order number (import-rows.ts Planner.unnumbered).
 */
export function progressOf(db: CoreContext['db'], statementId: string, p: { rows: number; added: number; unnumbered: boolean }): ImportProgress {
  return { added: p.added, duplicates: p.rows - p.added, unnumbered: p.unnumbered ? selectUnnumberedCharges(db, statementId) : [] };
}

export function beginStatement(ctx: CoreContext, meta: StatementMeta, actor: Actor): string {
  // Checked inside the writer: the same file sent twice at once is stored once.
  if (selectStatementBySha(ctx.db, meta.sha256)) fail('conflict', said('statementImporting'));
  const id = ctx.ids('import');
  insertStatement(ctx.db, { id, source: meta.source, channel: meta.channel, filename: meta.filename, file_sha256: meta.sha256, encoding: meta.encoding, imported_by: actor.id, imported_at: ctx.clock.iso() });
  return id;
}

/**
 * The file did not read, or its rows could not all be stored: the statement and its rows go, as if
 * it had never been sent, and the orders they reached are reckoned again from the rows left.
 */
export function abandonStatement(ctx: CoreContext, statementId: string): void {
  const orderIds = selectOrderIdsOfStatement(ctx.db, statementId);
  deleteStatement(ctx.db, statementId);
  reconcileOrders(ctx, orderIds);
}

/** Every row at once, matched, reconciled and stored: for the demo seed, which writes in its own transaction. */
export function storeAll(ctx: CoreContext, statementId: string, channel: string, rows: readonly ParsedRow[]): ImportProgress {
  const plan = planImport(ctx.db, channel, rows);
  return progressOf(ctx.db, statementId, { rows: rows.length, added: storePlan(ctx, { statementId, channel }, plan), unnumbered: plan.unnumbered });
}

/** The close of an import: its rows' states are counted by the caller (queries.ts statementReport, or statementReportInTurns outside the writer for a big file). */
export function finishStatement(ctx: CoreContext, statementId: string, meta: StatementMeta, table: { read: number; errors: RowIssue[] }, progress: ImportProgress, actor: Actor): void {
  reconcileOrders(ctx, matchByAmountAndTime(ctx, progress.unnumbered, meta.channel));
  setStatementEncoding(ctx.db, statementId, meta.encoding);
  addStatementCounts(ctx.db, statementId, { read: table.read, added: progress.added, duplicate: progress.duplicates, refused: table.errors.length, errors: JSON.stringify(table.errors.slice(0, MAX_ERRORS)) });
  // No amounts in the event: the change feed reaches every role.
  appendEvent(ctx.db, ctx.clock, { type: 'payout_statement.imported', entity: 'payout_statement', entityId: statementId, actor, data: { source: meta.source, channel: meta.channel, rows: table.read, added: progress.added } });
}
