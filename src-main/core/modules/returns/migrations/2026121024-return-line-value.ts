import type { Migration } from '../../../store/migrate';

// A return line's value: what its units are worth together. A line's share of the order total is
// spread over its units with the minor units left over on the first ones, so the units of one line
// can differ by one (unit_value keeps the value rounded down). Lines from before were worth
// unit_value each.
const m: Migration = {
  version: 2026121024,
  name: 'return-line-value',
  up: (db) => db.exec(`
    ALTER TABLE return_lines ADD COLUMN value INTEGER NOT NULL DEFAULT 0;
    UPDATE return_lines SET value = unit_value * qty;
  `),
};
export default m;
