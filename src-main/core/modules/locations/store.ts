// Locations' SQL: the locations table (bins with their zone, aisle, bay, level and custom walking
// sequence). The only file of this module with SQL text; it writes only the locations table.
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

/** Inserts a bin; a code already taken throws SQLite's UNIQUE constraint error. */
export function insertLocation(db: Db, id: string, input: z.infer<typeof LocationInput>): void {
  prep(db, 'INSERT INTO locations (id, code, zone, aisle, bay, level, sequence) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, input.code, input.zone ?? null, input.aisle ?? null, input.bay ?? null, input.level ?? null, input.sequence ?? null);
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
