// Reads of imports: the saved column mappings, and import runs with their progress and reports.
import type { CoreContext } from '../../context';
import type { CsvMapping, ImportRun } from '../../../contract/imports';
import { fail, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { userNames } from '../people/queries';
import { liveImports } from './import-progress';
import { selectCsvMappings, selectImportRun, selectRecentImportRuns, type ImportRunRow } from './store';

export function listCsvMappings(ctx: CoreContext): CsvMapping[] {
  return selectCsvMappings(ctx.db).map((r) => ({ id: r.id, name: r.name, channel: r.channel, createdAt: r.created_at, ...JSON.parse(r.mapping) }));
}

/** A saved mapping by its id or name; not_found says how to save one. */
export function getCsvMapping(ctx: CoreContext, idOrName: string): CsvMapping {
  const m = listCsvMappings(ctx).find((x) => x.id === idOrName || x.name === idOrName);
  return m ?? fail('not_found', said('noCsvMapping', { name: idOrName }));
}

function toRun(r: ImportRunRow, names: Map<string, string>): ImportRun {
  const progress = liveImports.get(r.id);
  // A run the record says is going on but this process is not running: the core stopped during it.
  const orphan = r.state === 'running' && !progress;
  return {
    id: r.id, filename: r.filename, mapping: r.mapping, state: orphan ? 'failed' : r.state,
    phase: r.state !== 'running' || orphan ? 'done' : progress!.phase,
    done: progress?.done ?? r.done, total: progress?.total ?? r.total,
    startedAt: r.started_at, finishedAt: r.finished_at, actor: r.actor, actorName: names.get(r.actor) ?? null,
    report: r.report ? JSON.parse(r.report) : null,
    error: orphan ? 'the core stopped during this import: import the file again (orders already imported count as duplicates)' : r.error,
  };
}

export function getImportRun(ctx: CoreContext, id: string): ImportRun {
  const r = selectImportRun(ctx.db, id) ?? notFound('import', id);
  return toRun(r, userNames(ctx, [r.actor]));
}

export function listImportRuns(ctx: CoreContext, limit = 20): ImportRun[] {
  const rows = selectRecentImportRuns(ctx.db, limit);
  const names = userNames(ctx, rows.map((r) => r.actor));
  return rows.map((r) => toRun(r, names));
}
