import type { Migration } from '../../../store/migrate';

// A wave belongs to one warehouse: its orders are picked from that warehouse's bins. Waves from
// before warehouses land in the default one (2026120410).
const migration: Migration = {
  version: 2026120413,
  name: 'wave-warehouse',
  up(db) {
    db.exec(`ALTER TABLE waves ADD COLUMN warehouse_id TEXT REFERENCES warehouses(id);
      UPDATE waves SET warehouse_id = (SELECT id FROM warehouses WHERE is_default = 1);`);
  },
};
export default migration;
