// Saving a CSV column mapping under a unique name.
import type { CoreContext } from '../../../context';
import type { CsvMapping, CsvMappingInput } from '../../../../contract/imports';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { csvMappingNameTaken, insertCsvMapping } from '../store';

export function createCsvMapping(ctx: CoreContext, input: CsvMappingInput, actor: Actor): CsvMapping {
  if (csvMappingNameTaken(ctx.db, input.name)) fail('conflict', said('csvMappingTaken', { name: input.name }), [issue('name', said('exists'))]);
  const id = ctx.ids('mapping');
  const createdAt = ctx.clock.iso();
  insertCsvMapping(ctx.db, { id, name: input.name, channel: input.channel, mappingJson: JSON.stringify({ columns: input.columns, defaults: input.defaults }), createdAt });
  appendEvent(ctx.db, ctx.clock, { type: 'csv_mapping.created', entity: 'csv_mapping', entityId: id, actor, data: { name: input.name } });
  return { id, createdAt, ...input };
}
