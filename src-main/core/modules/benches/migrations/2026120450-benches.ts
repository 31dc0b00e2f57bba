import type { Migration } from '../../../store/migrate';

// Benches and their pairing. A bench's token is stored as its SHA-256 hash (like every token); a
// pairing code likewise, used once and only until it expires. warehouse_id stays empty until the
// warehouses module fills it (a bench belongs to one warehouse, DESIGN.md).
const sql = /* sql */ `
CREATE TABLE benches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  warehouse_id TEXT,
  printer TEXT,
  scale TEXT,
  token_hash TEXT UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  paired_at TEXT,
  last_contact_at TEXT,
  revoked_at TEXT
) STRICT;

CREATE TABLE bench_pairing_codes (
  code_hash TEXT PRIMARY KEY,
  bench_id TEXT NOT NULL REFERENCES benches(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  replaced_at TEXT
) STRICT;
CREATE INDEX bench_pairing_codes_bench ON bench_pairing_codes (bench_id);
`;

export default {
  version: 2026120450,
  name: 'benches',
  up(db) {
    db.exec(sql);
  },
} satisfies Migration;
