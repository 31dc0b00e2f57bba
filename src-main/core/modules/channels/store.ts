// SQL of the channels module: connections, inbox, platform order versions, refusals, outbox,
// attempts, follower cursors. Only this file has SQL text, and it writes only these tables.
import { UNMAPPED_SKU_ID } from '../../../contract/channels';
import { prep, type Db } from '../../store/db';

export interface ChannelRow {
  id: string; kind: string; name: string; code: string; secret: string; app_key: string | null; api_base: string | null; api_key: string | null; api_secret: string | null;
  write_back_url: string | null; write_back_on: 'labelled' | 'handed_over'; carrier_names: string; default_carrier: string | null; poll_minutes: number; poll_cursor: string | null;
  last_poll_at: string | null; last_poll_error: string | null; enabled: number; refused: number; last_refused_at: string | null;
  failures_in_row: number; breaker_until: string | null; created_at: string; updated_at: string;
}

export function insertChannel(db: Db, r: Omit<ChannelRow, 'poll_cursor' | 'last_poll_at' | 'last_poll_error' | 'refused' | 'last_refused_at' | 'failures_in_row' | 'breaker_until'>): void {
  prep(db, `INSERT INTO channels (id, kind, name, code, secret, app_key, api_base, api_key, api_secret, write_back_url, write_back_on, carrier_names, default_carrier, poll_minutes, enabled, created_at, updated_at)
    VALUES (@id, @kind, @name, @code, @secret, @app_key, @api_base, @api_key, @api_secret, @write_back_url, @write_back_on, @carrier_names, @default_carrier, @poll_minutes, @enabled, @created_at, @updated_at)`).run(r);
}

const PATCHABLE = ['name', 'secret', 'app_key', 'api_base', 'api_key', 'api_secret', 'write_back_url', 'write_back_on', 'carrier_names', 'default_carrier', 'poll_minutes', 'enabled'] as const;
export function updateChannelRow(db: Db, id: string, patch: Partial<Pick<ChannelRow, (typeof PATCHABLE)[number]>>, at: string): void {
  const keys = PATCHABLE.filter((k) => patch[k] !== undefined);
  prep(db, `UPDATE channels SET ${[...keys.map((k) => `${k} = @${k}`), 'updated_at = @at', 'version = version + 1'].join(', ')} WHERE id = @id`).run({ ...Object.fromEntries(keys.map((k) => [k, patch[k]])), at, id });
}

export const channelRow = (db: Db, id: string) => prep(db, 'SELECT * FROM channels WHERE id = ?').get(id) as ChannelRow | undefined;
export const channelByCode = (db: Db, code: string) => prep(db, 'SELECT * FROM channels WHERE code = ?').get(code) as ChannelRow | undefined;
/** Changes whenever a connection is added or changed (count and versions): cached connections hold while it does not. */
export function connectionsStamp(db: Db): string {
  const r = prep(db, 'SELECT count(*) n, coalesce(sum(version), 0) v FROM channels').get() as { n: number; v: number };
  return `${r.n}.${r.v}`;
}
export const channelRows = (db: Db) => prep(db, 'SELECT * FROM channels ORDER BY created_at, id').all() as ChannelRow[];

export function countRefusal(db: Db, channelId: string, at: string, reason: string, bytes: number): void {
  prep(db, 'UPDATE channels SET refused = refused + 1, last_refused_at = ? WHERE id = ?').run(at, channelId);
  prep(db, 'INSERT INTO channel_refusals (channel_id, at, reason, bytes) VALUES (?, ?, ?, ?)').run(channelId, at, reason, bytes);
}
export const refusalRows = (db: Db, channelId: string, limit: number) =>
  prep(db, 'SELECT at, reason, bytes FROM channel_refusals WHERE channel_id = ? ORDER BY at DESC LIMIT ?').all(channelId, limit) as { at: string; reason: string; bytes: number }[];

export function setPollResult(db: Db, id: string, r: { at: string; cursor?: string; error: string | null }): void {
  if (r.cursor) prep(db, 'UPDATE channels SET last_poll_at = ?, poll_cursor = ?, last_poll_error = NULL WHERE id = ?').run(r.at, r.cursor, id);
  else prep(db, 'UPDATE channels SET last_poll_at = ?, last_poll_error = ? WHERE id = ?').run(r.at, r.error, id);
}

export function setBreaker(db: Db, id: string, failuresInRow: number, until: string | null): void {
  prep(db, 'UPDATE channels SET failures_in_row = ?, breaker_until = ? WHERE id = ?').run(failuresInRow, until, id);
}

// --- inbox -------------------------------------------------------------------------------------

export interface InboxRow {
  id: string; channel_id: string; delivery_id: string; order_key: string; topic: string; source: 'webhook' | 'poll' | 'replay'; headers: string; body: Buffer; received_at: string;
  event_at: string | null; state: 'pending' | 'done' | 'duplicate' | 'stale' | 'failed' | 'test'; result: string | null; order_id: string | null;
  external_id: string | null; processed_at: string | null; delay_ms: number | null;
}

/**
 * The inbox's dedupe key is (order key, connection, delivery id): the order key (the platform's order
 * id the delivery names, '' for none) leads, so new orders' deliveries go to the right end of one
 * b-tree instead of a page each for their random delivery ids (migration 2026121010).
 */
type NewInboxRow = Pick<InboxRow, 'id' | 'channel_id' | 'delivery_id' | 'order_key' | 'topic' | 'source' | 'headers' | 'body' | 'received_at' | 'event_at'>;

/** Stores a delivery unless the connection has it (its delivery id, under the same order key): true when it is new. */
export function insertInbox(db: Db, r: NewInboxRow & Pick<InboxRow, 'state'>): boolean {
  return prep(db, `INSERT INTO channel_inbox (id, channel_id, delivery_id, order_key, topic, source, headers, body, received_at, event_at, state)
    VALUES (@id, @channel_id, @delivery_id, @order_key, @topic, @source, @headers, @body, @received_at, @event_at, @state) ON CONFLICT (order_key, channel_id, delivery_id) DO NOTHING`).run(r).changes === 1;
}

/** Whether the connection stored this delivery already (the platform's retry of it). */
export const inboxHas = (db: Db, channelId: string, orderKey: string, deliveryId: string) =>
  prep(db, 'SELECT 1 FROM channel_inbox WHERE order_key = ? AND channel_id = ? AND delivery_id = ?').get(orderKey, channelId, deliveryId) !== undefined;

/** Stores a delivery processed in the same job, with its outcome: one write of the row instead of an insert and an update. */
export function insertProcessedInbox(db: Db, r: NewInboxRow, o: { state: InboxRow['state']; result: string; orderId: string | null; externalId: string | null; at: string; delayMs: number | null }): void {
  prep(db, `INSERT INTO channel_inbox (id, channel_id, delivery_id, order_key, topic, source, headers, body, received_at, event_at, state, result, order_id, external_id, processed_at, delay_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(r.id, r.channel_id, r.delivery_id, r.order_key, r.topic, r.source, r.headers, r.body, r.received_at, r.event_at, o.state, o.result, o.orderId, o.externalId, o.at, o.delayMs);
}

export const inboxRow = (db: Db, id: string) => prep(db, 'SELECT * FROM channel_inbox WHERE id = ?').get(id) as InboxRow | undefined;
/** The inbox's work queue (EXPLAIN QUERY PLAN checked in tests/core/channels/channels-schema.test.ts). */
export const PENDING_INBOX = "SELECT * FROM channel_inbox WHERE state = 'pending' ORDER BY id LIMIT ?";
export const pendingInbox = (db: Db, limit: number) => prep(db, PENDING_INBOX).all(limit) as InboxRow[];

export function finishInbox(db: Db, id: string, r: { state: InboxRow['state']; result: string; orderId: string | null; externalId: string | null; at: string; delayMs: number | null }): void {
  prep(db, 'UPDATE channel_inbox SET state = ?, result = ?, order_id = ?, external_id = ?, processed_at = ?, delay_ms = ? WHERE id = ?')
    .run(r.state, r.result, r.orderId, r.externalId, r.at, r.delayMs, id);
}

export const setInboxPending = (db: Db, id: string) => prep(db, "UPDATE channel_inbox SET state = 'pending', result = NULL, processed_at = NULL WHERE id = ?").run(id);

export function inboxRows(db: Db, channelId: string, state: string | undefined, limit: number): Omit<InboxRow, 'body' | 'headers'>[] {
  const cols = 'id, channel_id, delivery_id, topic, source, received_at, event_at, state, result, order_id, external_id, processed_at, delay_ms, length(body) bytes';
  return (state
    ? prep(db, `SELECT ${cols} FROM channel_inbox WHERE channel_id = ? AND state = ? ORDER BY id DESC LIMIT ?`).all(channelId, state, limit)
    : prep(db, `SELECT ${cols} FROM channel_inbox WHERE channel_id = ? ORDER BY id DESC LIMIT ?`).all(channelId, limit)) as Omit<InboxRow, 'body' | 'headers'>[];
}

export interface InboxStats { deliveries: number; processed: number; failed: number; last: string | null }
/**
 * A connection's deliveries since `since`: entries of the inbox's received-time index (covering),
 * the connection's picked out of them (the unary + keeps the planner off the (connection, delivery
 * id) key, which would read every delivery the connection ever had). EXPLAIN QUERY PLAN checked
 * in tests/core/channels/channels-schema.test.ts.
 */
export const INBOX_STATS = `SELECT count(*) deliveries, coalesce(sum(state IN ('done','duplicate','stale')), 0) processed, coalesce(sum(state = 'failed'), 0) failed
  FROM channel_inbox WHERE received_at >= @since AND +channel_id = @c`;
export function inboxStats(db: Db, channelId: string, since: string): InboxStats {
  const s = prep(db, INBOX_STATS).get({ c: channelId, since }) as Omit<InboxStats, 'last'>;
  return { ...s, last: lastDelivery(db, channelId) };
}
export const INBOX_DELAYS = "SELECT delay_ms FROM channel_inbox WHERE received_at >= ? AND +channel_id = ? AND state = 'done' AND delay_ms IS NOT NULL ORDER BY delay_ms";
export const inboxDelays = (db: Db, channelId: string, since: string) => prep(db, INBOX_DELAYS).pluck().all(since, channelId) as number[];

/** A connection's newest delivery: kept by the write that stores deliveries (one row per connection). */
export const lastDelivery = (db: Db, channelId: string) => (prep(db, 'SELECT received_at FROM channel_last_delivery WHERE channel_id = ?').pluck().get(channelId) as string | undefined) ?? null;
export function noteDelivery(db: Db, channelId: string, receivedAt: string): void {
  prep(db, `INSERT INTO channel_last_delivery (channel_id, received_at) VALUES (?, ?)
    ON CONFLICT (channel_id) DO UPDATE SET received_at = max(received_at, excluded.received_at)`).run(channelId, receivedAt);
}

// --- platform order versions -------------------------------------------------------------------

export interface PlatformOrderRow { channel_id: string; external_id: string; updated_at: string; status: string; order_id: string | null; refund_pending: number; line_skus: string | null }
export const platformOrder = (db: Db, channelId: string, externalId: string) =>
  prep(db, 'SELECT * FROM channel_orders WHERE channel_id = ? AND external_id = ?').get(channelId, externalId) as PlatformOrderRow | undefined;
/**
 * A Packline order's platform order: found by the order's own (channel code, external id), the key,
 * so channel_orders keeps no index of order ids (a page more per webhook commit; migration 2026121011).
 */
export const PLATFORM_ORDER_OF = `SELECT co.* FROM orders o JOIN channels c ON c.code = o.channel
  JOIN channel_orders co ON co.external_id = o.external_id AND co.channel_id = c.id WHERE o.id = ? AND co.order_id = o.id`;
export const platformOrderOf = (db: Db, orderId: string) => prep(db, PLATFORM_ORDER_OF).get(orderId) as PlatformOrderRow | undefined;

export function upsertPlatformOrder(db: Db, r: { channelId: string; externalId: string; updatedAt: string; status: string; orderId: string | null; refundPending?: boolean; lineSkus?: string }): void {
  prep(db, `INSERT INTO channel_orders (channel_id, external_id, updated_at, status, order_id, refund_pending, line_skus) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (channel_id, external_id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at), status = excluded.status,
      order_id = coalesce(excluded.order_id, order_id), refund_pending = max(refund_pending, excluded.refund_pending), line_skus = coalesce(excluded.line_skus, line_skus)`)
    .run(r.channelId, r.externalId, r.updatedAt, r.status, r.orderId, r.refundPending ? 1 : 0, r.lineSkus ?? null);
}

// --- outbox ------------------------------------------------------------------------------------

export interface OutboxRow {
  id: string; channel_id: string; order_id: string; parcel_id: string; idem_key: string; payload: string; state: 'pending' | 'sent' | 'held' | 'dead';
  attempts: number; next_at: string | null; last_error: string | null; created_at: string; sent_at: string | null;
}

export function insertOutbox(db: Db, r: Pick<OutboxRow, 'id' | 'channel_id' | 'order_id' | 'parcel_id' | 'idem_key' | 'payload' | 'created_at'>): boolean {
  return prep(db, `INSERT INTO channel_outbox (id, channel_id, order_id, parcel_id, idem_key, payload, state, next_at, created_at)
    VALUES (@id, @channel_id, @order_id, @parcel_id, @idem_key, @payload, 'pending', @created_at, @created_at) ON CONFLICT (idem_key) DO NOTHING`).run(r).changes === 1;
}

export const outboxRow = (db: Db, id: string) => prep(db, 'SELECT * FROM channel_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
export const DUE_OUTBOX = "SELECT * FROM channel_outbox WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?";
export const dueOutbox = (db: Db, now: string, limit: number) => prep(db, DUE_OUTBOX).all(now, limit) as OutboxRow[];

export function setOutbox(db: Db, id: string, r: { state: OutboxRow['state']; attempts: number; nextAt: string | null; error: string | null; sentAt?: string | null }): void {
  prep(db, 'UPDATE channel_outbox SET state = ?, attempts = ?, next_at = ?, last_error = ?, sent_at = coalesce(?, sent_at) WHERE id = ?').run(r.state, r.attempts, r.nextAt, r.error, r.sentAt ?? null, id);
}

export const recordAttempt = (db: Db, r: { outboxId: string; at: string; ok: boolean; status: number | null; detail: string }) =>
  prep(db, 'INSERT INTO channel_attempts (outbox_id, at, ok, status, detail) VALUES (?, ?, ?, ?, ?)').run(r.outboxId, r.at, r.ok ? 1 : 0, r.status, r.detail.slice(0, 500));

/** The platform's order id a write-back reports: a split part's is its channel order's (the part's own is Packline's, PL…-2). */
const PLATFORM_ORDER_ID = 'COALESCE(channel_order.external_id, orders.external_id)';
export function outboxRows(db: Db, q: { state?: string; channelId?: string }, limit: number): (OutboxRow & { order_number: string; external_id: string })[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.state) {
    where.push('channel_outbox.state = ?');
    args.push(q.state);
  }
  if (q.channelId) {
    where.push('channel_outbox.channel_id = ?');
    args.push(q.channelId);
  }
  return prep(db, `SELECT channel_outbox.*, orders.number order_number, ${PLATFORM_ORDER_ID} external_id FROM channel_outbox JOIN orders ON orders.id = channel_outbox.order_id LEFT JOIN orders channel_order ON channel_order.id = orders.split_of
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY channel_outbox.created_at DESC, channel_outbox.id DESC LIMIT ?`).all(...args, limit) as (OutboxRow & { order_number: string; external_id: string })[];
}

export const outboxCounts = (db: Db, channelId: string) =>
  prep(db, "SELECT coalesce(sum(state = 'pending'), 0) pending, coalesce(sum(state = 'dead'), 0) dead FROM channel_outbox WHERE channel_id = ?").get(channelId) as { pending: number; dead: number };

export const heldOutboxOfOrder = (db: Db, orderId: string) => prep(db, "SELECT id FROM channel_outbox WHERE order_id = ? AND state = 'held'").pluck().all(orderId) as string[];

// --- follower cursor ---------------------------------------------------------------------------

export const cursorValue = (db: Db, name: string) => (prep(db, 'SELECT value FROM channel_cursors WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
export const setCursor = (db: Db, name: string, value: number) =>
  prep(db, 'INSERT INTO channel_cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);

export const outboxRowWithOrder = (db: Db, id: string) =>
  prep(db, `SELECT channel_outbox.*, orders.number order_number, ${PLATFORM_ORDER_ID} external_id FROM channel_outbox JOIN orders ON orders.id = channel_outbox.order_id
    LEFT JOIN orders channel_order ON channel_order.id = orders.split_of WHERE channel_outbox.id = ?`)
    .get(id) as (OutboxRow & { order_number: string; external_id: string }) | undefined;

export function clearRefundPending(db: Db, orderId: string): void {
  const po = platformOrderOf(db, orderId);
  if (po) prep(db, 'UPDATE channel_orders SET refund_pending = 0 WHERE channel_id = ? AND external_id = ?').run(po.channel_id, po.external_id);
}

// --- orders to read from the platform's API (抖店 messages name the order only) ---------------------

export interface FetchRow { channel_id: string; external_id: string; reason: string; requested_at: string; next_at: string; attempts: number; last_error: string | null }

/** Asks for the order's detail (again, at once, if it was asked for already). */
export function requestFetch(db: Db, channelId: string, externalId: string, reason: string, at: string): void {
  prep(db, `INSERT INTO channel_fetches (channel_id, external_id, reason, requested_at, next_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (channel_id, external_id) DO UPDATE SET reason = excluded.reason, next_at = excluded.next_at`).run(channelId, externalId, reason, at, at);
}
export const dueFetches = (db: Db, now: string, limit: number) => prep(db, 'SELECT * FROM channel_fetches WHERE next_at <= ? ORDER BY next_at LIMIT ?').all(now, limit) as FetchRow[];
export const anyFetchDue = (db: Db, now: string) => prep(db, 'SELECT 1 FROM channel_fetches WHERE next_at <= ? LIMIT 1').get(now) !== undefined;
export const fetchRows = (db: Db, channelId: string) => prep(db, 'SELECT * FROM channel_fetches WHERE channel_id = ? ORDER BY next_at').all(channelId) as FetchRow[];
export const deleteFetch = (db: Db, channelId: string, externalId: string) => prep(db, 'DELETE FROM channel_fetches WHERE channel_id = ? AND external_id = ?').run(channelId, externalId);
export function fetchFailed(db: Db, channelId: string, externalId: string, error: string, nextAt: string): void {
  prep(db, 'UPDATE channel_fetches SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE channel_id = ? AND external_id = ?').run(error, nextAt, channelId, externalId);
}

// --- order lines that arrived with an unmapped channel SKU (the placeholder SKU, contract UNMAPPED_SKU_ID) ---
// The placeholder's id is written into the SQL (a constant, never input): only a literal lets SQLite
// use the partial index order_lines_unmapped (orders migration 2026120961).

export interface UnmappedLineRow { lineId: string; orderId: string; qty: number }
/** The channel's order lines still waiting for a mapping of this channel SKU. */
export const unmappedLines = (db: Db, channel: string, channelSku: string) => prep(db, `SELECT l.id lineId, l.order_id orderId, l.qty FROM order_lines l JOIN orders o ON o.id = l.order_id
  WHERE l.sku_id = '${UNMAPPED_SKU_ID}' AND l.channel_sku = ? AND o.channel = ? ORDER BY l.rowid`).all(channelSku, channel) as UnmappedLineRow[];

export interface UnmappedSkuRow { channel: string; channelSku: string; name: string | null; orders: number; units: number; firstOrderId: string; firstOrderNumber: string }
/** Unmapped channel SKUs of orders not cancelled (of one order when `orderId`), the oldest first. */
const UNMAPPED_SKUS = (where: string) => `SELECT g.*, (SELECT number FROM orders WHERE id = g.firstOrderId) firstOrderNumber FROM (
    SELECT o.channel, l.channel_sku channelSku, min(l.name) name, count(DISTINCT o.id) orders, sum(l.qty) units, min(o.id) firstOrderId
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE l.sku_id = '${UNMAPPED_SKU_ID}' AND o.state <> 'cancelled'${where} GROUP BY o.channel, l.channel_sku) g ORDER BY g.firstOrderId LIMIT 500`;
export function unmappedSkuRows(db: Db, orderId: string | null): UnmappedSkuRow[] {
  return (orderId ? prep(db, UNMAPPED_SKUS(' AND o.id = ?')).all(orderId) : prep(db, UNMAPPED_SKUS('')).all()) as UnmappedSkuRow[];
}

export const setLineSkus = (db: Db, po: Pick<PlatformOrderRow, 'channel_id' | 'external_id'>, lineSkus: string) =>
  prep(db, 'UPDATE channel_orders SET line_skus = ? WHERE channel_id = ? AND external_id = ?').run(lineSkus, po.channel_id, po.external_id);
