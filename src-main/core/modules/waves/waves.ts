// Waves: the shift lead decides what gets picked and packed, and when. A rule (wave-rules.ts)
// filters the open order pool, groups it and caps each wave (wave-planning.ts); a release gives
// each order a cart slot and moves it to in_wave. Here: release, progress, pause, pull-out, pick
// lists in walking order (walking-path.ts), and the put wall where a scanned item is told its slot.
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import type { Actor } from '../../store/events';
import { appendEvent } from '../../store/events';
import { takeCounter } from '../../store/counters';
import { applyOrderAction } from '../orders/actions/apply-action';
import { getSettings } from '../settings/queries';
import { resolveSkuCode } from '../catalog/queries';
import { byWalkingOrder, walkingDistance, type PathPoint } from '../locations/pick-path';
import { walkingPath } from '../locations/walking-path';
import { getWaveRule } from './wave-rules';
import { loadPool, planWaves, planContext, filterMismatch, groupOf, WaveFill, type PoolOrder } from './wave-planning';
import { AppError, fail, notFound } from '../../../lib/errors';
import { WaveRule, type ReleaseInput, type ReleaseResult, type WaveSummary, type WaveDetail, type WaveOrder, type PickList, type PickLine, type SlotForScan, type SortResult } from '../../../contract/waves';

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

// ---------------------------------------------------------------- release

function nextWaveNumber(ctx: CoreContext): string {
  return `W-${String(takeCounter(ctx.db, 'wave_number')).padStart(4, '0')}`;
}

/**
 * Releases waves. With `waves` (the previewed plan), each order is checked again against the rule,
 * the caps and the pool; one that no longer fits is skipped with the reason. Without it the rule is
 * planned now. Runs inside the caller's write transaction: nothing moves between check and write.
 */
export function releaseWaves(ctx: CoreContext, input: ReleaseInput, actor: Actor): ReleaseResult {
  const rule = input.rule;
  if (input.ruleId) getWaveRule(ctx, input.ruleId);
  const pc = planContext(ctx, rule);
  const skipped: ReleaseResult['skipped'] = [];
  let planned: { group: string | null; orders: PoolOrder[] }[];
  if (input.waves) {
    const wanted = input.waves.flatMap((w) => w.orderIds);
    const seen = new Set<string>();
    const dup = wanted.find((id) => (seen.has(id) ? true : (seen.add(id), false)));
    if (dup) fail('validation', `order ${dup} is listed in more than one wave; an order goes into one wave`, [{ path: 'waves', message: 'duplicate order' }]);
    const pool = new Map(loadPool(ctx, ['ready', 'allocated'], wanted).map((o) => [o.id, o]));
    planned = input.waves.map((w) => {
      const fill = new WaveFill(null, rule);
      let group: string | null | undefined;
      for (const id of w.orderIds) {
        const o = pool.get(id);
        const why = o ? filterMismatch(o, rule.filter, pc) : whyNotInPool(ctx, id);
        if (why) {
          skipped.push({ orderId: id, number: o?.number ?? numberOf(ctx, id), reason: why });
          continue;
        }
        const g = groupOf(o!, rule);
        if (group === undefined) group = g;
        if (g !== group) skipped.push({ orderId: id, number: o!.number, reason: `it belongs to group ${g}, not ${group}` });
        else if (!fill.fits(o!)) skipped.push({ orderId: id, number: o!.number, reason: 'the wave is full (caps)' });
        else fill.add(o!);
      }
      return { group: group ?? null, orders: fill.orders };
    });
  } else {
    const pool = loadPool(ctx, rule.filter.states);
    const byId = new Map(pool.map((o) => [o.id, o]));
    planned = planWaves(pool, rule, pc).waves.map((w) => ({ group: w.group, orders: w.orderIds.map((id) => byId.get(id)!) }));
  }

  const created: string[] = [];
  for (const w of planned) {
    // Ready orders take their stock now; without enough they stay in the pool.
    const orders = w.orders.filter((o) => {
      if (o.state === 'allocated') return true;
      try {
        applyOrderAction(ctx, o.id, 'allocate', actor, { reason: 'released in a wave' });
        return true;
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'insufficient_stock') throw e;
        skipped.push({ orderId: o.id, number: o.number, reason: 'not enough stock to allocate it' });
        return false;
      }
    });
    if (orders.length === 0) continue;
    const id = ctx.ids('wave');
    const number = nextWaveNumber(ctx);
    const base = input.name || (input.ruleId ? getWaveRule(ctx, input.ruleId).name : 'Wave');
    const name = w.group !== null && planned.length > 1 ? `${base} · ${w.group}` : base;
    stmt(ctx, `INSERT INTO waves (id, number, name, rule_id, rule, grp, single_unit, bench_id, state, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'released', ?, ?)`).run(
      id, number, name, input.ruleId ?? null, JSON.stringify(rule), w.group, orders.every((o) => o.units === 1) ? 1 : 0, input.benchId ?? null, ctx.clock.iso(), actor.id);
    const addOrder = stmt(ctx, 'INSERT INTO wave_orders (wave_id, order_id, slot) VALUES (?, ?, ?)');
    orders.forEach((o, i) => {
      addOrder.run(id, o.id, i + 1);
      applyOrderAction(ctx, o.id, 'add_to_wave', actor, { data: { waveId: id, wave: number, slot: i + 1 } });
    });
    appendEvent(ctx.db, ctx.clock, { type: 'wave.released', entity: 'wave', entityId: id, actor, data: { number, orders: orders.length, benchId: input.benchId ?? null, group: w.group } });
    created.push(id);
  }
  return { waves: waveSummaries(ctx, created), skipped };
}

function numberOf(ctx: CoreContext, orderId: string): string | null {
  return (stmt(ctx, 'SELECT number FROM orders WHERE id = ?').get(orderId) as { number: string } | undefined)?.number ?? null;
}

function whyNotInPool(ctx: CoreContext, orderId: string): string {
  const o = stmt(ctx, 'SELECT state FROM orders WHERE id = ?').get(orderId) as { state: string } | undefined;
  if (!o) return 'no such order';
  const w = stmt(ctx, "SELECT w.number FROM wave_orders wo JOIN waves w ON w.id = wo.wave_id WHERE wo.order_id = ? AND wo.member = 'active'").get(orderId) as { number: string } | undefined;
  if (w) return `it is already in wave ${w.number}`;
  return `it is ${o.state}`;
}

// ---------------------------------------------------------------- waves and their progress

interface WaveRow {
  id: string; number: string; name: string; rule_id: string | null; rule: string; grp: string | null; single_unit: number;
  bench_id: string | null; state: 'released' | 'paused'; created_at: string; created_by: string;
}

/** Summaries with live progress, in the order of the ids given. */
export function waveSummaries(ctx: CoreContext, ids: string[]): WaveSummary[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = stmt(ctx, 'SELECT * FROM waves WHERE id IN (SELECT value FROM json_each(?))').all(json) as WaveRow[];
  const progress = stmt(ctx, `SELECT wo.wave_id id,
      SUM(wo.member = 'active') orders,
      SUM(wo.member = 'pulled') pulled,
      SUM(wo.member = 'active' AND o.state IN ('picked','packing','packed','shipped')) picked,
      SUM(wo.member = 'active' AND o.state IN ('packed','shipped')) packed,
      SUM(wo.member = 'active' AND o.state = 'shipped') shipped,
      SUM(wo.member = 'active' AND o.state IN ('cancelled','returned')) cancelled,
      SUM(wo.member = 'active' AND o.state = 'on_hold') onHold,
      SUM(wo.member = 'active' AND (o.state = 'exception' OR EXISTS (SELECT 1 FROM exceptions e WHERE e.order_id = o.id AND e.state = 'open'))) exceptions,
      SUM(wo.member = 'active' AND o.state NOT IN ('packed','shipped','cancelled','returned')) open,
      SUM(CASE WHEN wo.member = 'active' AND o.state NOT IN ('cancelled','returned') THEN (SELECT SUM(qty) FROM order_lines WHERE order_id = o.id) ELSE 0 END) units,
      MIN(CASE WHEN wo.member = 'active' AND o.state NOT IN ('packed','shipped','cancelled','returned') THEN o.ship_by END) earliest,
      json_group_array(DISTINCT o.carrier) carriers
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id IN (SELECT value FROM json_each(?)) GROUP BY wo.wave_id`).all(json) as {
    id: string; orders: number; pulled: number; picked: number; packed: number; shipped: number; cancelled: number; onHold: number; exceptions: number;
    open: number; units: number | null; earliest: string | null; carriers: string;
  }[];
  const sorted = stmt(ctx, `SELECT ws.wave_id id, SUM(ws.qty) n FROM wave_sorts ws JOIN wave_orders wo ON wo.wave_id = ws.wave_id AND wo.order_id = ws.order_id AND wo.member = 'active'
    WHERE ws.wave_id IN (SELECT value FROM json_each(?)) GROUP BY ws.wave_id`).all(json) as { id: string; n: number }[];
  const p = new Map(progress.map((x) => [x.id, x]));
  const s = new Map(sorted.map((x) => [x.id, x.n]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter((id) => byId.has(id)).map((id) => {
    const r = byId.get(id)!;
    const x = p.get(id);
    return {
      id, number: r.number, name: r.name, state: r.state, done: (x?.open ?? 0) === 0, group: r.grp, benchId: r.bench_id, ruleId: r.rule_id,
      singleUnit: r.single_unit === 1,
      carriers: x ? (JSON.parse(x.carriers) as (string | null)[]).filter((c): c is string => c !== null).sort() : [],
      earliestShipBy: x?.earliest ?? null,
      createdAt: r.created_at, createdBy: r.created_by,
      progress: {
        orders: x?.orders ?? 0, units: x?.units ?? 0, sortedUnits: s.get(id) ?? 0, picked: x?.picked ?? 0, packed: x?.packed ?? 0,
        shipped: x?.shipped ?? 0, cancelled: x?.cancelled ?? 0, onHold: x?.onHold ?? 0, exceptions: x?.exceptions ?? 0, pulled: x?.pulled ?? 0,
      },
    };
  });
}

/** Waves still in progress (any order not yet packed), then the most recent others. */
export function listWaves(ctx: CoreContext, opts: { limit: number }): WaveSummary[] {
  const open = (stmt(ctx, `SELECT DISTINCT wo.wave_id FROM orders o JOIN wave_orders wo ON wo.order_id = o.id AND wo.member = 'active'
    WHERE o.state IN ('in_wave','picked','packing','on_hold','exception')`).pluck().all() as string[]);
  const recent = stmt(ctx, 'SELECT id FROM waves ORDER BY created_at DESC, id DESC LIMIT ?').pluck().all(opts.limit) as string[];
  const all = waveSummaries(ctx, [...new Set([...open, ...recent])]);
  return all.sort((a, b) => Number(a.done) - Number(b.done) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).slice(0, Math.max(opts.limit, open.length));
}

function waveRow(ctx: CoreContext, id: string): WaveRow {
  return (stmt(ctx, 'SELECT * FROM waves WHERE id = ? OR number = ?').get(id, id) as WaveRow | undefined) ?? notFound('wave', id);
}

export function getWave(ctx: CoreContext, id: string): WaveDetail {
  const r = waveRow(ctx, id);
  const orders = stmt(ctx, `SELECT wo.order_id orderId, o.number, wo.slot, wo.member, o.state, o.carrier, o.ship_by shipBy,
      (SELECT COALESCE(SUM(qty), 0) FROM order_lines WHERE order_id = o.id) units,
      (SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = wo.wave_id AND order_id = o.id) sortedUnits
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id = ? ORDER BY wo.slot`).all(r.id) as WaveOrder[];
  return { ...waveSummaries(ctx, [r.id])[0]!, rule: WaveRule.parse(JSON.parse(r.rule)), orders };
}

export type WaveAction = 'pause' | 'resume' | 'picking_done';

/**
 * pause: the put wall stops sending items to this wave's slots; resume: it goes on.
 * picking_done: the cart is back; every order still in_wave becomes picked (waves without sorting).
 */
export function waveAction(ctx: CoreContext, id: string, action: WaveAction, actor: Actor, reason?: string): WaveSummary {
  const r = waveRow(ctx, id);
  if (action === 'pause' || action === 'resume') {
    const to = action === 'pause' ? 'paused' : 'released';
    if (r.state === to) fail('invalid_transition', `wave ${r.number} is already ${to}`);
    stmt(ctx, 'UPDATE waves SET state = ? WHERE id = ?').run(to, r.id);
  } else {
    const ids = stmt(ctx, `SELECT o.id FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id = ? AND wo.member = 'active' AND o.state = 'in_wave'`).pluck().all(r.id) as string[];
    if (ids.length === 0) fail('invalid_transition', `wave ${r.number} has no order waiting to be picked`);
    for (const oid of ids) applyOrderAction(ctx, oid, 'mark_picked', actor, { data: { waveId: r.id } });
  }
  appendEvent(ctx.db, ctx.clock, { type: `wave.${action}`, entity: 'wave', entityId: r.id, actor, reason: reason ?? null, data: { number: r.number } });
  return waveSummaries(ctx, [r.id])[0]!;
}

/**
 * Takes an order out of its wave, back to the pool (allocated, stock kept). Units already sorted
 * into its slot must go back to their bins: the answer says how many.
 */
export function pullOrder(ctx: CoreContext, waveId: string, orderId: string, reason: string, actor: Actor): { slot: number; sortedUnits: number } {
  const r = waveRow(ctx, waveId);
  const m = stmt(ctx, `SELECT wo.slot, wo.member, o.number, o.state FROM wave_orders wo JOIN orders o ON o.id = wo.order_id
    WHERE wo.wave_id = ? AND (o.id = ? OR o.number = ?)`).get(r.id, orderId, orderId) as { slot: number; member: string; number: string; state: string } | undefined;
  if (!m) fail('not_found', `order ${orderId} is not in wave ${r.number}`);
  if (m!.member === 'pulled') fail('invalid_transition', `order ${m!.number} was already pulled out of wave ${r.number}`);
  if (m!.state !== 'in_wave' && m!.state !== 'picked') {
    fail('invalid_transition', `order ${m!.number} is ${m!.state}; only an order waiting to be picked or packed can be pulled out (release a hold or resolve the exception first)`);
  }
  const id = stmt(ctx, 'SELECT id FROM orders WHERE id = ? OR number = ?').pluck().get(orderId, orderId) as string;
  const sortedUnits = stmt(ctx, 'SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = ? AND order_id = ?').pluck().get(r.id, id) as number;
  applyOrderAction(ctx, id, 'remove_from_wave', actor, { reason, data: { waveId: r.id, slot: m!.slot, sortedUnits } });
  appendEvent(ctx.db, ctx.clock, { type: 'wave.order_pulled', entity: 'wave', entityId: r.id, actor, reason, data: { orderId: id, slot: m!.slot, sortedUnits } });
  return { slot: m!.slot, sortedUnits };
}

// ---------------------------------------------------------------- pick list

/** Lines summed by SKU and bin, in walking order, with how many units go to each slot. */
export function pickList(ctx: CoreContext, waveId: string): PickList {
  const r = waveRow(ctx, waveId);
  const path = walkingPath(ctx);
  const rows = stmt(ctx, `SELECT l.id lineId, l.sku_id skuId, l.qty, wo.slot, s.location_id skuLoc, r.location_id resLoc, r.qty resQty
    FROM wave_orders wo JOIN orders o ON o.id = wo.order_id JOIN order_lines l ON l.order_id = o.id JOIN skus s ON s.id = l.sku_id
    LEFT JOIN reservations r ON r.line_id = l.id
    WHERE wo.wave_id = ? AND wo.member = 'active' AND o.state NOT IN ('cancelled', 'returned') ORDER BY l.id`).all(r.id) as {
    lineId: string; skuId: string; qty: number; slot: number; skuLoc: string | null; resLoc: string | null; resQty: number | null;
  }[];
  const sums = new Map<string, { locationId: string | null; skuId: string; qty: number; slots: Map<number, number> }>();
  const put = (locationId: string | null, skuId: string, slot: number, qty: number) => {
    const key = `${locationId}|${skuId}`;
    let e = sums.get(key);
    if (!e) sums.set(key, (e = { locationId, skuId, qty: 0, slots: new Map() }));
    e.qty += qty;
    e.slots.set(slot, (e.slots.get(slot) ?? 0) + qty);
  };
  const orders = new Set<number>();
  let units = 0;
  for (let i = 0; i < rows.length; ) {
    const line = rows[i]!;
    let left = line.qty;
    units += line.qty;
    orders.add(line.slot);
    for (; i < rows.length && rows[i]!.lineId === line.lineId; i++) {
      const x = rows[i]!;
      if (x.resLoc !== null && x.resQty !== null) {
        put(x.resLoc, x.skuId, x.slot, x.resQty);
        left -= x.resQty;
      }
    }
    // Units without a reservation (after shipping, or never reserved) come from the SKU's own bin.
    if (left > 0) put(line.skuLoc, line.skuId, line.slot, left);
  }
  const skus = new Map((stmt(ctx, `SELECT id, sku, name FROM skus WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set([...sums.values()].map((e) => e.skuId))])) as { id: string; sku: string; name: string }[]).map((s) => [s.id, s]));
  const NOWHERE: PathPoint = { id: '', code: '?', zone: null, aisle: null, bay: null, level: null, seq: Number.MAX_SAFE_INTEGER, pathSeq: Number.MAX_SAFE_INTEGER, custom: false, at: null };
  const entries = [...sums.values()].map((e) => ({ e, pt: (e.locationId && path.get(e.locationId)) || NOWHERE }));
  entries.sort((a, b) => byWalkingOrder(a.pt, b.pt) || skus.get(a.e.skuId)!.sku.localeCompare(skus.get(b.e.skuId)!.sku));
  const stops = [...new Map(entries.filter((x) => x.pt !== NOWHERE).map((x) => [x.pt.id, x.pt])).values()];
  const lines: PickLine[] = entries.map(({ e, pt }, i) => ({
    seq: i + 1, location: pt.code, zone: pt.zone, aisle: pt.aisle, bay: pt.bay, level: pt.level,
    skuId: e.skuId, sku: skus.get(e.skuId)!.sku, name: skus.get(e.skuId)!.name, qty: e.qty,
    slots: [...e.slots].sort((a, b) => a[0] - b[0]).map(([slot, qty]) => ({ slot, qty })),
  }));
  return { waveId: r.id, number: r.number, name: r.name, orders: orders.size, units, walkingM: walkingDistance(stops, getSettings(ctx).pickPath), lines };
}

// ---------------------------------------------------------------- sort to slot (put wall)

type SlotRow = { waveId: string; waveNumber: string; orderId: string; orderNumber: string; slot: number; need: number; sorted: number; total: number; totalSorted: number };

/**
 * Within released waves (optionally one wave, or the waves of one bench): the next order, in
 * slot order, that still needs this SKU. Reads only; sortItem records the unit. Waves released
 * first are filled first. Only orders still in_wave take items (not held, cancelled or pulled ones).
 */
export function slotForScan(ctx: CoreContext, q: { waveId?: string; benchId?: string; skuId: string }): SlotForScan | null {
  // Driven from the orders in_wave (the work in progress, found by the state index), never from
  // every order line of the SKU, which grows with the shop's history.
  const hit = stmt(ctx, `SELECT w.id waveId, w.number waveNumber, o.id orderId, o.number orderNumber, wo.slot,
      (SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id AND +l.sku_id = ?) need,
      COALESCE(ws.qty, 0) sorted,
      (SELECT SUM(qty) FROM order_lines WHERE order_id = o.id) total,
      (SELECT COALESCE(SUM(qty), 0) FROM wave_sorts WHERE wave_id = w.id AND order_id = o.id) totalSorted
    FROM orders o
    JOIN wave_orders wo ON wo.order_id = o.id AND wo.member = 'active'
    JOIN waves w ON w.id = wo.wave_id AND w.state = 'released'
    LEFT JOIN wave_sorts ws ON ws.wave_id = w.id AND ws.order_id = o.id AND ws.sku_id = ?
    WHERE o.state = 'in_wave' AND need > COALESCE(ws.qty, 0)
      AND (? IS NULL OR w.id = ? OR w.number = ?) AND (? IS NULL OR w.bench_id = ?)
    ORDER BY w.created_at, w.id, wo.slot LIMIT 1`).get(
    q.skuId, q.skuId, q.waveId ?? null, q.waveId ?? null, q.waveId ?? null, q.benchId ?? null, q.benchId ?? null) as SlotRow | undefined;
  if (!hit) return null;
  return { waveId: hit.waveId, waveNumber: hit.waveNumber, orderId: hit.orderId, orderNumber: hit.orderNumber, slot: hit.slot, remainingInSlot: hit.total - hit.totalSorted - 1 };
}

/**
 * A scanned item at the put wall: finds its slot (slotForScan) and records the unit there. When
 * the unit completes its order, the order becomes picked: its slot is ready for the bench.
 */
export function sortItem(ctx: CoreContext, q: { waveId?: string; benchId?: string; code: string }, actor: Actor): SortResult {
  const sku = resolveSkuCode(ctx, q.code) ?? fail('not_found', `no SKU or barcode "${q.code}"`);
  if (q.waveId) {
    const w = waveRow(ctx, q.waveId);
    if (w.state === 'paused') fail('conflict', `wave ${w.number} is paused; the lead resumes it on the Waves screen`);
  }
  const at = slotForScan(ctx, { waveId: q.waveId, benchId: q.benchId, skuId: sku.skuId });
  if (!at) fail('not_found', `no order in ${q.waveId ? `wave ${q.waveId}` : 'a released wave'} still needs ${q.code}: put it aside for the lead`);
  stmt(ctx, `INSERT INTO wave_sorts (wave_id, order_id, sku_id, qty) VALUES (?, ?, ?, 1)
    ON CONFLICT(wave_id, order_id, sku_id) DO UPDATE SET qty = qty + 1`).run(at!.waveId, at!.orderId, sku.skuId);
  appendEvent(ctx.db, ctx.clock, { type: 'wave.sorted', entity: 'wave', entityId: at!.waveId, actor, data: { orderId: at!.orderId, slot: at!.slot, skuId: sku.skuId } });
  const complete = at!.remainingInSlot === 0;
  if (complete) applyOrderAction(ctx, at!.orderId, 'mark_picked', actor, { data: { waveId: at!.waveId, slot: at!.slot } });
  return { ...at!, complete };
}

/** The wave and slot an order (by id or number) sits in, for the bench: "slot 4 of W-0012"; null when in none. */
export function waveOfOrder(ctx: CoreContext, orderRef: string): { waveId: string; waveNumber: string; slot: number; paused: boolean } | null {
  const id = stmt(ctx, 'SELECT id FROM orders WHERE id = ? OR number = ?').pluck().get(orderRef, orderRef) as string | undefined;
  if (!id) notFound('order', orderRef);
  const r = stmt(ctx, `SELECT w.id waveId, w.number waveNumber, wo.slot, w.state FROM wave_orders wo JOIN waves w ON w.id = wo.wave_id
    WHERE wo.order_id = ? AND wo.member = 'active'`).get(id) as { waveId: string; waveNumber: string; slot: number; state: string } | undefined;
  return r ? { waveId: r.waveId, waveNumber: r.waveNumber, slot: r.slot, paused: r.state === 'paused' } : null;
}

/** An order taken out of its wave goes back to the pool: the next wave may take it (one active wave per order). */
export function leaveWave(ctx: CoreContext, orderId: string): void {
  prep(ctx.db, "UPDATE wave_orders SET member = 'pulled', pulled_at = ? WHERE order_id = ? AND member = 'active'").run(ctx.clock.iso(), orderId);
}
