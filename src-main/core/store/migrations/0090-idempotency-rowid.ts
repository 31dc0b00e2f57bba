import type { Migration } from '../migrate';

// Idempotency answers are whole orders (about 1 KB). As a WITHOUT ROWID table every row sat in the
// key b-tree, interior pages included, and spilled into overflow pages: a 41k-row table took 30k
// pages, and each remembered answer dirtied several pages per commit. A rowid table keeps the rows
// in insertion order (appends fill one page after another) with a small (scope, key) index beside.
const sql = /* sql */ `
CREATE TABLE idempotency_rows (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (scope, key)
) STRICT;
INSERT INTO idempotency_rows (scope, key, request_hash, status, response, created_at)
  SELECT scope, key, request_hash, status, response, created_at FROM idempotency ORDER BY created_at;
DROP TABLE idempotency;
ALTER TABLE idempotency_rows RENAME TO idempotency;
`;

const migration: Migration = {
  version: 90,
  name: 'idempotency-rowid',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
