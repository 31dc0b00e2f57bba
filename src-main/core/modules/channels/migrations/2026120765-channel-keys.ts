import type { Migration } from '../../../store/migrate';

// The write of a webhook commit (issue 15): keys led by the connection put each of the 10
// connections' new entries on pages of its own, so a commit of a batch wrote about 128 WAL pages
// where the same orders posted directly wrote about 58.
// - channel_orders is keyed by (external id, connection): a platform's order ids grow, so a new
//   order's row goes at the right end of one b-tree, not into one region per connection. Every
//   read of it names both columns (or order_id, its own index).
// - the inbox's (connection, received_at) index becomes one by received time (new rows append at
//   its end), covering what the health screen and the board count (connection, state, delay), so
//   they read index entries of the last 24 h only; a connection's last delivery is kept in
//   channel_last_delivery (one row per connection) instead of read from that index.
const sql = /* sql */ `
CREATE TABLE channel_orders_by_external (
  channel_id TEXT NOT NULL REFERENCES channels(id),
  external_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  status TEXT NOT NULL,
  order_id TEXT,
  refund_pending INTEGER NOT NULL DEFAULT 0,
  line_skus TEXT,
  PRIMARY KEY (external_id, channel_id)
) STRICT, WITHOUT ROWID;
INSERT INTO channel_orders_by_external (channel_id, external_id, updated_at, status, order_id, refund_pending, line_skus)
  SELECT channel_id, external_id, updated_at, status, order_id, refund_pending, line_skus FROM channel_orders;
DROP TABLE channel_orders;
ALTER TABLE channel_orders_by_external RENAME TO channel_orders;
CREATE INDEX channel_orders_order ON channel_orders(order_id);

DROP INDEX channel_inbox_recent;
CREATE INDEX channel_inbox_received ON channel_inbox(received_at, channel_id, state, delay_ms);

CREATE TABLE channel_last_delivery (
  channel_id TEXT PRIMARY KEY REFERENCES channels(id),
  received_at TEXT NOT NULL
) STRICT;
INSERT INTO channel_last_delivery (channel_id, received_at) SELECT channel_id, max(received_at) FROM channel_inbox GROUP BY channel_id;
`;

const m: Migration = { version: 2026120765, name: 'channel-keys', up: (db) => db.exec(sql) };
export default m;
