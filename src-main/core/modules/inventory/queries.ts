// Reads of inventory: a SKU's totals, stock rows per SKU and bin, movements, safety alerts.
import type { CoreContext } from '../../context';
import type { MovementKind, StockRow } from '../../../contract/inventory';
import { getSettings } from '../settings/queries';
import { shopDayRange } from '../../../contract/shop-time';
import { resolveSkuCode } from '../catalog/queries';
import { locationIdOf } from '../locations/queries';
import { selectMovements, selectSafetyAlerts, selectStockOfSku, selectStockRow, selectStockRows } from './store';

export function stockOfSku(ctx: CoreContext, skuId: string) {
  return selectStockOfSku(ctx.db, skuId, getSettings(ctx).inboundCoefficient);
}

function toRow(r: Omit<StockRow, 'belowSafety'>): StockRow {
  return { ...r, belowSafety: r.available < r.safetyStock };
}

export function listStock(ctx: CoreContext, opts: { q?: string; belowSafety?: boolean; limit: number; warehouseId?: string }): StockRow[] {
  return selectStockRows(ctx.db, getSettings(ctx).inboundCoefficient, opts).map(toRow);
}

/** The stock row of one SKU in one bin (which must exist). */
export function stockAt(ctx: CoreContext, skuId: string, locationId: string): StockRow {
  return toRow(selectStockRow(ctx.db, getSettings(ctx).inboundCoefficient, skuId, locationId)!);
}

/** Movements newest first, filtered; SKU and bin given by code (or id), a day range as the shop's days (both included). */
export function listMovements(ctx: CoreContext, f: { sku?: string; location?: string; kind?: MovementKind; actor?: string; from?: string; to?: string; before?: number; limit: number }) {
  // an unknown SKU or bin matches nothing (not everything)
  const skuId = f.sku ? (resolveSkuCode(ctx, f.sku)?.skuId ?? '-') : undefined;
  const locationId = f.location ? (locationIdOf(ctx, f.location) ?? '-') : undefined;
  const { from, to } = shopDayRange(f.from ?? '', f.to ?? '', getSettings(ctx).timeZone);
  const items = selectMovements(ctx.db, { skuId, locationId, kind: f.kind, actor: f.actor, from, to, before: f.before, limit: f.limit + 1 });
  const page = items.slice(0, f.limit);
  return { items: page, nextCursor: items.length > f.limit ? page[page.length - 1]!.id : null };
}

export function stockAlerts(ctx: CoreContext, limit = 200) {
  const items = selectSafetyAlerts(ctx.db, getSettings(ctx).inboundCoefficient, limit);
  return { count: items.length, items };
}
