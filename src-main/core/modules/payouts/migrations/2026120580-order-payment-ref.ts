import type { Migration } from '../../../store/migrate';

// The payment's own reference on an order (WooCommerce's transaction_id, a payment service's trade
// number), given at intake: a statement row whose merchant order number is that reference finds the
// order by it (store.ts stageRows). Indexed only where an order has one.
const migration: Migration = {
  version: 2026120580,
  name: 'order-payment-ref',
  up(db) {
    db.exec(`
ALTER TABLE orders ADD COLUMN payment_ref TEXT;
CREATE INDEX orders_payment_ref ON orders(payment_ref) WHERE payment_ref IS NOT NULL;
`);
  },
};
export default migration;
