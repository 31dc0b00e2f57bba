import type { Migration } from '../../../store/migrate';

// Waves: saved rules, released waves, which order sits in which cart slot, and what has been
// sorted into each slot at the put wall. An order is in at most one wave at a time: the partial
// unique index on wave_orders(order_id) refuses a second active membership. And the end-of-day
// carrier manifests.
const sql = /* sql */ `
CREATE TABLE wave_rules (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  rule TEXT NOT NULL,                -- JSON WaveRule (contract/waves.ts)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE waves (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,       -- W-0001, what people say and write
  name TEXT NOT NULL,
  rule_id TEXT,
  rule TEXT NOT NULL,                -- the rule as released (a saved rule may change later)
  grp TEXT,                          -- carrier or zone of a grouped wave
  single_unit INTEGER NOT NULL DEFAULT 0,
  bench_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('released','paused')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX waves_created ON waves(created_at);

CREATE TABLE wave_orders (
  wave_id TEXT NOT NULL REFERENCES waves(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  slot INTEGER NOT NULL CHECK (slot >= 1),
  member TEXT NOT NULL DEFAULT 'active' CHECK (member IN ('active','pulled')),
  pulled_at TEXT,
  PRIMARY KEY (wave_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX wave_orders_one_wave ON wave_orders(order_id) WHERE member = 'active';
CREATE INDEX wave_orders_order ON wave_orders(order_id);
CREATE UNIQUE INDEX wave_orders_slot ON wave_orders(wave_id, slot);

-- Units put into a slot at the put wall, per order and SKU.
CREATE TABLE wave_sorts (
  wave_id TEXT NOT NULL REFERENCES waves(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  sku_id TEXT NOT NULL REFERENCES skus(id),
  qty INTEGER NOT NULL CHECK (qty >= 0),
  PRIMARY KEY (wave_id, order_id, sku_id)
) STRICT, WITHOUT ROWID;

-- End of day: the parcels (0060) handed to a carrier, once each.
CREATE TABLE manifests (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,       -- M-0001
  carrier TEXT NOT NULL,
  parcels INTEGER NOT NULL,
  weight_g INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX manifests_created ON manifests(created_at);
CREATE TABLE manifest_parcels (
  parcel_id TEXT PRIMARY KEY REFERENCES parcels(id),
  manifest_id TEXT NOT NULL REFERENCES manifests(id),
  order_id TEXT NOT NULL REFERENCES orders(id)
) STRICT, WITHOUT ROWID;
CREATE INDEX manifest_parcels_manifest ON manifest_parcels(manifest_id);
`;

const migration: Migration = {
  version: 70,
  name: 'waves',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
