// Reads of inventory: a SKU's totals, stock rows per SKU and bin.
import type { CoreContext } from '../../context';
import type { StockRow } from '../../../contract/inventory';
import { getSettings } from '../settings/queries';
import { selectStockOfSku, selectStockRow, selectStockRows } from './store';

export function stockOfSku(ctx: CoreContext, skuId: string) {
  return selectStockOfSku(ctx.db, skuId, getSettings(ctx).inboundCoefficient);
}

function toRow(r: Omit<StockRow, 'belowSafety'>): StockRow {
  return { ...r, belowSafety: r.available < r.safetyStock };
}

export function listStock(ctx: CoreContext, opts: { q?: string; belowSafety?: boolean; limit: number }): StockRow[] {
  return selectStockRows(ctx.db, getSettings(ctx).inboundCoefficient, opts).map(toRow);
}

/** The stock row of one SKU in one bin (which must exist). */
export function stockAt(ctx: CoreContext, skuId: string, locationId: string): StockRow {
  return toRow(selectStockRow(ctx.db, getSettings(ctx).inboundCoefficient, skuId, locationId)!);
}
