import type { Migration } from '../../../store/migrate';

// A warehouse's own carrier cut-offs (JSON {carrier: "HH:MM"}), each overriding the shop's setting for
// that carrier there; empty: the shop's cut-offs hold in this warehouse.
const migration: Migration = {
  version: 2026120600,
  name: 'warehouse-cutoffs',
  up(db) {
    db.exec("ALTER TABLE warehouses ADD COLUMN carrier_cutoffs TEXT NOT NULL DEFAULT '{}'");
  },
};
export default migration;
