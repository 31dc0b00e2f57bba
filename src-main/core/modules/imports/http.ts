// Route handlers of imports: saved CSV column mappings, preview and import of a CSV file.
import type { importsRoutes } from '../../../contract/imports';
import { previewCsv, importCsv } from './csv-import';
import { listCsvMappings } from './queries';
import { createCsvMapping } from './actions/create-csv-mapping';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof importsRoutes> = {
  listCsvMappings: (_i, { core }) => ({ items: listCsvMappings(core.ctx) }),
  createCsvMapping: ({ body }, env) => env.core.writes.run(() => createCsvMapping(env.core.ctx, body, actorOf(env))).then((m) => reply(201, m)),
  previewCsv: ({ body }) => previewCsv(body as unknown as Buffer),
  importCsv: ({ query, body }, env) => importCsv(env.core, query.mapping, body as unknown as Buffer, actorOf(env)),
};
