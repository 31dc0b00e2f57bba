// Reads of orders: one order, summaries, search by any code, history, counts per state, stock still in transit.
import type { CoreContext } from '../../context';
import { warehouseFilterOf } from '../locations/queries';
import { EXPORT_MAX_ORDERS, SEARCH_COUNT_CAP, type Order, type OrderEvent, type OrderListQuery, type OrderState, type OrderSummary } from '../../../contract/orders';
import { fail, issue, notFound } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { resolveSkuCode } from '../catalog/queries';
import { userNames } from '../people/queries';
import {
  countOrderSearch, selectEventsOf, selectOrderExportPage, selectOrderIdsByPhone, selectOrderSearchPage, type OrderExportRow, type OrderFilters, type OrderSource, type SearchCursor, selectLineSkus, selectOnHandShortfall, selectOrderCodes, selectOrderIdByExternal, selectOrderIdsByNumber, selectOrderIdsWithSku,
  selectOrderLines, selectOrderRow, selectOrderIdByIdOrNumber, selectOrderState, selectOrderSummaries, selectStateCounts, selectSplitParts, type OrderRow, type SplitPartRow,
} from './store';

/** The order's stored row; not_found when there is none. */
export function orderRecord(ctx: CoreContext, id: string): OrderRow {
  return selectOrderRow(ctx.db, id) ?? notFound('order', id);
}

/**
 * A split order's shipments (the channel's order first, then its parts), seen from the channel's
 * order or from any part; empty when the order is not split.
 */
export function splitShipmentsOf(ctx: CoreContext, orderId: string): { head: OrderRow; shipments: (SplitPartRow & { lines: Order['lines'] })[] } {
  const o = orderRecord(ctx, orderId);
  const head = o.split_of ? orderRecord(ctx, o.split_of) : o;
  const parts = selectSplitParts(ctx.db, head.id);
  if (parts.length === 0) return { head, shipments: [] };
  return { head, shipments: [head, ...parts].map((p) => ({ id: p.id, number: p.number, state: p.state, warehouse_id: p.warehouse_id, lines: selectOrderLines(ctx.db, p.id) })) };
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
    lines, codes, createdAt: o.created_at, updatedAt: o.updated_at, version: o.version, warehouseId: o.warehouse_id,
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

/** Ids a search finds by number or phone before it falls back to names and places. */
const SEARCH_IDS_MAX = 200;

/**
 * The stored forms a typed phone number may match (ship-to phones without spaces, dashes and "+"):
 * with and without China's 86 / 0086 in front. Null when the text is not a whole phone number:
 * phones are found only whole, so a search cannot list numbers by their first digits.
 */
export function phoneDigitVariants(q: string): string[] | null {
  if (!/^\+?[\d\s-]+$/.test(q)) return null;
  const digits = q.replace(/[\s+-]/g, '');
  if (digits.length < 7 || digits.length > 20) return null;
  const national = digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
  return [...new Set([digits, national, `86${national}`, `0086${national}`])];
}

/**
 * The trigram index query for part of a name or city, and the text a match must then contain: the
 * index keeps which field holds a trigram but not where, so 4 characters or more match fields
 * holding each of their trigrams, checked against the text. 2 characters match a field that starts
 * or ends with them (see the order-search migration). Null for 1 character.
 */
export function nameOrCityMatch(q: string): { match: string; contains?: string } | null {
  const chars = [...q];
  const term = (s: string) => `"${s.replaceAll('"', '""')}"`;
  if (chars.length < 2) return null;
  if (chars.length === 2) return { match: `${term(`\x02${q}`)} OR ${term(`${q}\x03`)}` };
  const grams = [...new Set(chars.slice(2).map((_c, i) => chars.slice(i, i + 3).join('')))].map(term).join(' AND ');
  return { match: `{name} : (${grams}) OR {city} : (${grams})`, contains: chars.length > 3 ? q.toLowerCase() : undefined };
}

/** Where a search's orders come from: a number or a phone first, else part of a name or city. */
function searchSource(ctx: CoreContext, q: string | undefined): OrderSource {
  if (!q) return { kind: 'all' };
  const ids = orderIdsByCode(ctx, q, SEARCH_IDS_MAX);
  const phone = phoneDigitVariants(q);
  if (phone) ids.push(...selectOrderIdsByPhone(ctx.db, phone, SEARCH_IDS_MAX));
  if (ids.length) return { kind: 'ids', ids: [...new Set(ids)] };
  const text = nameOrCityMatch(q);
  return text ? { kind: 'text', typed: q, ...text } : { kind: 'ids', ids: [] };
}

function searchFilters(ctx: CoreContext, q: OrderListQuery): OrderFilters {
  const utc = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);
  return {
    state: q.state, channel: q.channel || undefined, carrier: q.carrier || undefined, from: utc(q.from), to: utc(q.to),
    lateAt: q.late === 'true' ? ctx.clock.iso() : undefined, sort: q.sort, warehouseId: warehouseFilterOf(ctx, q.warehouse),
  };
}

const encodeCursor = (c: SearchCursor) => Buffer.from(JSON.stringify([c.key, c.rowid])).toString('base64url');
function decodeCursor(text: string | undefined): SearchCursor | undefined {
  if (!text) return undefined;
  try {
    const [key, rowid] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && Number.isInteger(rowid)) return { key, rowid: rowid as number };
  } catch {
    // refused below
  }
  return fail('validation', 'cursor: not a cursor this list gave out (use nextCursor as it came)', [{ path: 'cursor', message: 'unknown cursor' }]);
}

/** The Orders list: search, filters, sort, a page at a time (keyset), and how many there are (counted up to SEARCH_COUNT_CAP). */
export function listOrders(ctx: CoreContext, query: OrderListQuery & { limit: number; cursor?: string }) {
  const source = searchSource(ctx, query.q);
  const filters = searchFilters(ctx, query);
  const rows = selectOrderSearchPage(ctx.db, source, filters, decodeCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const total = countOrderSearch(ctx.db, source, filters, SEARCH_COUNT_CAP + 1);
  return {
    items: page.map(({ _rowid, _key, ...summary }) => summary as OrderSummary),
    total: Math.min(total, SEARCH_COUNT_CAP),
    totalIsMore: total > SEARCH_COUNT_CAP,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last._key, rowid: last._rowid }) : null,
  };
}

/** Rows an export reads per page; between pages other requests run. */
const EXPORT_PAGE = 1000;

/**
 * The orders of a list (search, filters, sort as listOrders) with their ship-to fields (the caller
 * masks per role), read page by page in the list's order (keyset, as the list's pages). Refused
 * before the first row when the list holds more than EXPORT_MAX_ORDERS.
 */
export function orderExportRows(ctx: CoreContext, query: OrderListQuery): AsyncIterable<OrderExportRow> {
  const source = searchSource(ctx, query.q);
  const filters = searchFilters(ctx, query);
  const total = countOrderSearch(ctx.db, source, filters, EXPORT_MAX_ORDERS + 1);
  if (total > EXPORT_MAX_ORDERS) {
    fail('validation', said('exportTooMany', { max: EXPORT_MAX_ORDERS }), [issue('q', said('tooManyOrders'))]);
  }
  return (async function* () {
    let after: SearchCursor | undefined;
    // Up to the count: a page asked for beyond the last match would read on through every older order.
    for (let left = total; left > 0; left -= EXPORT_PAGE) {
      const page = selectOrderExportPage(ctx.db, source, filters, after, Math.min(EXPORT_PAGE, left));
      yield* page;
      const last = page[page.length - 1];
      if (!last || page.length < Math.min(EXPORT_PAGE, left)) return;
      after = { key: last._key, rowid: last._rowid };
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
}

export function orderEvents(ctx: CoreContext, id: string): OrderEvent[] {
  orderRecord(ctx, id);
  const rows = selectEventsOf(ctx.db, id);
  const names = userNames(ctx, rows.map((r) => r.actor));
  return rows.map((r) => ({ ...r, actorName: names.get(r.actor) ?? null, data: r.data ? JSON.parse(r.data) : null }));
}

/** Orders per state: of the whole shop, or of one warehouse (`warehouseId`, as warehouseFilterOf gives it). */
export function stateCounts(ctx: CoreContext, warehouseId?: string): Record<OrderState, number> {
  const rows = selectStateCounts(ctx.db, warehouseId);
  const out = Object.fromEntries(['new', 'ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'shipped', 'on_hold', 'exception', 'cancelled', 'returned'].map((s) => [s, 0])) as Record<OrderState, number>;
  for (const r of rows) out[r.state] = r.n;
  return out;
}
