// Route handlers of imports: saved CSV column mappings, preview and import of a CSV file.
import type { importsRoutes } from '../../../contract/imports';
import { previewCsv, importCsv } from './csv-import';
import { listCsvMappings } from './queries';
import { createCsvMapping } from './actions/create-csv-mapping';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

/** A text route's body as the server reads it (server.ts readBody): its bytes, or the first of them. */
type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof importsRoutes> = {
  listCsvMappings: (_i, { core }) => ({ items: listCsvMappings(core.ctx) }),
  createCsvMapping: ({ body }, env) => env.core.writes.run(() => createCsvMapping(env.core.ctx, body, actorOf(env))).then((m) => reply(201, m)),
  previewCsv: ({ body }) => previewCsv(body as unknown as TextBody),
  importCsv: ({ query, body }, env) => importCsv(env.core, query.mapping, (body as unknown as TextBody).bytes, actorOf(env)),
};
