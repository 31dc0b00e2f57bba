import type { Migration } from '../../../store/migrate';

// Waybill numbers: ranges (号段) a carrier hands a shop, and every number ever issued, from a range
// or a carrier API. A number is issued once: next_serial only grows, issued numbers are never
// deleted (a void keeps the row), and (range_id, serial) and number are unique.
const sql = /* sql */ `
CREATE TABLE waybill_ranges (
  id TEXT PRIMARY KEY,
  carrier TEXT NOT NULL,
  scheme TEXT NOT NULL CHECK (scheme IN ('s10','mod10','mod11','none')),
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 18),
  first_serial INTEGER NOT NULL CHECK (first_serial >= 0),
  last_serial INTEGER NOT NULL,
  next_serial INTEGER NOT NULL,
  low_water INTEGER NOT NULL DEFAULT 100 CHECK (low_water >= 0),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  CHECK (first_serial <= last_serial),
  CHECK (next_serial BETWEEN first_serial AND last_serial + 1)
) STRICT;
CREATE INDEX waybill_ranges_carrier ON waybill_ranges(carrier, active, created_at);
CREATE TRIGGER waybill_ranges_never_rewind BEFORE UPDATE OF next_serial ON waybill_ranges
  WHEN NEW.next_serial < OLD.next_serial
  BEGIN SELECT RAISE(ABORT, 'a waybill range never goes back: its numbers may have been issued'); END;
CREATE TRIGGER waybill_ranges_never_deleted BEFORE DELETE ON waybill_ranges
  BEGIN SELECT RAISE(ABORT, 'waybill ranges are never deleted; deactivate the range'); END;

CREATE TABLE waybills (
  number TEXT PRIMARY KEY,
  carrier TEXT NOT NULL,
  source TEXT NOT NULL,              -- 'range' or 'api:<adapter>'
  range_id TEXT REFERENCES waybill_ranges(id),
  serial INTEGER,
  order_id TEXT,
  parcel_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('allocated','voided')),
  sort_code TEXT,                    -- 三段码 / 大头笔, from the carrier
  bag_point TEXT,                    -- 集包地, from the carrier
  carrier_ref TEXT,                  -- the carrier's own order id, needed to void
  label_format TEXT CHECK (label_format IS NULL OR label_format IN ('zpl','pdf')),
  label BLOB,                        -- a ready label from the carrier, printed as is
  allocated_at TEXT NOT NULL,
  voided_at TEXT,
  void_reason TEXT
) STRICT;
CREATE UNIQUE INDEX waybills_range_serial ON waybills(range_id, serial) WHERE range_id IS NOT NULL;
CREATE INDEX waybills_order ON waybills(order_id);
CREATE TRIGGER waybills_never_deleted BEFORE DELETE ON waybills
  BEGIN SELECT RAISE(ABORT, 'waybill numbers are never deleted; void them'); END;
CREATE TRIGGER waybills_number_fixed BEFORE UPDATE OF number, range_id, serial ON waybills
  BEGIN SELECT RAISE(ABORT, 'a waybill number never changes'); END;
`;

const migration: Migration = {
  version: 30,
  name: 'waybills',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
