import type { Migration } from '../../../store/migrate';

// Carrier accounts (issue 16): per carrier code (the strings orders carry), where its waybill numbers
// come from (ranges, or Kuaidi100's e-waybill API with the shop's key, secret and carrier account) and
// which label it prints. warehouse_id stays NULL (every warehouse) until a shop has more than one;
// the back-office `carriers` master table joins on `carrier` after merge.
// ewaybill_requests make an e-waybill idempotent per parcel key (order + Idempotency-Key) across
// retries and crashes: the row is committed before the carrier is asked, with the reference the
// carrier dedupes on, so a retry asks again with the same reference and never gets a second number.
const sql = /* sql */ `
CREATE TABLE carrier_accounts (
  carrier TEXT PRIMARY KEY,
  warehouse_id TEXT,
  source TEXT NOT NULL CHECK (source IN ('range','kuaidi100')),
  template TEXT NOT NULL,
  api_base TEXT NOT NULL DEFAULT '',
  poll_base TEXT NOT NULL DEFAULT '',
  api_key TEXT NOT NULL DEFAULT '',
  api_secret TEXT NOT NULL DEFAULT '',
  customer TEXT NOT NULL DEFAULT '',
  partner_id TEXT NOT NULL DEFAULT '',
  partner_key TEXT NOT NULL DEFAULT '',
  net TEXT NOT NULL DEFAULT '',
  service TEXT NOT NULL DEFAULT '',
  pay_type TEXT NOT NULL DEFAULT 'MONTHLY',
  insured_yuan INTEGER NOT NULL DEFAULT 0,
  callback_url TEXT NOT NULL DEFAULT '',
  timeout_ms INTEGER NOT NULL DEFAULT 8000,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  test_at TEXT,
  test_ok INTEGER,
  test_message TEXT
) STRICT;

CREATE TABLE ewaybill_requests (
  parcel_key TEXT PRIMARY KEY,       -- <order id>:<Idempotency-Key>
  order_id TEXT NOT NULL,
  carrier TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  reference TEXT NOT NULL UNIQUE,    -- the orderId sent to the carrier
  state TEXT NOT NULL CHECK (state IN ('asking','issued','voided')),
  number TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;

const migration: Migration = {
  version: 2026120360,
  name: 'shipping-carrier-accounts',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
