import type { Migration } from '../../../store/migrate';

// The command centre's numbers are kept up to date from the change feed (the events table) by the
// board follower (board/follower.ts), a little behind the writes instead of inside them, so no KPI
// is recomputed over every order on a request and the intake path does no extra work.
// - board_open: one row per open order (not shipped, cancelled or returned): the backlog, holds,
//   late and at-risk counts are index ranges over it, however many orders the shop has shipped.
// - board_shipped: one row per shipped order: on-time and order-to-ship time per day.
// - board_shift: per day and packer (or bench): first pack scan, last label, parcels, units, overrides.
// - board_cursor: the last event the follower applied. It starts at 0: a shop upgrading replays its
//   log in the background, a batch per write job.
// - board_wall_links: view-only links for a wall TV (the token's SHA-256 only).
const sql = /* sql */ `
CREATE TABLE board_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), event_id INTEGER NOT NULL) STRICT;
INSERT INTO board_cursor (id, event_id) VALUES (1, 0);

CREATE TABLE board_open (
  order_id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  state TEXT NOT NULL,
  carrier TEXT,
  created_at TEXT NOT NULL,
  ship_by TEXT,                          -- UTC ISO, normalised from whatever offset the order came with
  packed INTEGER NOT NULL,               -- 1: packed, waiting for the carrier (not backlog, may still be late)
  hold_reason TEXT,                      -- while on hold: the reason given
  customer_hold INTEGER NOT NULL DEFAULT 0 -- ever held for a reason the customer caused
) STRICT, WITHOUT ROWID;
CREATE INDEX board_open_age ON board_open(packed, created_at);
CREATE INDEX board_open_ship_by ON board_open(ship_by) WHERE ship_by IS NOT NULL;
CREATE INDEX board_open_carrier ON board_open(packed, carrier, ship_by);
CREATE INDEX board_open_hold ON board_open(hold_reason) WHERE hold_reason IS NOT NULL;

CREATE TABLE board_shipped (
  order_id TEXT PRIMARY KEY,
  shipped_at TEXT NOT NULL,
  day TEXT NOT NULL,                     -- local YYYY-MM-DD of shipped_at
  minutes INTEGER NOT NULL,              -- creation to hand-over
  promised INTEGER NOT NULL,             -- had a ship-by and no customer-caused hold: counts as due
  on_time INTEGER NOT NULL               -- shipped at or before ship-by
) STRICT, WITHOUT ROWID;
CREATE INDEX board_shipped_day ON board_shipped(day, minutes, promised, on_time);

CREATE TABLE board_shift (
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('packer','bench')),
  who TEXT NOT NULL,
  first_at TEXT,
  last_at TEXT,
  parcels INTEGER NOT NULL DEFAULT 0,
  units INTEGER NOT NULL DEFAULT 0,
  overrides INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, kind, who)
) STRICT, WITHOUT ROWID;

CREATE TABLE board_wall_links (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
`;

const migration: Migration = {
  version: 2026120430,
  name: 'board-rollups',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
