import type { Migration } from '../../../store/migrate';

// A split order (dispatch's routing, when the shop allows it): the channel's order keeps the lines
// its warehouse sends; each other warehouse's share becomes a part, an order row of its own whose
// split_of names the channel's order. A part is an order to the waves and the bench (they need no
// change); the write-back reports its parcels on the channel's order. route_manual: a lead chose the
// warehouse by hand, so the routing (an address change) leaves it until a lead clears it.
// The index is partial: orders that are not parts (nearly all, and every new one) never touch it.
const migration: Migration = {
  version: 2026120561,
  name: 'order-split',
  up(db) {
    db.exec(`ALTER TABLE orders ADD COLUMN split_of TEXT REFERENCES orders(id);
      ALTER TABLE orders ADD COLUMN route_manual INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX orders_split_of ON orders(split_of) WHERE split_of IS NOT NULL;`);
  },
};
export default migration;
