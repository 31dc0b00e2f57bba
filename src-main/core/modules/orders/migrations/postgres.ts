import type { Db } from '../../../store/db';

// The orders migrations the dialect layer cannot carry, as they run on PostgreSQL (keyed by the
// SQLite migration's version; the module's own file stays the one source for SQLite).

/**
 * 2026120340 order-search: SQLite's FTS5 trigram index has no PostgreSQL twin here. order_search is
 * a plain table so the search indexer's writes land (it is not searched: text search by name and
 * city is SQLite-only for now, docs/postgres.md); phone_digits and the sort indexes are as on SQLite.
 */
const orderSearch = (db: Db) => db.exec(`
CREATE TABLE order_search (rowid INTEGER, name TEXT, city TEXT, order_search TEXT);
ALTER TABLE orders ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS (replace(replace(replace(json_extract(ship_to, '$.phone'), ' ', ''), '-', ''), '+', '')) STORED;
CREATE INDEX orders_phone ON orders(phone_digits);
CREATE INDEX orders_ship_by ON orders(coalesce(ship_by, '~'));
CREATE INDEX orders_created ON orders(created_at);
`);

/** 2026120342 order-search-indexer: the progress row; no triggers (nothing searches order_search on PostgreSQL). */
const orderSearchIndexer = (db: Db) => db.exec(`
CREATE TABLE order_search_progress (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_upto INTEGER NOT NULL);
INSERT INTO order_search_progress (id, indexed_upto) VALUES (1, coalesce((SELECT max(rowid) FROM orders), 0));
`);

export const ORDERS_PG_MIGRATIONS: Readonly<Record<number, (db: Db) => void>> = {
  2026120340: orderSearch,
  2026120342: orderSearchIndexer,
};
