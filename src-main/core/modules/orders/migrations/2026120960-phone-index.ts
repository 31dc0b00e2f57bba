import type { Migration } from '../../../store/migrate';

// Two indexes began with the ship-to phone: orders_phone (search by phone) and the rules' buyer
// count, orders_buyer_day (phone, created_at, partial: no split parts). Every new order wrote both,
// each computing phone_digits from the ship-to JSON, and with buyers' phones spread over the index
// each was a page of its own in the order's commit. One index now serves both: the phone, then the
// creation time, then split_of, so the buyer count (phone = ?, created_at >= ?, split_of IS NULL)
// is still read from the index alone, and search by phone uses its first column. The name stays
// orders_phone (the search test checks the plan by it).
const migration: Migration = {
  version: 2026120960,
  name: 'orders-phone-index',
  up(db) {
    db.exec(`DROP INDEX IF EXISTS orders_buyer_day;
DROP INDEX IF EXISTS orders_phone;
CREATE INDEX orders_phone ON orders(phone_digits, created_at, split_of);`);
  },
};
export default migration;
