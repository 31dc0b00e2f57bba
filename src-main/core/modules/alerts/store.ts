// The alerts module's SQL: its own tables (thresholds, alerts, notification channels, the outbox, the
// brief, the feed cursor), and read-only counts over other modules' tables for the metrics it
// registers and for the health panel (as the board reads orders and parcels). It writes only its own.
import { onPostgres, prep, type Db } from '../../store/db';

export interface ThresholdRow { id: string; metric: string; op: 'above' | 'below'; value: number; level: 'warning' | 'critical'; window_minutes: number; todo: string; firing: number; created_by: string; created_at: string }
export interface AlertRow { id: string; key: string; window_start: string; title: string; detail: string; todo: string; level: 'warning' | 'critical'; value: number | null; first_value: number | null; count: number; first_at: string; last_at: string; open: number }
export interface ChannelRow { id: string; kind: 'wecom' | 'dingtalk' | 'email' | 'webhook'; name: string; url: string; secret: string; smtp: string | null; alerts: number; brief: number; enabled: number; created_at: string }
export interface OutboxRow { id: string; channel_id: string; what: 'alert' | 'brief' | 'test'; dedupe_key: string; title: string; text: string; image: string | null; state: 'pending' | 'sending' | 'sent' | 'dead' | 'unsure'; attempts: number; next_at: string | null; last_error: string | null; created_at: string; sent_at: string | null }

// --- thresholds
export const thresholdRows = (db: Db) => prep(db, 'SELECT * FROM alert_thresholds WHERE deleted_at IS NULL ORDER BY created_at').all() as ThresholdRow[];
export const thresholdRow = (db: Db, id: string) => prep(db, 'SELECT * FROM alert_thresholds WHERE id = ? AND deleted_at IS NULL').get(id) as ThresholdRow | undefined;
export function insertThreshold(db: Db, r: Omit<ThresholdRow, 'firing'>): void {
  prep(db, 'INSERT INTO alert_thresholds (id, metric, op, value, level, window_minutes, todo, created_by, created_at) VALUES (@id, @metric, @op, @value, @level, @window_minutes, @todo, @created_by, @created_at)').run(r);
}
export const deleteThresholdRow = (db: Db, id: string, at: string) => prep(db, 'UPDATE alert_thresholds SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes;
export const setFiring = (db: Db, id: string, firing: boolean) => void prep(db, 'UPDATE alert_thresholds SET firing = ? WHERE id = ?').run(firing ? 1 : 0, id);

// --- alerts (one row per key and window)
export const alertIn = (db: Db, key: string, windowStart: string) => prep(db, 'SELECT * FROM alerts WHERE key = ? AND window_start = ?').get(key, windowStart) as AlertRow | undefined;
export function insertAlert(db: Db, r: AlertRow): void {
  prep(db, `INSERT INTO alerts (id, key, window_start, title, detail, todo, level, value, first_value, count, first_at, last_at, open)
    VALUES (@id, @key, @window_start, @title, @detail, @todo, @level, @value, @first_value, @count, @first_at, @last_at, @open)`).run(r);
}
/** A repeat or a new reading in the window: the title and detail say the value now (first_value keeps the one it was raised with). */
export const bumpAlert = (db: Db, id: string, value: number | null, title: string, detail: string, at: string, countIt: boolean) =>
  void prep(db, 'UPDATE alerts SET value = ?, title = ?, detail = ?, last_at = ?, count = count + ?, open = 1 WHERE id = ?').run(value, title, detail, at, countIt ? 1 : 0, id);
export const closeAlerts = (db: Db, key: string) => void prep(db, 'UPDATE alerts SET open = 0 WHERE key = ? AND open = 1').run(key);
export const openAlertRows = (db: Db) => prep(db, 'SELECT * FROM alerts WHERE open = 1 ORDER BY last_at DESC LIMIT 100').all() as AlertRow[];
export const recentAlertRows = (db: Db, since: string) => prep(db, 'SELECT * FROM alerts WHERE last_at >= ? ORDER BY last_at DESC LIMIT 100').all(since) as AlertRow[];
/** How often the key fired in the windows before this one (since `since`): the "repeated" count of a new message. */
export const firedBefore = (db: Db, key: string, since: string, before: string) =>
  (prep(db, 'SELECT COALESCE(SUM(count), 0) n FROM alerts WHERE key = ? AND window_start >= ? AND window_start < ?').get(key, since, before) as { n: number }).n;

// --- notification channels
export const channelRows = (db: Db) => prep(db, 'SELECT * FROM alert_channels WHERE enabled = 1 ORDER BY created_at').all() as ChannelRow[];
export const channelRow = (db: Db, id: string) => prep(db, 'SELECT * FROM alert_channels WHERE id = ?').get(id) as ChannelRow | undefined;
export function insertChannel(db: Db, r: Omit<ChannelRow, 'enabled'>): void {
  prep(db, 'INSERT INTO alert_channels (id, kind, name, url, secret, smtp, alerts, brief, created_at) VALUES (@id, @kind, @name, @url, @secret, @smtp, @alerts, @brief, @created_at)').run(r);
}
export const disableChannel = (db: Db, id: string) => prep(db, 'UPDATE alert_channels SET enabled = 0 WHERE id = ? AND enabled = 1').run(id).changes;
export function channelCounts(db: Db, since: string): Map<string, { sent: number; failed: number }> {
  const rows = prep(db, `SELECT channel_id id, SUM(state = 'sent') sent, SUM(state IN ('dead','unsure')) failed FROM alert_outbox WHERE created_at >= ? GROUP BY channel_id`).all(since) as { id: string; sent: number; failed: number }[];
  return new Map(rows.map((r) => [r.id, r]));
}

// --- the outbox
/** Queues a message; false when this channel already has one with the key (queued once, ever). */
export function insertOutbox(db: Db, r: Pick<OutboxRow, 'id' | 'channel_id' | 'what' | 'dedupe_key' | 'title' | 'text' | 'image' | 'created_at'>): boolean {
  return prep(db, `INSERT OR IGNORE INTO alert_outbox (id, channel_id, what, dedupe_key, title, text, image, state, next_at, created_at)
    VALUES (@id, @channel_id, @what, @dedupe_key, @title, @text, @image, 'pending', @created_at, @created_at)`).run(r).changes === 1;
}
export const outboxRow = (db: Db, id: string) => prep(db, 'SELECT * FROM alert_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
export const dueOutbox = (db: Db, now: string, limit: number) =>
  prep(db, "SELECT * FROM alert_outbox WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?").all(now, limit) as OutboxRow[];
export const hasDueOutbox = (db: Db, now: string) => !!prep(db, "SELECT 1 FROM alert_outbox WHERE state = 'pending' AND next_at <= ? LIMIT 1").get(now);
export function setOutbox(db: Db, id: string, s: { state: OutboxRow['state']; attempts: number; nextAt: string | null; error: string | null; sentAt?: string | null }): void {
  prep(db, 'UPDATE alert_outbox SET state = ?, attempts = ?, next_at = ?, last_error = ?, sent_at = COALESCE(?, sent_at) WHERE id = ?').run(s.state, s.attempts, s.nextAt, s.error, s.sentAt ?? null, id);
}
/** Messages that were going out when the core stopped: they may have arrived, so they are not sent again by themselves. */
export const markInterrupted = (db: Db, why: string) => prep(db, "UPDATE alert_outbox SET state = 'unsure', last_error = ? WHERE state = 'sending'").run(why).changes;
export function deliveryRows(db: Db, f: { channelId?: string; limit: number }) {
  return prep(db, `SELECT o.*, c.name channel_name, c.kind FROM alert_outbox o JOIN alert_channels c ON c.id = o.channel_id
    WHERE (@channelId IS NULL OR o.channel_id = @channelId) ORDER BY o.created_at DESC, o.id DESC LIMIT @limit`).all({ channelId: f.channelId ?? null, limit: f.limit }) as (OutboxRow & { channel_name: string; kind: ChannelRow['kind'] })[];
}
export const outboxCounts = (db: Db) => prep(db, "SELECT COALESCE(SUM(state = 'pending'), 0) pending, COALESCE(SUM(state IN ('dead','unsure')), 0) dead FROM alert_outbox").get() as { pending: number; dead: number };

// --- the brief and the feed cursor
export const briefRow = (db: Db) => prep(db, 'SELECT time, enabled, last_day FROM alert_brief WHERE id = 1').get() as { time: string; enabled: number; last_day: string | null } | undefined;
export function putBriefRow(db: Db, time: string, enabled: boolean): void {
  prep(db, 'INSERT INTO alert_brief (id, time, enabled) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET time = excluded.time, enabled = excluded.enabled').run(time, enabled ? 1 : 0);
}
/** Marks the day's brief as made; false when it was already (the once-a-day guard). */
export function claimBriefDay(db: Db, day: string, defaults: { time: string; enabled: boolean }): boolean {
  prep(db, 'INSERT OR IGNORE INTO alert_brief (id, time, enabled) VALUES (1, ?, ?)').run(defaults.time, defaults.enabled ? 1 : 0);
  return prep(db, 'UPDATE alert_brief SET last_day = ? WHERE id = 1 AND (last_day IS NULL OR last_day < ?)').run(day, day).changes === 1;
}
export const cursorAt = (db: Db) => (prep(db, 'SELECT event_id FROM alert_cursor WHERE id = 1').pluck().get() as number | undefined) ?? null;
export const setCursorAt = (db: Db, id: number) => void prep(db, 'INSERT INTO alert_cursor (id, event_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id').run(id);
export const maxEventId = (db: Db) => prep(db, 'SELECT COALESCE(MAX(id), 0) FROM events').pluck().get() as number;
/** Safety-stock crossings on the feed after an event id (a range over the events' ids, no scan of older ones). */
export const safetyEventsAfter = (db: Db, after: number, limit: number) =>
  prep(db, "SELECT e.id, e.at, e.entity_id skuId, e.data, s.sku, s.name FROM events e LEFT JOIN skus s ON s.id = e.entity_id WHERE e.id > ? AND e.type = 'stock.below_safety' ORDER BY e.id LIMIT ?").all(after, limit) as { id: number; at: string; skuId: string; data: string | null; sku: string | null; name: string | null }[];

// --- metrics read from other modules' tables (read-only)
export const openExceptions = (db: Db) => prep(db, "SELECT COUNT(*) FROM exceptions WHERE state = 'open'").pluck().get() as number;
/** The inbox's failed deliveries, by their partial index channel_inbox_failed (a handful, never the whole inbox). */
export const FAILED_CHANNEL_DELIVERIES_SQL = "SELECT COUNT(*) FROM channel_inbox WHERE state = 'failed'";
export const failedChannelDeliveries = (db: Db) => prep(db, FAILED_CHANNEL_DELIVERIES_SQL).pluck().get() as number;
export const deadWriteBacks = (db: Db) => prep(db, "SELECT COUNT(*) FROM channel_outbox WHERE state = 'dead'").pluck().get() as number;
export const stalledParcels = (db: Db) => prep(db, 'SELECT COUNT(*) FROM tracking_parcels WHERE stall IS NOT NULL AND final = 0').pluck().get() as number;
export const openPayoutDifferences = (db: Db) => prep(db, "SELECT COUNT(*) FROM payout_differences WHERE state = 'open'").pluck().get() as number;

// --- health
export const databaseBytes = (db: Db) => (onPostgres(db)
  ? prep(db, 'SELECT pg_database_size(current_database())').pluck().get() as number // no pages to count: PostgreSQL's own figure
  : (prep(db, 'PRAGMA page_count').pluck().get() as number) * (prep(db, 'PRAGMA page_size').pluck().get() as number));
export const labelsWaiting = (db: Db) => prep(db, "SELECT COUNT(*) FROM ewaybill_requests WHERE state = 'asking'").pluck().get() as number;
export const channelRates = (db: Db, since: string) =>
  prep(db, `SELECT c.code name, COUNT(*) tried, SUM(a.ok) ok FROM channel_attempts a JOIN channel_outbox o ON o.id = a.outbox_id JOIN channels c ON c.id = o.channel_id
    WHERE a.at >= ? GROUP BY c.code ORDER BY c.code`).all(since) as { name: string; tried: number; ok: number }[];
export const carrierRates = (db: Db, since: string) =>
  prep(db, `SELECT carrier name, COUNT(*) tried, SUM(state = 'issued') ok FROM ewaybill_requests WHERE updated_at >= ? GROUP BY carrier ORDER BY carrier`).all(since) as { name: string; tried: number; ok: number }[];
