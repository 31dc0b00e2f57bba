import type { Migration } from '../../../store/migrate';

// Merging: the shop's switch, and the orders packed together in one parcel (from the scan at the
// bench until the parcel ships; a member that is cancelled, held or readdressed leaves).
const sql = /* sql */ `
CREATE TABLE merge_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE merged_orders (
  order_id TEXT PRIMARY KEY REFERENCES orders(id),
  host_id TEXT NOT NULL REFERENCES orders(id),  -- the order the parcel is labelled under (it has a row too)
  by TEXT NOT NULL,                             -- 'platform' | 'address'
  joined_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX merged_orders_host ON merged_orders(host_id);
`;

const migration: Migration = {
  version: 2026120540,
  name: 'merges',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
