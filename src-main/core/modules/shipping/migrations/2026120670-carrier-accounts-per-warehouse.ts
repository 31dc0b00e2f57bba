import type { Migration } from '../../../store/migrate';

// Carrier accounts per warehouse (issue 19): each warehouse ships with its own account for the same
// carrier (its 月结卡号 / customer code and its sender address), so the table is keyed by
// (warehouse, carrier). warehouse_id '' is the shop-wide account a warehouse without its own uses
// (a key column cannot be NULL and stay unique). The sender columns left empty print the shop's sender.
// Existing rows served every warehouse (warehouse_id was always NULL): a shop with one warehouse gets
// them in its default warehouse; a shop that already runs several keeps them shop-wide, so no
// warehouse's parcels silently lose the account they were labelled with yesterday.
const sql = /* sql */ `
CREATE TABLE carrier_accounts_by_warehouse (
  warehouse_id TEXT NOT NULL DEFAULT '',
  carrier TEXT NOT NULL,
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
  sender_name TEXT NOT NULL DEFAULT '',
  sender_phone TEXT NOT NULL DEFAULT '',
  sender_address TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  test_at TEXT,
  test_ok INTEGER,
  test_message TEXT,
  PRIMARY KEY (warehouse_id, carrier)
) STRICT;
`;

const COLUMNS = 'carrier, source, template, api_base, poll_base, api_key, api_secret, customer, partner_id, partner_key, net, service, pay_type, insured_yuan, callback_url, timeout_ms, updated_at, updated_by, test_at, test_ok, test_message';

const migration: Migration = {
  version: 2026120670,
  name: 'shipping-carrier-accounts-per-warehouse',
  up(db) {
    db.exec(sql);
    const warehouses = db.prepare('SELECT COUNT(*) FROM warehouses').pluck().get() as number;
    const home = warehouses > 1 ? '' : ((db.prepare('SELECT id FROM warehouses WHERE is_default = 1').pluck().get() as string | undefined) ?? '');
    db.prepare(`INSERT INTO carrier_accounts_by_warehouse (warehouse_id, ${COLUMNS}) SELECT COALESCE(warehouse_id, ?), ${COLUMNS} FROM carrier_accounts`).run(home);
    db.exec('DROP TABLE carrier_accounts');
    db.exec('ALTER TABLE carrier_accounts_by_warehouse RENAME TO carrier_accounts');
  },
};
export default migration;
