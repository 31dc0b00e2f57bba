import type { Migration } from '../../../store/migrate';

// Each difference names its order's channel, so the Money summary counts the open ones per channel
// from an index (a statement of 100,000 orders leaves as many open fee differences until a rule
// clears them) instead of joining every open one to its order's money.
const migration: Migration = {
  version: 2026120481,
  name: 'payout-differences-channel',
  up(db) {
    db.exec(`
ALTER TABLE payout_differences ADD COLUMN channel TEXT;
UPDATE payout_differences SET channel = (SELECT p.channel FROM payout_orders p WHERE p.order_id = payout_differences.order_id);
CREATE INDEX payout_differences_open ON payout_differences(state, channel, currency);
`);
  },
};
export default migration;
