// The benches and bench_pairing_codes tables: the only SQL of the benches module.
import { prep, type Db } from '../../store/db';

export interface BenchRow {
  id: string; name: string; warehouse_id: string; printer: string | null; scale: string | null;
  created_at: string; paired_at: string | null; last_contact_at: string | null; revoked_at: string | null;
}
export interface CodeRow { code_hash: string; bench_id: string; expires_at: string; used_at: string | null; replaced_at: string | null }

const COLUMNS = 'id, name, warehouse_id, printer, scale, created_at, paired_at, last_contact_at, revoked_at';

export function insertBench(db: Db, b: { id: string; name: string; warehouseId: string; printer: string | null; scale: string | null; createdAt: string; createdBy: string }): void {
  prep(db, 'INSERT INTO benches (id, name, warehouse_id, printer, scale, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(b.id, b.name, b.warehouseId, b.printer, b.scale, b.createdAt, b.createdBy);
}

export function updateBenchRow(db: Db, id: string, b: { name: string; warehouseId: string; printer: string | null; scale: string | null }): void {
  prep(db, 'UPDATE benches SET name = ?, warehouse_id = ?, printer = ?, scale = ? WHERE id = ?').run(b.name, b.warehouseId, b.printer, b.scale, id);
}

/** A bench by its id, else by its name (not revoked; names are unique among those). */
export function selectBenchByRef(db: Db, ref: string): BenchRow | undefined {
  return (prep(db, `SELECT ${COLUMNS} FROM benches WHERE id = ?`).get(ref)
    ?? prep(db, `SELECT ${COLUMNS} FROM benches WHERE lower(name) = lower(?) AND revoked_at IS NULL`).get(ref)) as BenchRow | undefined;
}

export function setBenchWarehouse(db: Db, id: string, warehouseId: string): void {
  prep(db, 'UPDATE benches SET warehouse_id = ? WHERE id = ?').run(warehouseId, id);
}

export function selectBenchIdsIn(db: Db, warehouseId: string): string[] {
  return prep(db, 'SELECT id FROM benches WHERE warehouse_id = ? AND revoked_at IS NULL').pluck().all(warehouseId) as string[];
}

/** Which warehouse each bench (not revoked) works in. */
export function selectBenchWarehouses(db: Db): { id: string; name: string; warehouse_id: string }[] {
  return prep(db, 'SELECT id, name, warehouse_id FROM benches WHERE revoked_at IS NULL ORDER BY name').all() as { id: string; name: string; warehouse_id: string }[];
}

export function selectBenchWarehouseId(db: Db, id: string): string | undefined {
  return prep(db, 'SELECT warehouse_id FROM benches WHERE id = ?').pluck().get(id) as string | undefined;
}

export function selectBenches(db: Db): BenchRow[] {
  return prep(db, `SELECT ${COLUMNS} FROM benches ORDER BY revoked_at IS NOT NULL, name`).all() as BenchRow[];
}

export function selectBench(db: Db, id: string): BenchRow | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM benches WHERE id = ?`).get(id) as BenchRow | undefined;
}

export function selectBenchByToken(db: Db, tokenHash: string): BenchRow | undefined {
  return prep(db, `SELECT ${COLUMNS} FROM benches WHERE token_hash = ?`).get(tokenHash) as BenchRow | undefined;
}

/** Another bench (not revoked, not `except`) has this name. */
export function benchNameTaken(db: Db, name: string, except = ''): boolean {
  return !!prep(db, 'SELECT 1 FROM benches WHERE lower(name) = lower(?) AND revoked_at IS NULL AND id <> ?').get(name, except);
}

/** Earlier codes of the bench not yet used stop working (only the newest code pairs). */
export function replaceOpenCodes(db: Db, benchId: string, at: string): void {
  prep(db, 'UPDATE bench_pairing_codes SET replaced_at = ? WHERE bench_id = ? AND used_at IS NULL AND replaced_at IS NULL').run(at, benchId);
}

export function insertCode(db: Db, c: { codeHash: string; benchId: string; createdAt: string; expiresAt: string }): void {
  prep(db, 'INSERT INTO bench_pairing_codes (code_hash, bench_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(c.codeHash, c.benchId, c.createdAt, c.expiresAt);
}

export function selectCode(db: Db, codeHash: string): CodeRow | undefined {
  return prep(db, 'SELECT code_hash, bench_id, expires_at, used_at, replaced_at FROM bench_pairing_codes WHERE code_hash = ?').get(codeHash) as CodeRow | undefined;
}

export function markCodeUsed(db: Db, codeHash: string, at: string): void {
  prep(db, 'UPDATE bench_pairing_codes SET used_at = ? WHERE code_hash = ?').run(at, codeHash);
}

/** The bench takes a (new) token: an earlier one stops working. */
export function setBenchToken(db: Db, benchId: string, tokenHash: string, at: string): void {
  prep(db, 'UPDATE benches SET token_hash = ?, paired_at = ?, last_contact_at = ? WHERE id = ?').run(tokenHash, at, at, benchId);
}

export function markBenchRevoked(db: Db, benchId: string, at: string): void {
  prep(db, 'UPDATE benches SET revoked_at = ?, token_hash = NULL WHERE id = ? AND revoked_at IS NULL').run(at, benchId);
}

export function setLastContact(db: Db, benchId: string, at: string): void {
  prep(db, 'UPDATE benches SET last_contact_at = ? WHERE id = ?').run(at, benchId);
}
