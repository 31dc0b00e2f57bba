import type { Migration } from '../../../store/migrate';

// Packing (issue 5): parcels with their waybill and weights, the bench that holds an order while
// packing it, the stock a packed order took off the shelf (so a void or an interception can give
// it back exactly), exceptions for the leads, and unit weights learned from the scale.
const sql = /* sql */ `
CREATE TABLE parcels (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  box_type_id TEXT REFERENCES box_types(id),
  tare_g INTEGER NOT NULL DEFAULT 0 CHECK (tare_g >= 0),   -- the box's tare when packed
  items TEXT NOT NULL,                                      -- JSON [{skuId, qty}]
  expected_g INTEGER,                                       -- null: a unit weight was unknown, no weight check
  measured_g INTEGER NOT NULL CHECK (measured_g >= 0),
  min_g INTEGER,
  max_g INTEGER,
  override_by TEXT REFERENCES users(id),
  override_reason TEXT,
  carrier TEXT NOT NULL,
  waybill TEXT NOT NULL UNIQUE REFERENCES waybills(number),
  bench TEXT NOT NULL,
  packed_by TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('labelled','voided')),
  created_at TEXT NOT NULL,
  voided_at TEXT,
  void_reason TEXT,
  CHECK ((override_by IS NULL) = (override_reason IS NULL))
) STRICT;
CREATE INDEX parcels_order ON parcels(order_id, seq);
-- Live parcels of an order are numbered 1..N without gaps or repeats.
CREATE UNIQUE INDEX parcels_live_seq ON parcels(order_id, seq) WHERE state = 'labelled';
CREATE TRIGGER parcels_never_deleted BEFORE DELETE ON parcels
  BEGIN SELECT RAISE(ABORT, 'parcels are never deleted; void them'); END;

-- Which bench packs an order while it is in 'packing' (a stale row of an order that left packing means nothing).
CREATE TABLE pack_claims (
  order_id TEXT PRIMARY KEY REFERENCES orders(id),
  bench TEXT NOT NULL,
  user_id TEXT NOT NULL,
  started_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Stock a packed order consumed, per line and bin: given back exactly on a void or an interception.
CREATE TABLE packed_stock (
  order_id TEXT NOT NULL REFERENCES orders(id),
  line_id TEXT NOT NULL REFERENCES order_lines(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, line_id, location_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE exceptions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('short','weight_override','intercept','other')),
  order_id TEXT REFERENCES orders(id),
  parcel_id TEXT REFERENCES parcels(id),
  bench TEXT,
  detail TEXT NOT NULL DEFAULT '{}',   -- JSON, per kind
  reason TEXT,
  raised_by TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','resolved')),
  resolution TEXT,
  resolved_by TEXT,
  resolved_reason TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
) STRICT;
CREATE INDEX exceptions_state ON exceptions(state, kind, id);
CREATE INDEX exceptions_order ON exceptions(order_id, id);

-- One row per labelled parcel that held exactly one SKU without a unit weight: what the scale says
-- that SKU weighs there (grams for qty units). Proposals average them.
CREATE TABLE weight_samples (
  parcel_id TEXT NOT NULL REFERENCES parcels(id),
  sku_id TEXT NOT NULL REFERENCES skus(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  grams INTEGER NOT NULL CHECK (grams > 0),
  created_at TEXT NOT NULL,
  PRIMARY KEY (sku_id, parcel_id)
) STRICT, WITHOUT ROWID;

-- A rejected proposal: samples up to this parcel no longer count.
CREATE TABLE weight_rejections (
  sku_id TEXT PRIMARY KEY REFERENCES skus(id),
  through_parcel TEXT NOT NULL,
  rejected_by TEXT NOT NULL,
  rejected_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

const migration: Migration = {
  version: 60,
  name: 'packing',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
