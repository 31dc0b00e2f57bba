// One stored delivery -> a change to an order: created, cancelled, held, refunded, address changed,
// or nothing (a duplicate, a stale version, a topic we do not act on). Runs in a write job; each
// change goes through the orders module's actions, so a bench packing the order is stopped by the
// feed event it already follows, and a labelled parcel becomes an intercept task instead.
import type { CoreContext } from '../../../context';
import type { Address, OrderInput, OrderState } from '../../../../contract/orders';
import { AppError } from '../../../../lib/errors';
import { changeCounter, savepoint } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { createOrders, type CreatedOrder, type OrderReads } from '../../orders/actions/create-orders';
import { StockView } from '../../inventory/reservation-planning';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { addOrderCode, replaceOrderCode } from '../../orders/actions/order-codes';
import { leaveShipment } from '../../merges/actions/merge';
import { changeShipTo } from '../../orders/actions/change-ship-to';
import { findOrderIdByExternal, getOrder, orderRecord } from '../../orders/queries';
import { liveParcelsOf } from '../../packing/queries';
import { raiseException, raiseInterceptIfLabelled } from '../../exceptions/actions/raise-exception';
import { TRANSITIONS } from '../../../../contract/state-machine';
import { PLATFORMS } from '../platforms';
import type { Connection, PlatformChange } from '../platforms/types';
import { finishInbox, pendingInbox, platformOrder, requestFetch, upsertPlatformOrder, type InboxRow } from '../store';
import { connectionOf, freshConnections } from '../queries';
import { ensureUnmappedPlaceholder, onPlaceholders, unmappedReason } from './unmapped-skus';

export interface Outcome { state: InboxRow['state']; result: string; orderId: string | null; externalId: string | null }

export const channelActor = (c: Connection): Actor => ({ id: `system:channel:${c.code}`, role: 'system', name: c.name });

/**
 * SKU and stock reads shared by the orders created in one write job (as the intake thread does):
 * dropped whenever something else changes stock (a cancel releases it) or a row fails.
 */
export interface JobReads { reads: OrderReads | null }

/**
 * Processes one pending inbox row and records what it did on the row. Never throws for the row's
 * content when `isolated` (the row runs in a savepoint). Without it (the fast path: a savepoint
 * costs about as much as the writes), a row that failed after it wrote something throws, and the
 * caller's job must be rolled back and run again isolated (the WriteBatcher does that).
 */
export function processDelivery(ctx: CoreContext, row: InboxRow, c: Connection, job: JobReads = { reads: null }, isolated = true): Outcome {
  const out = guarded(ctx, job, isolated, () => apply(ctx, row, c, job));
  finishInbox(ctx.db, row.id, finished(ctx, row.event_at, out));
  return out;
}

/**
 * Runs a delivery's step: an error becomes the row's failed outcome. Isolated, the step runs in a
 * savepoint; without it, an error after the step wrote something is thrown for the caller's job
 * to be rolled back and run again isolated.
 */
export function guarded(ctx: CoreContext, job: JobReads, isolated: boolean, step: () => Outcome): Outcome {
  const changes = isolated ? null : changeCounter(ctx.db);
  const before = changes?.();
  try {
    return isolated ? savepoint(ctx.db, step) : step();
  } catch (e) {
    if (changes && changes() !== before) throw e;
    job.reads = null;
    return failure(e);
  }
}

/** A delivery that could not be processed: why, in words for the inbox screen. */
export function failure(e: unknown): Outcome {
  const message = e instanceof AppError ? `${e.message}${e.issues?.length ? ` (${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}` : `the payload could not be read: ${(e as Error).message}`;
  return { state: 'failed', result: message.slice(0, 500), orderId: null, externalId: null };
}

/**
 * What the inbox row records of an outcome: when it was processed and, for a change made, the delay
 * from the platform's event. Written out field by field: on Node 20 an object literal with a spread
 * followed by more properties ({ ...out, at }) takes V8's slow path, 1-10 µs a delivery.
 */
export function finished(ctx: CoreContext, eventAt: string | null, out: Outcome) {
  const now = ctx.clock.now();
  const eventMs = eventAt && out.state === 'done' ? Date.parse(eventAt) : NaN;
  return { state: out.state, result: out.result, orderId: out.orderId, externalId: out.externalId, at: new Date(now).toISOString(), delayMs: Number.isFinite(eventMs) ? Math.max(0, now - eventMs) : null };
}

/**
 * Processes up to `limit` pending inbox rows in the caller's write job; returns how many were read
 * (fewer than `limit`: the inbox is empty); `isolated` as for processDelivery. Cached connections are checked
 * against the stored ones' versions: the job may run on the intake thread, which does not see the core's cache being dropped.
 */
export function processPending(ctx: CoreContext, limit: number, job: JobReads, isolated = true): number {
  const rows = pendingInbox(ctx.db, limit);
  if (rows.length) freshConnections(ctx);
  for (const r of rows) {
    const c = connectionOf(ctx, r.channel_id);
    if (c) processDelivery(ctx, r, c, job, isolated);
  }
  return rows.length;
}

export function apply(ctx: CoreContext, row: Pick<InboxRow, 'topic' | 'body'>, c: Connection, job: JobReads): Outcome {
  return applyChange(ctx, PLATFORMS[c.kind].parse(row.topic, row.body.toString('utf8')), c, job);
}

/** A platform change (a delivery read) applied alone: planned, and an order it creates created. */
export function applyChange(ctx: CoreContext, change: PlatformChange, c: Connection, job: JobReads): Outcome {
  const step = planChange(ctx, c, change, job);
  return 'outcome' in step ? step.outcome : createFromPlatform(ctx, c, step.create, createOrders(ctx, [step.create.input], channelActor(c), readsOf(ctx, job))[0]!, job);
}

/** The SKU and stock reads of the job's orders (new ones after something changed stock). */
export const readsOf = (ctx: CoreContext, job: JobReads): OrderReads => (job.reads ??= { skus: new Map(), stock: new StockView(ctx) });

/** A change done on an order (or on none). */
const doneStep = (result: string, orderId: string | null, externalId: string): { outcome: Outcome } => ({ outcome: { state: 'done', result, orderId, externalId } });

/** A platform order to create: its change and the order input. */
export interface ToCreate { change: OrderChange; input: OrderInput }

/**
 * What a change does to our orders: done here (an outcome) unless it creates an order, which is
 * returned for the caller to create (with others of its batch, in one createOrders) and then finish
 * with createFromPlatform.
 */
export function planChange(ctx: CoreContext, c: Connection, change: PlatformChange, job: JobReads): { outcome: Outcome } | { create: ToCreate } {
  // No closures here: under tsx (the benches) each named one costs a defineProperty per call.
  if (change.type === 'ignore') return { outcome: { state: 'done', result: change.reason, orderId: null, externalId: null } };
  if (change.type === 'fetch') {
    // The message names the order only: the sync reads its detail from the platform and stores it
    // as an order version (deduplicated like any other), so processing here never waits on the network.
    requestFetch(ctx.db, c.id, change.externalId, change.reason.slice(0, 200), ctx.clock.iso());
    return { outcome: { state: 'done', result: `${change.reason}: the order's detail is being read from the platform`, orderId: null, externalId: change.externalId } };
  }
  const externalId = change.externalId;
  const known = platformOrder(ctx.db, c.id, externalId);
  const orderId = known?.order_id ?? findOrderIdByExternal(ctx, c.code, externalId) ?? null;
  const actor = channelActor(c);

  if (change.type === 'order') {
    if (known && change.updatedAt < known.updated_at) return { outcome: { state: 'stale', result: `version of ${change.updatedAt} is older than the one applied (${known.updated_at}): ignored`, orderId, externalId } };
    if (known && change.updatedAt === known.updated_at && (orderId || known.status === change.status)) return { outcome: { state: 'duplicate', result: `version of ${change.updatedAt} was applied already (a repeat, a re-fired update or the poll reading it again)`, orderId, externalId } };
    if (!orderId) {
      if (change.status === 'cancelled' || change.status === 'refunded') {
        upsertPlatformOrder(ctx.db, { channelId: c.id, externalId, updatedAt: change.updatedAt, status: change.status, orderId: null });
        return doneStep(`${change.status} at the platform before it reached us: nothing to pack`, orderId, externalId);
      }
      // Not paid: nothing is stored, so the paid version (a later updated_at) creates it.
      if (change.status === 'unpaid') return doneStep('not paid yet: the order is created when the platform says it is paid', orderId, externalId);
      // Object.assign, not { ...carrier, ...order, channel }: V8's slow path for a spread among properties (~10 µs an order on Node 20).
      const input: OrderInput = Object.assign(c.defaultCarrier ? { carrier: c.defaultCarrier } : {}, change.order, { channel: c.code });
      return { create: { change, input } };
    }
    upsertPlatformOrder(ctx.db, { channelId: c.id, externalId, updatedAt: change.updatedAt, status: change.status, orderId });
    job.reads = null;
    const result = applyStatus(ctx, orderId, change, actor);
    if (change.mergeKey) followMergeKey(ctx, orderId, change.mergeKey, actor);
    return doneStep(result, orderId, externalId);
  }
  if (!orderId) return doneStep(`${change.type} for order ${externalId}, which never reached us: nothing to stop`, null, externalId);
  job.reads = null;
  switch (change.type) {
    case 'cancel':
      return doneStep(stop(ctx, orderId, 'cancel', change.reason, actor), orderId, externalId);
    case 'hold':
    case 'edit':
      return doneStep(stop(ctx, orderId, 'hold', change.reason, actor), orderId, externalId);
    case 'refund':
      return doneStep(refund(ctx, c, orderId, change, actor), orderId, externalId);
    case 'address': {
      const result = addressChanged(ctx, orderId, change.shipTo, actor);
      if (change.mergeKey) followMergeKey(ctx, orderId, change.mergeKey, actor);
      if (change.readOrder) requestFetch(ctx.db, c.id, externalId, 'address changed: the new door\'s merge key', ctx.clock.iso());
      return doneStep(result, orderId, externalId);
    }
  }
}

/**
 * Finishes a platform order after createOrders ran for it (`made`): its shop number, the SKUs the
 * write-back names, its stored version; an unmapped channel SKU does not refuse the order: it is
 * created again on the placeholder SKU and held until the SKU is mapped.
 */
export function createFromPlatform(ctx: CoreContext, c: Connection, { change, input }: ToCreate, made: CreatedOrder | AppError, job: JobReads): Outcome {
  const { externalId } = change;
  const actor = channelActor(c);
  const placed = made instanceof AppError ? onPlaceholders(input, made) : null;
  if (placed) {
    ensureUnmappedPlaceholder(ctx);
    [made] = createOrders(ctx, [placed.input], actor, readsOf(ctx, job)) as [CreatedOrder | AppError];
  }
  if (made instanceof AppError) throw made;
  const order = made.order ?? getOrder(ctx, made.orderId);
  if (change.shopNumber) addOrderCode(ctx, made.orderId, change.shopNumber, 'channel_number');
  if (change.mergeKey && !made.duplicate) addOrderCode(ctx, made.orderId, change.mergeKey, 'merge_key'); // merges compare it, never the masked address
  const lineSkus = Object.fromEntries(order.lines.map((l, i) => [l.skuId, change.order.lines[i]?.channelSku ?? l.sku]));
  upsertPlatformOrder(ctx.db, { channelId: c.id, externalId, updatedAt: change.updatedAt, status: change.status, orderId: made.orderId, lineSkus: JSON.stringify(lineSkus) });
  if (made.duplicate) return doneStep(`order ${order.number} existed already (by channel and external id)`, made.orderId, externalId).outcome;
  if (placed) {
    job.reads = null;
    stop(ctx, made.orderId, 'hold', unmappedReason(placed.unmapped), actor);
    return doneStep(`order ${order.number} created and held: ${unmappedReason(placed.unmapped)}`, made.orderId, externalId).outcome;
  }
  if (change.status === 'on_hold') {
    job.reads = null;
    stop(ctx, made.orderId, 'hold', change.reason ?? 'on hold at the platform', actor);
  }
  return doneStep(`order ${order.number} created${change.shopNumber ? ` (${change.shopNumber})` : ''}`, made.orderId, externalId).outcome;
}

type OrderChange = Extract<PlatformChange, { type: 'order' }>;

function applyStatus(ctx: CoreContext, orderId: string, change: OrderChange, actor: Actor): string {
  switch (change.status) {
    case 'cancelled':
      return stop(ctx, orderId, 'cancel', change.reason ?? 'cancelled at the platform', actor);
    case 'on_hold':
      return stop(ctx, orderId, 'hold', change.reason ?? 'on hold at the platform', actor);
    case 'refunded':
      return stop(ctx, orderId, 'hold', 'refunded at the platform: do not ship', actor);
    default: {
      const o = getOrder(ctx, orderId);
      if (JSON.stringify(sortKeys(o.shipTo)) !== JSON.stringify(sortKeys(change.order.shipTo))) return addressChanged(ctx, orderId, change.order.shipTo, actor);
      return `order ${o.number} updated at the platform: nothing we act on changed`;
    }
  }
}

const sortKeys = (a: object) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== '').sort(([x], [y]) => x.localeCompare(y)));

/**
 * Cancel or hold the order through its state machine. A bench holding it gets the event at once;
 * a labelled parcel gets an intercept task; a shipped order cannot be stopped here, so a lead is
 * told through an intercept exception (call the carrier).
 */
function stop(ctx: CoreContext, orderId: string, action: 'cancel' | 'hold', reason: string, actor: Actor): string {
  const o = orderRecord(ctx, orderId);
  if (action === 'cancel' && o.state === 'cancelled') return `order ${o.number} is cancelled already`;
  if (action === 'hold' && o.state === 'on_hold') return `order ${o.number} is on hold already`;
  if (TRANSITIONS[action].from.includes(o.state as OrderState)) {
    applyOrderAction(ctx, orderId, action, actor, { reason });
    return `order ${o.number} ${action === 'cancel' ? 'cancelled' : 'held'}: ${reason}`;
  }
  if (o.state === 'packed') {
    raiseInterceptIfLabelled(ctx, o, action, actor, reason);
    return `order ${o.number} is labelled: an intercept task was raised instead (${reason})`;
  }
  if (o.state === 'shipped') {
    raiseException(ctx, { kind: 'intercept', orderId, reason, detail: { action, number: o.number, shipped: true, waybills: liveParcelsOf(ctx, orderId).map((p) => p.waybill) } }, actor);
    return `order ${o.number} has shipped: a lead was asked to intercept it with the carrier (${reason})`;
  }
  appendEvent(ctx.db, ctx.clock, { type: 'channel.change_not_applied', entity: 'order', entityId: orderId, actor, reason, data: { action, state: o.state, number: o.number } });
  return `order ${o.number} is ${o.state}: ${action} not applied (${reason})`;
}

/**
 * A refund at the platform: recorded as `channel.refund_requested` on the order (the returns
 * module reads these), the order's write-backs held; an order not shipped yet is held.
 */
function refund(ctx: CoreContext, c: Connection, orderId: string, change: Extract<PlatformChange, { type: 'refund' }>, actor: Actor): string {
  const o = orderRecord(ctx, orderId);
  upsertPlatformOrder(ctx.db, { channelId: c.id, externalId: change.externalId, updatedAt: '', status: 'refund_pending', orderId, refundPending: true });
  appendEvent(ctx.db, ctx.clock, {
    type: 'channel.refund_requested', entity: 'order', entityId: orderId, actor, reason: change.reason,
    data: { channel: c.code, externalId: change.externalId, refundId: change.refund.id, amount: change.refund.amount, currency: change.refund.currency, lines: change.refund.lines, state: o.state, number: o.number },
  });
  if (o.state === 'shipped' || o.state === 'returned' || o.state === 'cancelled') return `refund recorded for order ${o.number} (${o.state})`;
  return stop(ctx, orderId, 'hold', change.reason, actor);
}

/**
 * The buyer changed the address at the platform: the order's own address change (what
 * PUT /api/orders/:id/ship-to runs), so a bench holding the order stops on order.address_changed and
 * a labelled parcel becomes an intercept task. Too late (shipped, cancelled): recorded, and for a
 * shipped order a lead is asked to redirect it with the carrier.
 */
function addressChanged(ctx: CoreContext, orderId: string, shipTo: Address, actor: Actor): string {
  const o = orderRecord(ctx, orderId);
  const reason = 'address changed at the platform';
  try {
    savepoint(ctx.db, () => changeShipTo(ctx, orderId, { shipTo, reason }, actor));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'validation') return `order ${o.number}: the platform's address is the one we have already`;
    if (o.state === 'shipped') {
      raiseException(ctx, { kind: 'intercept', orderId, reason, detail: { action: 'address_changed', number: o.number, shipped: true, waybills: liveParcelsOf(ctx, orderId).map((p) => p.waybill) } }, actor);
      return `order ${o.number} has shipped: a lead was asked to redirect it with the carrier (${reason})`;
    }
    appendEvent(ctx.db, ctx.clock, { type: 'channel.change_not_applied', entity: 'order', entityId: orderId, actor, reason, data: { action: 'address_changed', state: o.state, number: o.number } });
    return `order ${o.number} is ${o.state}: the new address was not applied (${e.message})`;
  }
  return `order ${o.number}: address changed (${o.state === 'packed' ? 'the labelled parcel has an intercept task' : 'a bench holding it is stopped'})`;
}

/**
 * The platform's merge key of the order changed (the buyer moved it to another door; 抖店's address
 * text is masked, so the key may change while the text does not): the order takes the new key, and
 * leaves a parcel it was merged into as an address change does (changeShipTo): before the label the
 * bench stops, after it the parcel becomes an interception task.
 */
function followMergeKey(ctx: CoreContext, orderId: string, key: string, actor: Actor): void {
  if (!replaceOrderCode(ctx, orderId, key, 'merge_key')) return;
  leaveShipment(ctx, orderId, 'address_changed', actor, "the platform's address id changed: another door");
}
