// The board's SQL: read-only counts over other modules' tables (orders, parcels, pack claims).
// The board owns no table and writes none.
import { prep, type Db } from '../../store/db';

// Parcels and pack claims come with the packing module's migrations: the board checks they exist.
const hasTable = (db: Db, name: string) => !!prep(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
export const parcelsTableExists = (db: Db) => hasTable(db, 'parcels');
export const packClaimsTableExists = (db: Db) => hasTable(db, 'pack_claims');

/** Open orders per carrier and state (of one warehouse, when given). */
export function openOrdersPerCarrier(db: Db, warehouseId?: string): { carrier: string; state: string; n: number }[] {
  const sql = `SELECT COALESCE(carrier, '-') carrier, state, COUNT(*) n FROM orders
    WHERE state IN ('allocated','in_wave','picked','packing','packed','exception') ${warehouseId ? 'AND warehouse_id = ?' : ''} GROUP BY 1, 2`;
  return (warehouseId ? prep(db, sql).all(warehouseId) : prep(db, sql).all()) as { carrier: string; state: string; n: number }[];
}

/** Parcels per bench created since a time (today's, by the parcels_created index of 0095). */
export const PARCELS_PER_BENCH_SINCE_SQL = `SELECT bench, COUNT(*) n, MAX(created_at) last FROM parcels WHERE created_at >= ? AND state <> 'voided' GROUP BY bench`;

export function parcelsPerBenchSince(db: Db, since: string): { bench: string; n: number; last: string }[] {
  return prep(db, PARCELS_PER_BENCH_SINCE_SQL).all(since) as { bench: string; n: number; last: string }[];
}

/** Orders being packed now, per bench. */
export function packingPerBench(db: Db): { bench: string; n: number }[] {
  return prep(db, `SELECT c.bench, COUNT(*) n FROM pack_claims c JOIN orders o ON o.id = c.order_id AND o.state = 'packing' GROUP BY c.bench`).all() as { bench: string; n: number }[];
}
