import type { Migration } from '../../../store/migrate';

// "Which orders carry this SKU" (search and look-up by a SKU's code) read order_lines_sku, an index
// on order_lines(sku_id) written with every line. Its entries go wherever the line's SKU sits
// among all the lines, so each line of a new order dirtied a page of its own in the intake's commit
// (1.65 of the ~10 pages an order wrote, measured by WAL frames). order_skus answers the same
// question and is filled a little behind intake, by the search indexer, many orders at a time in
// key order (a page per SKU per job instead of a page per line); the orders it has not reached yet
// are read through their rows (store.ts selectOrderIdsWithSku). Lines of a placeholder SKU (an
// unmapped channel SKU) keep a small index of their own for the channels' mapping screens.
// PostgreSQL keeps order_lines_sku (orders/migrations/postgres.ts says why).
const migration: Migration = {
  version: 2026120961,
  name: 'order-skus',
  up(db) {
    db.exec(`CREATE TABLE order_skus (
  sku_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  PRIMARY KEY (sku_id, order_id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO order_skus (sku_id, order_id) SELECT DISTINCT sku_id, order_id FROM order_lines;
DROP INDEX IF EXISTS order_lines_sku;
CREATE INDEX order_lines_unmapped ON order_lines(channel_sku) WHERE sku_id = 'sku_unmapped';`);
  },
};
export default migration;
