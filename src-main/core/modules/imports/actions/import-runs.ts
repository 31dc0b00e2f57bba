// An import run's record: begun when a person starts importing a file, finished with its report.
// Both are in the audit log (who imported which file with which mapping, and what came of it).
import type { CoreContext } from '../../../context';
import type { ImportReport } from '../../../../contract/imports';
import { appendEvent, type Actor } from '../../../store/events';
import { finishImportRun, insertImportRun } from '../store';

export function beginImportRun(ctx: CoreContext, input: { filename: string; mapping: string }, actor: Actor, at = ctx.clock.iso()): string {
  const id = ctx.ids('import');
  insertImportRun(ctx.db, { id, filename: input.filename, mapping: input.mapping, startedAt: at, actor: actor.id });
  appendEvent(ctx.db, ctx.clock, { type: 'import.started', entity: 'import', entityId: id, actor, data: { filename: input.filename, mapping: input.mapping } }, at);
  return id;
}

export function endImportRun(
  ctx: CoreContext, id: string, outcome: { report: ImportReport; done: number } | { error: string; done: number; total: number }, actor: Actor, at = ctx.clock.iso(),
): void {
  if ('report' in outcome) {
    const r = outcome.report;
    finishImportRun(ctx.db, { id, state: 'done', total: r.orders, done: outcome.done, finishedAt: at, reportJson: JSON.stringify(r), error: null });
    appendEvent(ctx.db, ctx.clock, { type: 'import.finished', entity: 'import', entityId: id, actor, data: { rows: r.rows, created: r.created, duplicates: r.duplicates, failed: r.failed } }, at);
  } else {
    finishImportRun(ctx.db, { id, state: 'failed', total: outcome.total, done: outcome.done, finishedAt: at, reportJson: null, error: outcome.error });
    appendEvent(ctx.db, ctx.clock, { type: 'import.failed', entity: 'import', entityId: id, actor, reason: outcome.error }, at);
  }
}
