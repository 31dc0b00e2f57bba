import type { Migration } from '../../../store/migrate';

// Returns (RMA): the request tied to its original order (none for a parcel that came without one),
// its lines per order line, every unit the bench graded, and the shop's settings for returns.
// A sellable unit's stock move is inventory's (stock.adjusted event); the unit row says where it went.
const sql = /* sql */ `
CREATE TABLE returns (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,         -- RMA-000001, printed as a barcode and QR
  state TEXT NOT NULL CHECK (state IN ('requested','approved','in_transit','received','inspected','resolved','closed','declined','cancelled')),
  source TEXT NOT NULL CHECK (source IN ('person','channel','unknown')),
  order_id TEXT REFERENCES orders(id),
  channel TEXT,
  channel_ref TEXT,                    -- the platform's return id (deduplicates channel events)
  reason TEXT NOT NULL,
  note TEXT,
  waybill TEXT,                        -- the return parcel's waybill
  codes TEXT NOT NULL DEFAULT '[]',    -- JSON: codes seen on an unknown parcel
  currency TEXT,
  value INTEGER NOT NULL DEFAULT 0,    -- requested units' share of the order total
  outside_window INTEGER NOT NULL DEFAULT 0,
  resolution TEXT CHECK (resolution IN ('refund','exchange','resend','reject')),
  refund_amount INTEGER NOT NULL DEFAULT 0,
  refund_state TEXT NOT NULL DEFAULT 'none' CHECK (refund_state IN ('none','pending','approved','recorded')),
  refund_ref TEXT,
  refund_approved_by TEXT,
  refund_recorded_by TEXT,
  linked_order_id TEXT REFERENCES orders(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX returns_order ON returns(order_id);
CREATE INDEX returns_state ON returns(state, id);
CREATE INDEX returns_waybill ON returns(waybill) WHERE waybill IS NOT NULL;
CREATE INDEX returns_created ON returns(created_at);
CREATE UNIQUE INDEX returns_channel_ref ON returns(channel, channel_ref) WHERE channel_ref IS NOT NULL;
CREATE INDEX returns_channel_ref_code ON returns(channel_ref) WHERE channel_ref IS NOT NULL;

-- Codes seen on a parcel that came without a request (waybill, order, channel number): the bench
-- finds the case again by any of them.
CREATE TABLE return_codes (
  code TEXT NOT NULL,
  return_id TEXT NOT NULL REFERENCES returns(id),
  PRIMARY KEY (code, return_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE return_lines (
  id TEXT PRIMARY KEY,
  return_id TEXT NOT NULL REFERENCES returns(id),
  order_line_id TEXT REFERENCES order_lines(id),
  sku_id TEXT NOT NULL REFERENCES skus(id),
  qty INTEGER NOT NULL CHECK (qty >= 1),
  reason TEXT NOT NULL,
  unit_value INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX return_lines_return ON return_lines(return_id);

CREATE TABLE return_units (
  id TEXT PRIMARY KEY,
  return_id TEXT NOT NULL REFERENCES returns(id),
  line_id TEXT REFERENCES return_lines(id),
  sku_id TEXT REFERENCES skus(id),
  code TEXT NOT NULL,
  grade TEXT NOT NULL CHECK (grade IN ('sellable','damaged','repair','scrap','missing','not_ours')),
  bin TEXT,
  photo TEXT,
  refund INTEGER NOT NULL DEFAULT 0,
  written_off_at TEXT,
  graded_at TEXT NOT NULL,
  graded_by TEXT NOT NULL
) STRICT;
CREATE INDEX return_units_return ON return_units(return_id);
CREATE INDEX return_units_held ON return_units(grade) WHERE grade IN ('damaged','repair','scrap') AND written_off_at IS NULL;

CREATE TABLE return_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL               -- JSON ReturnSettings (contract/returns.ts)
) STRICT;
`;

const migration: Migration = {
  version: 2026120380,
  name: 'returns',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
