import type { Migration } from '../../../store/migrate';

// The shop's choice to split an order no single warehouse can fill into one shipment per warehouse
// (Settings -> Routing). Off by default: a short order goes whole to one warehouse with a transfer
// suggestion, as before.
const migration: Migration = {
  version: 2026120560,
  name: 'routing-split',
  up(db) {
    db.exec('ALTER TABLE routing_settings ADD COLUMN split INTEGER NOT NULL DEFAULT 0');
  },
};
export default migration;
