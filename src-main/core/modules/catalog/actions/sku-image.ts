// A product's uploaded image: the file is written first (outside the writer), then the product
// points at it; the file it replaces goes after the commit.
import type { CoreContext } from '../../../context';
import type { Sku } from '../../../../contract/catalog';
import { appendEvent, type Actor } from '../../../store/events';
import { getSku, skuRowOf } from '../queries';
import { setSkuImage } from '../store';

/** Points the product at an image file (or at none); returns the file it pointed at before. */
export function setSkuImageFile(ctx: CoreContext, id: string, image: { file: string; url: string } | null, actor: Actor): { sku: Sku; previous: string | null } {
  const row = skuRowOf(ctx, id);
  setSkuImage(ctx.db, row.id, image?.file ?? null, image?.url ?? null, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: image ? 'sku.image_set' : 'sku.image_removed', entity: 'sku', entityId: row.id, actor, data: { sku: row.sku } });
  return { sku: getSku(ctx, row.id), previous: row.image_file };
}
