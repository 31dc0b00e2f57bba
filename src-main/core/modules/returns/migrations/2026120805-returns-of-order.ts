import type { Migration } from '../../../store/migrate';

// An order's returns are read newest first (ORDER BY id DESC): with the id in the order's index, the
// index alone gives them in that order. On (order_id) alone, PostgreSQL's planner could prefer walking
// every return by its key, newest first, filtering on the order (its choice on a small table).
const m: Migration = {
  version: 2026120805,
  name: 'returns-of-order',
  up: (db) => db.exec('DROP INDEX returns_order; CREATE INDEX returns_order ON returns(order_id, id)'),
};
export default m;
