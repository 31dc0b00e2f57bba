import type { Migration } from '../../../store/migrate';

// The rollups keyed by day (board_shipped and its per-day sums, board_shift) are the shop's days in
// its time zone. board_zone says which zone they are in, and while a change of the zone moves them
// (actions/rekey-days.ts, in short steps) how far it got; board_shift_next is the packers' and
// benches' days rebuilt from the event log under the new zone, put in place in the step that ends it.
// time_zone starts empty: the first step takes the shop's zone as the one its days were counted in.
const migration: Migration = {
  version: 2026120801,
  name: 'board-zone',
  up(db) {
    db.exec(`
      CREATE TABLE board_zone (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        time_zone TEXT,                            -- the zone the days are in
        rekey_to TEXT,                             -- a change under way: the zone they are moving to
        shipped_after TEXT NOT NULL DEFAULT '',    -- board_shipped moved up to this order id ('~': all)
        shifts_upto INTEGER NOT NULL DEFAULT 0     -- board_shift_next rebuilt from the log up to this event id
      ) STRICT;
      INSERT INTO board_zone (id) VALUES (1);
      CREATE TABLE board_shift_next (
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
    `);
  },
};
export default migration;
