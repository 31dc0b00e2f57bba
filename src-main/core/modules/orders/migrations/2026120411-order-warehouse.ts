import type { Migration } from '../../../store/migrate';

// Every order belongs to a warehouse (routing picks it on arrival). Orders from before warehouses
// existed were all handled by the one implicit warehouse, now the default one (2026120410). No index:
// the warehouse filters (search, wave pool) read orders already narrowed by state or id order, and an
// index would be one more write per order on the intake path.
const migration: Migration = {
  version: 2026120411,
  name: 'order-warehouse',
  up(db) {
    db.exec('ALTER TABLE orders ADD COLUMN warehouse_id TEXT REFERENCES warehouses(id)');
    db.prepare('UPDATE orders SET warehouse_id = (SELECT id FROM warehouses WHERE is_default = 1)').run();
  },
};
export default migration;
