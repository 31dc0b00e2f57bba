// Route handlers of imports: saved column mappings and the marketplaces' presets, preview of a CSV
// or .xlsx file, an import in one request (the API) or as a run in the background (the screen),
// and a run's report as a file.
import { IMPORT_PRESETS, type importsRoutes } from '../../../contract/imports';
import { writeSheet, SHEET_TYPES, type Cell } from '../../../lib/spreadsheet';
import { previewCsv, importCsv } from './csv-import';
import { getImportRun, listCsvMappings, listImportRuns } from './queries';
import { createCsvMapping } from './actions/create-csv-mapping';
import { startImport } from './import-runs';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

/** A text route's body as the server reads it (server.ts readBody): its bytes, or the first of them. */
type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof importsRoutes> = {
  listCsvMappings: (_i, { core }) => ({ items: listCsvMappings(core.ctx) }),
  createCsvMapping: ({ body }, env) => env.core.writes.run(() => createCsvMapping(env.core.ctx, body, actorOf(env))).then((m) => reply(201, m)),
  previewCsv: ({ body }) => previewCsv(body as unknown as TextBody),
  importCsv: ({ query, body }, env) => importCsv(env.core, query.mapping, (body as unknown as TextBody).bytes, actorOf(env)),
  importPresets: () => ({ items: [...IMPORT_PRESETS] }),
  startImport: ({ query, body }, env) => startImport(env.core, query, (body as unknown as TextBody).bytes, actorOf(env)).then((run) => reply(202, run, { Location: `/api/imports/${run.id}` })),
  listImports: (_i, { core }) => ({ items: listImportRuns(core.ctx) }),
  getImport: ({ params }, { core }) => getImportRun(core.ctx, params.id),
  importReportFile: async ({ params, query }, { core }) => {
    const run = getImportRun(core.ctx, params.id);
    const r = run.report;
    const rows: Cell[][] = (r?.errors ?? []).map((e) => [e.row, e.column ?? '', e.externalId ?? '', e.code, e.message]);
    // The counts below the refused rows, so the file alone says what came of the import.
    if (r) rows.push([], ['', '', '', 'created', r.created], ['', '', '', 'duplicates', r.duplicates], ['', '', '', 'refused', r.failed]);
    else if (run.error) rows.push(['', '', '', 'refused', run.error]);
    const bytes = await writeSheet(query.format, ['row', 'column', 'external id', 'code', 'problem'], rows, 'Import report');
    const base = run.filename.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || run.id;
    return { bytes, mime: SHEET_TYPES[query.format].contentType, filename: `${base}-report.${SHEET_TYPES[query.format].ext}` };
  },
};
