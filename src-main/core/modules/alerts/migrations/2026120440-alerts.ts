import type { Migration } from '../../../store/migrate';

// Alerts: thresholds leads set, alerts grouped per key and window, notification channels, the
// outbox of messages (one row per channel and dedupe key: a message is queued once, whatever
// restarts), the daily brief's settings and the days it went out, and the feed follower's cursor.
const sql = /* sql */ `
CREATE TABLE alert_thresholds (
  id TEXT PRIMARY KEY,
  metric TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('above','below')),
  value REAL NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('warning','critical')),
  window_minutes INTEGER NOT NULL,
  todo TEXT NOT NULL,
  firing INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  todo TEXT NOT NULL,
  level TEXT NOT NULL,
  value REAL,
  count INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  open INTEGER NOT NULL,
  UNIQUE (key, window_start)
) STRICT;
CREATE INDEX alerts_recent ON alerts(last_at);

CREATE TABLE alert_channels (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('wecom','dingtalk','email','webhook')),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  smtp TEXT,
  alerts INTEGER NOT NULL,
  brief INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE alert_outbox (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES alert_channels(id),
  what TEXT NOT NULL CHECK (what IN ('alert','brief','test')),
  dedupe_key TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  image TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','sending','sent','dead','unsure')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (channel_id, dedupe_key)
) STRICT;
CREATE INDEX alert_outbox_due ON alert_outbox(next_at) WHERE state = 'pending';
CREATE INDEX alert_outbox_recent ON alert_outbox(created_at);

CREATE TABLE alert_brief (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  time TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  last_day TEXT
) STRICT;

CREATE TABLE alert_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), event_id INTEGER NOT NULL) STRICT;
`;

export default {
  version: 2026120440,
  name: 'alerts',
  up(db) {
    db.exec(sql);
  },
} satisfies Migration;
