// Imports started from the screen: the run is recorded, the file is read and written in the
// background (csv-import.ts), and the screen polls the run for its progress and then its report.
// Progress lives in memory while the run is going; the record keeps the end.
import type { Core } from '../../core';
import type { ImportRun } from '../../../contract/imports';
import { asAppError } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { Actor } from '../../store/events';
import { importCsv } from './csv-import';
import { getCsvMapping, getImportRun } from './queries';
import { beginImportRun, endImportRun } from './actions/import-runs';
import { liveImports, type ImportProgress } from './import-progress';

const log = logger('core.import');

/** Starts importing the file; answers with the run at once (the mapping is checked first: an unknown one is refused). */
export async function startImport(core: Core, input: { mapping: string; filename: string }, bytes: Buffer, actor: Actor): Promise<ImportRun> {
  const mapping = getCsvMapping(core.ctx, input.mapping);
  const id = await core.writes.run(() => beginImportRun(core.ctx, { filename: input.filename || 'upload', mapping: mapping.name }, actor));
  const progress: ImportProgress = { phase: 'reading', done: 0, total: 0 };
  liveImports.set(id, progress);
  void importCsv(core, mapping, bytes, actor, (p) => Object.assign(progress, p))
    .then(
      (report) => core.writes.run(() => endImportRun(core.ctx, id, { report, done: progress.done }, actor)),
      (e) => {
        const err = asAppError(e);
        if (err.code === 'internal') log.error({ err: e, id }, 'an import failed');
        return core.writes.run(() => endImportRun(core.ctx, id, { error: err.message, done: progress.done, total: progress.total }, actor));
      },
    )
    .catch((e) => log.error({ err: e, id }, 'an import run could not be recorded'))
    .finally(() => liveImports.delete(id));
  return getImportRun(core.ctx, id);
}
