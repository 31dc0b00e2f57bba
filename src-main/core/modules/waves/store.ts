// Waves' SQL: saved rules, released waves, cart slots (wave_orders) and the put wall's sorted units
// (wave_sorts). The only file of this module with SQL text; it writes only those four tables and
// reads orders, order lines, reservations and SKUs where planning, progress and pick lists need them.
import { prep, type Db } from '../../store/db';
import type { WaveOrder } from '../../../contract/waves';

// ---------------------------------------------------------------- wave rules

export interface RuleRow { id: string; name: string; rule: string; created_at: string; updated_at: string }

export function ruleRowsByName(db: Db): RuleRow[] {
  return prep(db, 'SELECT * FROM wave_rules ORDER BY name').all() as RuleRow[];
}

/** A saved rule by its id or its name. */
export function ruleRowByRef(db: Db, ref: string): RuleRow | undefined {
  return prep(db, 'SELECT * FROM wave_rules WHERE id = ? OR name = ?').get(ref, ref) as RuleRow | undefined;
}

export function ruleIdByName(db: Db, name: string): string | undefined {
  return (prep(db, 'SELECT id FROM wave_rules WHERE name = ?').get(name) as { id: string } | undefined)?.id;
}

export function insertRule(db: Db, id: string, name: string, ruleJson: string, now: string): void {
  prep(db, 'INSERT INTO wave_rules (id, name, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, ruleJson, now, now);
}

export function updateRule(db: Db, id: string, name: string, ruleJson: string, now: string): void {
  prep(db, 'UPDATE wave_rules SET name = ?, rule = ?, updated_at = ? WHERE id = ?').run(name, ruleJson, now, id);
}

export function deleteRule(db: Db, id: string): void {
  prep(db, 'DELETE FROM wave_rules WHERE id = ?').run(id);
}

// ---------------------------------------------------------------- the open order pool

const POOL_STATES = ['ready', 'allocated'] as const;
type PoolState = (typeof POOL_STATES)[number];

// States come from the contract's enum, so they are written into the SQL (the state index is then
// used directly). With order ids, only those orders are read.
function poolWhere(states: readonly PoolState[], byIds: boolean): string {
  const inStates = POOL_STATES.filter((s) => states.includes(s)).map((s) => `'${s}'`).join(', ');
  return `WHERE o.state IN (${inStates}) ${byIds ? 'AND o.id IN (SELECT value FROM json_each(?))' : ''} AND o.warehouse_id = ?
    AND NOT EXISTS (SELECT 1 FROM wave_orders wo WHERE wo.order_id = o.id AND wo.member = 'active')`;
}

/** The pool's orders: in the given states, of one warehouse, and in no wave, by id. */
export const poolOrdersSql = (states: readonly PoolState[], byIds: boolean) =>
  `SELECT o.rowid, o.id, o.number, o.state, o.channel, o.carrier, o.ship_by, o.priority FROM orders o ${poolWhere(states, byIds)} ORDER BY o.id`;

/** The pool orders' lines with their reservations, in the same order as poolOrdersSql. */
export const poolLinesSql = (states: readonly PoolState[], byIds: boolean) => `SELECT o.rowid, l.rowid, l.sku_id, l.qty, r.location_id, r.qty
    FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN reservations r ON r.line_id = l.id ${poolWhere(states, byIds)} ORDER BY o.id, l.rowid`;

/** order rowid, id, number, state, channel, carrier, ship-by, priority */
export type PoolOrderRow = [number, string, string, PoolState, string, string | null, string | null, number];
/** order rowid, line rowid, SKU id, qty, reserved location id, reserved qty (one row per reservation, or one without) */
export type PoolLineRow = [number, number, string, number, string | null, number | null];
/** SKU id, unit weight, bin location id */
export type SkuPlanRow = [string, number | null, string | null];

/**
 * Open orders in the given states that are in no wave (optionally only the given ids), and their
 * lines: two queries walk the same orders in the same order, matched by rowid, so order fields
 * are not copied into every line row.
 */
export function poolRows(db: Db, states: readonly PoolState[], warehouseId: string, onlyIds?: string[]): { orders: PoolOrderRow[]; lines: PoolLineRow[] } {
  const byIds = onlyIds !== undefined;
  const args = byIds ? [JSON.stringify(onlyIds), warehouseId] : [warehouseId];
  const orders = prep(db, poolOrdersSql(states, byIds)).raw().all(...args) as PoolOrderRow[];
  const lines = prep(db, poolLinesSql(states, byIds)).raw().all(...args) as PoolLineRow[];
  return { orders, lines };
}

/** Every SKU's weight and bin, read once rather than joined into every line. */
export function skuPlanRows(db: Db): SkuPlanRow[] {
  return prep(db, 'SELECT id, unit_weight_g, location_id FROM skus').raw().all() as SkuPlanRow[];
}

/** The number of the wave an order is active in, if any. */
export function activeWaveNumberOfOrder(db: Db, orderId: string): string | undefined {
  return (prep(db, "SELECT w.number FROM wave_orders wo JOIN waves w ON w.id = wo.wave_id WHERE wo.order_id = ? AND wo.member = 'active'").get(orderId) as { number: string } | undefined)?.number;
}

// ---------------------------------------------------------------- waves

export interface WaveRow {
  id: string; number: string; name: string; rule_id: string | null; rule: string; grp: string | null; single_unit: number;
  bench_id: string | null; state: 'released' | 'paused'; created_at: string; created_by: string; warehouse_id: string | null;
}

export function insertWave(db: Db, w: {
  id: string; number: string; name: string; ruleId: string | null; ruleJson: string; group: string | null; singleUnit: boolean; benchId: string | null; createdAt: string; createdBy: string;
  warehouseId: string;
}): void {
  prep(db, `INSERT INTO waves (id, number, name, rule_id, rule, grp, single_unit, bench_id, state, created_at, created_by, warehouse_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'released', ?, ?, ?)`).run(
    w.id, w.number, w.name, w.ruleId, w.ruleJson, w.group, w.singleUnit ? 1 : 0, w.benchId, w.createdAt, w.createdBy, w.warehouseId);
}

/** An order into its cart slot. */
export function insertWaveOrder(db: Db, waveId: string, orderId: string, slot: number): void {
  prep(db, 'INSERT INTO wave_orders (wave_id, order_id, slot) VALUES (?, ?, ?)').run(waveId, orderId, slot);
}

export function setWaveState(db: Db, id: string, state: WaveRow['state']): void {
  prep(db, 'UPDATE waves SET state = ? WHERE id = ?').run(state, id);
}

/** A wave by its id or its number. */
export function waveRowByRef(db: Db, ref: string): WaveRow | undefined {
  return prep(db, 'SELECT * FROM waves WHERE id = ? OR number = ?').get(ref, ref) as WaveRow | undefined;
}

/** Waves by id (a JSON array of ids), in no particular order. */
export function waveRowsByIds(db: Db, idsJson: string): WaveRow[] {
  return prep(db, 'SELECT * FROM waves WHERE id IN (SELECT value FROM json_each(?))').all(idsJson) as WaveRow[];
}

export interface WaveProgressRow {
  id: string; orders: number; pulled: number; picked: number; packed: number; shipped: number; cancelled: number; onHold: number; exceptions: number;
  open: number; units: number | null; earliest: string | null; carriers: string;
}

/** Live progress of waves (a JSON array of ids) from the states of their orders. */
export function waveProgressRows(db: Db, idsJson: string): WaveProgressRow[] {
  return prep(db, `SELECT wo.wave_id id,
      SUM(wo.member = 'active') orders,
      SUM(wo.member = 'pulled') pulled,
      SUM(wo.member = 'active' AND o.state IN ('picked','packing','packed','shipped')) picked,
      SUM(wo.member = 'active' AND o.state IN ('packed','shipped')) packed,
      SUM(wo.member = 'active' AND o.state = 'shipped') shipped,
      SUM(wo.member = 'active' AND o.state IN ('cancelled','returned')) cancelled,
      SUM(wo.member = 'active' AND o.state = 'on_hold') onHold,
      SUM(wo.member = 'active' AND (o.state = 'exception' OR EXISTS (SELECT 1 FROM exceptions e WHERE e.order_id = o.id AND e.state = 'open'))) exceptions,
      SUM(wo.member = 'active' AND o.state NOT IN ('packed','shipped','cancelled','returned')) open,
      SUM(CASE WHEN wo.member = 'active' AND o.state NOT IN ('cancelled','returned') THEN (SELECT SUM(qty) FROM order_lines WHERE order_id = o.id) ELSE 0 END) units,
      MIN(CASE WHEN wo.member = 'active' AND o.state NOT IN ('packed','shipped','cancelled','returned') THEN o.ship_by END) earliest,
      json_group_array(DISTINCT o.carrier) carriers
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id IN (SELECT value FROM json_each(?)) GROUP BY wo.wave_id`).all(idsJson) as WaveProgressRow[];
}

/** Units sorted at the put wall per wave (a JSON array of ids), for orders still in the wave. */
export function waveSortedUnits(db: Db, idsJson: string): { id: string; n: number }[] {
  return prep(db, `SELECT ws.wave_id id, SUM(ws.qty) n FROM wave_sorts ws JOIN wave_orders wo ON wo.wave_id = ws.wave_id AND wo.order_id = ws.order_id AND wo.member = 'active'
    WHERE ws.wave_id IN (SELECT value FROM json_each(?)) GROUP BY ws.wave_id`).all(idsJson) as { id: string; n: number }[];
}

/** Waves with an order not yet packed (nor cancelled or returned). */
export function openWaveIds(db: Db): string[] {
  return prep(db, `SELECT DISTINCT wo.wave_id FROM orders o JOIN wave_orders wo ON wo.order_id = o.id AND wo.member = 'active'
    WHERE o.state IN ('in_wave','picked','packing','on_hold','exception')`).pluck().all() as string[];
}

export function recentWaveIds(db: Db, limit: number, warehouseId?: string): string[] {
  if (warehouseId) return prep(db, 'SELECT id FROM waves WHERE warehouse_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').pluck().all(warehouseId, limit) as string[];
  return prep(db, 'SELECT id FROM waves ORDER BY created_at DESC, id DESC LIMIT ?').pluck().all(limit) as string[];
}

/** The orders of a wave in slot order, pulled ones included, with units ordered and sorted. */
export function waveOrderRows(db: Db, waveId: string): WaveOrder[] {
  return prep(db, `SELECT wo.order_id orderId, o.number, wo.slot, wo.member, o.state, o.carrier, o.ship_by shipBy,
      (SELECT COALESCE(SUM(qty), 0) FROM order_lines WHERE order_id = o.id) units,
      (SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = wo.wave_id AND order_id = o.id) sortedUnits
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id = ? ORDER BY wo.slot`).all(waveId) as WaveOrder[];
}

/** Orders of the wave still waiting to be picked (active and in_wave). */
export function waitingOrderIds(db: Db, waveId: string): string[] {
  return prep(db, `SELECT o.id FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id = ? AND wo.member = 'active' AND o.state = 'in_wave'`).pluck().all(waveId) as string[];
}

/** An order's place in a wave (by order id or number), pulled or not. */
export function waveMembership(db: Db, waveId: string, orderRef: string): { slot: number; member: string; number: string; state: string } | undefined {
  return prep(db, `SELECT wo.slot, wo.member, o.number, o.state FROM wave_orders wo JOIN orders o ON o.id = wo.order_id
    WHERE wo.wave_id = ? AND (o.id = ? OR o.number = ?)`).get(waveId, orderRef, orderRef) as { slot: number; member: string; number: string; state: string } | undefined;
}

/** Units of an order sorted into its slot of a wave. */
export function sortedUnitsOfOrder(db: Db, waveId: string, orderId: string): number {
  return prep(db, 'SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = ? AND order_id = ?').pluck().get(waveId, orderId) as number;
}

/** The active wave and slot of an order. */
export function activeWaveOfOrder(db: Db, orderId: string): { waveId: string; waveNumber: string; slot: number; state: string } | undefined {
  return prep(db, `SELECT w.id waveId, w.number waveNumber, wo.slot, w.state FROM wave_orders wo JOIN waves w ON w.id = wo.wave_id
    WHERE wo.order_id = ? AND wo.member = 'active'`).get(orderId) as { waveId: string; waveNumber: string; slot: number; state: string } | undefined;
}

/** Marks an order's active membership pulled (its slot stays taken in that wave). */
export function pullMembership(db: Db, orderId: string, at: string): void {
  prep(db, "UPDATE wave_orders SET member = 'pulled', pulled_at = ? WHERE order_id = ? AND member = 'active'").run(at, orderId);
}

// ---------------------------------------------------------------- pick list

export interface PickRow { lineId: string; skuId: string; qty: number; slot: number; skuLoc: string | null; resLoc: string | null; resQty: number | null }

/** The lines of a wave's active orders (not cancelled or returned), one row per reservation, by line. */
export function pickRows(db: Db, waveId: string): PickRow[] {
  return prep(db, `SELECT l.id lineId, l.sku_id skuId, l.qty, wo.slot, s.location_id skuLoc, r.location_id resLoc, r.qty resQty
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id JOIN order_lines l ON l.order_id = o.id JOIN skus s ON s.id = l.sku_id
    LEFT JOIN reservations r ON r.line_id = l.id
    WHERE wo.wave_id = ? AND wo.member = 'active' AND o.state NOT IN ('cancelled', 'returned') ORDER BY l.id`).all(waveId) as PickRow[];
}

/** SKU codes and names by id (a JSON array of ids). */
export function pickSkuNames(db: Db, idsJson: string): { id: string; sku: string; name: string }[] {
  return prep(db, `SELECT id, sku, name FROM skus WHERE id IN (SELECT value FROM json_each(?))`).all(idsJson) as { id: string; sku: string; name: string }[];
}

// ---------------------------------------------------------------- put wall

export interface SlotRow { waveId: string; waveNumber: string; orderId: string; orderNumber: string; slot: number; need: number; sorted: number; total: number; totalSorted: number }

/**
 * The put wall's slot look-up. Driven from the orders in_wave (the work in progress, found by the
 * state index), never from every order line of the SKU, which grows with the shop's history.
 * The need is compared outside (SQLite flattens it: the same plan): PostgreSQL has no output names in WHERE.
 * Parameters: SKU id, SKU id, wave ref x 3 (id or number, or null), bench id x 2 (or null).
 */
export const SLOT_FOR_SCAN_SQL = `SELECT waveId, waveNumber, orderId, orderNumber, slot, need, sorted, total, totalSorted FROM (
    SELECT w.id waveId, w.number waveNumber, o.id orderId, o.number orderNumber, wo.slot, w.created_at createdAt,
      (SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id AND +l.sku_id = ?) need,
      COALESCE(ws.qty, 0) sorted,
      (SELECT SUM(qty) FROM order_lines WHERE order_id = o.id) total,
      (SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = w.id AND order_id = o.id) totalSorted
    FROM orders o
    JOIN wave_orders wo ON wo.order_id = o.id AND wo.member = 'active'
    JOIN waves w ON w.id = wo.wave_id AND w.state = 'released'
    LEFT JOIN wave_sorts ws ON ws.wave_id = w.id AND ws.order_id = o.id AND ws.sku_id = ?
    WHERE o.state = 'in_wave'
      AND (? IS NULL OR w.id = ? OR w.number = ?) AND (? IS NULL OR w.bench_id = ?) AND (? IS NULL OR w.warehouse_id = ?)
  ) WHERE need > sorted
  ORDER BY createdAt, waveId, slot LIMIT 1`;

/** The first slot, in release and slot order, whose order still needs a unit of the SKU. */
export function nextSlotRow(db: Db, skuId: string, waveRef: string | null, benchId: string | null, warehouseId: string | null): SlotRow | undefined {
  return prep(db, SLOT_FOR_SCAN_SQL).get(skuId, skuId, waveRef, waveRef, waveRef, benchId, benchId, warehouseId, warehouseId) as SlotRow | undefined;
}

/** One more unit of the SKU sorted into the order's slot. */
export function addSortedUnit(db: Db, waveId: string, orderId: string, skuId: string): void {
  prep(db, `INSERT INTO wave_sorts (wave_id, order_id, sku_id, qty) VALUES (?, ?, ?, 1)
    ON CONFLICT(wave_id, order_id, sku_id) DO UPDATE SET qty = qty + 1`).run(waveId, orderId, skuId);
}
