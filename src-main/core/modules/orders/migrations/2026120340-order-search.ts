import type { Migration } from '../../../store/migrate';

// Finding orders as a person remembers them: the customer's name and city (substrings, Chinese too),
// the full phone number (exact only), and the filters and sorts of the Orders list.
//
// order_search is an FTS5 index with SQLite's trigram tokenizer, contentless (the text is in
// orders.ship_to already) with contentless_delete so an edited address replaces its row. Its
// rowid is the order's rowid. Each field is wrapped in \x02 ... \x03 (input text never holds control
// characters): trigrams match 3 characters or more, and most Chinese names and cities are two
// (刘艳, 杭州), so a two-character query looks for "\x02刘艳" or "刘艳\x03", a field that starts or
// ends with it. Triggers keep it in step with every writer of orders (intake thread, imports,
// address changes), inside the writer's transaction.
//
// phone_digits: the ship-to phone without spaces, dashes and "+", indexed for exact look-ups only,
// so a search cannot list numbers by a prefix.
const FIELD = (path: string) => `coalesce(char(2) || json_extract(new.ship_to, '${path}') || char(3), '')`;
const NAME = FIELD('$.name');
// The city only: province and district cost the intake path more (about 15 µs an order) than a
// person gains, who remembers the city.
const PLACE = FIELD('$.city');

const sql = /* sql */ `
CREATE VIRTUAL TABLE order_search USING fts5(name, place, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_search (rowid, name, place) VALUES (new.rowid, ${NAME}, ${PLACE});
END;
CREATE TRIGGER order_search_update AFTER UPDATE OF ship_to ON orders WHEN old.ship_to IS NOT new.ship_to BEGIN
  DELETE FROM order_search WHERE rowid = old.rowid;
  INSERT INTO order_search (rowid, name, place) VALUES (new.rowid, ${NAME}, ${PLACE});
END;
CREATE TRIGGER order_search_delete AFTER DELETE ON orders BEGIN
  DELETE FROM order_search WHERE rowid = old.rowid;
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
    db.exec(`INSERT INTO order_search (rowid, name, place) SELECT rowid, ${NAME.replaceAll('new.', '')}, ${PLACE.replaceAll('new.', '')} FROM orders`);
  },
} satisfies Migration;
