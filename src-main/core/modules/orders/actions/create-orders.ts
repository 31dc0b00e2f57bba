// Creating orders (one, or many at once for bulk, CSV and the intake thread): deduplicated by
// channel and external id, lines resolved to our SKUs, stock reserved when auto-allocation is on.
import type { CoreContext } from '../../../context';
import { dataVersion, onPostgres } from '../../../store/db';
import type { Order, OrderInput, OrderState } from '../../../../contract/orders';
import type { FieldIssue } from '../../../../contract/errors';
import { UNMAPPED_SKU_ID } from '../../../../contract/channels';
import { AppError, fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { utcIso } from '../../../../lib/clock';
import { appendEvent, type Actor } from '../../../store/events';
import { takeCounter } from '../../../store/counters';
import { getSettings } from '../../settings/queries';
import { getOrder } from '../queries';
import { planReservations, StockView, type ReservationPlan } from '../../inventory/reservation-planning';
import { applyReservations } from '../../inventory/actions/reserve';
import { routingConfig } from '../../dispatch/queries';
import { routeOrder, type RouteDecision } from '../../dispatch/router';
import { recordNewTransfers } from '../../dispatch/actions/transfers';
import { splitOrder } from './split-order';
import { applyOnArrival, arrivalPlan, decideOnArrival, type ArrivalPlan } from '../../rules/actions/on-arrival';
import { newOrderWriters, selectOrderIdByExternal, selectOrderIdsByExternal, selectSkuInfoByChannelSku, selectSkuInfoByCode, selectSkuInfosByCodes, type SkuInfo } from '../store';

/** `n` consecutive order numbers from the one counter (numbers never repeat, also across processes). */
function nextOrderNumbers(ctx: CoreContext, n: number): string[] {
  const first = takeCounter(ctx.db, 'order_number', n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`PL${String(first + i).padStart(7, '0')}`);
  return out;
}

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

/** Channel SKU -> internal SKU: the channel's mapping first, then our SKU code or a barcode. */
function resolveLines(ctx: CoreContext, input: OrderInput, skus: SkuMemo) {
  const issues: FieldIssue[] = [];
  const lines = input.lines.map((l, i) => {
    let sku: SkuInfo | undefined;
    if (l.channelSku) {
      sku = memo(skus, `map\n${input.channel}\n${l.channelSku}`, () => selectSkuInfoByChannelSku(ctx.db, input.channel, l.channelSku!));
    }
    const code = l.sku ?? l.channelSku!;
    sku ??= memo(skus, `code\n${code}`, () => selectSkuInfoByCode(ctx.db, code));
    if (!sku) issues.push(issue(`lines.${i}.${l.sku ? 'sku' : 'channelSku'}`, said('unknownSkuNamed', { sku: code })));
    // A literal of one shape ({ ...l, skuId } took V8's slow spread-then-add path, per line of every order).
    return { sku: l.sku, channelSku: l.channelSku, name: l.name, unitPrice: l.unitPrice, skuId: sku?.skuId ?? '', qty: l.qty * (sku?.units ?? 1), info: sku! };
  });
  if (issues.length) fail('validation', issues.map((x) => `${x.path}: ${x.message}`).join('; '), issues);
  return lines;
}

/**
 * A batch's reads one statement per kind instead of one per order (on PostgreSQL each statement is
 * a round trip; SQLite's point reads cost microseconds and keep their path): the stored orders of
 * the batch's (channel, external id)s, returned as channel + newline + external id -> order id; the
 * SKUs of the lines' codes into `skus`; those SKUs' bins into `stock`.
 */
function readAhead(ctx: CoreContext, inputs: readonly OrderInput[], skus: SkuMemo, stock: StockView | null, sending = false): Map<string, string> {
  const byChannel = new Map<string, string[]>();
  const codes = new Set<string>();
  for (const input of inputs) {
    const ids = byChannel.get(input.channel);
    if (ids) ids.push(input.externalId);
    else byChannel.set(input.channel, [input.externalId]);
    // a line with a channel SKU looks for the channel's mapping first: left to resolveLines
    for (const l of input.lines) if (!l.channelSku && l.sku) codes.add(l.sku);
  }
  const stored = new Map<string, string>();
  for (const [channel, ids] of byChannel) for (const [externalId, id] of selectOrderIdsByExternal(ctx.db, channel, ids)) stored.set(`${channel}\n${externalId}`, id);
  const unread = [...codes].filter((code) => !skus.has(`code\n${code}`));
  if (unread.length) {
    const found = selectSkuInfosByCodes(ctx.db, unread);
    for (const code of unread) skus.set(`code\n${code}`, found.get(code));
  }
  // by the codes, not the SKUs found for them: the same statement when sent ahead, before they are known
  if (stock && sending) stock.sendAheadByCodes([...codes]);
  else if (stock) stock.readAheadByCodes([...codes]);
  return stored;
}

/**
 * What createOrders(inputs) will look up first on PostgreSQL (readAhead), for sendReadsAhead: the
 * same statements with the same values, their answers thrown away here (a copy of the SKU memo).
 */
export function sendOrderReadsAhead(ctx: CoreContext, inputs: readonly OrderInput[], reads?: OrderReads): void {
  if (inputs.length > 1) readAhead(ctx, inputs, new Map(reads?.skus ?? []), reads?.stock ? new StockView(ctx) : null, true);
}

export interface CreatedOrder {
  orderId: string;
  duplicate: boolean;
  /**
   * The new order as getOrder would read it back, built from what was written; null for a duplicate
   * and, from createOrders (not createOrder), for an order a rule held or re-routed on arrival.
   */
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
  // A new order a rule held or re-routed is read back here, so a new order always comes with its view.
  return r!.order || r!.duplicate ? r! : { ...r!, order: getOrder(ctx, r!.orderId) };
}

interface Planned { index: number; input: OrderInput; actor: Actor; id: string; lines: ReturnType<typeof resolveLines>; lineIds: string[]; plan: ReservationPlan[] | null; route: RouteDecision }

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
  const autoAllocate = getSettings(ctx).autoAllocate;
  const routing = routingConfig(ctx);
  // Routing compares the warehouses' stock even when nothing is reserved on arrival.
  const stock = autoAllocate || routing.enabled ? (reads?.stock ?? new StockView(ctx)) : null;
  const available = (skuId: string, warehouseId: string) => stock!.availableIn(skuId, warehouseId);
  const stored = inputs.length > 1 && onPostgres(ctx.db) ? readAhead(ctx, inputs, skus, stock) : null;
  inputs.forEach((input, i) => {
    const key = `${input.channel}\n${input.externalId}`;
    const existing = seen.get(key) ?? (stored ? stored.get(key) : selectOrderIdByExternal(ctx.db, input.channel, input.externalId));
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
    // Route, then plan the reservation in that warehouse, so the order is written once in its final state.
    // A channel SKU not mapped yet (its order arrives held) is neither routed nor sent for: nobody knows what it is.
    const route = routeOrder(routing, input.shipTo, lines.filter((l) => l.skuId !== UNMAPPED_SKU_ID), available);
    const plan = autoAllocate && route.reason !== 'short' ? planReservations(ctx, lines, stock!, route.warehouseId) : null;
    const id = ctx.ids('order');
    seen.set(key, id);
    const actor = Array.isArray(actors) ? (actors as readonly Actor[])[i]! : (actors as Actor);
    planned.push({ index: out.length, input, actor, id, lines, lineIds: lines.map(() => ctx.ids('line')), plan, route });
    out.push(null as unknown as CreatedOrder); // filled in below
  });
  if (planned.length === 0) return out;

  // The rules decide before the insert, so a carrier or priority they set is written with the order.
  const arrivals = planned.map((p) => ({ id: p.id, state: (p.plan ? 'allocated' : 'ready') as OrderState, input: p.input, lines: p.lines }));
  const decisions = decideOnArrival(ctx, arrivals);
  const plans = planned.map((p, n) => arrivalPlan(p.input, decisions?.[n]));
  const numbers = nextOrderNumbers(ctx, planned.length);
  const now = ctx.clock.iso();
  // Each statement looked up once for the batch, run per order and per line.
  const { order: insOrder, line: insLine } = newOrderWriters(ctx.db);
  planned.forEach((p, n) => {
    const { input, actor, id, lines, lineIds, plan } = p;
    const number = numbers[n]!;
    const state: OrderState = plan ? 'allocated' : 'ready';
    const shipTo = JSON.stringify(input.shipTo);
    const planned = plans[n]!;
    insOrder.run(
      id, number, input.channel, input.externalId, state, shipTo, input.buyer ? JSON.stringify(input.buyer) : null,
      planned.carrier, planned.service, utcIso(input.shipBy), planned.priority, input.total?.amount ?? null, input.total?.currency ?? null,
      input.note ?? null, now, now, p.route.warehouseId, input.paymentRef ?? null,
    );
    lines.forEach((l, i) => insLine.run(lineIds[i], id, l.skuId, l.channelSku ?? null, l.name ?? null, l.qty, l.unitPrice ?? null));
    // One event for the arrival, in the state the order arrived in (allocated when stock was reserved).
    const data = planned.byRules
      ? { to: state, channel: input.channel, externalId: input.externalId, warehouseId: p.route.warehouseId, route: p.route.reason, rules: rulesPlanned(planned, planned.byRules) }
      : { to: state, channel: input.channel, externalId: input.externalId, warehouseId: p.route.warehouseId, route: p.route.reason };
    appendEvent(ctx.db, ctx.clock, { type: 'order.created', entity: 'order', entityId: id, actor, data }, now);
    out[p.index] = { orderId: id, duplicate: false, order: orderView(p, number, state, now, planned) };
  });
  applyReservations(ctx, planned.filter((p) => p.plan).map((p) => ({ lineIds: p.lineIds, plan: p.plan! })));
  recordNewTransfers(ctx, planned.filter((p) => p.route.transfers.length).map((p) => ({ orderId: p.id, toWarehouseId: p.route.warehouseId, transfers: p.route.transfers })), now);
  // Only a short order may split (the shop allows it); the others pay nothing for it. The order
  // returned stays the one that arrived (its lines line up with the input's, which the channels'
  // SKU mapping relies on); GET /api/orders/:id/routing shows its shipments.
  if (routing.split) {
    for (const p of planned) if (p.route.reason === 'short') splitOrder(ctx, p.id, p.route.warehouseId, p.actor, stock ?? undefined);
  }
  // The rules' result, hold or warehouse in this same transaction; one that re-routes an order moves its reservations.
  if (decisions && applyOnArrival(ctx, arrivals, plans, decisions) && reads) reads.stock = new StockView(ctx);
  // An order a rule held or sent elsewhere is no longer as it was written: its answer is read back (few orders).
  if (decisions) planned.forEach((p, n) => { if (decisions[n]!.hold || decisions[n]!.warehouse !== undefined) (out[p.index] as CreatedOrder).order = null; });
  return out;
}

/** A plan the rules set, as the order.created event records it (who set which fields, and to what). */
function rulesPlanned(plan: ArrivalPlan, by: NonNullable<ArrivalPlan['byRules']>): Record<string, unknown> {
  const out: Record<string, unknown> = { reason: by.reason, fields: by.fields };
  for (const k of by.fields) out[k] = plan[k as 'carrier' | 'service' | 'priority'];
  return out;
}

/** The order as getOrder reads it back, from what createOrders wrote. */
function orderView({ input, id, lines, lineIds, plan, route }: Planned, number: string, state: OrderState, now: string, planned: ArrivalPlan): Order {
  const reserved = lines.map(() => 0);
  // As selectOrderLines shows a line's bin: the one it has most units reserved in (then the lowest code,
  // as SQLite compares text), else the SKU's home bin when that is in the order's warehouse.
  const bin: (ReservationPlan | undefined)[] = lines.map(() => undefined);
  for (const p of plan ?? []) {
    reserved[p.item]! += p.qty;
    const b = bin[p.item];
    if (!b || p.qty > b.qty || (p.qty === b.qty && Buffer.compare(Buffer.from(p.code), Buffer.from(b.code)) < 0)) bin[p.item] = p;
  }
  const home = (info: SkuInfo) => (info.locationWarehouseId === null || info.locationWarehouseId === undefined || info.locationWarehouseId === route.warehouseId ? info.location : null);
  return {
    id, number, channel: input.channel, externalId: input.externalId, state, resumeState: null,
    shipTo: input.shipTo, carrier: planned.carrier, service: planned.service, shipBy: utcIso(input.shipBy), priority: planned.priority,
    total: input.total ? { amount: input.total.amount, currency: input.total.currency } : null, note: input.note ?? null,
    lines: lines.map((l, i) => ({
      id: lineIds[i]!, skuId: l.skuId, sku: l.info.sku, name: l.name ?? l.info.name, qty: l.qty, unitWeightG: l.info.unitWeightG, location: bin[i]?.code ?? home(l.info), reserved: reserved[i]!,
    })),
    // As getOrder lists them (by kind; a code equal to one already stored for the order is kept once).
    codes: input.externalId === number ? [{ code: number, kind: 'number' }] : [{ code: input.externalId, kind: 'external' }, { code: number, kind: 'number' }],
    createdAt: now, updatedAt: now, version: 1, warehouseId: route.warehouseId,
  };
}
