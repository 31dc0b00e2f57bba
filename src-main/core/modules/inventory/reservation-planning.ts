// Planning reservations: where each order line's units come from, bins in walking order.
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/queries';
import { selectAvailableBins, selectAvailableBinsOfSkuCodes, type AvailableBinRow } from './store';

// Reservation runs inside the caller's write transaction; SQLite serialises writers, so
// check-then-reserve is atomic and stock is never oversold, even with many requests at once.

interface Bin { location_id: string; code: string; available: number; warehouse_id: string | null }

/** `code`: the bin's code (what an order's line shows as its location, the bin it has most units reserved in). */
export interface ReservationPlan { item: number; skuId: string; locationId: string; code: string; qty: number }

/**
 * Each SKU's bins in walking order with the units still available, read once per SKU. A plan made
 * against the view is taken off it, so many orders can be planned before any of them is written
 * (bulk imports); a fresh view per order reads exactly what a single order needs.
 */
/**
 * Bins in walking order (sequence, then code), sorted here: a SKU sits in a bin or two, and sorting
 * in the statement would build a sorter for each look-up.
 */
function walkingOrder(rows: AvailableBinRow[]): Bin[] {
  if (rows.length > 1) rows.sort((x, y) => x.seq - y.seq || Buffer.compare(Buffer.from(x.code), Buffer.from(y.code))); // codes as SQLite orders them: UTF-8 bytes
  return rows.map((r) => ({ location_id: r.location_id, code: r.code, available: r.available, warehouse_id: r.warehouse_id }));
}

/** The inbound coefficient of each connection's last readAheadByCodes (what sendAheadByCodes sends with). */
const lastCoefficient = new WeakMap<object, number>();

export class StockView {
  private readonly bins = new Map<string, Bin[]>();
  constructor(private readonly ctx: CoreContext) {}

  binsOf(skuId: string): Bin[] {
    let b = this.bins.get(skuId);
    if (!b) this.bins.set(skuId, (b = walkingOrder(selectAvailableBins(this.ctx.db, skuId, getSettings(this.ctx).inboundCoefficient))));
    return b;
  }

  /**
   * Reads the bins of the SKUs that the codes name (SKU codes or barcodes), in one statement: the same whether
   * or not the SKUs are known yet, so the intake on PostgreSQL sends it with its BEGIN (orders'
   * sendOrderReadsAhead). SKUs read before keep their bins (plans were taken off them).
   */
  readAheadByCodes(codes: readonly string[]): void {
    if (!codes.length) return;
    const coef = getSettings(this.ctx).inboundCoefficient;
    lastCoefficient.set(this.ctx.db, coef);
    const rows = new Map<string, AvailableBinRow[]>();
    for (const r of selectAvailableBinsOfSkuCodes(this.ctx.db, codes, coef)) {
      if (this.bins.has(r.sku_id)) continue;
      let list = rows.get(r.sku_id);
      if (!list) rows.set(r.sku_id, (list = []));
      if (r.location_id !== null) list.push(r as AvailableBinRow);
    }
    for (const [id, list] of rows) this.bins.set(id, walkingOrder(list));
  }

  /**
   * readAheadByCodes's statement, for PgDatabase.sendReadsAhead: with the coefficient of this
   * connection's last such read, never reading the settings here (a read sent ahead answers empty,
   * and the settings' cache would keep that). A coefficient changed since is a different statement:
   * the real read then takes its own round trip.
   */
  sendAheadByCodes(codes: readonly string[]): void {
    const coef = lastCoefficient.get(this.ctx.db);
    if (codes.length && coef !== undefined) selectAvailableBinsOfSkuCodes(this.ctx.db, codes, coef);
  }

  /** Units of a SKU still available in a warehouse's bins (what routing compares). */
  availableIn(skuId: string, warehouseId: string): number {
    let n = 0;
    for (const b of this.binsOf(skuId)) if (b.warehouse_id === warehouseId) n += b.available;
    return n;
  }
}

/**
 * Plans where each item's units come from, taking bins in walking order (of the order's warehouse
 * only, when given); null when any item cannot be covered (then nothing is planned). Reads only; a
 * plan it returns is taken off `view`. Apply it with applyReservations.
 */
export function planReservations(ctx: CoreContext, items: { skuId: string; qty: number }[], view = new StockView(ctx), warehouseId?: string | null): ReservationPlan[] | null {
  const used = new Map<Bin, number>(); // units already planned in this order, per bin
  const plan: ReservationPlan[] = [];
  for (let item = 0; item < items.length; item++) {
    const { skuId, qty } = items[item]!;
    let left = qty;
    for (const b of view.binsOf(skuId)) {
      if (left === 0) break;
      if (warehouseId && b.warehouse_id !== warehouseId) continue;
      const n = Math.min(left, b.available - (used.get(b) ?? 0));
      if (n <= 0) continue;
      used.set(b, (used.get(b) ?? 0) + n);
      plan.push({ item, skuId, locationId: b.location_id, code: b.code, qty: n });
      left -= n;
    }
    if (left > 0) return null;
  }
  for (const [b, n] of used) b.available -= n;
  return plan;
}
