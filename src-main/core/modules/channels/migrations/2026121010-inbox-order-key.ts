import type { Migration } from '../../../store/migrate';

// The inbox's dedupe key led by the platform's order id (issue 15, the write of a webhook commit).
// The delivery ids platforms send are random (Shopify's X-Shopify-Webhook-Id is a UUID), so the
// unique key (connection, delivery id) put every new delivery on a leaf page of its own: 23 of the
// ~127 pages a commit of 30 deliveries wrote. A delivery names its order, and a platform's order
// ids grow, so the key (order id, connection, delivery id) puts a commit's new deliveries at the
// right end of one b-tree, as channel_orders' key does (migration 2026120765). A platform's retry is
// the same bytes, so it names the same order and still meets its first copy on this key.
// order_key is the order id the platform's parse of the delivery names ('' when it names none or
// cannot be read); it is filled when the delivery is stored (external_id stays the outcome's).
// Rows stored before take their processed external id (a pending one ''): a retry of one of those
// that now names an order is stored once more and deduplicated on (order id, updated_at) instead.
const sql = /* sql */ `
CREATE TABLE channel_inbox_by_order (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels(id),
  delivery_id TEXT NOT NULL,
  order_key TEXT NOT NULL DEFAULT '',
  topic TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('webhook','poll','replay')),
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  received_at TEXT NOT NULL,
  event_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','done','duplicate','stale','failed','test')),
  result TEXT,
  order_id TEXT,
  external_id TEXT,
  processed_at TEXT,
  delay_ms INTEGER,
  UNIQUE (order_key, channel_id, delivery_id)
) STRICT;
INSERT INTO channel_inbox_by_order (id, channel_id, delivery_id, order_key, topic, source, headers, body, received_at, event_at, state, result, order_id, external_id, processed_at, delay_ms)
  SELECT id, channel_id, delivery_id, coalesce(external_id, ''), topic, source, headers, body, received_at, event_at, state, result, order_id, external_id, processed_at, delay_ms FROM channel_inbox;
DROP TABLE channel_inbox;
ALTER TABLE channel_inbox_by_order RENAME TO channel_inbox;
CREATE INDEX channel_inbox_pending ON channel_inbox(id) WHERE state = 'pending';
CREATE INDEX channel_inbox_received ON channel_inbox(received_at, channel_id, state, delay_ms);
CREATE INDEX channel_inbox_failed ON channel_inbox(channel_id) WHERE state = 'failed';
`;

const m: Migration = { version: 2026121010, name: 'inbox-order-key', up: (db) => db.exec(sql) };
export default m;
