import type { Migration } from '../../../store/migrate';

// Payouts: statements and their rows (each row's raw text kept; a row is known once by its key, so
// a file or an overlapping file imported again adds nothing), each order's money, the differences
// with their causes, finance's rules, the channels' settlement cycles, saved column mappings.
const migration: Migration = {
  version: 2026120370,
  name: 'payouts',
  up(db) {
    db.exec(`
CREATE TABLE payout_statements (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  filename TEXT,
  file_sha256 TEXT NOT NULL UNIQUE,
  encoding TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_added INTEGER NOT NULL DEFAULT 0,
  rows_duplicate INTEGER NOT NULL DEFAULT 0,
  rows_refused INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',   -- JSON: [{row, column, message}]
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE payout_rows (
  id INTEGER PRIMARY KEY,
  statement_id TEXT NOT NULL REFERENCES payout_statements(id),
  line_no INTEGER NOT NULL,
  channel TEXT NOT NULL,
  row_key TEXT NOT NULL UNIQUE,       -- source + the platform's ids (or the raw text): the same row twice is one row
  kind TEXT NOT NULL,
  merchant_order_no TEXT,
  platform_txn_id TEXT,
  refund_no TEXT,
  occurred_at TEXT,
  settled_on TEXT,
  payout_ref TEXT,
  currency TEXT NOT NULL,
  gross_fen INTEGER NOT NULL DEFAULT 0,
  fee_fen INTEGER NOT NULL DEFAULT 0,
  merchant_coupon_fen INTEGER NOT NULL DEFAULT 0,
  platform_coupon_fen INTEGER NOT NULL DEFAULT 0,
  refund_fen INTEGER NOT NULL DEFAULT 0,
  net_fen INTEGER NOT NULL DEFAULT 0,
  order_id TEXT,
  matched_by TEXT,
  charge_row_id INTEGER,
  state TEXT NOT NULL DEFAULT 'unmatched',
  raw TEXT NOT NULL
) STRICT;
CREATE INDEX payout_rows_order ON payout_rows(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX payout_rows_state ON payout_rows(state, channel);
CREATE INDEX payout_rows_statement ON payout_rows(statement_id, line_no);
CREATE INDEX payout_rows_txn ON payout_rows(platform_txn_id, kind) WHERE platform_txn_id IS NOT NULL;

CREATE TABLE payout_orders (
  order_id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  currency TEXT NOT NULL,
  expected_fen INTEGER NOT NULL,
  received_fen INTEGER NOT NULL,
  fee_fen INTEGER NOT NULL,
  gap_fen INTEGER NOT NULL,
  unexplained_fen INTEGER NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX payout_orders_status ON payout_orders(status, channel);

CREATE TABLE payout_differences (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL,
  cause TEXT NOT NULL,                -- as computed
  amount_fen INTEGER NOT NULL,
  currency TEXT NOT NULL,
  state TEXT NOT NULL,                -- open | expected | confirmed
  rule_id INTEGER,
  confirmed_cause TEXT,               -- what a person kept; survives re-matching
  note TEXT,
  confirmed_by TEXT,
  confirmed_at TEXT,
  UNIQUE (order_id, cause)
) STRICT;
CREATE INDEX payout_differences_state ON payout_differences(state, id);

CREATE TABLE payout_rules (
  id INTEGER PRIMARY KEY,
  channel TEXT,
  cause TEXT NOT NULL,
  max_percent REAL,
  max_fen INTEGER,
  note TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE payout_channels (
  channel TEXT PRIMARY KEY,
  cycle_days INTEGER NOT NULL,
  cycle_label TEXT NOT NULL,
  tolerance_fen INTEGER NOT NULL DEFAULT 1,
  window_hours INTEGER NOT NULL DEFAULT 72
) STRICT;
-- The seed documents' cycles: Douyin T+3, Pinduoduo T+7, 小程序 (WeChat mini program) D+1.
INSERT INTO payout_channels (channel, cycle_days, cycle_label) VALUES ('douyin', 3, 'T+3'), ('pinduoduo', 7, 'T+7'), ('miniprogram', 1, 'D+1');

CREATE TABLE payout_mappings (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  mapping TEXT NOT NULL,              -- JSON: columns, amountsIn, currency, refundWords
  created_at TEXT NOT NULL
) STRICT;
`);
  },
};
export default migration;
