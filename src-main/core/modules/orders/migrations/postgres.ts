import type { Db } from '../../../store/db';
import { execPostgres } from '../../../store/pg/pg-database';

// The orders migrations the dialect layer cannot carry, as they run on PostgreSQL (keyed by the
// SQLite migration's version; the module's own file stays the one source for SQLite).

/**
 * 2026120340 order-search: SQLite's FTS5 trigram index has no PostgreSQL twin. order_search is a
 * plain table the search indexer fills with the same text (each field wrapped in \x02 ... \x03);
 * 2026120510 below indexes it for ILIKE. phone_digits and the sort indexes are as on SQLite.
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

/**
 * 2026120510 order-search-postgres: search by name and city reads order_search with ILIKE
 * (store.ts). pg_trgm's GIN indexes serve '%...%' patterns; pg_trgm is a contrib extension, trusted
 * since PostgreSQL 13 (a database's owner may add it): where it cannot be added, search still
 * works by reading the table. An address change re-indexes an order already indexed, as
 * SQLite's trigger does (one not indexed yet is indexed later with its new text).
 */
const orderSearchTrigrams = (db: Db) => execPostgres(db, `
CREATE UNIQUE INDEX order_search_rowid ON order_search (rowid);
DO $do$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX order_search_name ON order_search USING gin (name gin_trgm_ops);
  CREATE INDEX order_search_city ON order_search USING gin (city gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm could not be added (%): order search by name and city reads the whole order_search table', SQLERRM;
END $do$;
CREATE OR REPLACE FUNCTION order_search_readdress() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN
  IF NEW.rowid <= (SELECT indexed_upto FROM order_search_progress) THEN
    UPDATE order_search SET name = coalesce(chr(2) || json_extract(NEW.ship_to, '$.name') || chr(3), ''),
      city = coalesce(chr(2) || json_extract(NEW.ship_to, '$.city') || chr(3), '') WHERE rowid = NEW.rowid;
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER order_search_update AFTER UPDATE OF ship_to ON orders FOR EACH ROW
  WHEN (OLD.ship_to IS DISTINCT FROM NEW.ship_to) EXECUTE FUNCTION order_search_readdress();
`);

/**
 * 2026120961 order-skus: on PostgreSQL the SKU look-up keeps reading order_lines through
 * order_lines_sku (store.ts selectOrderIdsWithSku). Several core processes insert orders there, and
 * a lower rowid may commit after a higher one the indexer has passed, so an index filled behind
 * intake could miss an order for good. The table is made (the schema stays one) and left empty;
 * the placeholder SKU's partial index is made as on SQLite.
 */
const orderSkus = (db: Db) => db.exec(`
CREATE TABLE order_skus (sku_id TEXT NOT NULL, order_id TEXT NOT NULL, PRIMARY KEY (sku_id, order_id)) STRICT, WITHOUT ROWID;
CREATE INDEX order_lines_unmapped ON order_lines(channel_sku) WHERE sku_id = 'sku_unmapped';
`);

export const ORDERS_PG_MIGRATIONS: Readonly<Record<number, (db: Db) => void>> = {
  2026120340: orderSearch,
  2026120342: orderSearchIndexer,
  2026120510: orderSearchTrigrams,
  2026120961: orderSkus,
};
