import type { Migration } from '../../../store/migrate';

// Rules: the ordered list a lead edits; what they decided for each order (fired rules, tags, the
// note for the packer); the holds they put on (with their release time); where the rules follower
// is in the event log; presale products' promised stock days; the lead's queue (flags) and the
// instructions (cancel, expedite, address) a conflict is decided between.
const sql = /* sql */ `
CREATE TABLE rules (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  rule TEXT NOT NULL,                 -- JSON {match, conditions, actions} (contract/rules.ts)
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE rule_results (
  order_id TEXT PRIMARY KEY REFERENCES orders(id),
  evaluations INTEGER NOT NULL,       -- once on arrival, once per change
  evaluated_at TEXT NOT NULL,
  fired TEXT NOT NULL,                -- JSON FiredRule[]
  tags TEXT,                          -- JSON string[]
  packer_note TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE rule_holds (
  order_id TEXT NOT NULL REFERENCES orders(id),
  rule_id TEXT NOT NULL,
  type TEXT NOT NULL,
  reason TEXT NOT NULL,
  held_at TEXT NOT NULL,
  release_at TEXT,
  release_when_clear INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('held','released','released_by_person')),
  PRIMARY KEY (order_id, rule_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX rule_holds_due ON rule_holds(release_at) WHERE state = 'held' AND release_at IS NOT NULL;

CREATE TABLE rule_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  event_id INTEGER NOT NULL
) STRICT;
INSERT INTO rule_cursor (id, event_id) SELECT 1, COALESCE(MAX(id), 0) FROM events;

CREATE TABLE rule_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE presale_skus (
  sku_id TEXT PRIMARY KEY REFERENCES skus(id),
  stock_date TEXT NOT NULL
) STRICT;

CREATE TABLE order_flags (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  kind TEXT NOT NULL CHECK (kind IN ('unassigned','stuck','conflict')),
  state_at_flag TEXT NOT NULL,
  since TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','resolved')),
  created_at TEXT NOT NULL,
  resolved_at TEXT, resolved_by TEXT, decision TEXT
) STRICT;
CREATE UNIQUE INDEX order_flags_one_open ON order_flags(order_id, kind) WHERE state = 'open';
CREATE INDEX order_flags_state ON order_flags(state, created_at);
CREATE INDEX order_flags_order ON order_flags(order_id, kind, since);

CREATE TABLE order_instructions (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,                 -- JSON Instruction
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  outcome TEXT NOT NULL,
  flag_id TEXT
) STRICT;
CREATE INDEX order_instructions_order ON order_instructions(order_id, at);
`;

const migration: Migration = {
  version: 2026120420,
  name: 'rules',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
