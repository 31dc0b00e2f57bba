// Orders' tables: orders, order_lines, order_codes. Reads join the catalog, locations, inventory
// and the event log where an order's view needs them.
import { prep, onPostgres, type Db } from '../../store/db';
import type { Order, OrderEvent, OrderState, OrderSummary } from '../../../contract/orders';
import { ROW as SEARCH_ROW } from './migrations/2026120340-order-search';

export interface OrderRow {
  id: string; number: string; channel: string; external_id: string; state: OrderState; resume_state: OrderState | null;
  ship_to: string; carrier: string | null; service: string | null; ship_by: string | null; priority: number;
  total_minor: number | null; currency: string | null; note: string | null; created_at: string; updated_at: string; version: number;
  warehouse_id: string | null; split_of: string | null; route_manual: number;
}

/** A SKU as an order line shows it; `units` is how many units the code counts (a case barcode counts several). */
/** `locationWarehouseId`: the warehouse of the SKU's home bin (a line shows that bin only in its order's warehouse). */
export interface SkuInfo { skuId: string; units: number; sku: string; name: string; unitWeightG: number | null; location: string | null; locationWarehouseId: string | null; costMinor: number | null }

const SKU_INFO = `s.id skuId, s.sku, s.name, s.unit_weight_g unitWeightG, loc.code location, loc.warehouse_id locationWarehouseId, s.cost_minor costMinor FROM skus s LEFT JOIN locations loc ON loc.id = s.location_id`;
const SKU_BY_BARCODE = `SELECT b.units, ${SKU_INFO} JOIN barcodes b ON b.sku_id = s.id WHERE b.code = ?`;
const SKU_BY_SKU_CODE = `SELECT 1 units, ${SKU_INFO} WHERE s.sku = ?`;
const SKU_BY_CHANNEL_SKU = `SELECT 1 units, ${SKU_INFO} JOIN sku_mappings m ON m.sku_id = s.id WHERE m.channel = ? AND m.channel_sku = ?`;

/** A code on an order line -> the SKU: a barcode first, then our SKU code. */
export function selectSkuInfoByCode(db: Db, code: string): SkuInfo | undefined {
  return (prep(db, SKU_BY_BARCODE).get(code) ?? prep(db, SKU_BY_SKU_CODE).get(code)) as SkuInfo | undefined;
}

/** A channel's SKU -> our SKU, through the channel's saved mapping. */
export function selectSkuInfoByChannelSku(db: Db, channel: string, channelSku: string): SkuInfo | undefined {
  return prep(db, SKU_BY_CHANNEL_SKU).get(channel, channelSku) as SkuInfo | undefined;
}

/** Values of a list bound as one JSON parameter: `x IN (SELECT value FROM json_each(?))`. */
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/**
 * selectSkuInfoByCode for many codes in two statements (a batch of orders on PostgreSQL, where
 * each statement is a round trip): code -> SKU, a barcode first, then our SKU code; unknown codes absent.
 */
export function selectSkuInfosByCodes(db: Db, codes: readonly string[]): Map<string, SkuInfo> {
  const out = new Map<string, SkuInfo>();
  for (const r of prep(db, `SELECT b.code code, b.units, ${SKU_INFO} JOIN barcodes b ON b.sku_id = s.id WHERE b.code ${IN_LIST}`).all(JSON.stringify(codes)) as (SkuInfo & { code: string })[]) {
    const { code, ...info } = r;
    out.set(code, info);
  }
  const rest = codes.filter((c) => !out.has(c));
  if (rest.length) {
    for (const r of prep(db, `SELECT s.sku code, 1 units, ${SKU_INFO} WHERE s.sku ${IN_LIST}`).all(JSON.stringify(rest)) as (SkuInfo & { code: string })[]) {
      const { code, ...info } = r;
      out.set(code, info);
    }
  }
  return out;
}

/** selectOrderIdByExternal for many external ids of one channel in one statement: external id -> order id. */
export function selectOrderIdsByExternal(db: Db, channel: string, externalIds: readonly string[]): Map<string, string> {
  const rows = prep(db, `SELECT external_id, id FROM orders WHERE channel = ? AND external_id ${IN_LIST}`).all(channel, JSON.stringify(externalIds)) as { external_id: string; id: string }[];
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** An order by its channel's number (channel, external_id): once per order created, so it must use its index (tested). */
export const ORDER_ID_BY_EXTERNAL = 'SELECT id FROM orders WHERE channel = ? AND external_id = ?';

export function selectOrderIdByExternal(db: Db, channel: string, externalId: string): string | undefined {
  return (prep(db, ORDER_ID_BY_EXTERNAL).get(channel, externalId) as { id: string } | undefined)?.id;
}

/**
 * A new order's row (id, number, channel, external_id, state, ship_to, buyer, carrier, service,
 * ship_by, priority, total_minor, currency, note, created_at, updated_at, warehouse_id, payment_ref) and its lines (id,
 * order_id, sku_id, channel_sku, name, qty, unit_price_minor): used with prep once per batch, and
 * run per order and per line.
 */
const INSERT_ORDER = `INSERT INTO orders (id, number, channel, external_id, state, ship_to, buyer, carrier, service, ship_by, priority, total_minor, currency, note, created_at, updated_at, warehouse_id, payment_ref)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_ORDER_LINE = 'INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** The statements writing a new order and its lines: looked up once per batch, run per order and per line. */
export function newOrderWriters(db: Db) {
  return { order: prep(db, INSERT_ORDER), line: prep(db, INSERT_ORDER_LINE) };
}

/** An order's id by its id or its number. */
export function selectOrderIdByIdOrNumber(db: Db, ref: string): string | undefined {
  return prep(db, 'SELECT id FROM orders WHERE id = ? OR number = ?').pluck().get(ref, ref) as string | undefined;
}

export function selectOrderRow(db: Db, id: string): OrderRow | undefined {
  return prep(db, 'SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
}

export function selectOrderVersion(db: Db, id: string): { version: number; number: string } {
  return prep(db, 'SELECT version, number FROM orders WHERE id = ?').get(id) as { version: number; number: string };
}

export function selectOrderState(db: Db, id: string): OrderState | undefined {
  return prep(db, 'SELECT state FROM orders WHERE id = ?').pluck().get(id) as OrderState | undefined;
}

export function orderExists(db: Db, id: string): boolean {
  return !!prep(db, 'SELECT 1 FROM orders WHERE id = ?').get(id);
}

/** A state change: a new version and updated_at. */
export function updateOrderState(db: Db, id: string, state: OrderState, resume: OrderState | null, now: string): void {
  prep(db, 'UPDATE orders SET state = ?, resume_state = ?, version = version + 1, updated_at = ? WHERE id = ?').run(state, resume, now, id);
}

/** A new version without a state change; returns it. */
export function bumpOrderVersion(db: Db, id: string, now: string): number {
  return (prep(db, 'UPDATE orders SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version').get(now, id) as { version: number }).version;
}

/** The order's warehouse (routing or a lead): a new version, so a bench holding it reads it again; returns it. */
export function updateOrderWarehouse(db: Db, id: string, warehouseId: string, now: string): number {
  return (prep(db, 'UPDATE orders SET warehouse_id = ?, version = version + 1, updated_at = ? WHERE id = ? RETURNING version').get(warehouseId, now, id) as { version: number }).version;
}

/** A new recipient or address: a new version, so a bench holding the old one must start again; returns it. */
export function updateShipTo(db: Db, id: string, shipToJson: string, now: string): number {
  return (prep(db, 'UPDATE orders SET ship_to = ?, version = version + 1, updated_at = ? WHERE id = ? RETURNING version').get(shipToJson, now, id) as { version: number }).version;
}

/** An order's lines with what allocation needs (tested to use the lines' order index). */
export const LINES_TO_ALLOCATE = 'SELECT id, sku_id skuId, qty FROM order_lines WHERE order_id = ?';

export function selectLinesToAllocate(db: Db, orderId: string): { id: string; skuId: string; qty: number }[] {
  return prep(db, LINES_TO_ALLOCATE).all(orderId) as { id: string; skuId: string; qty: number }[];
}

/** The SKU code and quantity of each line of an order. */
export function selectLineSkus(db: Db, orderId: string): { sku: string; qty: number }[] {
  return prep(db, 'SELECT s.sku, l.qty FROM order_lines l JOIN skus s ON s.id = l.sku_id WHERE l.order_id = ?').all(orderId) as { sku: string; qty: number }[];
}

export function selectOnHandShortfall(db: Db, orderId: string): { sku: string; location: string; qty: number; onHand: number }[] {
  return prep(db, `SELECT s.sku, loc.code location, SUM(r.qty) qty, i.on_hand onHand FROM reservations r
      JOIN order_lines l ON l.id = r.line_id JOIN inventory i ON i.sku_id = l.sku_id AND i.location_id = r.location_id
      JOIN skus s ON s.id = l.sku_id JOIN locations loc ON loc.id = r.location_id
    WHERE l.order_id = ? GROUP BY l.sku_id, r.location_id, s.sku, loc.code, i.on_hand HAVING SUM(r.qty) > i.on_hand`).all(orderId) as { sku: string; location: string; qty: number; onHand: number }[];
}

export function orderHasSkuLine(db: Db, orderId: string, skuId: string): boolean {
  return prep(db, 'SELECT 1 FROM order_lines WHERE order_id = ? AND sku_id = ? LIMIT 1').get(orderId, skuId) !== undefined;
}

/** Points an order line at another SKU (a channel SKU mapped after the order arrived, channels module). */
export function updateLineSku(db: Db, lineId: string, skuId: string): void {
  prep(db, 'UPDATE order_lines SET sku_id = ? WHERE id = ?').run(skuId, lineId);
  indexLineSku(db, lineId);
}

/**
 * A line's SKU and order into order_skus at once, for a line changed or added after its order may
 * have been indexed (the indexer only reaches orders newer than it has seen). An entry whose line
 * has since left (a remapped or moved line) is harmless: selectOrderIdsWithSku checks the lines.
 */
function indexLineSku(db: Db, lineId: string): void {
  if (!onPostgres(db)) prep(db, 'INSERT OR IGNORE INTO order_skus (sku_id, order_id) SELECT sku_id, order_id FROM order_lines WHERE id = ?').run(lineId);
}

export function orderHasReservation(db: Db, orderId: string): boolean {
  return !!prep(db, 'SELECT 1 FROM reservations r JOIN order_lines l ON l.id = r.line_id WHERE l.order_id = ? LIMIT 1').get(orderId);
}

export function insertOrderCode(db: Db, code: string, orderId: string, kind: string): void {
  prep(db, 'INSERT OR IGNORE INTO order_codes (code, order_id, kind) VALUES (?, ?, ?)').run(code, orderId, kind);
}

export const selectOrderCodesOfKind = (db: Db, orderId: string, kind: string) =>
  prep(db, 'SELECT code FROM order_codes WHERE order_id = ? AND kind = ? ORDER BY code').pluck().all(orderId, kind) as string[];
export const deleteOrderCodesOfKind = (db: Db, orderId: string, kind: string) => void prep(db, 'DELETE FROM order_codes WHERE order_id = ? AND kind = ?').run(orderId, kind);

/**
 * An order's lines. The bin shown (to the picker and the packer) is the one the line's stock is
 * reserved in (the most units), else the SKU's home bin if it is in the order's warehouse: the home
 * bin of another warehouse sent people to a shelf in another city.
 */
export function selectOrderLines(db: Db, orderId: string): Order['lines'] {
  return prep(db, `SELECT l.id, l.sku_id skuId, s.sku, COALESCE(l.name, s.name) name, l.qty, s.unit_weight_g unitWeightG,
      COALESCE((SELECT rl.code FROM reservations r JOIN locations rl ON rl.id = r.location_id WHERE r.line_id = l.id ORDER BY r.qty DESC, rl.code LIMIT 1),
        CASE WHEN o.warehouse_id IS NULL OR loc.warehouse_id IS NULL OR loc.warehouse_id = o.warehouse_id THEN loc.code END) location,
      COALESCE((SELECT SUM(qty) FROM reservations r WHERE r.line_id = l.id), 0) reserved
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN skus s ON s.id = l.sku_id LEFT JOIN locations loc ON loc.id = s.location_id
    WHERE l.order_id = ? ORDER BY l.rowid`).all(orderId) as Order['lines'];
}

/**
 * Codes kept on an order that nobody types or scans: a platform's merge key (抖店's address id) is
 * compared by merging only, so a search or a scan never finds an order by it.
 */
const UNSEARCHED_KINDS = "'merge_key'";

/**
 * The codes an order is found by, by kind. The number and the channel's number come from the
 * order (older databases have code rows for them too, and for the id); a code equal to one listed
 * already is listed once.
 */
export function selectOrderCodes(db: Db, id: string, number: string, external: string): Order['codes'] {
  return prep(db, `SELECT code, kind FROM order_codes WHERE order_id = @id AND kind NOT IN ('id', 'number', 'external', ${UNSEARCHED_KINDS}) AND code NOT IN (@number, @external)
    UNION ALL SELECT @external, 'external' WHERE @external <> @number UNION ALL SELECT @number, 'number' ORDER BY kind`)
    .all({ id, number, external }) as Order['codes'];
}

const SUMMARY_COLUMNS = `o.id, o.number, o.channel, o.external_id externalId, o.state, o.carrier, o.ship_by shipBy, o.created_at createdAt,
  json_extract(o.ship_to, '$.name') recipient, json_extract(o.ship_to, '$.city') city,
  (SELECT COALESCE(SUM(qty),0) FROM order_lines WHERE order_id = o.id) units`;
const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} FROM orders o`;

/** Summaries of the given orders, newest id first (one statement per count of ids). */
export function selectOrderSummaries(db: Db, ids: readonly string[]): OrderSummary[] {
  return prep(db, `${SUMMARY_SELECT} WHERE o.id IN (${ids.map(() => '?').join(',')}) ORDER BY o.id DESC`).all(...ids) as OrderSummary[];
}

/**
 * Order ids that carry a number: their id, order number, channel number or a code row (waybills).
 * A channel's number is unique per channel: orders' (channel, external_id) index is probed once per
 * channel, the channels being read from that index too (one seek each). The look-ups are merged by
 * the caller: UNION, or OR, built a temporary b-tree per call. Checked by EXPLAIN QUERY PLAN in tests.
 */
export const ORDER_IDS_BY_NUMBER = `WITH RECURSIVE channel(name) AS (
    SELECT (SELECT MIN(channel) FROM orders) UNION ALL SELECT (SELECT MIN(channel) FROM orders WHERE channel > name) FROM channel WHERE name IS NOT NULL)
  SELECT order_id FROM order_codes WHERE code = @code AND kind NOT IN (${UNSEARCHED_KINDS}) UNION ALL SELECT id FROM orders WHERE id = @code UNION ALL SELECT id FROM orders WHERE number = @code
  UNION ALL SELECT o.id FROM channel JOIN orders o ON o.channel = channel.name AND o.external_id = @code`;

/** The ids ORDER_IDS_BY_NUMBER finds (an order may come more than once). */
export function selectOrderIdsByNumber(db: Db, code: string): string[] {
  return prep(db, ORDER_IDS_BY_NUMBER).pluck().all({ code }) as string[];
}

/**
 * The newest `limit` orders with a line of this SKU: those the search indexer has reached from
 * order_skus (newest first along its key, each checked against its lines), and the newer ones
 * from their rows (a few hundred at most, through the orders' rowid and the lines' order index).
 */
export function selectOrderIdsWithSku(db: Db, skuId: string, limit: number): string[] {
  // PostgreSQL keeps its index on the lines' SKU (orders/migrations/postgres.ts 2026120961): several processes write there.
  if (onPostgres(db)) return prep(db, 'SELECT DISTINCT order_id FROM order_lines WHERE sku_id = ? ORDER BY order_id DESC LIMIT ?').pluck().all(skuId, limit) as string[];
  // CROSS JOIN: the orders first (a rowid range), else SQLite may walk every line.
  const recent = prep(db, `SELECT DISTINCT l.order_id FROM orders o CROSS JOIN order_lines l
    WHERE o.rowid > (SELECT indexed_upto FROM order_search_progress) AND l.order_id = o.id AND l.sku_id = ?`).pluck().all(skuId) as string[];
  const indexed = prep(db, `SELECT x.order_id FROM order_skus x WHERE x.sku_id = ?
    AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = x.order_id AND l.sku_id = x.sku_id) ORDER BY x.order_id DESC LIMIT ?`).pluck().all(skuId, limit) as string[];
  if (recent.length === 0) return indexed;
  return [...new Set([...recent, ...indexed])].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, limit);
}

/** An order's history from the event log, oldest first (tested to use the events' entity index). */
export const EVENTS_OF_ENTITY = 'SELECT id, at, type, actor, reason, data FROM events WHERE entity_id = ? ORDER BY id';

export function selectEventsOf(db: Db, entityId: string): (Omit<OrderEvent, 'data' | 'actorName'> & { data: string | null })[] {
  return prep(db, EVENTS_OF_ENTITY).all(entityId) as (Omit<OrderEvent, 'data' | 'actorName'> & { data: string | null })[];
}

export function selectStateCounts(db: Db, warehouseId?: string): { state: OrderState; n: number }[] {
  if (warehouseId) return prep(db, 'SELECT state, COUNT(*) n FROM orders WHERE warehouse_id = ? GROUP BY state').all(warehouseId) as { state: OrderState; n: number }[];
  return prep(db, 'SELECT state, COUNT(*) n FROM orders GROUP BY state').all() as { state: OrderState; n: number }[];
}

/**
 * Where a search's orders come from: every order, a few known ids, or the name and city index
 * (`contains`: the lower-case text the name or city must then hold).
 */
export type OrderSource = { kind: 'all' } | { kind: 'ids'; ids: readonly string[] } | { kind: 'text'; match: string; contains?: string; typed: string };

/** LIKE's own characters in typed text, escaped (backslash is ILIKE's escape on PostgreSQL). */
const likeText = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The name and city condition on PostgreSQL, where order_search is a plain table (trigram indexed,
 * orders/migrations/postgres.ts) holding SQLite's text: \x02 field \x03. The same answers as
 * SQLite's index: 2 characters match a field that starts or ends with them, 3 or more a field
 * holding them together, any case.
 */
function pgNameOrCity(typed: string): { where: string; args: string[] } {
  const t = likeText(typed);
  if ([...typed].length === 2) {
    const edges = [`\x02${t}%`, `%${t}\x03`];
    return { where: '(f.name ILIKE ? OR f.name ILIKE ? OR f.city ILIKE ? OR f.city ILIKE ?)', args: [...edges, ...edges] };
  }
  return { where: '(f.name ILIKE ? OR f.city ILIKE ?)', args: [`%${t}%`, `%${t}%`] };
}

export interface OrderFilters {
  state?: OrderState; channel?: string; carrier?: string;
  /** created_at bounds, UTC ISO-8601 like created_at itself */
  from?: string; to?: string;
  /** only orders whose ship-by is before this time and that have not left (shipped, cancelled, returned) */
  lateAt?: string;
  sort: 'newest' | 'oldest' | 'shipBy' | 'shipByDesc';
  /** only this warehouse's orders */
  warehouseId?: string;
}

/** The position after the last row of a page: its sort key and rowid. */
export interface SearchCursor { key: string; rowid: number }

/**
 * The SQL of a search. Newest / oldest order by id (ids grow with time), through the primary key or
 * orders_state; a date range reads orders_created. A text search newest-first walks the trigram
 * index's rowids backwards (rowids grow with arrival), so the first page of 25,000 matches costs a
 * page. Ship-by sorts use orders_ship_by (no date last).
 */
function searchSql(db: Db, source: OrderSource, f: OrderFilters, after: SearchCursor | undefined, columns: string) {
  const where: string[] = [];
  const args: unknown[] = [];
  let from = 'orders o';
  const pgText = source.kind === 'text' && onPostgres(db) ? pgNameOrCity(source.typed) : null;
  if (pgText) {
    from = 'order_search f JOIN orders o ON o.rowid = f.rowid';
    where.push(pgText.where);
    args.push(...pgText.args);
  } else if (source.kind === 'text') {
    from = 'order_search f CROSS JOIN orders o ON o.rowid = f.rowid'; // the index's matches first, never a scan of orders by state
    where.push('order_search MATCH ?');
    args.push(source.match);
    if (source.contains) {
      where.push("(instr(lower(json_extract(o.ship_to, '$.name')), ?) OR instr(lower(json_extract(o.ship_to, '$.city')), ?))");
      args.push(source.contains, source.contains);
    }
  } else if (source.kind === 'ids') {
    where.push(`o.id IN (${source.ids.map(() => '?').join(',')})`);
    args.push(...source.ids);
  }
  const add = (clause: string, ...v: unknown[]) => (where.push(clause), args.push(...v));
  if (f.state) add('o.state = ?', f.state);
  // not through (channel, external_id): a channel holds a fifth of all orders, read in id order they come sorted
  if (f.channel) add('+o.channel = ?', f.channel);
  if (f.carrier) add('o.carrier = ?', f.carrier);
  if (f.warehouseId) add('o.warehouse_id = ?', f.warehouseId);
  if (f.from) add('o.created_at >= ?', f.from);
  if (f.to) add('o.created_at < ?', f.to);
  // not through orders_ship_by: nearly every order ever made is past its ship-by; late ones are recent
  if (f.lateAt) add("o.ship_by < ? AND o.state NOT IN ('shipped', 'cancelled', 'returned')", f.lateAt);
  const byRowid = source.kind === 'text' && (f.sort === 'newest' || f.sort === 'oldest');
  const key = byRowid ? "''" : f.sort === 'newest' || f.sort === 'oldest' ? 'o.id' : "coalesce(o.ship_by, '~')";
  const dir = f.sort === 'newest' || f.sort === 'shipByDesc' ? 'DESC' : 'ASC';
  const cmp = dir === 'DESC' ? '<' : '>';
  if (after) {
    if (byRowid) add(`f.rowid ${cmp} ?`, after.rowid);
    else if (key === 'o.id') add(`o.id ${cmp} ?`, after.key);
    else add(`(${key}, o.rowid) ${cmp} (?, ?)`, after.key, after.rowid);
  }
  const order = byRowid ? `f.rowid ${dir}` : key === 'o.id' ? `o.id ${dir}` : `${key} ${dir}, o.rowid ${dir}`;
  const body = `FROM ${from}${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
  // A name or city alone is counted in the index, without reading the orders.
  // Otherwise in the page's order: what the page found first is counted first (late orders are the newest, not the oldest).
  const indexOnly = source.kind === 'text' && where.length === 1;
  const count = indexOnly && pgText ? `SELECT count(*) FROM (SELECT 1 FROM order_search f WHERE ${pgText.where} LIMIT ?)`
    : indexOnly ? 'SELECT count(*) FROM (SELECT 1 FROM order_search WHERE order_search MATCH ? LIMIT ?)' : `SELECT count(*) FROM (SELECT 1 ${body} ORDER BY ${order} LIMIT ?)`;
  return { select: `SELECT ${columns}, o.rowid _rowid, ${key} _key ${body} ORDER BY ${order}`, count, args };
}

/** A page of a search: summaries with each row's cursor. */
export function selectOrderSearchPage(db: Db, source: OrderSource, f: OrderFilters, after: SearchCursor | undefined, limit: number): (OrderSummary & { _rowid: number; _key: string })[] {
  const q = searchSql(db, source, f, after, SUMMARY_COLUMNS);
  return prep(db, `${q.select} LIMIT ?`).all(...q.args, limit) as (OrderSummary & { _rowid: number; _key: string })[];
}

/** How many orders a search finds, counting no further than `cap`. */
export function countOrderSearch(db: Db, source: OrderSource, f: OrderFilters, cap: number): number {
  const q = searchSql(db, source, f, undefined, '1');
  return prep(db, q.count).pluck().get(...q.args, cap) as number;
}

/** A row of an export: the order with its ship-to fields (unmasked: the caller masks per role). */
export interface OrderExportRow {
  number: string; channel: string; externalId: string; state: OrderState; name: string; phone: string; province: string | null; city: string;
  district: string | null; address1: string; address2: string | null; postcode: string | null; carrier: string | null; service: string | null;
  shipBy: string | null; createdAt: string; units: number;
}
// The ship-to JSON is parsed once per row here: eight json_extract calls per row were half the SQL's time.
const EXPORT_COLUMNS = `o.number, o.channel, o.external_id externalId, o.state, o.ship_to shipTo, o.carrier, o.service, o.ship_by shipBy, o.created_at createdAt,
  (SELECT COALESCE(SUM(qty),0) FROM order_lines WHERE order_id = o.id) units`;
type ExportSqlRow = Omit<OrderExportRow, 'name' | 'phone' | 'province' | 'city' | 'district' | 'address1' | 'address2' | 'postcode'> & { shipTo: string; _rowid: number; _key: string };

/** A page of an export in the list's order, after `after` (keyset, as the list's pages): one prepared statement per list. */
export function selectOrderExportPage(db: Db, source: OrderSource, f: OrderFilters, after: SearchCursor | undefined, limit: number): (OrderExportRow & { _rowid: number; _key: string })[] {
  const q = searchSql(db, source, f, after, EXPORT_COLUMNS);
  return (prep(db, `${q.select} LIMIT ?`).all(...q.args, limit) as ExportSqlRow[]).map(({ shipTo, ...o }) => {
    const a = JSON.parse(shipTo) as Record<string, string | undefined>;
    return {
      ...o, name: a.name ?? '', phone: a.phone ?? '', province: a.province ?? null, city: a.city ?? '', district: a.district ?? null,
      address1: a.address1 ?? '', address2: a.address2 ?? null, postcode: a.postcode ?? null,
    };
  });
}

/** Orders whose ship-to phone, without spaces, dashes and "+", is one of these (exact: orders_phone). */
export function selectOrderIdsByPhone(db: Db, digits: readonly string[], limit: number): string[] {
  return prep(db, `SELECT id FROM orders WHERE phone_digits IN (${digits.map(() => '?').join(',')}) LIMIT ?`).pluck().all(...digits, limit) as string[];
}

/** The newest order's rowid and how far the name and city index has come (search-indexer.ts). */
export function selectSearchLag(db: Db): { newest: number; indexedUpto: number } {
  return prep(db, 'SELECT coalesce((SELECT max(rowid) FROM orders), 0) newest, (SELECT indexed_upto FROM order_search_progress) indexedUpto').get() as { newest: number; indexedUpto: number };
}

/**
 * Indexes the name and city of the next `max` orders not indexed yet (rowid above indexed_upto), in
 * the caller's transaction, and moves indexed_upto past them; returns how many.
 */
export function indexNextOrders(db: Db, max: number): number {
  const from = prep(db, 'SELECT indexed_upto FROM order_search_progress').pluck().get() as number;
  const upto = prep(db, 'SELECT max(rowid) FROM (SELECT rowid FROM orders WHERE rowid > ? ORDER BY rowid LIMIT ?)').pluck().get(from, max) as number | null;
  if (upto === null) return 0;
  const n = prep(db, `INSERT INTO order_search (rowid, name, city) SELECT rowid, ${SEARCH_ROW('orders')} FROM orders WHERE rowid > ? AND rowid <= ?`).run(from, upto).changes;
  // The same orders' SKUs, in key order: a page per SKU for the job rather than a page per line in each
  // intake commit (SQLite only: PostgreSQL reads the lines' own index, selectOrderIdsWithSku).
  if (!onPostgres(db)) prep(db, `INSERT OR IGNORE INTO order_skus (sku_id, order_id) SELECT DISTINCT l.sku_id, l.order_id FROM orders o JOIN order_lines l ON l.order_id = o.id
    WHERE o.rowid > ? AND o.rowid <= ? ORDER BY l.sku_id, l.order_id`).run(from, upto);
  prep(db, 'UPDATE order_search_progress SET indexed_upto = ?').run(upto);
  return n;
}

/** The carrier, service and priority an order ships with (rules, expedite): a new version; returns it. */
export function updateOrderPlan(db: Db, id: string, plan: { carrier: string | null; service: string | null; priority: number }, now: string): number {
  return (prep(db, 'UPDATE orders SET carrier = ?, service = ?, priority = ?, version = version + 1, updated_at = ? WHERE id = ? RETURNING version')
    .get(plan.carrier, plan.service, plan.priority, now, id) as { version: number }).version;
}

// A split (orders/actions/split-order.ts): parts are order rows copied from the channel's order.

/** A part of `parentId`: the channel's order's row with its own id, number, channel number and warehouse. */
export function insertSplitPart(db: Db, p: { id: string; number: string; externalId: string; parentId: string; warehouseId: string; now: string }): void {
  prep(db, `INSERT INTO orders (id, number, channel, external_id, state, resume_state, ship_to, buyer, carrier, service, ship_by, priority, note, created_at, updated_at, warehouse_id, split_of)
    SELECT @id, @number, channel, @externalId, state, resume_state, ship_to, buyer, carrier, service, ship_by, priority, note, @now, @now, @warehouseId, id FROM orders WHERE id = @parentId`).run(p);
}

/** A line's units: all of them move to another order, or only `qty` stay. */
export function moveOrderLine(db: Db, lineId: string, orderId: string, qty: number): void {
  prep(db, 'UPDATE order_lines SET order_id = ?, qty = ? WHERE id = ?').run(orderId, qty, lineId);
  indexLineSku(db, lineId);
}

/** `qty` units of a line become a line of another order (same SKU, channel SKU, name and price). */
export function copyOrderLine(db: Db, newId: string, fromLineId: string, orderId: string, qty: number): void {
  prep(db, 'INSERT INTO order_lines (id, order_id, sku_id, channel_sku, name, qty, unit_price_minor) SELECT ?, ?, sku_id, channel_sku, name, ?, unit_price_minor FROM order_lines WHERE id = ?').run(newId, orderId, qty, fromLineId);
  indexLineSku(db, newId);
}

export interface SplitPartRow { id: string; number: string; state: OrderState; warehouse_id: string | null }

/** The parts split off an order, in the order they were made. */
export function selectSplitParts(db: Db, parentId: string): SplitPartRow[] {
  return prep(db, 'SELECT id, number, state, warehouse_id FROM orders WHERE split_of = ? ORDER BY number').all(parentId) as SplitPartRow[];
}

/** A lead chose the warehouse by hand (1) or gave it back to the routing (0). */
export function updateRouteManual(db: Db, id: string, manual: boolean): void {
  prep(db, 'UPDATE orders SET route_manual = ? WHERE id = ?').run(manual ? 1 : 0, id);
}
