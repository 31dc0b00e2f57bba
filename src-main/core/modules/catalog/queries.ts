// Reads of the catalog: SKUs with barcodes and stock, look-up of a scanned code, box types.
import type { CoreContext } from '../../context';
import type { Sku, BoxType, SkuMapping } from '../../../contract/catalog';
import { notFound } from '../../../lib/errors';
import { stockOfSku } from '../inventory/queries';
import { countSkus, selectBarcode, selectBarcodesOfSku, selectBoxTypeRow, selectBoxTypes, selectSkuIdByCode, selectSkuMappings, selectSkuPage, selectSkuRow, type SkuRow, type SkuStatus } from './store';

function toSku(ctx: CoreContext, r: SkuRow): Sku {
  const barcodes = selectBarcodesOfSku(ctx.db, r.id);
  return {
    id: r.id, sku: r.sku, name: r.name, barcodes,
    unitWeightG: r.unit_weight_g, lengthMm: r.length_mm, widthMm: r.width_mm, heightMm: r.height_mm,
    location: r.location_code, imageUrl: r.image_url,
    cost: r.cost_minor, price: r.price_minor, currency: r.currency, safetyStock: r.safety_stock, active: r.active === 1,
    stock: stockOfSku(ctx, r.id),
  };
}

export function getSku(ctx: CoreContext, id: string): Sku {
  const r = selectSkuRow(ctx.db, id);
  return r ? toSku(ctx, r) : notFound('SKU', id);
}

/** Products matching a SKU code, a barcode, or words of the name. Keyset pagination by SKU code. */
export function listSkus(ctx: CoreContext, q: string | undefined, limit: number, cursor?: string, status: SkuStatus = 'active') {
  const total = countSkus(ctx.db, q, status);
  const rows = selectSkuPage(ctx.db, q, status, limit + 1, cursor);
  const page = rows.slice(0, limit);
  return { items: page.map((r) => toSku(ctx, r)), total, nextCursor: rows.length > limit ? page[page.length - 1]!.sku : null };
}

/** Resolves a scanned or imported code to a SKU: barcode first (with its unit count), then SKU code. */
export function resolveSkuCode(ctx: CoreContext, code: string): { skuId: string; units: number } | null {
  const b = selectBarcode(ctx.db, code);
  if (b) return { skuId: b.sku_id, units: b.units };
  const id = selectSkuIdByCode(ctx.db, code);
  return id ? { skuId: id, units: 1 } : null;
}

/** The SKU row behind an id or SKU code (with its image file), or a not-found refusal. */
export function skuRowOf(ctx: CoreContext, idOrSku: string): SkuRow {
  return selectSkuRow(ctx.db, idOrSku) ?? notFound('SKU', idOrSku);
}

export function listSkuMappings(ctx: CoreContext, f: { sku?: string; channel?: string; limit: number }): SkuMapping[] {
  const skuId = f.sku ? (selectSkuRow(ctx.db, f.sku)?.id ?? '-') : undefined;
  return selectSkuMappings(ctx.db, { skuId, channel: f.channel, limit: f.limit });
}

const toBoxType = (r: Record<string, number | string | null>): BoxType => ({
  id: r.id as string, code: r.code as string, name: r.name as string, tareG: r.tare_g as number,
  lengthMm: (r.length_mm as number) ?? undefined, widthMm: (r.width_mm as number) ?? undefined, heightMm: (r.height_mm as number) ?? undefined,
  maxWeightG: (r.max_weight_g as number) ?? undefined,
});

export function getBoxType(ctx: CoreContext, idOrCode: string): BoxType {
  const r = selectBoxTypeRow(ctx.db, idOrCode);
  return r ? toBoxType(r) : notFound('box type', idOrCode);
}

export function listBoxTypes(ctx: CoreContext): BoxType[] {
  return selectBoxTypes(ctx.db).map(toBoxType);
}
