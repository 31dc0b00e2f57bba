import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { StockRow } from '../../../contract/inventory';
import { fail } from '../../../lib/errors';
import { getSettings } from '../settings/settings';
import { appendEvent, type Actor } from '../../store/events';

// Available = on hand - reserved + in transit x inbound coefficient (DESIGN.md). Reservation runs
// inside the caller's write transaction; SQLite serialises writers, so check-then-reserve is atomic
// and stock is never oversold, even with many requests at once.

const availableSql = (coef: number) => `(on_hand - reserved + CAST(in_transit * ${Number(coef)} AS INTEGER))`;

export function stockOfSku(ctx: CoreContext, skuId: string) {
  const coef = getSettings(ctx).inboundCoefficient;
  const r = prep(ctx.db, `SELECT COALESCE(SUM(on_hand),0) onHand, COALESCE(SUM(reserved),0) reserved, COALESCE(SUM(in_transit),0) inTransit,
              COALESCE(SUM(${availableSql(coef)}),0) available FROM inventory WHERE sku_id = ?`)
    .get(skuId) as { onHand: number; reserved: number; inTransit: number; available: number };
  return r;
}

interface Bin { location_id: string; available: number }

export interface ReservationPlan { item: number; skuId: string; locationId: string; qty: number }

/**
 * Each SKU's bins in walking order with the units still available, read once per SKU. A plan made
 * against the view is taken off it, so many orders can be planned before any of them is written
 * (bulk imports); a fresh view per order reads exactly what a single order needs.
 */
export class StockView {
  private readonly bins = new Map<string, Bin[]>();
  constructor(private readonly ctx: CoreContext) {}

  binsOf(skuId: string): Bin[] {
    let b = this.bins.get(skuId);
    if (!b) {
      const coef = getSettings(this.ctx).inboundCoefficient;
      // Walking order (sequence, then code) sorted here: a SKU sits in a bin or two, and SQL's
      // ORDER BY would build a sorter for each look-up.
      const rows = prep(this.ctx.db,
        `SELECT i.location_id, ${availableSql(coef)} AS available, COALESCE(l.sequence, 1e9) seq, l.code FROM inventory i JOIN locations l ON l.id = i.location_id
         WHERE i.sku_id = ? AND ${availableSql(coef)} > 0`).all(skuId) as (Bin & { seq: number; code: string })[];
      if (rows.length > 1) rows.sort((x, y) => x.seq - y.seq || Buffer.compare(Buffer.from(x.code), Buffer.from(y.code))); // codes as SQLite orders them: UTF-8 bytes
      b = rows.map((r) => ({ location_id: r.location_id, available: r.available }));
      this.bins.set(skuId, b);
    }
    return b;
  }
}

/**
 * Plans where each item's units come from, taking bins in walking order; null when any item
 * cannot be covered (then nothing is planned). Reads only; a plan it returns is taken off `view`.
 * Apply it with applyReservations.
 */
export function planReservations(ctx: CoreContext, items: { skuId: string; qty: number }[], view = new StockView(ctx)): ReservationPlan[] | null {
  const used = new Map<Bin, number>(); // units already planned in this order, per bin
  const plan: ReservationPlan[] = [];
  for (let item = 0; item < items.length; item++) {
    const { skuId, qty } = items[item]!;
    let left = qty;
    for (const b of view.binsOf(skuId)) {
      if (left === 0) break;
      const n = Math.min(left, b.available - (used.get(b) ?? 0));
      if (n <= 0) continue;
      used.set(b, (used.get(b) ?? 0) + n);
      plan.push({ item, skuId, locationId: b.location_id, qty: n });
      left -= n;
    }
    if (left > 0) return null;
  }
  for (const [b, n] of used) b.available -= n;
  return plan;
}

/**
 * Applies plans inside the caller's transaction: a reservation row per line and bin, and each
 * bin's reserved count raised once by the total (lineIds[i] is the order line of a plan's item i).
 */
export function applyReservations(ctx: CoreContext, plans: { lineIds: string[]; plan: ReservationPlan[] }[]): void {
  const rec = prep(ctx.db, 'INSERT INTO reservations (line_id, location_id, qty) VALUES (?, ?, ?) ON CONFLICT(line_id, location_id) DO UPDATE SET qty = qty + excluded.qty');
  const totals = new Map<string, { skuId: string; locationId: string; qty: number }>();
  for (const { lineIds, plan } of plans) {
    for (const p of plan) {
      rec.run(lineIds[p.item]!, p.locationId, p.qty);
      const key = `${p.skuId}\n${p.locationId}`;
      const t = totals.get(key);
      if (t) t.qty += p.qty;
      else totals.set(key, { skuId: p.skuId, locationId: p.locationId, qty: p.qty });
    }
  }
  const bump = prep(ctx.db, 'UPDATE inventory SET reserved = reserved + ? WHERE sku_id = ? AND location_id = ?');
  for (const t of totals.values()) bump.run(t.qty, t.skuId, t.locationId);
}

/** Gives back every unit an order holds. */
export function releaseOrderReservations(ctx: CoreContext, orderId: string): number {
  const rows = prep(ctx.db, 'SELECT r.line_id, r.location_id, r.qty, l.sku_id FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ?')
    .all(orderId) as { line_id: string; location_id: string; qty: number; sku_id: string }[];
  const unbump = prep(ctx.db, 'UPDATE inventory SET reserved = reserved - ? WHERE sku_id = ? AND location_id = ?');
  const del = prep(ctx.db, 'DELETE FROM reservations WHERE line_id = ? AND location_id = ?');
  let units = 0;
  for (const r of rows) {
    unbump.run(r.qty, r.sku_id, r.location_id);
    del.run(r.line_id, r.location_id);
    units += r.qty;
  }
  return units;
}

/** Ships reserved stock out: on hand and reserved both drop by what the order held. */
export function consumeOrderReservations(ctx: CoreContext, orderId: string): void {
  const rows = prep(ctx.db, 'SELECT r.line_id, r.location_id, r.qty, l.sku_id FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ?')
    .all(orderId) as { line_id: string; location_id: string; qty: number; sku_id: string }[];
  const take = prep(ctx.db, 'UPDATE inventory SET reserved = reserved - ?, on_hand = on_hand - ? WHERE sku_id = ? AND location_id = ?');
  const del = prep(ctx.db, 'DELETE FROM reservations WHERE line_id = ? AND location_id = ?');
  for (const r of rows) {
    take.run(r.qty, r.qty, r.sku_id, r.location_id);
    del.run(r.line_id, r.location_id);
  }
}

const STOCK_SELECT = (coef: number) => `SELECT i.sku_id skuId, s.sku, s.name, l.code location, i.on_hand onHand, i.reserved, i.in_transit inTransit,
  ${availableSql(coef)} available, s.safety_stock safetyStock
  FROM inventory i JOIN skus s ON s.id = i.sku_id JOIN locations l ON l.id = i.location_id`;

function toRow(r: Omit<StockRow, 'belowSafety'>): StockRow {
  return { ...r, belowSafety: r.available < r.safetyStock };
}

export function listStock(ctx: CoreContext, opts: { q?: string; belowSafety?: boolean; limit: number }): StockRow[] {
  const coef = getSettings(ctx).inboundCoefficient;
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.q) {
    where.push('(s.sku = ? OR l.code = ? OR s.id IN (SELECT sku_id FROM barcodes WHERE code = ?) OR s.name LIKE ?)');
    args.push(opts.q, opts.q, opts.q, `%${opts.q}%`);
  }
  if (opts.belowSafety) where.push(`${availableSql(coef)} < s.safety_stock`);
  const rows = prep(ctx.db, `${STOCK_SELECT(coef)} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.sku, l.code LIMIT ?`)
    .all(...args, opts.limit) as Omit<StockRow, 'belowSafety'>[];
  return rows.map(toRow);
}

/** Receiving, counting and corrections: on hand and in transit move, never below what is reserved. */
export function adjustStock(
  ctx: CoreContext,
  input: { skuId: string; locationId: string; onHandDelta: number; inTransitDelta: number; reason: string },
  actor: Actor,
): StockRow {
  prep(ctx.db, 'INSERT INTO inventory (sku_id, location_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(input.skuId, input.locationId);
  const cur = prep(ctx.db, 'SELECT on_hand, reserved, in_transit FROM inventory WHERE sku_id = ? AND location_id = ?').get(input.skuId, input.locationId) as {
    on_hand: number; reserved: number; in_transit: number;
  };
  const onHand = cur.on_hand + input.onHandDelta;
  const inTransit = cur.in_transit + input.inTransitDelta;
  if (onHand < 0) fail('validation', `on hand would fall to ${onHand}; there are only ${cur.on_hand}`, [{ path: 'onHandDelta', message: 'too large a decrease' }]);
  if (inTransit < 0) fail('validation', `in transit would fall to ${inTransit}; there are only ${cur.in_transit}`, [{ path: 'inTransitDelta', message: 'too large a decrease' }]);
  const coef = getSettings(ctx).inboundCoefficient;
  if (onHand + Math.floor(inTransit * coef) < cur.reserved) {
    fail('insufficient_stock', `${cur.reserved} units are reserved here; stock cannot fall below that (release or move the reservations first)`);
  }
  prep(ctx.db, 'UPDATE inventory SET on_hand = ?, in_transit = ? WHERE sku_id = ? AND location_id = ?').run(onHand, inTransit, input.skuId, input.locationId);
  appendEvent(ctx.db, ctx.clock, {
    type: 'stock.adjusted', entity: 'sku', entityId: input.skuId, actor, reason: input.reason,
    data: { locationId: input.locationId, onHandDelta: input.onHandDelta, inTransitDelta: input.inTransitDelta },
  });
  return toRow(
    prep(ctx.db, `${STOCK_SELECT(coef)} WHERE i.sku_id = ? AND i.location_id = ?`).get(input.skuId, input.locationId) as Omit<StockRow, 'belowSafety'>,
  );
}

/** Packed: the order's reserved units leave the shelf; remembered per line and bin to give back. */
export function takeOrderStock(ctx: CoreContext, orderId: string): void {
  prep(ctx.db, `INSERT INTO packed_stock (order_id, line_id, location_id, qty)
    SELECT l.order_id, r.line_id, r.location_id, r.qty FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ?
    ON CONFLICT(order_id, line_id, location_id) DO UPDATE SET qty = qty + excluded.qty`).run(orderId);
  consumeOrderReservations(ctx, orderId);
}

/** Undoes takeOrderStock: 'reserve' puts the units back on the shelf reserved (packing again), 'restock' as free stock (cancelled). */
export function giveOrderStockBack(ctx: CoreContext, orderId: string, how: 'reserve' | 'restock', actor: Actor, reason: string): number {
  const rows = prep(ctx.db, 'SELECT p.line_id, p.location_id, p.qty, l.sku_id FROM packed_stock p JOIN order_lines l ON l.id = p.line_id WHERE p.order_id = ?')
    .all(orderId) as { line_id: string; location_id: string; qty: number; sku_id: string }[];
  if (rows.length === 0) return 0;
  const bump = prep(ctx.db, `UPDATE inventory SET on_hand = on_hand + ?, reserved = reserved + ? WHERE sku_id = ? AND location_id = ?`);
  const reserve = prep(ctx.db, 'INSERT INTO reservations (line_id, location_id, qty) VALUES (?, ?, ?) ON CONFLICT(line_id, location_id) DO UPDATE SET qty = qty + excluded.qty');
  let units = 0;
  for (const r of rows) {
    bump.run(r.qty, how === 'reserve' ? r.qty : 0, r.sku_id, r.location_id);
    if (how === 'reserve') reserve.run(r.line_id, r.location_id, r.qty);
    units += r.qty;
  }
  prep(ctx.db, 'DELETE FROM packed_stock WHERE order_id = ?').run(orderId);
  appendEvent(ctx.db, ctx.clock, { type: how === 'reserve' ? 'stock.unpacked' : 'stock.restocked', entity: 'order', entityId: orderId, actor, reason, data: { units, bins: rows.map((r) => ({ skuId: r.sku_id, locationId: r.location_id, qty: r.qty })) } });
  return units;
}
