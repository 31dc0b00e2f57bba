import type { Migration } from '../../../store/migrate';

// "More than N orders a day from one buyer": the count is read on the intake path (once per phone
// in a batch, only while such a rule is in use). The phone index alone made it read up to 50 order
// rows per count; this index answers it from the index itself (phone, then the creation time),
// leaving out split parts as the count does.
const migration: Migration = {
  version: 2026120620,
  name: 'rules-buyer-day-index',
  up(db) {
    db.exec('CREATE INDEX orders_buyer_day ON orders(phone_digits, created_at) WHERE split_of IS NULL');
  },
};
export default migration;
