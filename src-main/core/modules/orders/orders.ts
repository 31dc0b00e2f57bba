import type { CoreContext } from '../../context';
import { dataVersion, prep, type Db } from '../../store/db';
import type { Order, OrderInput, OrderSummary, OrderEvent, OrderState, OrderAction } from '../../../contract/orders';
import { TRANSITIONS } from '../../../contract/state-machine';
import type { FieldIssue } from '../../../contract/errors';
import { AppError, fail, notFound } from '../../../lib/errors';
import { appendEvent, type Actor } from '../../store/events';
import { getSettings } from '../settings/settings';
import { planReservations, applyReservations, releaseOrderReservations, consumeOrderReservations, StockView, type ReservationPlan } from '../inventory/inventory';
import { resolveSkuCode } from '../catalog/catalog';
import { liveParcelsOf } from '../packing/queries';
import { raiseInterceptIfLabelled } from '../exceptions/actions/raise-exception';
import { once, remember, replay, requestHash } from '../../store/idempotency';
import { takeCounter } from '../../store/counters';
import { leaveWave } from '../waves/actions/leave-wave';

interface OrderRow {
  id: string; number: string; channel: string; external_id: string; state: OrderState; resume_state: OrderState | null;
  ship_to: string; carrier: string | null; service: string | null; ship_by: string | null; priority: number;
  total_minor: number | null; currency: string | null; note: string | null; created_at: string; updated_at: string; version: number;
}

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

/** `n` consecutive order numbers from the one counter (numbers never repeat, also across processes). */
function nextOrderNumbers(ctx: CoreContext, n: number): string[] {
  const first = takeCounter(ctx.db, 'order_number', n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`PL${String(first + i).padStart(7, '0')}`);
  return out;
}

interface SkuInfo { skuId: string; units: number; sku: string; name: string; unitWeightG: number | null; location: string | null }

const SKU_INFO = `s.id skuId, s.sku, s.name, s.unit_weight_g unitWeightG, loc.code location FROM skus s LEFT JOIN locations loc ON loc.id = s.location_id`;

/** SKU look-ups shared by the orders of one call (the catalog does not change within it). */
type SkuMemo = Map<string, SkuInfo | undefined>;

/**
 * What createOrders reads besides the orders themselves: SKU look-ups, and each SKU's bins with the
 * units still available (plans are taken off as orders are planned). Fresh for each call unless the
 * caller keeps them (lastingReads).
 */
export interface OrderReads { skus: SkuMemo; stock: StockView | null }

/**
 * Reads kept across the batches of a connection that writes no catalog and no stock except through
 * createOrders (the order intake thread): they hold while no other connection has committed
 * (SQLite's data_version) and every batch planned against them has committed. Take them inside the
 * write job (the check is then made on the snapshot the job reads), and `forget` them when a batch
 * did not commit or runs a second time.
 */
export function lastingReads() {
  let reads: OrderReads | null = null;
  let version = -1;
  return {
    take(ctx: CoreContext): OrderReads {
      const v = dataVersion(ctx.db);
      if (!reads || v !== version) [reads, version] = [{ skus: new Map(), stock: new StockView(ctx) }, v];
      return reads;
    },
    forget() {
      reads = null;
    },
  };
}

function memo(m: SkuMemo, key: string, read: () => SkuInfo | undefined): SkuInfo | undefined {
  if (m.has(key)) return m.get(key);
  const v = read();
  m.set(key, v);
  return v;
}

/** A code on an order line -> the SKU and what the order view shows of it: a barcode first, then our SKU code. */
function skuByCode(ctx: CoreContext, code: string): SkuInfo | undefined {
  return (stmt(ctx, `SELECT b.units, ${SKU_INFO} JOIN barcodes b ON b.sku_id = s.id WHERE b.code = ?`).get(code) ??
    stmt(ctx, `SELECT 1 units, ${SKU_INFO} WHERE s.sku = ?`).get(code)) as SkuInfo | undefined;
}

/** Channel SKU -> internal SKU: the channel's mapping first, then our SKU code or a barcode. */
function resolveLines(ctx: CoreContext, input: OrderInput, skus: SkuMemo) {
  const issues: FieldIssue[] = [];
  const lines = input.lines.map((l, i) => {
    let sku: SkuInfo | undefined;
    if (l.channelSku) {
      sku = memo(skus, `map\n${input.channel}\n${l.channelSku}`, () =>
        stmt(ctx, `SELECT 1 units, ${SKU_INFO} JOIN sku_mappings m ON m.sku_id = s.id WHERE m.channel = ? AND m.channel_sku = ?`).get(input.channel, l.channelSku) as SkuInfo | undefined);
    }
    const code = l.sku ?? l.channelSku!;
    sku ??= memo(skus, `code\n${code}`, () => skuByCode(ctx, code));
    if (!sku) issues.push({ path: `lines.${i}.${l.sku ? 'sku' : 'channelSku'}`, message: `unknown SKU "${code}"` });
    return { ...l, skuId: sku?.skuId ?? '', qty: l.qty * (sku?.units ?? 1), info: sku! };
  });
  if (issues.length) fail('validation', issues.map((x) => `${x.path}: ${x.message}`).join('; '), issues);
  return lines;
}

export function findOrderIdByExternal(ctx: CoreContext, channel: string, externalId: string): string | undefined {
  return (stmt(ctx, 'SELECT id FROM orders WHERE channel = ? AND external_id = ?').get(channel, externalId) as { id: string } | undefined)?.id;
}

export interface CreatedOrder {
  orderId: string;
  duplicate: boolean;
  /** The new order as getOrder would read it back, built from what was written (null for a duplicate). */
  order: Order | null;
}

/**
 * Creates an order, deduplicated by (channel, externalId): a repeat returns the existing order with
 * duplicate = true and changes nothing. With auto-allocation on, stock is reserved at once when
 * every line can be covered; otherwise the order waits in "ready". Everything that can refuse the
 * order (unknown SKUs) runs before the first write, so a refusal leaves nothing to undo.
 */
export function createOrder(ctx: CoreContext, input: OrderInput, actor: Actor): CreatedOrder {
  const [r] = createOrders(ctx, [input], actor);
  if (r instanceof AppError) throw r;
  return r!;
}

/** Whose Idempotency-Keys a create-order key is checked against: the sender's own (one place, for both paths). */
const keyScope = (actor: Actor) => `${actor.id}:createOrder`;

/** The answer to POST /api/orders: the order as JSON text (as stored for its Idempotency-Key). */
export interface CreateOrderResult { status: number; orderId: string; text: string; replayed: boolean }

/**
 * POST /api/orders: createOrder behind its Idempotency-Key (scoped to the caller). A new order is
 * 201 with the order; a repeat of its channel and external id is 200 with the stored order; a
 * replayed key returns the first answer. Runs inside a write job (the core's or the intake thread's).
 */
export function createOrderRequest(ctx: CoreContext, input: OrderInput, actor: Actor, key: string | null): CreateOrderResult {
  const r = once(ctx, keyScope(actor), key, input, () => {
    const created = createOrder(ctx, input, actor);
    return { status: created.duplicate ? 200 : 201, body: created.order ?? getOrder(ctx, created.orderId) };
  });
  return { status: r.status, orderId: r.body.id, text: r.text, replayed: r.replayed };
}

/**
 * One POST /api/orders: the order, who sends it, and its Idempotency-Key (null without one);
 * `hash` is requestHash(input) when the sender has it already.
 */
export interface OrderRequest { input: OrderInput; actor: Actor; key: string | null; hash?: string | null }

/**
 * createOrderRequest for the requests of one batch (the intake thread's group commit), with the
 * same answers as one by one in this order: the keys are checked first, then the orders are
 * created by one createOrders, so SKUs, stock, settings and the number counter are read once for
 * the batch instead of once per order. A refused order is its AppError in its place. A key that
 * comes twice in the batch (a client's retry racing its first try) is answered after the others,
 * through createOrderRequest, so it sees what the first one stored.
 */
export function createOrderRequests(ctx: CoreContext, reqs: readonly OrderRequest[], reads?: OrderReads): (CreateOrderResult | AppError)[] {
  const out: (CreateOrderResult | AppError)[] = new Array(reqs.length);
  const fresh: { index: number; hash: string | null }[] = [];
  const repeats: number[] = [];
  const keys = new Set<string>();
  reqs.forEach(({ input, actor, key, hash: known }, index) => {
    if (!key) return fresh.push({ index, hash: null });
    const scope = keyScope(actor);
    const scoped = `${scope}\n${key}`;
    if (keys.has(scoped)) return repeats.push(index);
    keys.add(scoped);
    const hash = known ?? requestHash(input);
    try {
      const prior = replay(ctx, scope, key, hash);
      if (prior) return (out[index] = { status: prior.status, orderId: (JSON.parse(prior.text) as Order).id, text: prior.text, replayed: true });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return (out[index] = e);
    }
    fresh.push({ index, hash });
  });
  const created = createOrders(ctx, fresh.map((f) => reqs[f.index]!.input), fresh.map((f) => reqs[f.index]!.actor), reads);
  fresh.forEach(({ index, hash }, n) => {
    const r = created[n]!;
    if (r instanceof AppError) return (out[index] = r);
    const { actor, key } = reqs[index]!;
    const status = r.duplicate ? 200 : 201;
    const text = JSON.stringify(r.order ?? getOrder(ctx, r.orderId));
    if (key) remember(ctx, keyScope(actor), key, hash!, status, text);
    out[index] = { status, orderId: r.orderId, text, replayed: false };
  });
  for (const index of repeats) {
    const { input, actor, key } = reqs[index]!;
    try {
      out[index] = createOrderRequest(ctx, input, actor, key);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out[index] = e;
    }
  }
  return out;
}

interface Planned { index: number; input: OrderInput; actor: Actor; id: string; lines: ReturnType<typeof resolveLines>; lineIds: string[]; plan: ReservationPlan[] | null }

/**
 * createOrder for many orders at once (bulk and CSV imports), with the same outcome as one by one
 * in this order: a refused order is an AppError in its place, a repeat of an external id (stored
 * or earlier in the list) a duplicate. Every order is checked and its stock planned before the
 * first write, so SKU look-ups and each SKU's bins are read once for all of them, and the order
 * numbers come from one counter update. A failure while writing throws, leaving the caller's
 * transaction to be rolled back; then run the orders one by one to learn which one failed.
 * `actors` is who creates them: one for all, or one per input.
 */
export function createOrders(ctx: CoreContext, inputs: readonly OrderInput[], actors: Actor | readonly Actor[], reads?: OrderReads): (CreatedOrder | AppError)[] {
  const out: (CreatedOrder | AppError)[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, string>(); // channel + external id -> order id created in this call
  const skus = reads?.skus ?? new Map();
  const stock = getSettings(ctx).autoAllocate ? (reads?.stock ?? new StockView(ctx)) : null;
  inputs.forEach((input, i) => {
    const key = `${input.channel}\n${input.externalId}`;
    const existing = seen.get(key) ?? findOrderIdByExternal(ctx, input.channel, input.externalId);
    if (existing) {
      out.push({ orderId: existing, duplicate: true, order: null });
      return;
    }
    let lines: ReturnType<typeof resolveLines>;
    try {
      lines = resolveLines(ctx, input, skus);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push(e);
      return;
    }
    // Plan the reservation first, so the order is written once in its final state.
    const plan = stock ? planReservations(ctx, lines, stock) : null;
    const id = ctx.ids('order');
    seen.set(key, id);
    const actor = Array.isArray(actors) ? (actors as readonly Actor[])[i]! : (actors as Actor);
    planned.push({ index: out.length, input, actor, id, lines, lineIds: lines.map(() => ctx.ids('line')), plan });
    out.push(null as unknown as CreatedOrder); // filled in below
  });
  if (planned.length === 0) return out;

  const numbers = nextOrderNumbers(ctx, planned.length);
  const now = ctx.clock.iso();
  const insOrder = stmt(ctx, `INSERT INTO orders (id, number, channel, external_id, state, ship_to, buyer, carrier, service, ship_by, priority, total_minor, currency, note, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLine = stmt(ctx, 'INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) VALUES (?, ?, ?, ?, ?, ?, ?)');
  planned.forEach((p, n) => {
    const { input, actor, id, lines, lineIds, plan } = p;
    const number = numbers[n]!;
    const state: OrderState = plan ? 'allocated' : 'ready';
    const shipTo = JSON.stringify(input.shipTo);
    insOrder.run(
      id, number, input.channel, input.externalId, state, shipTo, input.buyer ? JSON.stringify(input.buyer) : null,
      input.carrier ?? null, input.service ?? null, input.shipBy ?? null, input.priority ?? 0, input.total?.amount ?? null, input.total?.currency ?? null,
      input.note ?? null, now, now,
    );
    lines.forEach((l, i) => insLine.run(lineIds[i], id, l.skuId, l.channelSku ?? null, l.name ?? null, l.qty, l.unitPrice ?? null));
    // One event for the arrival, in the state the order arrived in (allocated when stock was reserved).
    appendEvent(ctx.db, ctx.clock, { type: 'order.created', entity: 'order', entityId: id, actor, data: { to: state, channel: input.channel, externalId: input.externalId } }, now);
    out[p.index] = { orderId: id, duplicate: false, order: orderView(p, number, state, now) };
  });
  applyReservations(ctx, planned.filter((p) => p.plan).map((p) => ({ lineIds: p.lineIds, plan: p.plan! })));
  return out;
}

/** The order as getOrder reads it back, from what createOrders wrote. */
function orderView({ input, id, lines, lineIds, plan }: Planned, number: string, state: OrderState, now: string): Order {
  const reserved = lines.map(() => 0);
  for (const p of plan ?? []) reserved[p.item]! += p.qty;
  return {
    id, number, channel: input.channel, externalId: input.externalId, state, resumeState: null,
    shipTo: input.shipTo, carrier: input.carrier ?? null, service: input.service ?? null, shipBy: input.shipBy ?? null, priority: input.priority ?? 0,
    total: input.total ? { amount: input.total.amount, currency: input.total.currency } : null, note: input.note ?? null,
    lines: lines.map((l, i) => ({
      id: lineIds[i]!, skuId: l.skuId, sku: l.info.sku, name: l.name ?? l.info.name, qty: l.qty, unitWeightG: l.info.unitWeightG, location: l.info.location, reserved: reserved[i]!,
    })),
    // As getOrder lists them (by kind; a code equal to one already stored for the order is kept once).
    codes: input.externalId === number ? [{ code: number, kind: 'number' }] : [{ code: input.externalId, kind: 'external' }, { code: number, kind: 'number' }],
    createdAt: now, updatedAt: now, version: 1,
  };
}

/** All lines or none: nothing is reserved unless every line can be covered. */
function tryAllocate(ctx: CoreContext, orderId: string, lines: { id: string; skuId: string; qty: number }[], actor: Actor, from: OrderState, reason?: string): boolean {
  const plan = planReservations(ctx, lines);
  if (!plan) return false;
  applyReservations(ctx, [{ lineIds: lines.map((l) => l.id), plan }]);
  setState(ctx, orderId, 'allocated', null);
  const v = stmt(ctx, 'SELECT version, number FROM orders WHERE id = ?').get(orderId) as { version: number; number: string };
  appendEvent(ctx.db, ctx.clock, { type: 'order.allocated', entity: 'order', entityId: orderId, actor, reason: reason ?? null, data: { from, to: 'allocated', version: v.version, number: v.number } });
  return true;
}


function setState(ctx: CoreContext, id: string, state: OrderState, resume: OrderState | null) {
  stmt(ctx, 'UPDATE orders SET state = ?, resume_state = ?, version = version + 1, updated_at = ? WHERE id = ?').run(state, resume, ctx.clock.iso(), id);
}

function row(ctx: CoreContext, id: string): OrderRow {
  return (stmt(ctx, 'SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined) ?? notFound('order', id);
}

/**
 * Applies one action through the state machine: validate (state, version), apply (state and its
 * effects on stock), record (an event with actor and reason). Changes nothing when refused.
 */
export function applyOrderAction(
  ctx: CoreContext, id: string, action: OrderAction, actor: Actor, opts: { reason?: string; expectedVersion?: number; data?: Record<string, unknown> } = {},
): void {
  const o = row(ctx, id);
  const t = TRANSITIONS[action];
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== o.version) {
    fail('conflict', `order ${o.number} changed meanwhile (version ${o.version}, you had ${opts.expectedVersion}); reload it`);
  }
  if (!t.from.includes(o.state)) {
    fail('invalid_transition', `cannot ${action.replace('_', ' ')} order ${o.number}: it is ${o.state}; allowed from ${t.from.join(', ')}`);
  }
  if ((action === 'hold' || action === 'cancel' || action === 'raise_exception') && !opts.reason) {
    fail('validation', `a reason is required to ${action.replace('_', ' ')} an order`, [{ path: 'reason', message: 'required' }]);
  }
  let to: OrderState = t.to === 'resume' ? (o.resume_state ?? 'ready') : t.to;
  let resume: OrderState | null = null;
  const data: Record<string, unknown> = { ...opts.data, from: o.state };
  switch (action) {
    case 'allocate': {
      const lines = stmt(ctx, 'SELECT id, sku_id skuId, qty FROM order_lines WHERE order_id = ?').all(id) as { id: string; skuId: string; qty: number }[];
      if (!tryAllocate(ctx, id, lines, actor, o.state, opts.reason)) fail('insufficient_stock', `not enough stock to allocate order ${o.number}`);
      return;
    }
    case 'deallocate':
      data.releasedUnits = releaseOrderReservations(ctx, id);
      break;
    case 'cancel':
      data.releasedUnits = releaseOrderReservations(ctx, id);
      // A parcel that already has a label must be pulled and its waybill voided (DESIGN.md).
      if (o.state === 'packed') data.intercept = true;
      break;
    case 'hold':
    case 'raise_exception':
      resume = o.state;
      break;
    case 'release':
    case 'resolve_exception':
      // An order that lost its reservation while held goes back to ready, never to a state that needs stock.
      if (!hasReservation(ctx, id) && ['allocated', 'in_wave', 'picked', 'packing'].includes(to)) to = 'ready';
      break;
    case 'remove_from_wave':
      // Back to the pool: the next wave may take it (one active wave per order, see 0050-waves).
      leaveWave(ctx, id);
      break;
    case 'ship':
      assertOnHand(ctx, id, o.number);
      consumeOrderReservations(ctx, id);
      break;
  }
  setState(ctx, id, to, resume);
  // Labelled parcels of an order that must not ship become an interception task for the leads.
  const labelled = action === 'cancel' || action === 'hold' ? liveParcelsOf(ctx, id) : [];
  if (labelled.length) Object.assign(data, { intercept: true, waybills: labelled.map((p) => p.waybill) });
  // The new state and version ride on the event, so a bench following the feed needs no read-back.
  Object.assign(data, opts.data, { to, version: o.version + 1, number: o.number });
  appendEvent(ctx.db, ctx.clock, { type: `order.${action}`, entity: 'order', entityId: id, actor, reason: opts.reason ?? null, data });
  if (labelled.length) raiseInterceptIfLabelled(ctx, o, action, actor, opts.reason);
}

/** Reserved units not on the shelf yet: reserved against inbound (in-transit) stock. */
export function onHandShortfall(ctx: CoreContext, orderId: string): { sku: string; location: string; qty: number; onHand: number }[] {
  return stmt(ctx, `SELECT s.sku, loc.code location, SUM(r.qty) qty, i.on_hand onHand FROM reservations r
      JOIN order_lines l ON l.id = r.line_id JOIN inventory i ON i.sku_id = l.sku_id AND i.location_id = r.location_id
      JOIN skus s ON s.id = l.sku_id JOIN locations loc ON loc.id = r.location_id
    WHERE l.order_id = ? GROUP BY l.sku_id, r.location_id HAVING SUM(r.qty) > i.on_hand`).all(orderId) as { sku: string; location: string; qty: number; onHand: number }[];
}

/** Units reserved against inbound (in-transit) stock cannot leave before they have arrived. */
export function assertOnHand(ctx: CoreContext, orderId: string, number: string, verb = 'ship'): void {
  const short = onHandShortfall(ctx, orderId);
  if (short.length) {
    fail('insufficient_stock', `cannot ${verb} order ${number}: ${short.map((x) => `${x.sku} at ${x.location} needs ${x.qty} but ${x.onHand} are on hand (the rest is still in transit)`).join('; ')}`);
  }
}

function hasReservation(ctx: CoreContext, orderId: string): boolean {
  return !!stmt(ctx, 'SELECT 1 FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ? LIMIT 1').get(orderId);
}

export function addOrderCode(ctx: CoreContext, orderId: string, code: string, kind: string): void {
  stmt(ctx, 'INSERT OR IGNORE INTO order_codes (code, order_id, kind) VALUES (?, ?, ?)').run(code, orderId, kind);
}

export function getOrder(ctx: CoreContext, id: string): Order {
  const o = row(ctx, id);
  const lines = stmt(ctx, `SELECT l.id, l.sku_id skuId, s.sku, COALESCE(l.name, s.name) name, l.qty, s.unit_weight_g unitWeightG, loc.code location,
      COALESCE((SELECT SUM(qty) FROM reservations r WHERE r.line_id = l.id), 0) reserved
    FROM order_lines l JOIN skus s ON s.id = l.sku_id LEFT JOIN locations loc ON loc.id = s.location_id WHERE l.order_id = ? ORDER BY l.rowid`).all(id) as Order['lines'];
  // The number and the channel's number come from the order (older databases have code rows for
  // them too, and for the id); a code equal to one listed already is listed once.
  const codes = stmt(ctx, `SELECT code, kind FROM order_codes WHERE order_id = @id AND kind NOT IN ('id', 'number', 'external') AND code NOT IN (@number, @external)
    UNION ALL SELECT @external, 'external' WHERE @external <> @number UNION ALL SELECT @number, 'number' ORDER BY kind`)
    .all({ id, number: o.number, external: o.external_id }) as Order['codes'];
  return {
    id: o.id, number: o.number, channel: o.channel, externalId: o.external_id, state: o.state, resumeState: o.resume_state,
    shipTo: JSON.parse(o.ship_to), carrier: o.carrier, service: o.service, shipBy: o.ship_by, priority: o.priority,
    total: o.total_minor === null ? null : { amount: o.total_minor, currency: o.currency ?? '' }, note: o.note,
    lines, codes, createdAt: o.created_at, updatedAt: o.updated_at, version: o.version,
  };
}

const SUMMARY_SELECT = `SELECT o.id, o.number, o.channel, o.external_id externalId, o.state, o.carrier, o.ship_by shipBy, o.created_at createdAt,
  json_extract(o.ship_to, '$.name') recipient, json_extract(o.ship_to, '$.city') city,
  (SELECT COALESCE(SUM(qty),0) FROM order_lines WHERE order_id = o.id) units FROM orders o`;

/** The summary row of an order already in hand (what orderSummaries reads for it). */
export function orderSummary(o: Order): OrderSummary {
  return {
    id: o.id, number: o.number, channel: o.channel, externalId: o.externalId, state: o.state, carrier: o.carrier, shipBy: o.shipBy, createdAt: o.createdAt,
    recipient: o.shipTo.name, city: o.shipTo.city, units: o.lines.reduce((n, l) => n + l.qty, 0),
  };
}

export function orderSummaries(ctx: CoreContext, ids: string[]): OrderSummary[] {
  if (ids.length === 0) return [];
  return prep(ctx.db, `${SUMMARY_SELECT} WHERE o.id IN (${ids.map(() => '?').join(',')}) ORDER BY o.id DESC`).all(...ids) as OrderSummary[];
}

/**
 * Order ids that carry a number: their id, order number, channel number or a code row (waybills).
 * The id and the two numbers are read from orders (older databases also have code rows for them).
 * A channel's number is unique per channel: orders' (channel, external_id) index is probed once per
 * channel, the channels being read from that index too (one seek each). The look-ups are merged
 * here: UNION, or OR, in SQL built a temporary b-tree per call.
 */
export function orderIdsByNumber(ctx: CoreContext, code: string): string[] {
  const ids = stmt(ctx, ORDER_IDS_BY_NUMBER).pluck().all({ code }) as string[];
  return ids.length > 1 ? [...new Set(ids)] : ids;
}
export const ORDER_IDS_BY_NUMBER = `WITH RECURSIVE channel(name) AS (
    SELECT (SELECT MIN(channel) FROM orders) UNION ALL SELECT (SELECT MIN(channel) FROM orders WHERE channel > name) FROM channel WHERE name IS NOT NULL)
  SELECT order_id FROM order_codes WHERE code = @code UNION ALL SELECT id FROM orders WHERE id = @code UNION ALL SELECT id FROM orders WHERE number = @code
  UNION ALL SELECT o.id FROM channel JOIN orders o ON o.channel = channel.name AND o.external_id = @code`;

/** Order ids that carry a code: any order number, channel number or waybill, or a SKU / barcode they contain. */
export function orderIdsByCode(ctx: CoreContext, code: string, limit = 200): string[] {
  const direct = orderIdsByNumber(ctx, code);
  if (direct.length) return direct.slice(0, limit);
  const sku = resolveSkuCode(ctx, code);
  if (!sku) return [];
  return (stmt(ctx, 'SELECT DISTINCT order_id FROM order_lines WHERE sku_id = ? ORDER BY order_id DESC LIMIT ?').all(sku.skuId, limit) as { order_id: string }[]).map((r) => r.order_id);
}

export function listOrders(ctx: CoreContext, opts: { q?: string; state?: OrderState; limit: number; cursor?: string }) {
  if (opts.q) {
    let ids = orderIdsByCode(ctx, opts.q, 1000);
    if (opts.state) ids = ids.filter((id) => row(ctx, id).state === opts.state);
    const sorted = ids.sort().reverse().filter((id) => !opts.cursor || id < opts.cursor);
    const page = sorted.slice(0, opts.limit);
    return { items: orderSummaries(ctx, page), total: ids.length, nextCursor: sorted.length > opts.limit ? page[page.length - 1]! : null };
  }
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.state) {
    where.push('o.state = ?');
    args.push(opts.state);
  }
  const total = (prep(ctx.db, `SELECT COUNT(*) n FROM orders o ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`).get(...args) as { n: number }).n;
  if (opts.cursor) {
    where.push('o.id < ?');
    args.push(opts.cursor);
  }
  const items = prep(ctx.db, `${SUMMARY_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY o.id DESC LIMIT ?`).all(...args, opts.limit + 1) as OrderSummary[];
  const page = items.slice(0, opts.limit);
  return { items: page, total, nextCursor: items.length > opts.limit ? page[page.length - 1]!.id : null };
}

export function orderEvents(ctx: CoreContext, id: string): OrderEvent[] {
  row(ctx, id);
  const rows = stmt(ctx, 'SELECT id, at, type, actor, reason, data FROM events WHERE entity_id = ? ORDER BY id').all(id) as (Omit<OrderEvent, 'data'> & { data: string | null })[];
  return rows.map((r) => ({ ...r, data: r.data ? JSON.parse(r.data) : null }));
}

export function stateCounts(ctx: CoreContext): Record<OrderState, number> {
  const rows = prep(ctx.db, 'SELECT state, COUNT(*) n FROM orders GROUP BY state').all() as { state: OrderState; n: number }[];
  const out = Object.fromEntries(['new', 'ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'shipped', 'on_hold', 'exception', 'cancelled', 'returned'].map((s) => [s, 0])) as Record<OrderState, number>;
  for (const r of rows) out[r.state] = r.n;
  return out;
}

/** A change to the order that is not a state change (a parcel labelled or voided): a new version, so a bench holding the old one must start again. */
export function touchOrder(ctx: CoreContext, orderId: string): number {
  return (prep(ctx.db, 'UPDATE orders SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version').get(ctx.clock.iso(), orderId) as { version: number }).version;
}

/** A waybill number issued for an order becomes one of the codes the order is found by. */
export function addWaybillCode(db: Db, waybill: string, orderId: string): void {
  if (prep(db, 'SELECT 1 FROM orders WHERE id = ?').get(orderId)) {
    prep(db, "INSERT OR IGNORE INTO order_codes (code, order_id, kind) VALUES (?, ?, 'waybill')").run(waybill, orderId);
  }
}
