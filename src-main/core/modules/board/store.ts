// The board's SQL. It writes only its own tables (board_*: the rollups the follower keeps and the
// wall links) and reads other modules' tables read-only for counts (orders, parcels, pack claims,
// exceptions, tracking, returns, payouts, channels).
import { prep, type Db } from '../../store/db';

// Parcels and pack claims come with the packing module's migrations: the board checks they exist.
const hasTable = (db: Db, name: string) => !!prep(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
export const parcelsTableExists = (db: Db) => hasTable(db, 'parcels');
export const packClaimsTableExists = (db: Db) => hasTable(db, 'pack_claims');

/** Open orders per carrier and state (of one warehouse, when given). */
export function openOrdersPerCarrier(db: Db, warehouseId?: string): { carrier: string; state: string; n: number }[] {
  const sql = `SELECT COALESCE(carrier, '-') carrier, state, COUNT(*) n FROM orders
    WHERE state IN ('allocated','in_wave','picked','packing','packed','exception') ${warehouseId ? 'AND warehouse_id = ?' : ''} GROUP BY 1, 2`;
  return (warehouseId ? prep(db, sql).all(warehouseId) : prep(db, sql).all()) as { carrier: string; state: string; n: number }[];
}

/** The same from the board's open-order rollup (the floor reads it after the follower has caught up): no pass over the orders table. */
export function openRollupPerCarrier(db: Db, warehouseId?: string): { carrier: string; state: string; n: number }[] {
  // Grouped in the index's own order (state, carrier): no temporary tree. One warehouse: its range of board_open_warehouse.
  const rows = (warehouseId
    ? prep(db, `SELECT state, carrier, COUNT(*) n FROM board_open WHERE warehouse_id = ?
        AND state IN ('allocated','in_wave','picked','packing','packed','exception') GROUP BY state, carrier`).all(warehouseId)
    : prep(db, `SELECT state, carrier, COUNT(*) n FROM board_open
        WHERE state IN ('allocated','in_wave','picked','packing','packed','exception') GROUP BY state, carrier`).all()) as { carrier: string | null; state: string; n: number }[];
  return rows.map((r) => ({ carrier: r.carrier ?? '-', state: r.state, n: r.n }));
}

/** Parcels per bench created since a time (today's, by the parcels_created index of 0095). */
export const PARCELS_PER_BENCH_SINCE_SQL = `SELECT bench, COUNT(*) n, MAX(created_at) last FROM parcels WHERE created_at >= ? AND state <> 'voided' GROUP BY bench`;

export function parcelsPerBenchSince(db: Db, since: string): { bench: string; n: number; last: string }[] {
  return prep(db, PARCELS_PER_BENCH_SINCE_SQL).all(since) as { bench: string; n: number; last: string }[];
}

/** Orders being packed now, per bench. */
export function packingPerBench(db: Db): { bench: string; n: number }[] {
  return prep(db, `SELECT c.bench, COUNT(*) n FROM pack_claims c JOIN orders o ON o.id = c.order_id AND o.state = 'packing' GROUP BY c.bench`).all() as { bench: string; n: number }[];
}

// ---- the follower: the event log after its cursor, and what it keeps ----

export interface LoggedEvent { id: number; at: string; type: string; entity: string; entity_id: string; actor: string; reason: string | null; data: string | null }

export const boardCursor = (db: Db) => prep(db, 'SELECT event_id FROM board_cursor WHERE id = 1').pluck().get() as number;
export const setBoardCursor = (db: Db, id: number) => void prep(db, 'UPDATE board_cursor SET event_id = ? WHERE id = 1').run(id);
export const newestEventId = (db: Db) => prep(db, 'SELECT COALESCE(MAX(id), 0) FROM events').pluck().get() as number;
export const eventsFrom = (db: Db, afterId: number, limit: number) =>
  prep(db, 'SELECT id, at, type, entity, entity_id, actor, reason, data FROM events WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as LoggedEvent[];

export interface OrderFacts { id: string; number: string; state: string; carrier: string | null; created_at: string; ship_by: string | null; split_of: string | null; warehouse_id: string | null }
export const orderFacts = (db: Db, id: string) =>
  prep(db, 'SELECT id, number, state, carrier, created_at, ship_by, split_of, warehouse_id FROM orders WHERE id = ?').get(id) as OrderFacts | undefined;
/** How many of a split order's parts (and the channel's order itself) are not shipped yet (cancelled and returned ones are done). */
export const unshippedOfSplit = (db: Db, headId: string) =>
  prep(db, "SELECT COUNT(*) FROM orders WHERE (id = ? OR split_of = ?) AND state NOT IN ('shipped', 'cancelled', 'returned')").pluck().get(headId, headId) as number;
/** Whether an order was split into parts (the parts' index: no row, no part). */
export const hasSplitParts = (db: Db, id: string) => !!prep(db, 'SELECT 1 FROM orders WHERE split_of = ? LIMIT 1').get(id);

export interface OpenRow { hold_reason: string | null; customer_hold: number }
/**
 * The orders of a batch of events, each with its open row when it has one (null hold_reason and
 * customer_hold, and has_open 0, when not): one statement for the batch instead of two point reads per
 * order (on PostgreSQL each was a round trip, ~200 a job while the job held the write lock).
 */
export const ordersWithOpenRows = (db: Db, ids: readonly string[]) =>
  prep(db, `SELECT o.id, o.number, o.state, o.carrier, o.created_at, o.ship_by, o.split_of, o.warehouse_id,
      b.hold_reason, COALESCE(b.customer_hold, 0) customer_hold, CASE WHEN b.order_id IS NULL THEN 0 ELSE 1 END has_open
    FROM orders o LEFT JOIN board_open b ON b.order_id = o.id WHERE o.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as (OrderFacts & OpenRow & { has_open: number })[];
export const openRow = (db: Db, id: string) => prep(db, 'SELECT hold_reason, customer_hold FROM board_open WHERE order_id = ?').get(id) as OpenRow | undefined;

export function upsertOpen(db: Db, r: { id: string; number: string; state: string; carrier: string | null; createdAt: string; shipBy: string | null; packed: number; holdReason: string | null; customerHold: number; partOf: string | null; warehouseId: string | null }): void {
  prep(db, `INSERT INTO board_open (order_id, number, state, carrier, created_at, ship_by, packed, hold_reason, customer_hold, part_of, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (order_id) DO UPDATE SET state = excluded.state, carrier = excluded.carrier, ship_by = excluded.ship_by, packed = excluded.packed,
      hold_reason = excluded.hold_reason, customer_hold = excluded.customer_hold, part_of = excluded.part_of, warehouse_id = excluded.warehouse_id`)
    .run(r.id, r.number, r.state, r.carrier, r.createdAt, r.shipBy, r.packed, r.holdReason, r.customerHold, r.partOf, r.warehouseId);
}
export const deleteOpen = (db: Db, id: string) => void prep(db, 'DELETE FROM board_open WHERE order_id = ?').run(id);

/** Records a shipped order once, and adds it to its day's totals. */
export function insertShipped(db: Db, r: { id: string; shippedAt: string; day: string; minutes: number; promised: number; onTime: number; warehouseId: string | null }): void {
  const added = prep(db, 'INSERT OR IGNORE INTO board_shipped (order_id, shipped_at, day, minutes, promised, on_time, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(r.id, r.shippedAt, r.day, r.minutes, r.promised, r.onTime, r.warehouseId).changes;
  if (added) addShippedDay(db, r.day, r.promised, r.onTime);
}
/** One shipped order more on a day's sums (board_shipped_days). */
const addShippedDay = (db: Db, day: string, promised: number, onTime: number) =>
  void prep(db, `INSERT INTO board_shipped_days (day, shipped, due, on_time) VALUES (?, 1, ?, ?)
    ON CONFLICT (day) DO UPDATE SET shipped = shipped + 1, due = due + excluded.due, on_time = on_time + excluded.on_time`).run(day, promised, promised && onTime ? 1 : 0);

export interface ShiftAdd { day: string; kind: 'packer' | 'bench'; who: string; firstAt: string | null; lastAt: string | null; parcels: number; units: number; overrides: number }
/**
 * Adds to a packer's or bench's day: widens its first/last times and adds parcels, units, overrides.
 * `table`: board_shift, or board_shift_next while a time zone change rebuilds the days (rekey-days.ts).
 */
export function addShift(db: Db, r: ShiftAdd, table: 'board_shift' | 'board_shift_next' = 'board_shift'): void {
  prep(db, `INSERT INTO ${table} (day, kind, who, first_at, last_at, parcels, units, overrides) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (day, kind, who) DO UPDATE SET
      first_at = CASE WHEN excluded.first_at IS NOT NULL AND (first_at IS NULL OR excluded.first_at < first_at) THEN excluded.first_at ELSE first_at END,
      last_at = CASE WHEN excluded.last_at IS NOT NULL AND (last_at IS NULL OR excluded.last_at > last_at) THEN excluded.last_at ELSE last_at END,
      parcels = parcels + excluded.parcels, units = units + excluded.units, overrides = overrides + excluded.overrides`)
    .run(r.day, r.kind, r.who, r.firstAt, r.lastAt, r.parcels, r.units, r.overrides);
}

// ---- moving the days to another time zone (actions/rekey-days.ts) ----

export interface ZoneRow { time_zone: string | null; rekey_to: string | null; shipped_after: string; shifts_upto: number }
export const zoneRow = (db: Db) => prep(db, 'SELECT time_zone, rekey_to, shipped_after, shifts_upto FROM board_zone WHERE id = 1').get() as ZoneRow;
export const setZoneRow = (db: Db, z: ZoneRow) =>
  void prep(db, 'UPDATE board_zone SET time_zone = ?, rekey_to = ?, shipped_after = ?, shifts_upto = ? WHERE id = 1').run(z.time_zone, z.rekey_to, z.shipped_after, z.shifts_upto);
export interface ShippedDayRow { order_id: string; shipped_at: string; day: string; promised: number; on_time: number }
/** Shipped orders after an order id, in id order (the primary key's range). */
export const shippedAfter = (db: Db, afterId: string, limit: number) =>
  prep(db, 'SELECT order_id, shipped_at, day, promised, on_time FROM board_shipped WHERE order_id > ? ORDER BY order_id LIMIT ?').all(afterId, limit) as ShippedDayRow[];
/** A shipped order moves to another day: its row and both days' sums (a day left with none goes). */
export function moveShippedDay(db: Db, r: ShippedDayRow, day: string): void {
  prep(db, 'UPDATE board_shipped SET day = ? WHERE order_id = ?').run(day, r.order_id);
  prep(db, 'UPDATE board_shipped_days SET shipped = shipped - 1, due = due - ?, on_time = on_time - ? WHERE day = ?').run(r.promised, r.promised && r.on_time ? 1 : 0, r.day);
  prep(db, 'DELETE FROM board_shipped_days WHERE day = ? AND shipped <= 0').run(r.day);
  addShippedDay(db, day, r.promised, r.on_time);
}
/** The events in (afterId, uptoId] that add to a packer's or bench's day (a range of the log's ids). */
export const shiftEventsBetween = (db: Db, afterId: number, uptoId: number, types: readonly string[]) =>
  prep(db, `SELECT id, at, type, entity, entity_id, actor, reason, data FROM events WHERE id > ? AND id <= ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY id`)
    .all(afterId, uptoId, ...types) as LoggedEvent[];
export const clearShiftsNext = (db: Db) => void prep(db, 'DELETE FROM board_shift_next').run();
/** The rebuilt days replace the packers' and benches' days (a row per day and person or bench: a few thousand a year). */
export function putShiftsNext(db: Db): void {
  const cols = 'day, kind, who, first_at, last_at, parcels, units, overrides';
  prep(db, 'DELETE FROM board_shift').run();
  prep(db, `INSERT INTO board_shift (${cols}) SELECT ${cols} FROM board_shift_next`).run();
  clearShiftsNext(db);
}

export const parcelFacts = (db: Db, id: string) =>
  prep(db, 'SELECT packed_by, bench, created_at, items, override_by FROM parcels WHERE id = ?').get(id) as { packed_by: string; bench: string; created_at: string; items: string; override_by: string | null } | undefined;

// ---- KPI reads over the rollups: index ranges, never a pass over every order ----

const one = (db: Db, sql: string, ...args: unknown[]) => (prep(db, sql).pluck().get(...args) as number | null) ?? 0;

// A split order counts once: an open part is left out while its channel's order is counted by the same
// condition. The parts lead (x: only part_of IS NOT NULL, so the partial index board_open_parts), each finding its
// own row and its channel's order by key; CROSS JOIN keeps that order (SQLite would otherwise walk every
// open row by the packed or ship-by index). Portable SQL: no INDEXED BY.
export const partsCounted = (cond: string) => `SELECT COUNT(*) FROM board_open x CROSS JOIN board_open p ON p.order_id = x.order_id
  CROSS JOIN board_open h ON h.order_id = x.part_of WHERE x.part_of IS NOT NULL AND ${cond.replaceAll('@', 'p.')} AND ${cond.replaceAll('@', 'h.')}`;
/**
 * Narrows a count to one warehouse's open rows ('' and no argument for the whole shop). A split part
 * and its channel's order each count in their own warehouse: within one warehouse a split order is
 * still counted once (the parts' subtraction narrows both rows alike).
 */
const inWh = (wh: string | undefined) => (wh ? ' AND @warehouse_id = ?' : '');
/**
 * The same, as an expression no index serves: for counts another index narrows better (the holds'
 * partial index, the age index's range) than the warehouse's whole range of open orders (profiled: 22 -> 1 ms).
 */
const filterWh = (wh: string | undefined) => (wh ? " AND COALESCE(@warehouse_id, '') = ?" : '');
const whArgs = (wh: string | undefined) => (wh ? [wh] : []);
/** The count of the open rows meeting a condition (`@` the row's alias); countOnce takes the split parts off it. */
export const openCounted = (cond: string) => `SELECT COUNT(*) FROM board_open b WHERE ${cond.replaceAll('@', 'b.')}`;
/** A count over board_open minus the split parts counted by the same condition (`@` the row's alias), both with these arguments. */
const countOnce = (db: Db, cond: string, args: unknown[]) => one(db, openCounted(cond), ...args) - one(db, partsCounted(cond), ...args, ...args);

export const countBacklog = (db: Db, wh?: string) => countOnce(db, `@packed = 0${inWh(wh)}`, whArgs(wh));
/** Backlog created in [from, to). */
export const countBacklogCreated = (db: Db, from: string, to: string, wh?: string) =>
  countOnce(db, `@packed = 0 AND @created_at >= ? AND @created_at < ?${filterWh(wh)}`, [from, to, ...whArgs(wh)]);
/** Held orders per reason, a split order once per reason its channel's order and part share. */
export function holdsByReason(db: Db, wh?: string): { reason: string; n: number }[] {
  const rows = prep(db, `SELECT hold_reason reason, COUNT(*) n FROM board_open b WHERE b.hold_reason IS NOT NULL${filterWh(wh).replaceAll('@', 'b.')} GROUP BY hold_reason`).all(...whArgs(wh)) as { reason: string; n: number }[];
  const parts = prep(db, `SELECT p.hold_reason reason, COUNT(*) n FROM board_open x CROSS JOIN board_open p ON p.order_id = x.order_id
    CROSS JOIN board_open h ON h.order_id = x.part_of WHERE x.part_of IS NOT NULL AND p.hold_reason IS NOT NULL AND h.hold_reason = p.hold_reason
    ${filterWh(wh).replaceAll('@', 'p.')}${filterWh(wh).replaceAll('@', 'h.')} GROUP BY p.hold_reason`).all(...whArgs(wh), ...whArgs(wh)) as { reason: string; n: number }[];
  const less = new Map(parts.map((r) => [r.reason, r.n]));
  return rows.map((r) => ({ reason: r.reason, n: r.n - (less.get(r.reason) ?? 0) })).filter((r) => r.n > 0);
}
/** Orders on hold (a split order once while its channel's order is held too, whatever each one's reason). */
export const countHolds = (db: Db, wh?: string) => countOnce(db, `@hold_reason IS NOT NULL${filterWh(wh)}`, whArgs(wh));
/** Open orders (packed or not) whose ship-by has passed: a range of board_open_ship_by, open orders only (`now` its one argument). */
export const LATE = '@ship_by IS NOT NULL AND @ship_by < ?';
export const countLate = (db: Db, now: string, wh?: string) => countOnce(db, `${LATE}${inWh(wh)}`, [now, ...whArgs(wh)]);
/** A carrier's orders due by its next pickup: of one warehouse (`only`), or of all but some (`except`). */
export interface AtRiskWindow { carrier: string; pickup: string; only?: string; except?: string[] }
/** One window's condition over a row `@` (not packed, this carrier, ship-by in [now, pickup], its warehouses). */
function atRiskCond(w: AtRiskWindow, now: string): [string, unknown[]] {
  let sql = '@packed = 0 AND @carrier = ? AND @ship_by >= ? AND @ship_by <= ?';
  const params: unknown[] = [w.carrier, now, w.pickup];
  if (w.only) {
    sql += ' AND @warehouse_id = ?';
    params.push(w.only);
  } else if (w.except?.length) {
    sql += ` AND (@warehouse_id IS NULL OR @warehouse_id NOT IN (${w.except.map(() => '?').join(', ')}))`;
    params.push(...w.except);
  }
  return [sql, params];
}
function atRiskWhere(w: AtRiskWindow, now: string): [string, unknown[]] {
  const [sql, params] = atRiskCond(w, now);
  return [sql.replaceAll('@', 'b.'), params];
}
/**
 * Orders at risk in any of these windows, a split order once: a part is left out while its channel's
 * order is at risk too, in whichever window (the part and the order may be in two warehouses' windows).
 */
export function countAtRisk(db: Db, windows: readonly AtRiskWindow[], now: string): number {
  if (!windows.length) return 0;
  const conds = windows.map((w) => atRiskCond(w, now));
  const cond = `(${conds.map(([c]) => `(${c})`).join(' OR ')})`;
  return countOnce(db, cond, conds.flatMap(([, p]) => p));
}

/** Shipped, due and on time over the days [fromDay, toDay] (a row per day); of one warehouse: its range of board_shipped_warehouse. */
export function shippedBetween(db: Db, fromDay: string, toDay: string, wh?: string): { shipped: number; due: number; onTime: number } {
  if (wh) {
    return prep(db, `SELECT COUNT(*) shipped, COALESCE(SUM(promised), 0) due, COALESCE(SUM(promised * on_time), 0) onTime
      FROM board_shipped WHERE warehouse_id = ? AND day >= ? AND day <= ?`).get(wh, fromDay, toDay) as { shipped: number; due: number; onTime: number };
  }
  return prep(db, 'SELECT COALESCE(SUM(shipped), 0) shipped, COALESCE(SUM(due), 0) due, COALESCE(SUM(on_time), 0) onTime FROM board_shipped_days WHERE day >= ? AND day <= ?').get(fromDay, toDay) as { shipped: number; due: number; onTime: number };
}
/** The minutes at rank `offset` (0-based) of a day's shipped orders, by the day's index order. */
export const shipMinutesAt = (db: Db, day: string, offset: number, wh?: string) => (wh
  ? one(db, 'SELECT minutes FROM board_shipped WHERE warehouse_id = ? AND day = ? ORDER BY minutes LIMIT 1 OFFSET ?', wh, day, offset)
  : one(db, 'SELECT minutes FROM board_shipped WHERE day = ? ORDER BY minutes LIMIT 1 OFFSET ?', day, offset));

export function shippedPerDay(db: Db, fromDay: string, toDay: string, wh?: string): { day: string; shipped: number; due: number; onTime: number }[] {
  if (wh) {
    return prep(db, `SELECT day, COUNT(*) shipped, COALESCE(SUM(promised), 0) due, COALESCE(SUM(promised * on_time), 0) onTime
      FROM board_shipped WHERE warehouse_id = ? AND day >= ? AND day <= ? GROUP BY day`).all(wh, fromDay, toDay) as { day: string; shipped: number; due: number; onTime: number }[];
  }
  return prep(db, 'SELECT day, shipped, due, on_time onTime FROM board_shipped_days WHERE day >= ? AND day <= ?').all(fromDay, toDay) as { day: string; shipped: number; due: number; onTime: number }[];
}
/** Parcels and units per day, of these benches only when given (one warehouse's). */
export function packedPerDay(db: Db, fromDay: string, toDay: string, benches?: (bench: string) => boolean): { day: string; parcels: number; units: number }[] {
  if (!benches) return prep(db, "SELECT day, SUM(parcels) parcels, SUM(units) units FROM board_shift WHERE day >= ? AND day <= ? AND kind = 'bench' GROUP BY day").all(fromDay, toDay) as { day: string; parcels: number; units: number }[];
  const rows = prep(db, "SELECT day, who, parcels, units FROM board_shift WHERE day >= ? AND day <= ? AND kind = 'bench'").all(fromDay, toDay) as { day: string; who: string; parcels: number; units: number }[];
  const days = new Map<string, { day: string; parcels: number; units: number }>();
  for (const r of rows.filter((x) => benches(x.who))) {
    const d = days.get(r.day) ?? days.set(r.day, { day: r.day, parcels: 0, units: 0 }).get(r.day)!;
    d.parcels += r.parcels;
    d.units += r.units;
  }
  return [...days.values()];
}

export interface ShiftRow { kind: 'packer' | 'bench'; who: string; first_at: string | null; last_at: string | null; parcels: number; units: number; overrides: number; name: string | null }
export const shiftsOn = (db: Db, day: string) =>
  prep(db, 'SELECT s.kind, s.who, s.first_at, s.last_at, s.parcels, s.units, s.overrides, u.name FROM board_shift s LEFT JOIN users u ON u.id = s.who AND s.kind = \'packer\' WHERE s.day = ?').all(day) as ShiftRow[];
/** Parcels and weight overrides per bench over the days [fromDay, toDay] (one warehouse's: its benches'). */
export const benchWeekBetween = (db: Db, fromDay: string, toDay: string) =>
  prep(db, "SELECT who bench, SUM(parcels) parcels, SUM(overrides) overrides FROM board_shift WHERE day >= ? AND day <= ? AND kind = 'bench' GROUP BY who").all(fromDay, toDay) as { bench: string; parcels: number; overrides: number }[];
export function packedBetween(db: Db, fromDay: string, toDay: string): { parcels: number; overrides: number } {
  return prep(db, "SELECT COALESCE(SUM(parcels), 0) parcels, COALESCE(SUM(overrides), 0) overrides FROM board_shift WHERE day >= ? AND day <= ? AND kind = 'bench'").get(fromDay, toDay) as { parcels: number; overrides: number };
}

// Other modules' records, counted read-only.
const tableExists = hasTable;
// One warehouse's share: the records of its orders (few open ones each: the join is per record).
const ofWh = (alias: string, wh: string | undefined) => (wh ? ` AND EXISTS (SELECT 1 FROM orders o WHERE o.id = ${alias}.order_id AND o.warehouse_id = ?)` : '');
export const exceptionsOpen = (db: Db, wh?: string) =>
  prep(db, `SELECT COUNT(*) n, MIN(created_at) oldest FROM exceptions e WHERE state = 'open'${ofWh('e', wh)}`).get(...whArgs(wh)) as { n: number; oldest: string | null };
export const trackingStalls = (db: Db, wh?: string) =>
  (tableExists(db, 'tracking_parcels') ? one(db, `SELECT COUNT(*) FROM tracking_parcels t WHERE stall IS NOT NULL AND final = 0${ofWh('t', wh)}`, ...whArgs(wh)) : 0);
export const returnsByReasonSince = (db: Db, since: string, wh?: string) =>
  (tableExists(db, 'returns') ? prep(db, `SELECT reason, COUNT(*) n FROM returns r WHERE created_at >= ?${ofWh('r', wh)} GROUP BY reason`).all(since, ...whArgs(wh)) : []) as { reason: string; n: number }[];
export const payoutDifferencesOpen = (db: Db) => (tableExists(db, 'payout_differences') ? one(db, "SELECT COUNT(*) FROM payout_differences WHERE state = 'open'") : 0);
export function channelInboxSince(db: Db, since: string): { n: number; ok: number; failed: number; avgDelayMs: number | null } {
  if (!tableExists(db, 'channel_inbox')) return { n: 0, ok: 0, failed: 0, avgDelayMs: null };
  return prep(db, `SELECT COUNT(*) n, COALESCE(SUM(state IN ('done','duplicate','stale')), 0) ok, COALESCE(SUM(state = 'failed'), 0) failed, AVG(delay_ms) avgDelayMs
    FROM channel_inbox WHERE received_at >= ?`).get(since) as { n: number; ok: number; failed: number; avgDelayMs: number | null };
}
export function channelOutboxSince(db: Db, since: string): { sent: number; dead: number } {
  if (!tableExists(db, 'channel_outbox')) return { sent: 0, dead: 0 };
  return prep(db, "SELECT COALESCE(SUM(state = 'sent'), 0) sent, COALESCE(SUM(state = 'dead'), 0) dead FROM channel_outbox WHERE created_at >= ? AND state IN ('sent','dead')").get(since) as { sent: number; dead: number };
}

// ---- the orders behind a number ----

export interface KpiOrderRow { id: string; number: string; state: string; carrier: string | null; shipBy: string | null; createdAt: string; holdReason: string | null; shippedAt: string | null }
const OPEN_COLS = 'b.order_id id, b.number, b.state, b.carrier, b.ship_by shipBy, b.created_at createdAt, b.hold_reason holdReason, NULL shippedAt';
const ORDER_COLS = 'o.id, o.number, o.state, o.carrier, o.ship_by shipBy, o.created_at createdAt, NULL holdReason, NULL shippedAt';

/** A list and its total over board_open with a WHERE clause of this file's making. */
function openList(db: Db, where: string, order: string, args: unknown[], limit: number, knownTotal?: number) {
  const total = knownTotal ?? one(db, `SELECT COUNT(*) FROM board_open b WHERE ${where}`, ...args);
  const items = prep(db, `SELECT ${OPEN_COLS} FROM board_open b WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...args, limit) as KpiOrderRow[];
  return { total, items };
}
// One warehouse's lists: board_open keeps each open order's warehouse (the follower refreshes it on every order event).
const bWh = (wh: string | undefined) => inWh(wh).replaceAll('@', 'b.');
export const backlogOrders = (db: Db, from: string, to: string, limit: number, knownTotal?: number, wh?: string) =>
  openList(db, `b.packed = 0 AND b.created_at >= ? AND b.created_at < ?${bWh(wh)}`, 'b.created_at', [from, to, ...whArgs(wh)], limit, knownTotal);
/** Held orders, of one reason or (null) any. */
export const holdOrders = (db: Db, reason: string | null, limit: number, knownTotal?: number, wh?: string) =>
  openList(db, `${reason === null ? 'b.hold_reason IS NOT NULL' : 'b.hold_reason = ?'}${bWh(wh)}`, 'b.created_at', [...(reason === null ? [] : [reason]), ...whArgs(wh)], limit, knownTotal);
export const lateOrders = (db: Db, now: string, limit: number, knownTotal?: number, wh?: string) =>
  openList(db, `b.ship_by IS NOT NULL AND b.ship_by < ?${bWh(wh)}`, 'b.ship_by', [now, ...whArgs(wh)], limit, knownTotal);
export function atRiskOrders(db: Db, w: AtRiskWindow, now: string, limit: number) {
  const [where, params] = atRiskWhere(w, now);
  return openList(db, where, 'b.ship_by', params, limit);
}

/**
 * Orders shipped on the days [fromDay, toDay], the late ones (shipped after their promise) first,
 * newest day first: two index ranges cut at `limit`, never a sort of the days' shipped orders.
 */
export function shippedOrders(db: Db, fromDay: string, toDay: string, onlyDue: boolean, limit: number, wh?: string) {
  const cols = 'o.id, o.number, o.state, o.carrier, o.ship_by shipBy, o.created_at createdAt, NULL holdReason, s.shipped_at shippedAt';
  const sWh = wh ? ' AND s.warehouse_id = ?' : ''; // one warehouse: its range of board_shipped_warehouse
  const late = prep(db, `SELECT ${cols} FROM board_shipped s JOIN orders o ON o.id = s.order_id
    WHERE s.promised = 1 AND s.on_time = 0 AND s.day >= ? AND s.day <= ?${sWh} ORDER BY s.day DESC LIMIT ?`).all(fromDay, toDay, ...whArgs(wh), limit) as KpiOrderRow[];
  const rest = late.length >= limit ? [] : prep(db, `SELECT ${cols} FROM board_shipped s JOIN orders o ON o.id = s.order_id
    WHERE s.day >= ? AND s.day <= ? AND NOT (s.promised = 1 AND s.on_time = 0)${onlyDue ? ' AND s.promised = 1' : ''}${sWh} ORDER BY s.day DESC LIMIT ?`).all(fromDay, toDay, ...whArgs(wh), limit - late.length) as KpiOrderRow[];
  const days = shippedBetween(db, fromDay, toDay, wh);
  return { total: onlyDue ? days.due : days.shipped, items: [...late, ...rest] };
}

/** The benches that made parcels since a time (the parcels_created index). */
export const parcelBenchesSince = (db: Db, since: string) => prep(db, 'SELECT DISTINCT bench FROM parcels WHERE created_at >= ?').pluck().all(since) as string[];

/**
 * Orders of parcels labelled since a time, optionally by one packer or bench, or only of these
 * benches (one warehouse's) (today's: the parcels_created index).
 */
export function parcelOrders(db: Db, since: string, by: { packer?: string; bench?: string; overrides?: boolean; benches?: readonly string[] }, limit: number) {
  const where = `p.created_at >= ? AND p.state = 'labelled'${by.packer ? ' AND p.packed_by = ?' : ''}${by.bench ? ' AND p.bench = ?' : ''}${by.overrides ? ' AND p.override_by IS NOT NULL' : ''}${by.benches ? ' AND p.bench IN (SELECT value FROM json_each(?))' : ''}`;
  const args = [since, ...(by.packer ? [by.packer] : []), ...(by.bench ? [by.bench] : []), ...(by.benches ? [JSON.stringify(by.benches)] : [])];
  const total = one(db, `SELECT COUNT(DISTINCT p.order_id) FROM parcels p WHERE ${where}`, ...args);
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT p.order_id FROM parcels p WHERE ${where} ORDER BY p.created_at DESC LIMIT ?)`).all(...args, limit) as KpiOrderRow[];
  return { total, items };
}

// Of one warehouse (wh): the rows whose order is there (ofWh), as readKpis counts them.
export function exceptionOrders(db: Db, limit: number, wh?: string) {
  const where = `e.state = 'open' AND e.order_id IS NOT NULL${ofWh('e', wh)}`;
  const total = one(db, `SELECT COUNT(DISTINCT e.order_id) FROM exceptions e WHERE ${where}`, ...whArgs(wh));
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT e.order_id FROM exceptions e WHERE ${where} ORDER BY e.created_at LIMIT ?)`).all(...whArgs(wh), limit) as KpiOrderRow[];
  return { total, items };
}
export function stalledOrders(db: Db, limit: number, wh?: string) {
  if (!tableExists(db, 'tracking_parcels')) return { total: 0, items: [] };
  const where = `t.stall IS NOT NULL AND t.final = 0${ofWh('t', wh)}`;
  const total = one(db, `SELECT COUNT(DISTINCT t.order_id) FROM tracking_parcels t WHERE ${where}`, ...whArgs(wh));
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT t.order_id FROM tracking_parcels t WHERE ${where} ORDER BY t.stall_at LIMIT ?)`).all(...whArgs(wh), limit) as KpiOrderRow[];
  return { total, items };
}
export function returnOrders(db: Db, since: string, reason: string | null, limit: number, wh?: string) {
  if (!tableExists(db, 'returns')) return { total: 0, items: [] };
  const where = `r.created_at >= ?${reason ? ' AND r.reason = ?' : ''}${ofWh('r', wh)}`;
  const args = [since, ...(reason ? [reason] : []), ...whArgs(wh)];
  const total = one(db, `SELECT COUNT(DISTINCT r.order_id) FROM returns r WHERE ${where}`, ...args);
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT r.order_id FROM returns r WHERE ${where} ORDER BY r.created_at DESC LIMIT ?)`).all(...args, limit) as KpiOrderRow[];
  return { total, items };
}
export function payoutDifferenceOrders(db: Db, limit: number) {
  if (!tableExists(db, 'payout_differences')) return { total: 0, items: [] };
  const total = one(db, "SELECT COUNT(DISTINCT order_id) FROM payout_differences WHERE state = 'open'");
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT order_id FROM payout_differences WHERE state = 'open' LIMIT ?)`).all(limit) as KpiOrderRow[];
  return { total, items };
}
export function channelOrdersSince(db: Db, since: string, limit: number) {
  if (!tableExists(db, 'channel_inbox')) return { total: 0, items: [] };
  const where = 'received_at >= ? AND order_id IS NOT NULL';
  const total = one(db, `SELECT COUNT(DISTINCT order_id) FROM channel_inbox WHERE ${where}`, since);
  const items = prep(db, `SELECT ${ORDER_COLS} FROM orders o WHERE o.id IN (SELECT order_id FROM channel_inbox WHERE ${where} ORDER BY delay_ms DESC LIMIT ?)`).all(since, limit) as KpiOrderRow[];
  return { total, items };
}

// ---- wall links ----

export interface WallLinkRow { id: string; name: string; created_by: string; created_at: string; revoked_at: string | null }
export const insertWallLink = (db: Db, r: { id: string; name: string; tokenHash: string; createdBy: string; createdAt: string }) =>
  void prep(db, 'INSERT INTO board_wall_links (id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(r.id, r.name, r.tokenHash, r.createdBy, r.createdAt);
export const wallLinks = (db: Db) => prep(db, 'SELECT id, name, created_by, created_at, revoked_at FROM board_wall_links ORDER BY created_at DESC').all() as WallLinkRow[];
export const wallLink = (db: Db, id: string) => prep(db, 'SELECT id, name, created_by, created_at, revoked_at FROM board_wall_links WHERE id = ?').get(id) as WallLinkRow | undefined;
export const wallLinkByHash = (db: Db, hash: string) =>
  prep(db, 'SELECT id, name, created_by, created_at, revoked_at FROM board_wall_links WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as WallLinkRow | undefined;
export const revokeWallLinkRow = (db: Db, id: string, at: string) => void prep(db, 'UPDATE board_wall_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
