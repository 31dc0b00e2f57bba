// Dispatch's SQL: routing_rules, routing_settings and transfer_suggestions. The only file of this
// module with SQL text; it writes only those tables (it reads orders, skus and warehouses to list).
import { prep, type Db } from '../../store/db';
import type { TransferSuggestion } from '../../../contract/dispatch';

export interface RoutingRuleRow { id: string; position: number; name: string; warehouse_id: string; warehouse: string; provinces: string; cities: string; active: number }

export function selectRoutingRules(db: Db): RoutingRuleRow[] {
  return prep(db, 'SELECT r.*, w.code warehouse FROM routing_rules r JOIN warehouses w ON w.id = r.warehouse_id ORDER BY r.position').all() as RoutingRuleRow[];
}

export function selectRoutingSettings(db: Db): { enabled: number; priority: string; split: number } {
  return prep(db, 'SELECT enabled, priority, split FROM routing_settings WHERE id = 1').get() as { enabled: number; priority: string; split: number };
}

/**
 * What the routing reads, fingerprinted in one cheap statement: the routing's generation (rules
 * change only with it) and the warehouses (active, default). The order intake reads it per batch and
 * re-reads the rest only when it changed.
 */
export function routingFingerprint(db: Db): string {
  return prep(db, `SELECT (SELECT generation FROM routing_settings WHERE id = 1) || '|' || (SELECT group_concat(id || active || is_default) FROM warehouses)`).pluck().get() as string;
}

export function replaceRoutingRules(db: Db, rules: readonly { id: string; name: string; warehouseId: string; provinces: string[]; cities: string[]; active: boolean }[], now: string): void {
  prep(db, 'DELETE FROM routing_rules').run();
  const ins = prep(db, 'INSERT INTO routing_rules (id, position, name, warehouse_id, provinces, cities, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  rules.forEach((r, i) => ins.run(r.id, i + 1, r.name, r.warehouseId, JSON.stringify(r.provinces), JSON.stringify(r.cities), r.active ? 1 : 0, now));
}

export function updateRoutingSettings(db: Db, enabled: boolean, split: boolean, priority: readonly string[], now: string): void {
  prep(db, 'UPDATE routing_settings SET enabled = ?, split = ?, priority = ?, generation = generation + 1, updated_at = ? WHERE id = 1').run(enabled ? 1 : 0, split ? 1 : 0, JSON.stringify(priority), now);
}

/** The order's transfer suggestions become these. */
export function replaceTransfers(db: Db, orderId: string, toWarehouseId: string, transfers: readonly { skuId: string; qty: number; fromWarehouseId: string | null }[], now: string): void {
  prep(db, 'DELETE FROM transfer_suggestions WHERE order_id = ?').run(orderId);
  if (transfers.length) insertTransfers(db, [{ orderId, toWarehouseId, transfers }], now);
}

/** Suggestions of new orders (none stored yet): one statement looked up for the batch. */
export function insertTransfers(db: Db, orders: readonly { orderId: string; toWarehouseId: string; transfers: readonly { skuId: string; qty: number; fromWarehouseId: string | null }[] }[], now: string): void {
  const ins = prep(db, 'INSERT INTO transfer_suggestions (order_id, sku_id, qty, from_warehouse_id, to_warehouse_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const o of orders) for (const t of o.transfers) ins.run(o.orderId, t.skuId, t.qty, t.fromWarehouseId, o.toWarehouseId, now);
}

const TRANSFER_SELECT = `SELECT t.order_id orderId, o.number, o.state, s.sku, s.name, t.qty, wf.code "from", wt.code "to", t.created_at createdAt
  FROM transfer_suggestions t JOIN orders o ON o.id = t.order_id JOIN skus s ON s.id = t.sku_id
  LEFT JOIN warehouses wf ON wf.id = t.from_warehouse_id JOIN warehouses wt ON wt.id = t.to_warehouse_id`;

export function selectOrderTransfers(db: Db, orderId: string): TransferSuggestion[] {
  return prep(db, `${TRANSFER_SELECT} WHERE t.order_id = ? ORDER BY s.sku`).all(orderId) as TransferSuggestion[];
}

/** Suggestions of orders still to ship, newest first (optionally of one warehouse's orders). */
export function selectOpenTransfers(db: Db, warehouseId: string | undefined, limit: number): TransferSuggestion[] {
  const open = "o.state NOT IN ('shipped', 'cancelled', 'returned')";
  return warehouseId
    ? prep(db, `${TRANSFER_SELECT} WHERE ${open} AND t.to_warehouse_id = ? ORDER BY t.rowid DESC LIMIT ?`).all(warehouseId, limit) as TransferSuggestion[]
    : prep(db, `${TRANSFER_SELECT} WHERE ${open} ORDER BY t.rowid DESC LIMIT ?`).all(limit) as TransferSuggestion[];
}
