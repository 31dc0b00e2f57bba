import type { Migration } from '../../../store/migrate';

// Every change of on hand or in transit in a bin, with who, why and what it left. A bin belongs to a
// warehouse (later issue), so the warehouse of a movement is its location's: no column here.
const migration: Migration = {
  version: 2026120321,
  name: 'stock-movements',
  up(db) {
    db.exec(`
      CREATE TABLE stock_movements (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        sku_id TEXT NOT NULL REFERENCES skus(id),
        location_id TEXT NOT NULL REFERENCES locations(id),
        kind TEXT NOT NULL CHECK (kind IN ('receive','adjust','count','move_out','move_in','pack','unpack','restock','ship')),
        on_hand_delta INTEGER NOT NULL,
        in_transit_delta INTEGER NOT NULL DEFAULT 0,
        on_hand_after INTEGER NOT NULL,
        reason TEXT,
        reference TEXT,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX stock_movements_sku ON stock_movements(sku_id, id);
      CREATE INDEX stock_movements_location ON stock_movements(location_id, id);
      CREATE INDEX stock_movements_actor ON stock_movements(actor, id);
    `);
  },
};
export default migration;
