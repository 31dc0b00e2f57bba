import type { Migration } from '../../../store/migrate';

// Orders to read from the platform's API: 抖店's order messages carry only the order id, so each
// asks for the order detail (order.orderDetail). One row per (connection, order) until it is read;
// a failure waits with backoff and says why.
const sql = /* sql */ `
CREATE TABLE channel_fetches (
  channel_id TEXT NOT NULL REFERENCES channels(id),
  external_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  next_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  PRIMARY KEY (channel_id, external_id)
) STRICT;
CREATE INDEX channel_fetches_due ON channel_fetches(next_at);
`;

const m: Migration = { version: 2026120470, name: 'channel-fetches', up: (db) => db.exec(sql) };
export default m;
