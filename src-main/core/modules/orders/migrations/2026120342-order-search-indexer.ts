import type { Migration } from '../../../store/migrate';
import { ROW } from './2026120340-order-search';

// The name and city index (order-search migration) is no longer written by a trigger inside every
// order's transaction: that cost order creation 60% more CPU (bench/search.bench.ts). The search
// indexer (search-indexer.ts) indexes new orders shortly after their commit, in batches, up to
// order_search_progress.indexed_upto (orders' rowids grow with arrival; orders are never deleted).
// An order already indexed whose recipient changes is re-indexed by the trigger at once (rare: an
// address change); one not indexed yet is indexed later with its new text. A contentless index
// forgets a row only by being told its old text, so only rows it holds may be told.
const INDEXED = (row: string) => `${row}.rowid <= (SELECT indexed_upto FROM order_search_progress)`;

const sql = /* sql */ `
CREATE TABLE order_search_progress (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL);
-- Every order so far was indexed by the trigger dropped here.
INSERT INTO order_search_progress (id, indexed_upto) VALUES (1, coalesce((SELECT max(rowid) FROM orders), 0));
DROP TRIGGER order_search_insert;
DROP TRIGGER order_search_update;
DROP TRIGGER order_search_delete;
CREATE TRIGGER order_search_update AFTER UPDATE OF ship_to ON orders WHEN old.ship_to IS NOT new.ship_to AND ${INDEXED('old')} BEGIN
  INSERT INTO order_search (order_search, rowid, name, city) VALUES ('delete', old.rowid, ${ROW('old')});
  INSERT INTO order_search (rowid, name, city) VALUES (new.rowid, ${ROW('new')});
END;
CREATE TRIGGER order_search_delete AFTER DELETE ON orders WHEN ${INDEXED('old')} BEGIN
  INSERT INTO order_search (order_search, rowid, name, city) VALUES ('delete', old.rowid, ${ROW('old')});
END;
`;

export default {
  version: 2026120342,
  name: 'order-search-indexer',
  up(db) {
    db.exec(sql);
  },
} satisfies Migration;
