// SQL of tracking: handed-over parcels and their normalised status, the carrier's events, stall rules.
// Writes only tracking_parcels, tracking_events and tracking_rules.
import type { StallKind, StallRule, TrackedParcel, TrackingEvent, TrackingStatus } from '../../../contract/tracking';
import { prep, type Db } from '../../store/db';

export type TrackingRow = {
  waybill: string; carrier: string; order_id: string; parcel_id: string | null; salt: string; handed_over_at: string; subscribed_at: string | null;
  subscribe_error: string | null; status: TrackingStatus; final: number; status_since: string; first_event_at: string | null; last_event_at: string | null;
  last_context: string | null; last_heard_at: string | null; stall: StallKind | null; stall_at: string | null;
};

export function insertTracking(db: Db, t: { waybill: string; carrier: string; orderId: string; parcelId: string | null; salt: string; at: string }): void {
  prep(db, `INSERT INTO tracking_parcels (waybill, carrier, order_id, parcel_id, salt, handed_over_at, status, status_since)
    VALUES (?, ?, ?, ?, ?, ?, 'info_received', ?) ON CONFLICT (waybill) DO NOTHING`).run(t.waybill, t.carrier, t.orderId, t.parcelId, t.salt, t.at, t.at);
}

export function trackingRow(db: Db, waybill: string): TrackingRow | undefined {
  return prep(db, 'SELECT * FROM tracking_parcels WHERE waybill = ?').get(waybill) as TrackingRow | undefined;
}

/** Travelling parcels not subscribed yet (or whose subscription failed), oldest first. */
export function unsubscribedRows(db: Db, limit: number): TrackingRow[] {
  return prep(db, 'SELECT * FROM tracking_parcels WHERE final = 0 AND subscribed_at IS NULL ORDER BY handed_over_at LIMIT ?').all(limit) as TrackingRow[];
}

/** Travelling parcels nobody has heard of since `before` (no push, no query): the poller asks for them. */
export function silentRows(db: Db, before: string, limit: number): TrackingRow[] {
  return prep(db, `SELECT * FROM tracking_parcels WHERE final = 0 AND subscribed_at IS NOT NULL AND COALESCE(last_heard_at, subscribed_at) < ?
    ORDER BY COALESCE(last_heard_at, subscribed_at) LIMIT ?`).all(before, limit) as TrackingRow[];
}

export function setSubscribed(db: Db, waybill: string, at: string | null, error: string | null): void {
  prep(db, 'UPDATE tracking_parcels SET subscribed_at = ?, subscribe_error = ? WHERE waybill = ?').run(at, error, waybill);
}

/** Stores one event once (the same push repeats every earlier event); true when it was new. */
export function insertEvent(db: Db, e: { waybill: string; at: string; context: string; status: TrackingStatus; area: string | null; raw: string }): boolean {
  return prep(db, 'INSERT INTO tracking_events (waybill, at, context, status, area, raw) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(e.waybill, e.at, e.context, e.status, e.area, e.raw).changes === 1;
}

export function updateTrackingState(db: Db, t: {
  waybill: string; status: TrackingStatus; final: boolean; statusSince: string; firstEventAt: string | null; lastEventAt: string | null; lastContext: string | null;
  heardAt: string; stall: StallKind | null; stallAt: string | null;
}): void {
  prep(db, `UPDATE tracking_parcels SET status = ?, final = ?, status_since = ?, first_event_at = ?, last_event_at = ?, last_context = ?, last_heard_at = ?, stall = ?, stall_at = ?
    WHERE waybill = ?`).run(t.status, t.final ? 1 : 0, t.statusSince, t.firstEventAt, t.lastEventAt, t.lastContext, t.heardAt, t.stall, t.stallAt, t.waybill);
}

export function setStall(db: Db, waybill: string, stall: StallKind, at: string): void {
  prep(db, 'UPDATE tracking_parcels SET stall = ?, stall_at = ? WHERE waybill = ?').run(stall, at, waybill);
}

export function eventRows(db: Db, waybill: string): TrackingEvent[] {
  return prep(db, 'SELECT at, status, context, area FROM tracking_events WHERE waybill = ? ORDER BY at DESC').all(waybill) as TrackingEvent[];
}

const LIST_COLUMNS = `t.waybill, t.carrier, t.order_id orderId, o.number orderNumber, t.parcel_id parcelId, t.status, t.handed_over_at handedOverAt,
  t.subscribed_at subscribedAt, t.subscribe_error subscribeError, t.last_event_at lastEventAt, t.last_context lastContext, t.stall, t.stall_at stallAt`;

export function trackedOfOrder(db: Db, orderId: string): TrackedParcel[] {
  return prep(db, `SELECT ${LIST_COLUMNS} FROM tracking_parcels t JOIN orders o ON o.id = t.order_id WHERE t.order_id = ? ORDER BY t.handed_over_at, t.waybill`).all(orderId) as TrackedParcel[];
}

/** Stalled parcels first (newest stall first), then the rest by their last news. */
export function trackedList(db: Db, f: { status?: TrackingStatus; stalled?: boolean; carrier?: string; limit: number }): TrackedParcel[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status) {
    where.push('t.status = ?');
    args.push(f.status);
  }
  if (f.carrier) {
    where.push('t.carrier = ?');
    args.push(f.carrier);
  }
  if (f.stalled === true) where.push('t.stall IS NOT NULL');
  if (f.stalled === false) where.push('t.stall IS NULL');
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const stalled = f.stalled === false ? [] : prep(db, `SELECT ${LIST_COLUMNS} FROM tracking_parcels t JOIN orders o ON o.id = t.order_id ${w ? `${w} AND` : 'WHERE'} t.stall IS NOT NULL
    ORDER BY t.stall_at DESC LIMIT ?`).all(...args, f.limit) as TrackedParcel[];
  const rest = f.stalled === true ? [] : prep(db, `SELECT ${LIST_COLUMNS} FROM tracking_parcels t JOIN orders o ON o.id = t.order_id ${w ? `${w} AND` : 'WHERE'} t.stall IS NULL
    ORDER BY COALESCE(t.last_event_at, t.handed_over_at) DESC LIMIT ?`).all(...args, Math.max(0, f.limit - stalled.length)) as TrackedParcel[];
  return [...stalled, ...rest];
}

export function statusCounts(db: Db): Record<string, number> {
  const rows = prep(db, 'SELECT status, COUNT(*) n FROM tracking_parcels GROUP BY status').all() as { status: string; n: number }[];
  const out: Record<string, number> = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  out.stalled = (prep(db, 'SELECT COUNT(*) n FROM tracking_parcels WHERE stall IS NOT NULL').get() as { n: number }).n;
  return out;
}

// ---- stall rules and the scan

export function ruleRows(db: Db): StallRule[] {
  return prep(db, "SELECT carrier, pickup_hours pickupHours, transit_hours transitHours, delivery_hours deliveryHours FROM tracking_rules ORDER BY carrier = '*' DESC, carrier").all() as StallRule[];
}

export function upsertRule(db: Db, r: StallRule): void {
  prep(db, `INSERT INTO tracking_rules (carrier, pickup_hours, transit_hours, delivery_hours) VALUES (?, ?, ?, ?)
    ON CONFLICT (carrier) DO UPDATE SET pickup_hours = excluded.pickup_hours, transit_hours = excluded.transit_hours, delivery_hours = excluded.delivery_hours`)
    .run(r.carrier, r.pickupHours, r.transitHours, r.deliveryHours);
}

export type StallCandidate = { waybill: string; carrier: string; order_id: string; parcel_id: string | null; status: TrackingStatus; handed_over_at: string; last_event_at: string | null; kind: StallKind };

/**
 * Travelling parcels that broke a time rule and have no stall yet. `carriers`: the rule's carriers
 * (its own), or null with `except` for the default rule. Times are ISO strings, so the comparisons use the index order.
 */
export function stallCandidates(db: Db, q: { carrier: string | null; except: string[]; pickupBefore: string; transitBefore: string; deliveryBefore: string; limit: number }): StallCandidate[] {
  const scope = q.carrier !== null ? 'AND carrier = ?' : q.except.length ? `AND carrier NOT IN (${q.except.map(() => '?').join(',')})` : '';
  const scopeArgs = q.carrier !== null ? [q.carrier] : q.except;
  const cols = 'waybill, carrier, order_id, parcel_id, status, handed_over_at, last_event_at';
  const news = 'COALESCE(last_event_at, handed_over_at)';
  const open = 'final = 0 AND stall IS NULL';
  // One range per status (tracking_parcels_news / _since), so the scan reads only parcels that broke a rule.
  return prep(db, `
    SELECT ${cols}, 'not_picked_up' kind FROM tracking_parcels WHERE ${open} AND status = 'info_received' AND ${news} < ? ${scope}
    UNION ALL SELECT ${cols}, 'no_update' kind FROM tracking_parcels WHERE ${open} AND status = 'picked_up' AND ${news} < ? ${scope}
    UNION ALL SELECT ${cols}, 'no_update' kind FROM tracking_parcels WHERE ${open} AND status = 'in_transit' AND ${news} < ? ${scope}
    UNION ALL SELECT ${cols}, 'problem' kind FROM tracking_parcels WHERE ${open} AND status = 'out_for_delivery' AND status_since < ? ${scope}
    LIMIT ?`).all(q.pickupBefore, ...scopeArgs, q.transitBefore, ...scopeArgs, q.transitBefore, ...scopeArgs, q.deliveryBefore, ...scopeArgs, q.limit) as StallCandidate[];
}
