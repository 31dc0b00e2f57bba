import type { Migration } from '../../../store/migrate';

// Fewer indexes for an import to keep (each statement row and each difference was written into
// every one): payout_differences_state served no query (the differences list walks by id, the
// open counts read payout_differences_open), and payout_rows_state only the count of unmatched
// rows per channel, which an index of the unmatched rows alone serves (a matched row, nearly every
// row of a statement, is in none). EXPLAIN QUERY PLAN of each payouts read checked.
const migration: Migration = {
  version: 2026120770,
  name: 'payout-import-indexes',
  up(db) {
    db.exec(`
DROP INDEX payout_differences_state;
DROP INDEX payout_rows_state;
CREATE INDEX payout_rows_unmatched ON payout_rows(channel, currency) WHERE state = 'unmatched';
`);
  },
};
export default migration;
