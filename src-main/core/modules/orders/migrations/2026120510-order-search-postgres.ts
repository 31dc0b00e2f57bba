import type { Migration } from '../../../store/migrate';

// On SQLite nothing: its name and city index is the order-search migration's FTS5 table. On
// PostgreSQL (migrations/postgres.ts) order_search gets trigram indexes and a trigger that keeps an
// indexed order's text in step with an address change, so search by name and city works there too.
export default {
  version: 2026120510,
  name: 'order-search-postgres',
  up() {},
} satisfies Migration;
