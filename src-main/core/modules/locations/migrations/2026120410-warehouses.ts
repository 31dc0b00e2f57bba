import type { Migration } from '../../../store/migrate';

// Warehouses (DESIGN.md "Warehouses and locations"): a shop has one or more; bins and benches belong
// to one. A shop from before had one implicit warehouse: it becomes the default one (named as the
// setup named it), and every bin already stored lands in it.
export const DEFAULT_WAREHOUSE_ID = 'wh_default';

const sql = /* sql */ `
CREATE TABLE warehouses (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  province TEXT, city TEXT, address TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX warehouses_one_default ON warehouses(is_default) WHERE is_default = 1;

-- A bench (its name as the station and the packing records give it) works in one warehouse.
CREATE TABLE warehouse_benches (
  bench TEXT PRIMARY KEY,
  warehouse_id TEXT NOT NULL REFERENCES warehouses(id)
) STRICT, WITHOUT ROWID;

ALTER TABLE locations ADD COLUMN warehouse_id TEXT REFERENCES warehouses(id);
CREATE INDEX locations_warehouse ON locations(warehouse_id);
`;

const migration: Migration = {
  version: 2026120410,
  name: 'warehouses',
  up(db) {
    db.exec(sql);
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'warehouse'").pluck().get() as string | undefined;
    const w = stored ? (JSON.parse(stored) as { name?: string; address?: string }) : {};
    const now = new Date().toISOString();
    db.prepare('INSERT INTO warehouses (id, code, name, address, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
      .run(DEFAULT_WAREHOUSE_ID, 'MAIN', w.name?.trim() || 'Main warehouse', w.address?.trim() || null, now, now);
    db.prepare('UPDATE locations SET warehouse_id = ?').run(DEFAULT_WAREHOUSE_ID);
  },
};
export default migration;
