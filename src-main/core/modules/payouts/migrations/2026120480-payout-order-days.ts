import type { Migration } from '../../../store/migrate';

// Running totals for the Money summary and the overdue list, so neither reads every order: per
// channel, currency and day an order was placed (UTC), how many orders and what they total (kept by
// following new orders by rowid: payout_order_cursor), and how many of them have money, what they
// total, what arrived and the fees (kept by reconciling, by the change each batch makes).
const migration: Migration = {
  version: 2026120480,
  name: 'payout-order-days',
  up(db) {
    db.exec(`
CREATE TABLE payout_order_days (
  channel TEXT NOT NULL,
  currency TEXT NOT NULL,
  day TEXT NOT NULL,                  -- YYYY-MM-DD of the order's created_at (UTC)
  orders INTEGER NOT NULL DEFAULT 0,  -- every order of the day, cancelled ones too (the summary takes those off)
  fen INTEGER NOT NULL DEFAULT 0,
  paid_orders INTEGER NOT NULL DEFAULT 0,
  paid_total_fen INTEGER NOT NULL DEFAULT 0,
  received_fen INTEGER NOT NULL DEFAULT 0,
  fee_fen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, currency, day)
) STRICT, WITHOUT ROWID;
CREATE TABLE payout_order_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL) STRICT;
INSERT INTO payout_order_days (channel, currency, day, orders, fen)
  SELECT channel, COALESCE(currency, 'CNY'), substr(created_at, 1, 10), count(*), COALESCE(sum(total_minor), 0) FROM orders GROUP BY 1, 2, 3;
INSERT INTO payout_order_cursor (id, upto) VALUES (1, (SELECT COALESCE(max(rowid), 0) FROM orders));
INSERT INTO payout_order_days (channel, currency, day, paid_orders, paid_total_fen, received_fen, fee_fen)
  SELECT o.channel, COALESCE(o.currency, 'CNY'), substr(o.created_at, 1, 10), count(*), COALESCE(sum(o.total_minor), 0), sum(p.received_fen), sum(p.fee_fen)
  FROM payout_orders p JOIN orders o ON o.id = p.order_id GROUP BY 1, 2, 3
  ON CONFLICT (channel, currency, day) DO UPDATE SET paid_orders = excluded.paid_orders, paid_total_fen = excluded.paid_total_fen,
    received_fen = excluded.received_fen, fee_fen = excluded.fee_fen;
`);
  },
};
export default migration;
