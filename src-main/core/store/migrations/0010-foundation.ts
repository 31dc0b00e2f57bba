import type { Migration } from '../migrate';

// Foundation schema: catalog, locations, inventory, orders, people, idempotency, change feed.
const sql = /* sql */ `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator','lead','admin','finance','viewer')),
  badge TEXT NOT NULL UNIQUE,
  pin_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('session','api','bench')),
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
) STRICT;

CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  zone TEXT, aisle TEXT, bay TEXT, level TEXT,
  sequence INTEGER
) STRICT;

CREATE TABLE skus (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  unit_weight_g INTEGER CHECK (unit_weight_g IS NULL OR unit_weight_g >= 0),
  length_mm INTEGER, width_mm INTEGER, height_mm INTEGER,
  location_id TEXT REFERENCES locations(id),
  image_url TEXT,
  cost_minor INTEGER, price_minor INTEGER, currency TEXT,
  safety_stock INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- A case barcode counts several units of its SKU.
CREATE TABLE barcodes (
  code TEXT PRIMARY KEY,
  sku_id TEXT NOT NULL REFERENCES skus(id),
  units INTEGER NOT NULL DEFAULT 1 CHECK (units >= 1)
) STRICT, WITHOUT ROWID;
CREATE INDEX barcodes_sku ON barcodes(sku_id);

CREATE TABLE box_types (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  tare_g INTEGER NOT NULL CHECK (tare_g >= 0),
  length_mm INTEGER, width_mm INTEGER, height_mm INTEGER,
  max_weight_g INTEGER
) STRICT;

CREATE TABLE sku_mappings (
  channel TEXT NOT NULL,
  channel_sku TEXT NOT NULL,
  sku_id TEXT NOT NULL REFERENCES skus(id),
  PRIMARY KEY (channel, channel_sku)
) STRICT, WITHOUT ROWID;

CREATE TABLE inventory (
  sku_id TEXT NOT NULL REFERENCES skus(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  in_transit INTEGER NOT NULL DEFAULT 0 CHECK (in_transit >= 0),
  PRIMARY KEY (sku_id, location_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  state TEXT NOT NULL,
  resume_state TEXT,
  ship_to TEXT NOT NULL,            -- JSON: name, phone, country, province, city, district, address1, address2, postcode
  buyer TEXT,                       -- JSON: name, phone, email
  carrier TEXT, service TEXT,
  ship_by TEXT,
  priority INTEGER NOT NULL DEFAULT 0,
  total_minor INTEGER, currency TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (channel, external_id)
) STRICT;
CREATE INDEX orders_state ON orders(state, id);

CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  sku_id TEXT NOT NULL REFERENCES skus(id),
  channel_sku TEXT,
  name TEXT,
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_price_minor INTEGER
) STRICT;
CREATE INDEX order_lines_order ON order_lines(order_id);
CREATE INDEX order_lines_sku ON order_lines(sku_id);

-- Which stock a line holds, so a cancel gives back exactly what it took.
CREATE TABLE reservations (
  line_id TEXT NOT NULL REFERENCES order_lines(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (line_id, location_id)
) STRICT, WITHOUT ROWID;

-- Every number a person or a scanner may hold for an order: id, order number, channel number, waybills.
CREATE TABLE order_codes (
  code TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  kind TEXT NOT NULL,
  PRIMARY KEY (code, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_codes_order ON order_codes(order_id);

CREATE TABLE csv_mappings (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  mapping TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;

-- The change feed and the audit log: append-only, ids only grow.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT,
  data TEXT
) STRICT;
CREATE INDEX events_entity ON events(entity_id, id);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

const migration: Migration = {
  version: 10,
  name: 'foundation',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
