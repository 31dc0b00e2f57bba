// Channel SKU mappings: a marketplace's product code -> our SKU, read by order intake.
import type { z } from 'zod';
import type { CoreContext } from '../../../context';
import type { SkuMapping, SkuMappingInput } from '../../../../contract/catalog';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { resolveMappedSku } from '../../channels/actions/unmapped-skus';
import { deleteSkuMappingRow, selectSkuMapping, selectSkuRow, upsertSkuMapping } from '../store';

export function putSkuMapping(ctx: CoreContext, input: z.infer<typeof SkuMappingInput>, actor: Actor): SkuMapping {
  const sku = selectSkuRow(ctx.db, input.sku) ?? fail('validation', said('unknownSkuQuoted', { sku: input.sku }), [issue('sku', said('unknown'))]);
  upsertSkuMapping(ctx.db, input.channel, input.channelSku, sku.id);
  appendEvent(ctx.db, ctx.clock, { type: 'sku.mapping_set', entity: 'sku', entityId: sku.id, actor, data: { channel: input.channel, channelSku: input.channelSku, sku: sku.sku } });
  resolveMappedSku(ctx, input.channel, input.channelSku, sku.id, sku.sku, actor); // orders held for this channel SKU
  return selectSkuMapping(ctx.db, input.channel, input.channelSku)!;
}

export function deleteSkuMapping(ctx: CoreContext, channel: string, channelSku: string, actor: Actor): void {
  const m = selectSkuMapping(ctx.db, channel, channelSku);
  if (!m || !deleteSkuMappingRow(ctx.db, channel, channelSku)) fail('not_found', said('noSkuMapping', { channel, channelSku }));
  appendEvent(ctx.db, ctx.clock, { type: 'sku.mapping_removed', entity: 'sku', entityId: m!.skuId, actor, data: { channel, channelSku } });
}
