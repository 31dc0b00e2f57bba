import type { Migration } from '../../../store/migrate';

// One warehouse's KPIs (GET /api/kpis?warehouse=): board_shipped keeps the warehouse of each shipped
// order (a split order's: its channel's order's, where it is counted once), so a warehouse's shipped,
// on-time and order-to-ship figures are a range of its own index, not a join over the day's orders.
const migration: Migration = {
  version: 2026120750,
  name: 'board-shipped-warehouse',
  up(db) {
    db.exec('ALTER TABLE board_shipped ADD COLUMN warehouse_id TEXT');
    db.exec('UPDATE board_shipped SET warehouse_id = (SELECT warehouse_id FROM orders WHERE orders.id = board_shipped.order_id)');
    db.exec('CREATE INDEX board_shipped_warehouse ON board_shipped(warehouse_id, day, minutes, promised, on_time)');
  },
};
export default migration;
