import type { Migration } from '../../../store/migrate';

// Tracking (issue 16): one row per handed-over waybill (its normalised status, when it last moved,
// the salt its pushes are signed with, a stall once one is found) and the carrier's events, raw and
// normalised. Stall rules per carrier ('*' is the default: 2 h to pick-up, 24 h in transit, 48 h out
// for delivery). Partial indexes keep the stall scan and the poller on parcels still travelling, as ranges.
const sql = /* sql */ `
CREATE TABLE tracking_parcels (
  waybill TEXT PRIMARY KEY,
  carrier TEXT NOT NULL,
  order_id TEXT NOT NULL,
  parcel_id TEXT,
  salt TEXT NOT NULL,
  handed_over_at TEXT NOT NULL,
  subscribed_at TEXT,
  subscribe_error TEXT,
  status TEXT NOT NULL,
  final INTEGER NOT NULL DEFAULT 0,
  status_since TEXT NOT NULL,
  first_event_at TEXT,
  last_event_at TEXT,
  last_context TEXT,
  last_heard_at TEXT,
  stall TEXT,
  stall_at TEXT
) STRICT;
CREATE INDEX tracking_parcels_order ON tracking_parcels(order_id);
CREATE INDEX tracking_parcels_travelling ON tracking_parcels(last_heard_at) WHERE final = 0;
-- The stall scan: per status, a range over "last news" (or how long in the status) of parcels without a stall yet.
CREATE INDEX tracking_parcels_news ON tracking_parcels(status, COALESCE(last_event_at, handed_over_at)) WHERE final = 0 AND stall IS NULL;
CREATE INDEX tracking_parcels_since ON tracking_parcels(status, status_since) WHERE final = 0 AND stall IS NULL;
CREATE INDEX tracking_parcels_stalled ON tracking_parcels(stall_at) WHERE stall IS NOT NULL;

CREATE TABLE tracking_events (
  waybill TEXT NOT NULL,
  at TEXT NOT NULL,
  context TEXT NOT NULL,
  status TEXT NOT NULL,
  area TEXT,
  raw TEXT NOT NULL,
  PRIMARY KEY (waybill, at, context)
) STRICT, WITHOUT ROWID;

CREATE TABLE tracking_rules (
  carrier TEXT PRIMARY KEY,
  pickup_hours INTEGER NOT NULL,
  transit_hours INTEGER NOT NULL,
  delivery_hours INTEGER NOT NULL
) STRICT;
INSERT INTO tracking_rules (carrier, pickup_hours, transit_hours, delivery_hours) VALUES ('*', 2, 24, 48);
`;

const migration: Migration = {
  version: 2026120361,
  name: 'tracking',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
