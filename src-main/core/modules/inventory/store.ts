// Inventory's tables: inventory (per SKU and bin: on hand, reserved, in transit), reservations
// (per order line and bin), packed_stock (what packed orders took off the shelf, to give back) and
// stock_movements (every change of a bin's stock, with who and why).
import { prep, type Db } from '../../store/db';
import type { Movement, MovementKind, SafetyAlert, StockRow } from '../../../contract/inventory';

// Available = on hand - reserved + in transit x inbound coefficient (DESIGN.md). The coefficient is
// a setting, written into the statement (one cached statement per coefficient).
const availableSql = (coef: number) => `(on_hand - reserved + CAST(in_transit * ${Number(coef)} AS INTEGER))`;

export function selectStockOfSku(db: Db, skuId: string, coef: number): { onHand: number; reserved: number; inTransit: number; available: number } {
  return prep(db, `SELECT COALESCE(SUM(on_hand),0) onHand, COALESCE(SUM(reserved),0) reserved, COALESCE(SUM(in_transit),0) inTransit,
              COALESCE(SUM(${availableSql(coef)}),0) available FROM inventory WHERE sku_id = ?`)
    .get(skuId) as { onHand: number; reserved: number; inTransit: number; available: number };
}

export interface AvailableBinRow { location_id: string; available: number; seq: number; code: string; warehouse_id: string | null }

/** A SKU's bins with units available, unsorted (the caller sorts: a SKU sits in a bin or two). */
export function selectAvailableBins(db: Db, skuId: string, coef: number): AvailableBinRow[] {
  return prep(db, `SELECT i.location_id, ${availableSql(coef)} AS available, COALESCE(l.sequence, 1e9) seq, l.code, l.warehouse_id FROM inventory i JOIN locations l ON l.id = i.location_id
         WHERE i.sku_id = ? AND ${availableSql(coef)} > 0`).all(skuId) as AvailableBinRow[];
}

/**
 * selectAvailableBins for the SKUs that `codes` name (as SKU codes or barcodes: a superset of
 * what the lines resolve to), with a row of NULL bin for a SKU without available units, so the
 * caller knows it was read. PostgreSQL: the intake sends it with the BEGIN, before the SKUs of its
 * batch are known, instead of a round trip of its own after them.
 */
export function selectAvailableBinsOfSkuCodes(db: Db, codes: readonly string[], coef: number): (Omit<AvailableBinRow, 'location_id'> & { sku_id: string; location_id: string | null })[] {
  const list = JSON.stringify(codes);
  return prep(db, `SELECT s.id sku_id, i.location_id, ${availableSql(coef)} AS available, COALESCE(l.sequence, 1e9) seq, l.code, l.warehouse_id FROM skus s
         LEFT JOIN inventory i ON i.sku_id = s.id AND ${availableSql(coef)} > 0 LEFT JOIN locations l ON l.id = i.location_id
         WHERE s.id IN (SELECT id FROM skus WHERE sku IN (SELECT value FROM json_each(?)) UNION SELECT sku_id FROM barcodes WHERE code IN (SELECT value FROM json_each(?)))`)
    .all(list, list) as (Omit<AvailableBinRow, 'location_id'> & { sku_id: string; location_id: string | null })[];
}

/**
 * PostgreSQL: a batch's reservations as two statements, whatever its size (each row its own
 * statement cost ~120 us of the server's time per order, parsed and planned each time): the rows
 * (line, bin, qty; a line and bin once) and each bin's reserved count raised by its total (a bin
 * once). Piped, like the statements per row were.
 */
export function applyReservationRows(db: Db, rows: readonly { lineId: string; locationId: string; qty: number }[], bins: readonly { skuId: string; locationId: string; qty: number }[]): void {
  prep(db, `INSERT INTO reservations (line_id, location_id, qty) SELECT line_id, location_id, qty FROM json_to_recordset(CAST(? AS json)) AS r(line_id text, location_id text, qty bigint)
            ON CONFLICT(line_id, location_id) DO UPDATE SET qty = reservations.qty + excluded.qty`).run(JSON.stringify(rows.map((r) => ({ line_id: r.lineId, location_id: r.locationId, qty: r.qty }))));
  prep(db, `UPDATE inventory SET reserved = reserved + b.qty FROM json_to_recordset(CAST(? AS json)) AS b(sku_id text, location_id text, qty bigint)
            WHERE inventory.sku_id = b.sku_id AND inventory.location_id = b.location_id`).run(JSON.stringify(bins.map((b) => ({ sku_id: b.skuId, location_id: b.locationId, qty: b.qty }))));
}

/** A reservation row per line and bin; a second plan for the same line and bin adds to it. Used with prep in loops. */
const ADD_RESERVATION = 'INSERT INTO reservations (line_id, location_id, qty) VALUES (?, ?, ?) ON CONFLICT(line_id, location_id) DO UPDATE SET qty = qty + excluded.qty';
/** A bin's reserved count raised by (qty, sku_id, location_id). Used with prep in loops. */
const RAISE_RESERVED = 'UPDATE inventory SET reserved = reserved + ? WHERE sku_id = ? AND location_id = ?';

/** The statements applying reservations: looked up once per call, run per line and bin. */
export function reservationWriters(db: Db) {
  return { add: prep(db, ADD_RESERVATION), raise: prep(db, RAISE_RESERVED) };
}

export interface OrderReservationRow { line_id: string; location_id: string; qty: number; sku_id: string }

export function selectOrderReservations(db: Db, orderId: string): OrderReservationRow[] {
  return prep(db, 'SELECT r.line_id, r.location_id, r.qty, l.sku_id FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ?')
    .all(orderId) as OrderReservationRow[];
}

/** Gives the reservation rows back: each bin's reserved count drops and the rows go. */
export function deleteReservations(db: Db, rows: readonly OrderReservationRow[]): void {
  const unbump = prep(db, 'UPDATE inventory SET reserved = reserved - ? WHERE sku_id = ? AND location_id = ?');
  const del = prep(db, 'DELETE FROM reservations WHERE line_id = ? AND location_id = ?');
  for (const r of rows) {
    unbump.run(r.qty, r.sku_id, r.location_id);
    del.run(r.line_id, r.location_id);
  }
}

/** Ships the reservation rows out: each bin's on hand and reserved drop by them, and the rows go. */
export function consumeReservations(db: Db, rows: readonly OrderReservationRow[]): void {
  const take = prep(db, 'UPDATE inventory SET reserved = reserved - ?, on_hand = on_hand - ? WHERE sku_id = ? AND location_id = ?');
  const del = prep(db, 'DELETE FROM reservations WHERE line_id = ? AND location_id = ?');
  for (const r of rows) {
    take.run(r.qty, r.qty, r.sku_id, r.location_id);
    del.run(r.line_id, r.location_id);
  }
}

type StockRowRead = Omit<StockRow, 'belowSafety'>;

const STOCK_SELECT = (coef: number) => `SELECT i.sku_id skuId, s.sku, s.name, l.code location, w.code warehouse, i.on_hand onHand, i.reserved, i.in_transit inTransit,
  ${availableSql(coef)} available, s.safety_stock safetyStock
  FROM inventory i JOIN skus s ON s.id = i.sku_id JOIN locations l ON l.id = i.location_id LEFT JOIN warehouses w ON w.id = l.warehouse_id`;

/** Stock rows by SKU code and bin: matching a SKU code, bin, barcode or words of the name; optionally only those below safety stock. */
export function selectStockRows(db: Db, coef: number, opts: { q?: string; belowSafety?: boolean; limit: number; warehouseId?: string }): StockRowRead[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.warehouseId) {
    where.push('l.warehouse_id = ?');
    args.push(opts.warehouseId);
  }
  if (opts.q) {
    where.push('(s.sku = ? OR l.code = ? OR s.id IN (SELECT sku_id FROM barcodes WHERE code = ?) OR s.name LIKE ?)');
    args.push(opts.q, opts.q, opts.q, `%${opts.q}%`);
  }
  if (opts.belowSafety) where.push(`${availableSql(coef)} < s.safety_stock`);
  return prep(db, `${STOCK_SELECT(coef)} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.sku, l.code LIMIT ?`)
    .all(...args, opts.limit) as StockRowRead[];
}

export function selectStockRow(db: Db, coef: number, skuId: string, locationId: string): StockRowRead | undefined {
  return prep(db, `${STOCK_SELECT(coef)} WHERE i.sku_id = ? AND i.location_id = ?`).get(skuId, locationId) as StockRowRead | undefined;
}

/** The bin's counts, creating its row (all zero) when the SKU has none there yet. */
export function ensureStockCounts(db: Db, skuId: string, locationId: string): { on_hand: number; reserved: number; in_transit: number } {
  prep(db, 'INSERT INTO inventory (sku_id, location_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(skuId, locationId);
  return prep(db, 'SELECT on_hand, reserved, in_transit FROM inventory WHERE sku_id = ? AND location_id = ?').get(skuId, locationId) as {
    on_hand: number; reserved: number; in_transit: number;
  };
}

export function setStockCounts(db: Db, skuId: string, locationId: string, onHand: number, inTransit: number): void {
  prep(db, 'UPDATE inventory SET on_hand = ?, in_transit = ? WHERE sku_id = ? AND location_id = ?').run(onHand, inTransit, skuId, locationId);
}

/** Remembers an order's reserved units per line and bin as packed (taken off the shelf). */
export function insertPackedStock(db: Db, orderId: string): void {
  prep(db, `INSERT INTO packed_stock (order_id, line_id, location_id, qty)
    SELECT l.order_id, r.line_id, r.location_id, r.qty FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ?
    ON CONFLICT(order_id, line_id, location_id) DO UPDATE SET qty = qty + excluded.qty`).run(orderId);
}

export function selectPackedStock(db: Db, orderId: string): OrderReservationRow[] {
  return prep(db, 'SELECT p.line_id, p.location_id, p.qty, l.sku_id FROM packed_stock p JOIN order_lines l ON l.id = p.line_id WHERE p.order_id = ?')
    .all(orderId) as OrderReservationRow[];
}

/** Puts packed units back on the shelf: reserved again for their lines ('reserve') or as free stock; forgets them as packed. */
export function returnPackedStock(db: Db, orderId: string, rows: readonly OrderReservationRow[], reserve: boolean): void {
  const bump = prep(db, `UPDATE inventory SET on_hand = on_hand + ?, reserved = reserved + ? WHERE sku_id = ? AND location_id = ?`);
  const again = prep(db, ADD_RESERVATION);
  for (const r of rows) {
    bump.run(r.qty, reserve ? r.qty : 0, r.sku_id, r.location_id);
    if (reserve) again.run(r.line_id, r.location_id, r.qty);
  }
  prep(db, 'DELETE FROM packed_stock WHERE order_id = ?').run(orderId);
}

export interface MovementInput {
  at: string; skuId: string; locationId: string; kind: MovementKind; onHandDelta: number; inTransitDelta: number;
  reason: string | null; reference: string | null; actor: string;
}

/** Records one change of a bin's stock; on_hand_after is read from the bin as the change left it. */
export function insertMovement(db: Db, m: MovementInput): void {
  prep(db, `INSERT INTO stock_movements (at, sku_id, location_id, kind, on_hand_delta, in_transit_delta, on_hand_after, reason, reference, actor)
    VALUES (?, ?, ?, ?, ?, ?, (SELECT on_hand FROM inventory WHERE sku_id = ? AND location_id = ?), ?, ?, ?)`)
    .run(m.at, m.skuId, m.locationId, m.kind, m.onHandDelta, m.inTransitDelta, m.skuId, m.locationId, m.reason, m.reference, m.actor);
}

export interface MovementFilter { skuId?: string; locationId?: string; kind?: MovementKind; actor?: string; from?: string; to?: string; before?: number; limit: number }

/** Movements newest first. Filters by SKU, bin and person use their (…, id) indexes; dates narrow by `at`. */
export function selectMovements(db: Db, f: MovementFilter): Movement[] {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => (where.push(sql), args.push(v));
  if (f.skuId) add('m.sku_id = ?', f.skuId);
  if (f.locationId) add('m.location_id = ?', f.locationId);
  if (f.kind) add('m.kind = ?', f.kind);
  if (f.actor) add('m.actor = ?', f.actor);
  if (f.from) add('m.at >= ?', f.from);
  if (f.to) add('m.at < ?', f.to);
  if (f.before) add('m.id < ?', f.before);
  return prep(db, `SELECT m.id, m.at, m.kind, m.sku_id skuId, s.sku, s.name, l.code location, m.on_hand_delta onHandDelta, m.in_transit_delta inTransitDelta,
      m.on_hand_after onHandAfter, m.reason, m.reference, m.actor, u.name actorName
    FROM stock_movements m JOIN skus s ON s.id = m.sku_id JOIN locations l ON l.id = m.location_id LEFT JOIN users u ON u.id = m.actor
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.id DESC LIMIT ?`).all(...args, f.limit) as Movement[];
}

/** A SKU's safety level (0: none). */
export function selectSafetyStock(db: Db, skuId: string): number {
  return (prep(db, 'SELECT safety_stock FROM skus WHERE id = ?').get(skuId) as { safety_stock: number } | undefined)?.safety_stock ?? 0;
}

/** Active SKUs with a safety level whose available stock (all bins) is under it, the furthest under first. */
export function selectSafetyAlerts(db: Db, coef: number, limit: number): SafetyAlert[] {
  const available = `COALESCE(SUM(${availableSql(coef)}), 0)`; // written out again below: PostgreSQL reads no output name in HAVING
  return prep(db, `SELECT s.id skuId, s.sku, s.name, ${available} available, s.safety_stock safetyStock
    FROM skus s LEFT JOIN inventory i ON i.sku_id = s.id
    WHERE s.active = 1 AND s.safety_stock > 0 GROUP BY s.id HAVING ${available} < s.safety_stock
    ORDER BY ${available} - s.safety_stock, s.sku LIMIT ?`).all(limit) as SafetyAlert[];
}
