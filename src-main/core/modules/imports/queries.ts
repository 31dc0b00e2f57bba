// Reads of imports: the saved CSV column mappings.
import type { CoreContext } from '../../context';
import type { CsvMapping } from '../../../contract/imports';
import { fail } from '../../../lib/errors';
import { selectCsvMappings } from './store';

export function listCsvMappings(ctx: CoreContext): CsvMapping[] {
  return selectCsvMappings(ctx.db).map((r) => ({ id: r.id, name: r.name, channel: r.channel, createdAt: r.created_at, ...JSON.parse(r.mapping) }));
}

/** A saved mapping by its id or name; not_found says how to save one. */
export function getCsvMapping(ctx: CoreContext, idOrName: string): CsvMapping {
  const m = listCsvMappings(ctx).find((x) => x.id === idOrName || x.name === idOrName);
  return m ?? fail('not_found', `no saved CSV mapping "${idOrName}"; save one first (POST /api/csv-mappings)`);
}
