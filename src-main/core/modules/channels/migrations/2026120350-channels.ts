import type { Migration } from '../../../store/migrate';

// Sales channels: connections, the inbox of raw deliveries (deduplicated on the platform's delivery
// id), the newest platform version of each order (deduplicated on (order id, updated_at), since
// WooCommerce re-fires an update under a new delivery id), counted signature refusals, the
// per-parcel write-back outbox with an audit of every attempt, and the cursors of the followers.
const sql = /* sql */ `
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('shopify','woocommerce','douyin','generic')),
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,            -- orders.channel of the orders it brings
  secret TEXT NOT NULL,                 -- webhook signing secret
  app_key TEXT,
  api_base TEXT, api_key TEXT, api_secret TEXT,
  write_back_url TEXT,
  write_back_on TEXT NOT NULL DEFAULT 'labelled' CHECK (write_back_on IN ('labelled','handed_over')),
  carrier_names TEXT NOT NULL DEFAULT '{}',
  default_carrier TEXT,                 -- the carrier of its orders unless the order names one
  poll_minutes INTEGER NOT NULL DEFAULT 10,
  poll_cursor TEXT, last_poll_at TEXT, last_poll_error TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  refused INTEGER NOT NULL DEFAULT 0,
  last_refused_at TEXT,
  failures_in_row INTEGER NOT NULL DEFAULT 0,   -- write-back failures in a row: the circuit breaker
  breaker_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE channel_inbox (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels(id),
  delivery_id TEXT NOT NULL,             -- X-Shopify-Webhook-Id, 抖店 msg_id, the generic event id; poll:<order>:<updated>
  topic TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('webhook','poll','replay')),
  headers TEXT NOT NULL,                 -- JSON of the headers that matter
  body BLOB NOT NULL,                    -- the raw bytes, as signed
  received_at TEXT NOT NULL,
  event_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','done','duplicate','stale','failed','test')),
  result TEXT,
  order_id TEXT,
  external_id TEXT,
  processed_at TEXT,
  delay_ms INTEGER,
  UNIQUE (channel_id, delivery_id)
) STRICT;
CREATE INDEX channel_inbox_pending ON channel_inbox(id) WHERE state = 'pending';
CREATE INDEX channel_inbox_recent ON channel_inbox(channel_id, received_at);

CREATE TABLE channel_orders (
  channel_id TEXT NOT NULL REFERENCES channels(id),
  external_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,              -- the platform's updated time of the version applied
  status TEXT NOT NULL,                  -- the platform's status of that version
  order_id TEXT,
  refund_pending INTEGER NOT NULL DEFAULT 0,
  line_skus TEXT,                        -- JSON {skuId: the platform's SKU}, for the write-back's lines
  PRIMARY KEY (channel_id, external_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX channel_orders_order ON channel_orders(order_id);

CREATE TABLE channel_refusals (
  channel_id TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  bytes INTEGER NOT NULL
) STRICT;
CREATE INDEX channel_refusals_channel ON channel_refusals(channel_id, at);

CREATE TABLE channel_outbox (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels(id),
  order_id TEXT NOT NULL,
  parcel_id TEXT NOT NULL,
  idem_key TEXT NOT NULL UNIQUE,         -- one write-back per parcel, whatever happens
  payload TEXT NOT NULL,                 -- JSON: external id, waybill, carrier name, lines
  state TEXT NOT NULL CHECK (state IN ('pending','sent','held','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;
CREATE INDEX channel_outbox_due ON channel_outbox(next_at) WHERE state = 'pending';
CREATE INDEX channel_outbox_channel ON channel_outbox(channel_id, state);

CREATE TABLE channel_attempts (
  outbox_id TEXT NOT NULL,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  status INTEGER,
  detail TEXT
) STRICT;
CREATE INDEX channel_attempts_outbox ON channel_attempts(outbox_id);

-- How far the write-back follower has read the change feed.
CREATE TABLE channel_cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
`;

const m: Migration = { version: 2026120350, name: 'channels', up: (db) => db.exec(sql) };
export default m;
