import type { Migration } from '../../../store/migrate';

// Finding orders as a person remembers them: the customer's name and city (substrings, Chinese too),
// the full phone number (exact only), and the filters and sorts of the Orders list.
//
// order_search is an FTS5 index with SQLite's trigram tokenizer, contentless (the text is in
// orders.ship_to already); its rowid is the order's rowid. It keeps which column each trigram is in
// but not where (detail=column) and no column sizes: half the cost per order of a full index
// (measured in bench/search.bench.ts), at the price of checking a match of 4 characters or more
// against the order's text (queries.ts). Each field is wrapped in \x02 ... \x03 (input text never
// holds control characters): trigrams match 3 characters or more, and most Chinese names and cities
// are two (刘艳, 杭州), so a two-character query looks for "\x02刘艳" or "刘艳\x03", a field that
// starts or ends with it. Triggers keep it in step with every writer of orders (intake thread,
// imports, address changes), inside the writer's transaction; a contentless index forgets a row
// by being told its old text.
//
// phone_digits: the ship-to phone without spaces, dashes and "+", indexed for exact look-ups only,
// so a search cannot list numbers by a prefix.
export const FIELD = (row: string, path: string) => `coalesce(char(2) || json_extract(${row}.ship_to, '${path}') || char(3), '')`;
// The name and the city only: province and district cost the intake path more than a person gains,
// who remembers the city.
export const ROW = (row: string) => `${FIELD(row, '$.name')}, ${FIELD(row, '$.city')}`;

const sql = /* sql */ `
CREATE VIRTUAL TABLE order_search USING fts5(name, city, tokenize = 'trigram', content = '', detail = column, columnsize = 0);
CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_search (rowid, name, city) VALUES (new.rowid, ${ROW('new')});
END;
CREATE TRIGGER order_search_update AFTER UPDATE OF ship_to ON orders WHEN old.ship_to IS NOT new.ship_to BEGIN
  INSERT INTO order_search (order_search, rowid, name, city) VALUES ('delete', old.rowid, ${ROW('old')});
  INSERT INTO order_search (rowid, name, city) VALUES (new.rowid, ${ROW('new')});
END;
CREATE TRIGGER order_search_delete AFTER DELETE ON orders BEGIN
  INSERT INTO order_search (order_search, rowid, name, city) VALUES ('delete', old.rowid, ${ROW('old')});
END;

ALTER TABLE orders ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS (replace(replace(replace(json_extract(ship_to, '$.phone'), ' ', ''), '-', ''), '+', '')) VIRTUAL;
CREATE INDEX orders_phone ON orders(phone_digits);
-- Sorted by ship-by (no date last) and the late filter; newest first and date ranges by created_at.
CREATE INDEX orders_ship_by ON orders(coalesce(ship_by, '~'));
CREATE INDEX orders_created ON orders(created_at);
`;

export default {
  version: 2026120340,
  name: 'order-search',
  up(db) {
    db.exec(sql);
    db.exec(`INSERT INTO order_search (rowid, name, city) SELECT rowid, ${ROW('orders')} FROM orders`);
  },
} satisfies Migration;
