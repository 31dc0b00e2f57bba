import type { Migration } from '../../../store/migrate';

// A manifest is one warehouse's handover to a carrier (the truck stops at one dock). Manifests from
// before warehouses were the one implicit warehouse's: the default one (2026120410).
const migration: Migration = {
  version: 2026120562,
  name: 'manifest-warehouse',
  up(db) {
    db.exec(`ALTER TABLE manifests ADD COLUMN warehouse_id TEXT REFERENCES warehouses(id);
      UPDATE manifests SET warehouse_id = (SELECT id FROM warehouses WHERE is_default = 1);`);
  },
};
export default migration;
