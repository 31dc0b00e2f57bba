import type { Migration } from '../../../store/migrate';

// A split order (issue 19: orders.split_of) is one customer order shipped as several parts. The KPIs
// that count orders count it once: board_open keeps which open rows are parts (part_of: the channel's
// order), so backlog and late leave out a part whose channel's order is still counted; the rows are
// few (only parts), so the partial index keeps that a look at the parts alone. board_open also keeps
// each open order's warehouse, so one warehouse's floor is an index range, not a set of all its orders.
const migration: Migration = {
  version: 2026120671,
  name: 'board-split-parts-and-warehouse',
  up(db) {
    db.exec('ALTER TABLE board_open ADD COLUMN part_of TEXT');
    db.exec('ALTER TABLE board_open ADD COLUMN warehouse_id TEXT');
    db.exec(`UPDATE board_open SET part_of = (SELECT split_of FROM orders WHERE orders.id = board_open.order_id),
      warehouse_id = (SELECT warehouse_id FROM orders WHERE orders.id = board_open.order_id)`);
    db.exec('CREATE INDEX board_open_parts ON board_open(part_of) WHERE part_of IS NOT NULL');
    db.exec('CREATE INDEX board_open_warehouse ON board_open(warehouse_id, packed, ship_by)');
  },
};
export default migration;
