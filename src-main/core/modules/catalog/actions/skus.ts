// Creating and changing SKUs: codes and barcodes stay unique, the bin location is created when new.
import type { CoreContext } from '../../../context';
import type { z } from 'zod';
import type { Sku, SkuInput, SkuPatch } from '../../../../contract/catalog';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { ensureLocation } from '../../locations/actions/create-location';
import { getSku } from '../queries';
import { noteSafetyCrossing } from '../../inventory/actions/safety-alert';
import { deleteBarcodesOfSku, insertBarcodes, insertSku, selectBarcodeOwner, selectSkuIdByCode, updateSkuColumns } from '../store';

function assertBarcodesFree(ctx: CoreContext, barcodes: { code: string }[], skuId: string | null) {
  const seen = new Set<string>();
  barcodes.forEach((b, i) => {
    if (seen.has(b.code)) fail('validation', said('barcodeTwice', { code: b.code }), [issue(`barcodes.${i}.code`, said('duplicate'))]);
    seen.add(b.code);
    const owner = selectBarcodeOwner(ctx.db, b.code);
    if (owner && owner.id !== skuId) fail('conflict', said('barcodeTaken', { code: b.code, sku: owner.sku }), [issue(`barcodes.${i}.code`, said('usedBy', { sku: owner.sku }))]);
  });
}

export function createSku(ctx: CoreContext, input: SkuInput, actor: Actor): Sku {
  if (selectSkuIdByCode(ctx.db, input.sku) !== undefined) fail('conflict', said('skuExists', { sku: input.sku }), [issue('sku', said('exists'))]);
  assertBarcodesFree(ctx, input.barcodes, null);
  const id = ctx.ids('sku');
  const now = ctx.clock.iso();
  const locationId = input.location ? ensureLocation(ctx, input.location) : null;
  insertSku(ctx.db, id, {
    sku: input.sku, name: input.name, unitWeightG: input.unitWeightG ?? null, lengthMm: input.lengthMm ?? null, widthMm: input.widthMm ?? null, heightMm: input.heightMm ?? null,
    locationId, imageUrl: input.imageUrl ?? null, cost: input.cost ?? null, price: input.price ?? null, currency: input.currency ?? null, safetyStock: input.safetyStock ?? 0,
  }, now);
  insertBarcodes(ctx.db, id, input.barcodes);
  appendEvent(ctx.db, ctx.clock, { type: 'sku.created', entity: 'sku', entityId: id, actor, data: { sku: input.sku } });
  return getSku(ctx, id);
}

export function updateSku(ctx: CoreContext, id: string, patch: z.input<typeof SkuPatch>, actor: Actor): Sku {
  const current = getSku(ctx, id);
  if (patch.sku && patch.sku !== current.sku && selectSkuIdByCode(ctx.db, patch.sku) !== undefined) {
    fail('conflict', said('skuExists', { sku: patch.sku }), [issue('sku', said('exists'))]);
  }
  const cols: Record<string, unknown> = {
    sku: patch.sku, name: patch.name, unit_weight_g: patch.unitWeightG, length_mm: patch.lengthMm, width_mm: patch.widthMm, height_mm: patch.heightMm,
    image_url: patch.imageUrl, active: patch.active === undefined ? undefined : patch.active ? 1 : 0, cost_minor: patch.cost, price_minor: patch.price, currency: patch.currency, safety_stock: patch.safetyStock,
    location_id: patch.location === undefined ? undefined : patch.location ? ensureLocation(ctx, patch.location) : null,
  };
  const set = Object.entries(cols).filter(([, v]) => v !== undefined);
  if (set.length) updateSkuColumns(ctx.db, current.id, set, ctx.clock.iso());
  if (patch.barcodes) {
    assertBarcodesFree(ctx, patch.barcodes, current.id);
    deleteBarcodesOfSku(ctx.db, current.id);
    insertBarcodes(ctx.db, current.id, patch.barcodes.map((b) => ({ code: b.code, units: b.units ?? 1 })));
  }
  const type = patch.active === false && current.active ? 'sku.deactivated' : patch.active === true && !current.active ? 'sku.reactivated' : 'sku.updated';
  appendEvent(ctx.db, ctx.clock, { type, entity: 'sku', entityId: current.id, actor, data: { sku: patch.sku ?? current.sku, fields: Object.keys(patch) } });
  // a raised safety level can put the product under it without any stock moving
  if (patch.safetyStock !== undefined && patch.safetyStock !== current.safetyStock) noteSafetyCrossing(ctx, current.id, current.stock.available, current.safetyStock, actor);
  return getSku(ctx, current.id);
}
