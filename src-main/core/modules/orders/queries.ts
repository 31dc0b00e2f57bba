// Reads of orders: one order, summaries, search by any code, history, counts per state, stock still in transit.
import type { CoreContext } from '../../context';
import type { Order, OrderEvent, OrderState, OrderSummary } from '../../../contract/orders';
import { fail, notFound } from '../../../lib/errors';
import { resolveSkuCode } from '../catalog/queries';
import { userNames } from '../people/queries';
import {
  countOrders, selectEventsOf, selectLineSkus, selectOnHandShortfall, selectOrderCodes, selectOrderIdByExternal, selectOrderIdsByNumber, selectOrderIdsWithSku,
  selectOrderLines, selectOrderRow, selectOrderIdByIdOrNumber, selectOrderState, selectOrderSummaries, selectOrderSummaryPage, selectStateCounts, type OrderRow,
} from './store';

/** The order's stored row; not_found when there is none. */
export function orderRecord(ctx: CoreContext, id: string): OrderRow {
  return selectOrderRow(ctx.db, id) ?? notFound('order', id);
}

/** An order's id from its id or its number; undefined when there is no such order. */
export function orderIdOf(ctx: CoreContext, idOrNumber: string): string | undefined {
  return selectOrderIdByIdOrNumber(ctx.db, idOrNumber);
}

/** An order's number; undefined when there is no such order. */
export function orderNumberOf(ctx: CoreContext, id: string): string | undefined {
  return selectOrderRow(ctx.db, id)?.number;
}

/** The order's state; undefined when there is no such order. */
export function orderState(ctx: CoreContext, id: string): OrderState | undefined {
  return selectOrderState(ctx.db, id);
}

/** The SKU code and quantity of each line of an order. */
export function orderLineSkus(ctx: CoreContext, orderId: string): { sku: string; qty: number }[] {
  return selectLineSkus(ctx.db, orderId);
}

export function findOrderIdByExternal(ctx: CoreContext, channel: string, externalId: string): string | undefined {
  return selectOrderIdByExternal(ctx.db, channel, externalId);
}

/** Reserved units not on the shelf yet: reserved against inbound (in-transit) stock. */
export function onHandShortfall(ctx: CoreContext, orderId: string): { sku: string; location: string; qty: number; onHand: number }[] {
  return selectOnHandShortfall(ctx.db, orderId);
}

/** Units reserved against inbound (in-transit) stock cannot leave before they have arrived. */
export function assertOnHand(ctx: CoreContext, orderId: string, number: string, verb = 'ship'): void {
  const short = onHandShortfall(ctx, orderId);
  if (short.length) {
    fail('insufficient_stock', `cannot ${verb} order ${number}: ${short.map((x) => `${x.sku} at ${x.location} needs ${x.qty} but ${x.onHand} are on hand (the rest is still in transit)`).join('; ')}`);
  }
}

export function getOrder(ctx: CoreContext, id: string): Order {
  const o = orderRecord(ctx, id);
  const lines = selectOrderLines(ctx.db, id);
  const codes = selectOrderCodes(ctx.db, id, o.number, o.external_id);
  return {
    id: o.id, number: o.number, channel: o.channel, externalId: o.external_id, state: o.state, resumeState: o.resume_state,
    shipTo: JSON.parse(o.ship_to), carrier: o.carrier, service: o.service, shipBy: o.ship_by, priority: o.priority,
    total: o.total_minor === null ? null : { amount: o.total_minor, currency: o.currency ?? '' }, note: o.note,
    lines, codes, createdAt: o.created_at, updatedAt: o.updated_at, version: o.version,
  };
}

/** The summary row of an order already in hand (what orderSummaries reads for it). */
export function orderSummary(o: Order): OrderSummary {
  return {
    id: o.id, number: o.number, channel: o.channel, externalId: o.externalId, state: o.state, carrier: o.carrier, shipBy: o.shipBy, createdAt: o.createdAt,
    recipient: o.shipTo.name, city: o.shipTo.city, units: o.lines.reduce((n, l) => n + l.qty, 0),
  };
}

export function orderSummaries(ctx: CoreContext, ids: string[]): OrderSummary[] {
  if (ids.length === 0) return [];
  return selectOrderSummaries(ctx.db, ids);
}

/**
 * Order ids that carry a number: their id, order number, channel number or a code row (waybills).
 * The id and the two numbers are read from orders (older databases also have code rows for them).
 * The store's look-ups are merged here (see ORDER_IDS_BY_NUMBER).
 */
export function orderIdsByNumber(ctx: CoreContext, code: string): string[] {
  const ids = selectOrderIdsByNumber(ctx.db, code);
  return ids.length > 1 ? [...new Set(ids)] : ids;
}

/** Order ids that carry a code: any order number, channel number or waybill, or a SKU / barcode they contain. */
export function orderIdsByCode(ctx: CoreContext, code: string, limit = 200): string[] {
  const direct = orderIdsByNumber(ctx, code);
  if (direct.length) return direct.slice(0, limit);
  const sku = resolveSkuCode(ctx, code);
  if (!sku) return [];
  return selectOrderIdsWithSku(ctx.db, sku.skuId, limit);
}

export function listOrders(ctx: CoreContext, opts: { q?: string; state?: OrderState; limit: number; cursor?: string }) {
  if (opts.q) {
    let ids = orderIdsByCode(ctx, opts.q, 1000);
    if (opts.state) ids = ids.filter((id) => orderRecord(ctx, id).state === opts.state);
    const sorted = ids.sort().reverse().filter((id) => !opts.cursor || id < opts.cursor);
    const page = sorted.slice(0, opts.limit);
    return { items: orderSummaries(ctx, page), total: ids.length, nextCursor: sorted.length > opts.limit ? page[page.length - 1]! : null };
  }
  const total = countOrders(ctx.db, opts.state);
  const items = selectOrderSummaryPage(ctx.db, { state: opts.state, cursor: opts.cursor, limit: opts.limit + 1 });
  const page = items.slice(0, opts.limit);
  return { items: page, total, nextCursor: items.length > opts.limit ? page[page.length - 1]!.id : null };
}

export function orderEvents(ctx: CoreContext, id: string): OrderEvent[] {
  orderRecord(ctx, id);
  const rows = selectEventsOf(ctx.db, id);
  const names = userNames(ctx, rows.map((r) => r.actor));
  return rows.map((r) => ({ ...r, actorName: names.get(r.actor) ?? null, data: r.data ? JSON.parse(r.data) : null }));
}

export function stateCounts(ctx: CoreContext): Record<OrderState, number> {
  const rows = selectStateCounts(ctx.db);
  const out = Object.fromEntries(['new', 'ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'shipped', 'on_hold', 'exception', 'cancelled', 'returned'].map((s) => [s, 0])) as Record<OrderState, number>;
  for (const r of rows) out[r.state] = r.n;
  return out;
}
