import type { Migration } from '../../../store/migrate';

// An alert's value when it was raised, beside its value at the last look (value): the screen says
// which is which ("131 when raised at 01:05 · now 162"). Alerts from before do not know it (NULL).
const m: Migration = {
  version: 2026121025,
  name: 'alert-first-value',
  up: (db) => db.exec('ALTER TABLE alerts ADD COLUMN first_value REAL'),
};
export default m;
