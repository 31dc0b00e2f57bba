// The core side of the packing bench (DESIGN.md "Packing", "Cancellation and changes in flight").
// Each action validates (order state and version, the bench that holds the order, items, weight,
// a lead's badge), applies (parcel, waybill, order state, stock) and records events on the order,
// all in the caller's write transaction: a refusal changes nothing, and a label exists only for a
// parcel the core has confirmed.
import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { BoxType } from '../../../contract/catalog';
import type { Order, OrderState } from '../../../contract/orders';
import type { PackException } from '../../../contract/exceptions';
import type { BadgeOverride, CreateParcelBody, PackItem, PackLineInfo, PackOrderRef, PackTicket, Parcel, ParcelResult } from '../../../contract/packing';
import { AppError, fail, notFound } from '../../../lib/errors';
import { weightBand, insideBand } from '../../../contract/weight-band';
import { labelDataFromOrder } from '../../../labels/from-order';
import type { LabelData } from '../../../labels/fields';
import { appendEvent, type Actor } from '../../store/events';
import { getSettings } from '../settings/queries';
import { applyOrderAction } from '../orders/actions/apply-action';
import { assertOnHand, getOrder, onHandShortfall } from '../orders/queries';
import { touchOrder } from '../orders/actions/touch-order';
import { listBoxTypes } from '../catalog/queries';
import { takeOrderStock, giveOrderStockBack } from '../inventory/actions/packed-stock';
import { checkBadge } from '../people/queries';
import { allocateWaybill, getWaybill, recordWaybillVoid } from '../shipping/waybills';
import { getException, liveParcelsOf, markResolved, raiseException } from '../exceptions/exceptions';
import { recordWeightSample } from './weight-learning';
import { waveOfOrder } from '../waves/waves';

/** States an order is picked up from by a bench (the state machine's start_packing). */
const STARTABLE: readonly OrderState[] = ['allocated', 'in_wave', 'picked'];
const LEADS = ['lead', 'admin'];

interface ParcelRow {
  id: string; order_id: string; seq: number; box_type_id: string | null; box_code: string | null; tare_g: number; items: string;
  expected_g: number | null; measured_g: number; min_g: number | null; max_g: number | null; override_by: string | null; override_name: string | null;
  override_reason: string | null; carrier: string; waybill: string; bench: string; packed_by: string; state: 'labelled' | 'voided';
  created_at: string; voided_at: string | null; void_reason: string | null;
}

const PARCEL_SELECT = `SELECT p.*, b.code box_code, u.name override_name FROM parcels p
  LEFT JOIN box_types b ON b.id = p.box_type_id LEFT JOIN users u ON u.id = p.override_by`;

const toParcel = (r: ParcelRow, of: number | null): Parcel => ({
  id: r.id, orderId: r.order_id, seq: r.seq, of: r.state === 'labelled' ? of : null, state: r.state, boxTypeId: r.box_type_id, boxCode: r.box_code,
  tareG: r.tare_g, items: JSON.parse(r.items), expectedG: r.expected_g, measuredG: r.measured_g, minG: r.min_g, maxG: r.max_g,
  override: r.override_by ? { by: r.override_by, byName: r.override_name ?? r.override_by, reason: r.override_reason ?? '' } : null,
  carrier: r.carrier, waybill: r.waybill, bench: r.bench, packedBy: r.packed_by, createdAt: r.created_at, voidedAt: r.voided_at, voidReason: r.void_reason,
});

function parcelRow(ctx: CoreContext, id: string): ParcelRow {
  return (prep(ctx.db, `${PARCEL_SELECT} WHERE p.id = ?`).get(id) as ParcelRow | undefined) ?? notFound('parcel', id);
}

/** Units per SKU in the order's labelled parcels. */
function packedBySku(ctx: CoreContext, orderId: string): Map<string, number> {
  const rows = prep(ctx.db, `SELECT json_extract(j.value, '$.skuId') skuId, SUM(json_extract(j.value, '$.qty')) qty
    FROM parcels p, json_each(p.items) j WHERE p.order_id = ? AND p.state = 'labelled' GROUP BY 1`).all(orderId) as { skuId: string; qty: number }[];
  return new Map(rows.map((r) => [r.skuId, r.qty]));
}

/** Units per SKU still to go into a parcel (the order's lines minus labelled parcels). */
function remainingBySku(ctx: CoreContext, order: Order): Map<string, number> {
  const packed = packedBySku(ctx, order.id);
  const left = new Map<string, number>();
  for (const l of order.lines) left.set(l.skuId, (left.get(l.skuId) ?? 0) + l.qty);
  for (const [sku, n] of packed) left.set(sku, (left.get(sku) ?? 0) - n);
  return left;
}

const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** N of "n of N": known once nothing is left to pack. */
function parcelCountIfComplete(ctx: CoreContext, order: Order): number | null {
  return sumOf(remainingBySku(ctx, order)) === 0 ? liveParcelsOf(ctx, order.id).length : null;
}

export function listParcels(ctx: CoreContext, orderId: string): Parcel[] {
  const order = getOrder(ctx, orderId);
  const of = parcelCountIfComplete(ctx, order);
  return (prep(ctx.db, `${PARCEL_SELECT} WHERE p.order_id = ? ORDER BY p.created_at, p.id`).all(orderId) as ParcelRow[]).map((r) => toParcel(r, of));
}

function orderRef(ctx: CoreContext, orderId: string): PackOrderRef {
  const o = getOrder(ctx, orderId);
  return { id: o.id, number: o.number, state: o.state, version: o.version, remainingUnits: Math.max(0, sumOf(remainingBySku(ctx, o))) };
}

/** The reason of the latest event that put the order where it is (hold, cancel, exception). */
function lastReason(ctx: CoreContext, orderId: string, types: string[]): string | null {
  const r = prep(ctx.db, `SELECT reason FROM events WHERE entity_id = ? AND type IN (${types.map(() => '?').join(',')}) ORDER BY id DESC LIMIT 1`)
    .get(orderId, ...types) as { reason: string | null } | undefined;
  return r?.reason ?? null;
}

/** Why an order in this state cannot be packed, and what the person at the bench should do. */
function notPackable(ctx: CoreContext, o: Order): string {
  const why = (types: string[]) => {
    const r = lastReason(ctx, o.id, types);
    return r ? ` (${r})` : '';
  };
  switch (o.state) {
    case 'cancelled': return `order ${o.number} is cancelled${why(['order.cancel'])}: put the items back`;
    case 'on_hold': return `order ${o.number} is on hold${why(['order.hold'])}: put it aside for a lead`;
    case 'exception': return `order ${o.number} has an open exception${why(['order.raise_exception'])}: put it aside until a lead clears it`;
    case 'packed': return `order ${o.number} is already packed (${liveParcelsOf(ctx, o.id).length} parcel(s)): void a parcel to pack it again`;
    case 'shipped': return `order ${o.number} has already shipped`;
    case 'returned': return `order ${o.number} was returned`;
    case 'new':
    case 'ready': return `order ${o.number} has no stock reserved yet (${o.state}): put it aside for the office`;
    default: return `order ${o.number} is ${o.state}: it cannot be packed now`;
  }
}

interface ClaimRow { bench: string; user_id: string; started_at: string; user_name: string | null }
function claimOf(ctx: CoreContext, orderId: string): ClaimRow | undefined {
  return prep(ctx.db, 'SELECT c.bench, c.user_id, c.started_at, u.name user_name FROM pack_claims c LEFT JOIN users u ON u.id = c.user_id WHERE c.order_id = ?').get(orderId) as ClaimRow | undefined;
}
function claim(ctx: CoreContext, orderId: string, bench: string, actor: Actor): void {
  prep(ctx.db, `INSERT INTO pack_claims (order_id, bench, user_id, started_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(order_id) DO UPDATE SET bench = excluded.bench, user_id = excluded.user_id, started_at = excluded.started_at`).run(orderId, bench, actor.id, ctx.clock.iso());
}

/** A lead's or admin's badge scanned at the bench: checked here, never trusted from the station. */
function authorizeOverride(ctx: CoreContext, o: BadgeOverride, what: string): { id: string; name: string; role: string } {
  const c = checkBadge(ctx, o.badge, o.pin);
  if ('problem' in c) return fail('validation', `override: ${c.problem}`, [{ path: `override.${c.path}`, message: c.issue }]);
  if (!LEADS.includes(c.user.role)) {
    return fail('forbidden', `${c.user.name} is ${c.user.role === 'admin' || c.user.role === 'operator' ? 'an' : 'a'} ${c.user.role}: only a lead or admin badge may ${what}`, [{ path: 'override.badge', message: `a ${c.user.role}'s badge` }]);
  }
  return c.user;
}

function busyElsewhere(o: Order, c: ClaimRow): string {
  return `order ${o.number} is being packed at bench ${c.bench} (by ${c.user_name ?? c.user_id} since ${c.started_at}): finish it there, or scan a lead's badge to take it over`;
}

/**
 * Starts packing at a bench: allocated / in_wave / picked -> packing through the state machine, or
 * resumes an order this bench already holds. Another bench's order needs a lead's badge.
 */
export function startPacking(ctx: CoreContext, orderId: string, input: { bench: string; override?: BadgeOverride }, actor: Actor): PackTicket {
  const o = getOrder(ctx, orderId);
  // a paused wave's orders wait for the lead, whichever bench scans them
  const wave = waveOfOrder(ctx, orderId);
  if (wave?.paused) fail('conflict', `wave ${wave.waveNumber} is paused by the lead: put slot ${wave.slot} back until it is resumed`, [{ path: 'wave', message: 'paused' }]);
  if (STARTABLE.includes(o.state)) {
    applyOrderAction(ctx, orderId, 'start_packing', actor, { data: { bench: input.bench } });
    claim(ctx, orderId, input.bench, actor);
  } else if (o.state === 'packing') {
    const c = claimOf(ctx, orderId);
    if (!c) claim(ctx, orderId, input.bench, actor);
    else if (c.bench !== input.bench) {
      if (!input.override) fail('conflict', busyElsewhere(o, c), [{ path: 'bench', message: `held by ${c.bench}` }]);
      const lead = authorizeOverride(ctx, input.override!, 'move an order to another bench');
      claim(ctx, orderId, input.bench, actor);
      appendEvent(ctx.db, ctx.clock, {
        type: 'pack.taken_over', entity: 'order', entityId: orderId, actor, reason: input.override!.reason,
        data: { from: c.bench, bench: input.bench, approvedBy: lead.id, number: o.number },
      });
    }
  } else {
    fail('order_state', notPackable(ctx, o), [{ path: 'state', message: o.state }]);
  }
  return ticket(ctx, orderId, input.bench);
}

function ticket(ctx: CoreContext, orderId: string, bench: string): PackTicket {
  const o = getOrder(ctx, orderId);
  const packed = packedBySku(ctx, orderId);
  const skuInfo = prep(ctx.db, 'SELECT length_mm l, width_mm w, height_mm h FROM skus WHERE id = ?');
  const barcodes = prep(ctx.db, 'SELECT code, units FROM barcodes WHERE sku_id = ? ORDER BY units, code');
  const lines: PackLineInfo[] = o.lines.map((l) => {
    const done = Math.min(l.qty, packed.get(l.skuId) ?? 0);
    packed.set(l.skuId, (packed.get(l.skuId) ?? 0) - done);
    const d = skuInfo.get(l.skuId) as { l: number | null; w: number | null; h: number | null };
    return {
      lineId: l.id, skuId: l.skuId, sku: l.sku, name: l.name, qty: l.qty, packed: done, remaining: l.qty - done,
      barcodes: barcodes.all(l.skuId) as { code: string; units: number }[], unitWeightG: l.unitWeightG, location: l.location,
      dimensionsMm: d.l && d.w && d.h ? { length: d.l, width: d.w, height: d.h } : null,
    };
  });
  const boxTypes = listBoxTypes(ctx);
  const settings = getSettings(ctx);
  const of = parcelCountIfComplete(ctx, o);
  const wave = waveOfOrder(ctx, orderId);
  return {
    bench,
    order: {
      id: o.id, number: o.number, channel: o.channel, externalId: o.externalId, state: o.state, version: o.version,
      carrier: o.carrier, service: o.service, shipBy: o.shipBy, priority: o.priority, note: o.note, shipTo: o.shipTo,
    },
    lines,
    parcels: (prep(ctx.db, `${PARCEL_SELECT} WHERE p.order_id = ? AND p.state = 'labelled' ORDER BY p.seq`).all(orderId) as ParcelRow[]).map((r) => toParcel(r, of)),
    boxTypes,
    suggestedBox: suggestBox(boxTypes, lines.filter((l) => l.remaining > 0)),
    tolerance: { weightToleranceG: settings.weightToleranceG, weightTolerancePct: settings.weightTolerancePct },
    wave: wave ? { waveNumber: wave.waveNumber, slot: wave.slot } : null,
    warnings: packWarnings(ctx, o),
  };
}

/** What will stop this order later, said before the operator has scanned anything. */
function packWarnings(ctx: CoreContext, o: Order): string[] {
  const out: string[] = [];
  if (!o.carrier) out.push(`order ${o.number} has no carrier: no waybill can be allocated until one is set`);
  else {
    const left = prep(ctx.db, 'SELECT COALESCE(SUM(last_serial - next_serial + 1), 0) n FROM waybill_ranges WHERE carrier = ? AND active = 1').get(o.carrier) as { n: number };
    if (left.n === 0) out.push(`no waybill numbers left for carrier "${o.carrier}": add a number range before labelling`);
  }
  for (const x of onHandShortfall(ctx, o.id)) out.push(`${x.sku} at ${x.location}: ${x.qty} reserved but ${x.onHand} on hand (the rest is in transit): receive it before the last parcel`);
  for (const l of o.lines) if (l.unitWeightG === null) out.push(`${l.sku} has no unit weight: parcels with it are not weight-checked (the weight is learned from the scale)`);
  return out;
}

/**
 * The smallest box the remaining items fit in: by volume (and each item's sides) when every item
 * and box has dimensions, else the lightest-rated box whose weight limit holds the items.
 */
export function suggestBox(
  boxes: BoxType[], items: { qty: number; unitWeightG: number | null; dimensionsMm: { length: number; width: number; height: number } | null }[],
): PackTicket['suggestedBox'] {
  if (items.length === 0) return null;
  const sides = (a: number, b: number, c: number) => [a, b, c].sort((x, y) => y - x);
  const sized = boxes.filter((b) => b.lengthMm && b.widthMm && b.heightMm).map((b) => ({ b, s: sides(b.lengthMm!, b.widthMm!, b.heightMm!), v: b.lengthMm! * b.widthMm! * b.heightMm! }));
  if (items.every((i) => i.dimensionsMm) && sized.length) {
    const volume = items.reduce((n, i) => n + i.dimensionsMm!.length * i.dimensionsMm!.width * i.dimensionsMm!.height * i.qty, 0);
    const fit = sized
      .filter(({ s, v }) => v >= volume && items.every((i) => sides(i.dimensionsMm!.length, i.dimensionsMm!.width, i.dimensionsMm!.height).every((d, k) => d <= s[k]!)))
      .sort((a, b) => a.v - b.v)[0];
    if (fit) return { id: fit.b.id, code: fit.b.code, name: fit.b.name, by: 'volume' };
  }
  if (items.every((i) => i.unitWeightG !== null)) {
    const grams = items.reduce((n, i) => n + i.unitWeightG! * i.qty, 0);
    const fit = boxes.filter((b) => b.maxWeightG && b.maxWeightG >= grams + b.tareG).sort((a, b) => a.maxWeightG! - b.maxWeightG! || a.tareG - b.tareG)[0];
    if (fit) return { id: fit.id, code: fit.code, name: fit.name, by: 'weight' };
  }
  return null;
}

/** What happened to the order after `version`, in words (for a 409 the bench shows as is). */
function changesSince(ctx: CoreContext, orderId: string, version: number): string {
  const rows = prep(ctx.db, `SELECT e.type, e.reason, e.data, u.name FROM events e LEFT JOIN users u ON u.id = e.actor
    WHERE e.entity_id = ? AND e.entity = 'order' AND CAST(json_extract(e.data, '$.version') AS INTEGER) > ? ORDER BY e.id`).all(orderId, version) as { type: string; reason: string | null; data: string; name: string | null }[];
  const words = rows.map((r) => {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    const what = r.type === 'order.cancel' ? 'cancelled' : r.type === 'order.hold' ? 'put on hold' : r.type === 'order.raise_exception' ? 'sent to exception'
      : r.type === 'parcel.labelled' ? `parcel ${d.seq} labelled at bench ${d.bench}` : r.type === 'parcel.voided' ? `parcel ${d.seq} voided`
      : r.type.startsWith('order.') ? `${r.type.slice(6).replace(/_/g, ' ')}${d.to ? ` (now ${d.to})` : ''}` : r.type;
    return `${what}${r.name ? ` by ${r.name}` : ''}${r.reason ? `: ${r.reason}` : ''}`;
  });
  return words.length ? words.join('; ') : 'changed';
}

/** The order must still be packing, at the version the bench saw, and held by this bench. */
function assertStillYours(ctx: CoreContext, o: Order, bench: string, expectedVersion?: number): void {
  if (o.state !== 'packing') {
    const msg = o.state === 'cancelled' || o.state === 'on_hold' || o.state === 'exception' ? notPackable(ctx, o) : `order ${o.number} is ${o.state} now, not packing`;
    fail('conflict', `${msg}; no label was made`, [{ path: 'state', message: o.state }]);
  }
  if (expectedVersion !== undefined && expectedVersion !== o.version) {
    fail('conflict', `order ${o.number} changed since version ${expectedVersion}: ${changesSince(ctx, o.id, expectedVersion)}. Start it again (version ${o.version}); no label was made`, [{ path: 'expectedVersion', message: `now ${o.version}` }]);
  }
  const c = claimOf(ctx, o.id);
  if (c && c.bench !== bench) fail('conflict', busyElsewhere(o, c), [{ path: 'bench', message: `held by ${c.bench}` }]);
}

/** Merges items of the same SKU; refuses SKUs not in the order and more units than are left. */
function checkItems(o: Order, items: PackItem[], left: Map<string, number>, field: string): Map<string, number> {
  const want = new Map<string, number>();
  const issues: { path: string; message: string }[] = [];
  items.forEach((it, i) => {
    if (!left.has(it.skuId)) issues.push({ path: `${field}.${i}.skuId`, message: `${it.skuId} is not in order ${o.number}` });
    want.set(it.skuId, (want.get(it.skuId) ?? 0) + it.qty);
  });
  for (const [skuId, n] of want) {
    const l = left.get(skuId);
    if (l === undefined || n <= l) continue;
    const line = o.lines.find((x) => x.skuId === skuId)!;
    const total = o.lines.filter((x) => x.skuId === skuId).reduce((a, x) => a + x.qty, 0);
    issues.push({ path: `${field}.${items.findIndex((x) => x.skuId === skuId)}.qty`, message: `${n} x ${line.sku} but only ${Math.max(0, l)} left (the order has ${total}, ${total - l} already in parcels)` });
  }
  if (issues.length) fail('validation', `order ${o.number}: ${issues.map((x) => x.message).join('; ')}`, issues);
  return want;
}

const nextSeq = (ctx: CoreContext, orderId: string): number => {
  const used = new Set(liveParcelsOf(ctx, orderId).map((p) => p.seq));
  let n = 1;
  while (used.has(n)) n++;
  return n;
};

/**
 * Labels one parcel. Checks, in this order: the order (packing, version, bench), the items (in the
 * order, not more than left), the weight (expected = unit weights + tare; out of tolerance only
 * with a lead's badge), the final flag. Then allocates a waybill, records the parcel and, when
 * nothing is left, moves the order to packed and takes its stock off the shelf.
 */
export function createParcel(ctx: CoreContext, orderId: string, input: CreateParcelBody, actor: Actor): ParcelResult {
  const o = getOrder(ctx, orderId);
  assertStillYours(ctx, o, input.bench, input.expectedVersion);
  const left = remainingBySku(ctx, o);
  const want = checkItems(o, input.items, left, 'items');
  const box = input.boxTypeId ? (prep(ctx.db, 'SELECT id, code, tare_g FROM box_types WHERE id = ? OR code = ?').get(input.boxTypeId, input.boxTypeId) as { id: string; code: string; tare_g: number } | undefined) : null;
  if (input.boxTypeId && !box) fail('validation', `unknown box type ${input.boxTypeId}`, [{ path: 'boxTypeId', message: 'unknown' }]);
  const tare = box?.tare_g ?? 0;

  // Expected weight and tolerance: the larger of the gram and the percent allowance (settings).
  const weightOf = new Map(o.lines.map((l) => [l.skuId, l.unitWeightG]));
  const unknown = [...want.keys()].filter((s) => weightOf.get(s) === null);
  const known = [...want].reduce((g, [s, n]) => g + (weightOf.get(s) ?? 0) * n, 0);
  const expected = unknown.length ? null : known + tare;
  const settings = getSettings(ctx);
  const band = expected === null ? null : weightBand(expected, { toleranceG: settings.weightToleranceG, tolerancePct: settings.weightTolerancePct });
  const minG = band?.minG ?? null;
  const maxG = band?.maxG ?? null;
  let override: { id: string; name: string; reason: string } | null = null;
  if (band && !insideBand(band, input.measuredG)) {
    const msg = `parcel weighs ${input.measuredG} g but should weigh ${expected} g (${minG}-${maxG} g): check the items and the box`;
    if (!input.override) fail('weight_out_of_tolerance', `${msg}, or a lead may let it pass`, [{ path: 'measuredG', message: `${input.measuredG} g outside ${minG}-${maxG} g` }]);
    override = { ...authorizeOverride(ctx, input.override!, 'let a weight out of tolerance pass'), reason: input.override!.reason };
  }

  const after = new Map(left);
  for (const [s, n] of want) after.set(s, (after.get(s) ?? 0) - n);
  const complete = sumOf(after) === 0;
  if (input.final && !complete) {
    const rest = o.lines.filter((l) => (after.get(l.skuId) ?? 0) > 0).map((l) => `${after.get(l.skuId)} x ${l.sku}`);
    fail('validation', `this cannot be the last parcel of order ${o.number}: ${[...new Set(rest)].join(', ')} still to pack (report them short if they are missing)`, [{ path: 'final', message: 'items left' }]);
  }
  if (complete) assertOnHand(ctx, orderId, o.number, 'pack');
  if (!o.carrier) fail('waybill_unavailable', `order ${o.number} has no carrier: no waybill can be allocated; ask the office to set one`, [{ path: 'carrier', message: 'none' }]);

  const id = ctx.ids('parcel');
  const seq = nextSeq(ctx, orderId);
  let alloc: ReturnType<typeof allocateWaybill>;
  try {
    alloc = allocateWaybill(ctx.db, ctx.clock, { carrier: o.carrier!, orderId, parcelId: id }, actor);
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') fail('waybill_unavailable', `${e.message}; no label was made`);
    throw e;
  }
  const items = [...want].map(([skuId, qty]) => ({ skuId, qty }));
  prep(ctx.db, `INSERT INTO parcels (id, order_id, seq, box_type_id, tare_g, items, expected_g, measured_g, min_g, max_g, override_by, override_reason,
      carrier, waybill, bench, packed_by, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'labelled', ?)`).run(
    id, orderId, seq, box?.id ?? null, tare, JSON.stringify(items), expected, input.measuredG, minG, maxG, override?.id ?? null, override?.reason ?? null,
    o.carrier, alloc.number, input.bench, actor.id, ctx.clock.iso(),
  );
  const version = touchOrder(ctx, orderId);
  appendEvent(ctx.db, ctx.clock, {
    type: 'parcel.labelled', entity: 'order', entityId: orderId, actor, reason: override?.reason ?? null,
    data: { parcelId: id, seq, waybill: alloc.number, carrier: o.carrier, bench: input.bench, items, expectedG: expected, measuredG: input.measuredG, overrideBy: override?.id ?? null, version, number: o.number },
  });
  if (override) {
    raiseException(ctx, {
      kind: 'weight_override', orderId, parcelId: id, bench: input.bench, reason: override.reason,
      detail: { expectedG: expected, measuredG: input.measuredG, minG, maxG, waybill: alloc.number, approvedBy: override.id, approvedByName: override.name },
      resolved: { resolution: `approved at the bench by ${override.name}`, by: override.id },
    }, actor);
  }
  if (unknown.length === 1) {
    const s = unknown[0]!;
    recordWeightSample(ctx, { parcelId: id, skuId: s, qty: want.get(s)!, grams: input.measuredG - tare - known });
  }
  if (complete) {
    takeOrderStock(ctx, orderId);
    applyOrderAction(ctx, orderId, 'mark_packed', actor, { data: { bench: input.bench, parcels: liveParcelsOf(ctx, orderId).length } });
  }
  const parcel = toParcel(parcelRow(ctx, id), complete ? liveParcelsOf(ctx, orderId).length : null);
  return {
    parcel,
    order: orderRef(ctx, orderId),
    label: labelFor(ctx, getOrder(ctx, orderId), parcel),
    warnings: alloc.lowWarning ? [alloc.lowWarning] : [],
  };
}

/** The label renderer's input for a parcel: the full ship-to (templates mask it), this box's items. */
function labelFor(ctx: CoreContext, order: Order, parcel: Parcel): LabelData {
  const w = getWaybill(ctx.db, parcel.waybill);
  const s = getSettings(ctx);
  const data = labelDataFromOrder(order, {
    parcel: { id: parcel.id, index: parcel.seq, count: parcel.of ?? parcel.seq, weightG: parcel.measuredG },
    waybill: { number: w.number, sortCode: w.sortCode, bagPoint: w.bagPoint },
    carrier: { code: parcel.carrier },
    sender: s.sender,
    shopName: s.shopName,
    printedAt: ctx.clock.iso().slice(0, 16).replace('T', ' '),
  });
  const line = new Map(order.lines.map((l) => [l.skuId, l]));
  data.items = parcel.items.map((i) => ({ sku: line.get(i.skuId)?.sku ?? i.skuId, name: line.get(i.skuId)?.name ?? i.skuId, qty: i.qty }));
  return data;
}

/** Voids one labelled parcel and its waybill; a packed order goes back to packing with its stock reserved again. */
function voidOne(ctx: CoreContext, p: ParcelRow, reason: string, actor: Actor): void {
  const o = getOrder(ctx, p.order_id);
  if (o.state === 'shipped' || o.state === 'returned') {
    fail('order_state', `order ${o.number} has ${o.state === 'shipped' ? 'shipped' : 'been returned'}: parcel ${p.seq} (${p.waybill}) cannot be voided now`, [{ path: 'state', message: o.state }]);
  }
  const w = getWaybill(ctx.db, p.waybill);
  if (w.source.startsWith('api:')) fail('waybill_unavailable', `waybill ${w.number} came from ${w.source}; void it through the carrier first`);
  recordWaybillVoid(ctx.db, ctx.clock, { number: p.waybill, reason }, actor);
  prep(ctx.db, "UPDATE parcels SET state = 'voided', voided_at = ?, void_reason = ? WHERE id = ? AND state = 'labelled'").run(ctx.clock.iso(), reason, p.id);
  const version = touchOrder(ctx, o.id);
  appendEvent(ctx.db, ctx.clock, { type: 'parcel.voided', entity: 'order', entityId: o.id, actor, reason, data: { parcelId: p.id, seq: p.seq, waybill: p.waybill, version, number: o.number } });
  if (o.state === 'packed') {
    giveOrderStockBack(ctx, o.id, 'reserve', actor, reason);
    applyOrderAction(ctx, o.id, 'reopen_packing', actor, { reason, data: { parcelId: p.id, bench: p.bench } });
    claim(ctx, o.id, p.bench, actor);
  }
}

/** A waybill on a labelled parcel is voided with its parcel (so the order and stock follow), never alone. */
export function assertNotOnParcel(ctx: CoreContext, waybill: string): void {
  const p = prep(ctx.db, "SELECT p.id, p.seq, o.number FROM parcels p JOIN orders o ON o.id = p.order_id WHERE p.waybill = ? AND p.state = 'labelled'").get(waybill) as { id: string; seq: number; number: string } | undefined;
  if (p) fail('conflict', `waybill ${waybill} is on parcel ${p.seq} of order ${p.number}: void the parcel (POST /api/parcels/${p.id}/void) so the order follows`, [{ path: 'number', message: `on parcel ${p.id}` }]);
}

/** Voids a parcel (its waybill number is never issued again). Pulling the last parcel of a cancelled order closes its interception. */
export function voidParcel(ctx: CoreContext, parcelId: string, reason: string, actor: Actor): { parcel: Parcel; order: PackOrderRef } {
  const p = parcelRow(ctx, parcelId);
  if (p.state === 'voided') fail('conflict', `parcel ${p.seq} of this order (waybill ${p.waybill}) was already voided at ${p.voided_at}`);
  voidOne(ctx, p, reason, actor);
  if (liveParcelsOf(ctx, p.order_id).length === 0) {
    const open = prep(ctx.db, "SELECT id FROM exceptions WHERE order_id = ? AND kind = 'intercept' AND state = 'open'").all(p.order_id) as { id: string }[];
    if (getOrder(ctx, p.order_id).state === 'cancelled') giveOrderStockBack(ctx, p.order_id, 'restock', actor, reason);
    for (const e of open) markResolved(ctx, e.id, 'every parcel voided', reason, actor);
  }
  return { parcel: toParcel(parcelRow(ctx, parcelId), null), order: orderRef(ctx, p.order_id) };
}

/** Label data to print a parcel again; only a live parcel of an order that may still ship. Audited. */
export function reprintParcel(ctx: CoreContext, parcelId: string, reason: string, actor: Actor): { parcel: Parcel; label: LabelData } {
  const p = parcelRow(ctx, parcelId);
  if (p.state === 'voided') fail('conflict', `parcel ${p.seq} (waybill ${p.waybill}) is voided: its label must not be printed again`);
  const o = getOrder(ctx, p.order_id);
  if (o.state === 'cancelled' || o.state === 'on_hold') fail('order_state', `${notPackable(ctx, o)}; do not print a label, pull the parcel`, [{ path: 'state', message: o.state }]);
  appendEvent(ctx.db, ctx.clock, { type: 'parcel.reprinted', entity: 'order', entityId: o.id, actor, reason, data: { parcelId: p.id, seq: p.seq, waybill: p.waybill, number: o.number } });
  const parcel = toParcel(p, parcelCountIfComplete(ctx, o));
  return { parcel, label: labelFor(ctx, o, parcel) };
}

/** Items are missing at the bench: the order goes to exception (state machine) with a short exception for a lead. */
export function reportShort(ctx: CoreContext, orderId: string, input: { bench: string; reason: string; missing: PackItem[] }, actor: Actor): { order: PackOrderRef; exception: PackException } {
  const o = getOrder(ctx, orderId);
  if (o.state !== 'packing') fail('order_state', o.state === 'packed' ? `order ${o.number} is packed: nothing is missing` : notPackable(ctx, o), [{ path: 'state', message: o.state }]);
  assertStillYours(ctx, o, input.bench);
  const want = checkItems(o, input.missing, remainingBySku(ctx, o), 'missing');
  const sku = new Map(o.lines.map((l) => [l.skuId, l.sku]));
  const missing = [...want].map(([skuId, qty]) => ({ skuId, sku: sku.get(skuId), qty }));
  applyOrderAction(ctx, orderId, 'raise_exception', actor, { reason: input.reason, data: { bench: input.bench, short: missing } });
  const exception = raiseException(ctx, { kind: 'short', orderId, bench: input.bench, reason: input.reason, detail: { missing } }, actor);
  return { order: orderRef(ctx, orderId), exception };
}

/**
 * Clears an exception. intercept: voids the waybills of the order's parcels (a cancelled order's
 * packed stock goes back on the shelf); short: a order still in exception goes back to packing.
 */
export function resolveException(ctx: CoreContext, id: string, input: { resolution: string; reason?: string; keepParcels?: boolean }, actor: Actor): PackException {
  const e = getException(ctx, id);
  if (e.state === 'resolved') return markResolved(ctx, id, input.resolution, input.reason, actor); // refuses, naming who resolved it
  const why = input.reason ? `${input.resolution}: ${input.reason}` : input.resolution;
  if (input.keepParcels && (e.kind !== 'intercept' || !e.orderId || ['cancelled', 'on_hold'].includes(getOrder(ctx, e.orderId).state))) {
    fail('validation', e.kind !== 'intercept' ? 'keepParcels applies to intercept exceptions only'
      : `order ${e.orderNumber} is ${getOrder(ctx, e.orderId!).state}: its parcels must not ship, so their waybills are voided`, [{ path: 'keepParcels', message: 'not allowed here' }]);
  }
  if (e.kind === 'intercept' && e.orderId && !input.keepParcels) {
    for (const p of liveParcelsOf(ctx, e.orderId)) voidOne(ctx, parcelRow(ctx, p.id), `intercepted: ${why}`, actor);
    if (getOrder(ctx, e.orderId).state === 'cancelled') giveOrderStockBack(ctx, e.orderId, 'restock', actor, `intercepted: ${why}`);
  }
  if (e.kind === 'short' && e.orderId && getOrder(ctx, e.orderId).state === 'exception') {
    applyOrderAction(ctx, e.orderId, 'resolve_exception', actor, { reason: why, data: { exceptionId: id } });
  }
  return markResolved(ctx, id, input.resolution, input.reason, actor);
}
