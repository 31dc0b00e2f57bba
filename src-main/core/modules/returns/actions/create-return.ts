// Opening a return: by a person from the order, by a sales channel's event, or at the bench for a
// parcel that came without a request. Lines are per original order line (partial returns).
import type { CoreContext } from '../../../context';
import type { Order } from '../../../../contract/orders';
import { reasonFromPlatform, type ChannelReturnInput, type CreateReturnInput, type ReturnDetail, type ReturnReason, type ReturnSource, type ReturnState } from '../../../../contract/returns';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Actor } from '../../../store/events';
import { takeCounter } from '../../../store/counters';
import { findOrderIdByExternal, getOrder, orderEvents, orderIdOf, orderIdsByNumber } from '../../orders/queries';
import { getSku } from '../../catalog/queries';
import { getReturn, returnSettings, channelReturnId } from '../queries';
import { lineShares, unitsValue } from '../refund-rules';
import { insertReturn, insertReturnCodes, insertReturnLine, requestedByOrderLine } from '../store';
import { recordReturnEvent } from './record';
import { markOrderReturned } from './order-link';

const DAY = 86_400_000;
/** Orders a customer can have in hand. */
const RETURNABLE = ['shipped', 'returned'];

const nextNumber = (ctx: CoreContext) => `RMA-${String(takeCounter(ctx.db, 'return_number')).padStart(6, '0')}`;

/** When the order left: its ship event, else its last change. */
function shippedAt(ctx: CoreContext, order: Order): number {
  const ship = orderEvents(ctx, order.id).find((e) => e.type === 'order.ship');
  return Date.parse(ship?.at ?? order.updatedAt);
}

interface WantedLine { orderLineId?: string; sku?: string; qty: number; reason?: ReturnReason }

interface OpenInput {
  order: Order | null; source: ReturnSource; state: ReturnState; reason: ReturnReason; lines: WantedLine[] | null; note?: string;
  channelRef?: string; codes?: string[]; waybill?: string;
}

function openReturn(ctx: CoreContext, o: OpenInput, actor: Actor): ReturnDetail {
  const id = ctx.ids('return');
  const number = nextNumber(ctx);
  const order = o.order;
  // each line's share of the total, its units taken in turn: every unit of the order, over all its
  // returns, adds up to the total exactly
  const shares = order ? lineShares(order.total?.amount ?? 0, order.lines.map((l) => ({ qty: l.qty, price: getSku(ctx, l.skuId).price }))) : [];
  const already = order ? requestedByOrderLine(ctx.db, order.id) : new Map<string, number>();
  const wanted: WantedLine[] = o.lines ?? order?.lines.map((l) => ({ orderLineId: l.id, qty: l.qty - (already.get(l.id) ?? 0) })).filter((l) => l.qty > 0) ?? [];
  const lines = wanted.map((w, i) => {
    const at = order!.lines.findIndex((l) => (w.orderLineId ? l.id === w.orderLineId : l.sku === w.sku));
    if (at < 0) fail('validation', said('orderHasNoLine', { number: order!.number, line: String(w.orderLineId ?? w.sku) }), [issue(`lines.${i}`, said('notALineOfTheOrder'))]);
    const line = order!.lines[at]!;
    const left = line.qty - (already.get(line.id) ?? 0);
    if (w.qty > left) fail('validation', said('askedBackTooMany', { sku: line.sku, qty: w.qty, left, of: line.qty }), [issue(`lines.${i}.qty`, said('atMost', { n: left }))]);
    const from = already.get(line.id) ?? 0;
    already.set(line.id, from + w.qty);
    return { orderLineId: line.id, skuId: line.skuId, qty: w.qty, reason: w.reason ?? o.reason, value: unitsValue(shares[at]!, line.qty, from, w.qty) };
  });
  if (order && lines.length === 0 && o.source !== 'unknown') fail('conflict', said('allUnitsInAReturn', { number: order.number }));
  const now = ctx.clock.now();
  const outside = order ? now - shippedAt(ctx, order) > returnSettings(ctx).windowDays * DAY : false;
  const row = { id, number, order_id: order?.id ?? null };
  insertReturn(ctx.db, {
    id, number, state: o.state, source: o.source, orderId: order?.id ?? null, channel: order?.channel ?? null, channelRef: o.channelRef ?? null, reason: o.reason,
    note: o.note ?? null, waybill: o.waybill ?? null, codes: o.codes ?? [], currency: order?.total?.currency ?? null,
    value: lines.reduce((n, l) => n + l.value, 0), outsideWindow: outside, at: ctx.clock.iso(), by: actor.id,
  });
  for (const l of lines) insertReturnLine(ctx.db, { id: ctx.ids('returnLine'), returnId: id, ...l });
  if (o.codes) insertReturnCodes(ctx.db, id, o.codes);
  recordReturnEvent(ctx, row, o.source === 'unknown' ? 'received_unknown' : 'requested', actor, o.note ?? null, { source: o.source, state: o.state, outsideWindow: outside, codes: o.codes });
  if (o.state === 'received' && order) markOrderReturned(ctx, order.id, number, id, actor);
  return getReturn(ctx, id);
}

function returnableOrder(ctx: CoreContext, id: string, label: string): Order {
  const order = getOrder(ctx, id);
  if (!RETURNABLE.includes(order.state)) fail('conflict', said('onlyShippedComesBack', { number: label, state: order.state }));
  return order;
}

/** A person (customer service: an operator, or a lead) asks for a return of an order. */
export function createReturn(ctx: CoreContext, input: CreateReturnInput, actor: Actor): ReturnDetail {
  const id = orderIdOf(ctx, input.order) ?? orderIdsByNumber(ctx, input.order)[0] ?? fail('validation', said('noOrderNamed', { order: input.order }), [issue('order', said('unknownOrder'))]);
  return openReturn(ctx, { order: returnableOrder(ctx, id, input.order), source: 'person', state: 'requested', reason: input.reason, lines: input.lines ?? null, note: input.note }, actor);
}

/**
 * A sales channel's return or refund event as a request (the channels issue calls this after
 * merge). The platform's reason is mapped to ours; the same channel return id twice gives the first.
 */
export function createReturnFromChannel(ctx: CoreContext, input: ChannelReturnInput, actor: Actor): ReturnDetail {
  const existing = channelReturnId(ctx, input.channel, input.channelReturnId);
  if (existing) return getReturn(ctx, existing);
  const id = findOrderIdByExternal(ctx, input.channel, input.externalOrderId)
    ?? fail('not_found', said('noChannelOrder', { order: input.externalOrderId, channel: input.channel }));
  return openReturn(ctx, {
    order: returnableOrder(ctx, id, input.externalOrderId), source: 'channel', state: 'requested', reason: reasonFromPlatform(input.reason),
    lines: input.lines ?? null, note: input.note, channelRef: input.channelReturnId,
  }, actor);
}

/**
 * A parcel that came without a request: a received return, never a dead end. Tied to the order a
 * code on it names (order, channel number, outbound waybill) with every unit expected, or to none;
 * the code stays on it so the case is found again by it.
 */
export function receiveUnknown(ctx: CoreContext, code: string, note: string | undefined, actor: Actor): ReturnDetail {
  const orderId = orderIdsByNumber(ctx, code)[0];
  const order = orderId ? getOrder(ctx, orderId) : null;
  return openReturn(ctx, { order, source: 'unknown', state: 'received', reason: 'other', lines: null, note, codes: [code] }, actor);
}
