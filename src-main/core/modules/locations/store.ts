// Locations' SQL: the locations table (bins with their zone, aisle, bay, level, custom walking
// sequence and warehouse) and the warehouses (which bench works in which is the benches table's
// warehouse_id, kept by the benches module). The only file of this
// module with SQL text; it writes only those tables.
import type { z } from 'zod';
import { prep, type Db } from '../../store/db';
import type { LocationInput } from '../../../contract/locations';
import type { LocationRow } from './pick-path';

export function locationIdByCode(db: Db, code: string): string | undefined {
  return (prep(db, 'SELECT id FROM locations WHERE code = ?').get(code) as { id: string } | undefined)?.id;
}

/** The location's id by its code or its id. */
export function locationIdByRef(db: Db, ref: string): string | undefined {
  return (prep(db, 'SELECT id FROM locations WHERE code = ? OR id = ?').get(ref, ref) as { id: string } | undefined)?.id;
}

/** Inserts a bin; a code already taken throws the store's unique-constraint error (the caller checks first). */
export function insertLocation(db: Db, id: string, input: z.infer<typeof LocationInput>, warehouseId: string): void {
  prep(db, 'INSERT INTO locations (id, code, zone, aisle, bay, level, sequence, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, input.code, input.zone ?? null, input.aisle ?? null, input.bay ?? null, input.level ?? null, input.sequence ?? null, warehouseId);
}

export function updateLocationSequence(db: Db, id: string, sequence: number | null): void {
  prep(db, 'UPDATE locations SET sequence = ? WHERE id = ?').run(sequence, id);
}

/** Every location, custom sequence first (then by code), as stored. */
export function locationRowsBySequence(db: Db): Record<string, unknown>[] {
  return prep(db, 'SELECT * FROM locations ORDER BY COALESCE(sequence, 1e9), code').all() as Record<string, unknown>[];
}

/** Cheap fingerprint of the locations table: changes when a location is added or its sequence set. */
export function locationsFingerprint(db: Db): { n: number; m: number; s: number } {
  return prep(db, 'SELECT COUNT(*) n, COALESCE(MAX(rowid), 0) m, COALESCE(SUM(COALESCE(sequence, 0) * (rowid % 9973 + 1)), 0) s FROM locations').get() as { n: number; m: number; s: number };
}

/** Every location with what the walking path needs. */
export function pathLocationRows(db: Db): LocationRow[] {
  return prep(db, 'SELECT id, code, zone, aisle, bay, level, sequence FROM locations').all() as LocationRow[];
}

export interface WarehouseRow {
  id: string; code: string; name: string; province: string | null; city: string | null; address: string | null;
  active: number; is_default: number; created_at: string; updated_at: string; bins: number; carrier_cutoffs: string;
}

/** Every warehouse with its bin count, the default first, then by code. */
export function selectWarehouses(db: Db): WarehouseRow[] {
  return prep(db, `SELECT w.*, (SELECT COUNT(*) FROM locations l WHERE l.warehouse_id = w.id) bins FROM warehouses w ORDER BY w.is_default DESC, w.code`).all() as WarehouseRow[];
}

/** A warehouse's id by its code or id. */
export function warehouseIdByRef(db: Db, ref: string): string | undefined {
  return prep(db, 'SELECT id FROM warehouses WHERE id = ? OR code = ?').pluck().get(ref, ref) as string | undefined;
}

export function defaultWarehouseId(db: Db): string | undefined {
  return prep(db, 'SELECT id FROM warehouses WHERE is_default = 1').pluck().get() as string | undefined;
}

export function insertWarehouse(db: Db, w: { id: string; code: string; name: string; province: string | null; city: string | null; address: string | null; active: boolean; cutoffs: string; now: string }): void {
  prep(db, 'INSERT INTO warehouses (id, code, name, province, city, address, active, carrier_cutoffs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(w.id, w.code, w.name, w.province, w.city, w.address, w.active ? 1 : 0, w.cutoffs, w.now, w.now);
}

export function updateWarehouseRow(db: Db, id: string, w: { name: string; province: string | null; city: string | null; address: string | null; active: boolean; cutoffs: string; now: string }): void {
  prep(db, 'UPDATE warehouses SET name = ?, province = ?, city = ?, address = ?, active = ?, carrier_cutoffs = ?, updated_at = ? WHERE id = ?')
    .run(w.name, w.province, w.city, w.address, w.active ? 1 : 0, w.cutoffs, w.now, id);
}

/** The warehouses that override a carrier's cut-off: id and their JSON map. */
export function selectWarehouseCutoffs(db: Db): { id: string; carrier_cutoffs: string }[] {
  return prep(db, "SELECT id, carrier_cutoffs FROM warehouses WHERE carrier_cutoffs <> '{}'").all() as { id: string; carrier_cutoffs: string }[];
}

/** Makes this warehouse the one default (the partial unique index allows only one). */
export function setDefaultWarehouse(db: Db, id: string): void {
  prep(db, 'UPDATE warehouses SET is_default = 0 WHERE is_default = 1 AND id <> ?').run(id);
  prep(db, 'UPDATE warehouses SET is_default = 1 WHERE id = ?').run(id);
}

export function selectWarehouseLabels(db: Db): { id: string; code: string; name: string; active: number }[] {
  return prep(db, 'SELECT id, code, name, active FROM warehouses').all() as { id: string; code: string; name: string; active: number }[];
}
