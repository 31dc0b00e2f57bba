import { z } from 'zod';
import {
  Order, OrderInput, OrderSummary, OrderEvent, OrderState, OrderAction, Sku, SkuInput, BoxType, BoxTypeInput,
  Location, LocationInput, StockRow, StockAdjustment, User, UserInput, Role, Settings, CsvMapping, CsvMappingInput,
  ImportReport, ORDER_STATES, ChangeEvent,
} from './domain';
import { LabelTemplateList, LabelPreviewQuery } from './labels';
import { WaybillRanges, WaybillRange, WaybillRangeInput, Waybill } from './waybills';
import {
  PackTicket, StartPackingBody, CreateParcelBody, ParcelResult, Parcel, PackOrderRef, LabelPayload, ShortBody, PackException, ExceptionKind,
  EXCEPTION_STATES, ResolveExceptionBody, WeightProposal,
} from './parcels';
import { INTERNAL_ACTIONS } from './state-machine';
import {
  SavedWaveRule, SavedWaveRuleInput, WaveRule, WavePreview, ReleaseInput, ReleaseResult, WaveSummary, WaveDetail, PickList,
  SlotForScan, SortResult, PathStop, ShiftBoard, HandoverPending, ManifestParcel, ManifestSummary, ManifestDetail,
} from './waves';

// Every HTTP route, declared once. The core binds a handler to each name; the renderer's client
// and the OpenAPI document are derived from the same table (STYLE.md habit 1).

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  path: string; // "/api/orders/:id"
  summary: string;
  roles: readonly Role[] | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyKind?: 'json' | 'text'; // text: raw bytes (CSV), any encoding
  response: z.ZodType;
  /** binary: the handler returns a BinaryFile and the server sends its bytes as they are */
  responseKind?: 'json' | 'binary';
  /** Content types a binary response may have (for the OpenAPI document). */
  produces?: readonly string[];
  idempotent?: boolean; // takes an Idempotency-Key header
  stream?: 'sse'; // a server-sent event stream of `response` items
  tag: string;
}

const ALL: readonly Role[] = ['operator', 'lead', 'admin', 'finance', 'viewer'];
const STAFF: readonly Role[] = ['operator', 'lead', 'admin'];
const MANAGE: readonly Role[] = ['lead', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const WRITE_ORDERS: readonly Role[] = ['lead', 'admin'];

const IdParam = z.object({ id: z.string().min(1).max(80) });
const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });
const Ok = z.object({ ok: z.literal(true) });
const ReasonBody = z.object({ reason: z.string().trim().max(500).optional() });

/** What a handler of a binary route returns: bytes, their content type, a file name for downloads. */
export interface BinaryFile { bytes: Uint8Array; mime: string; filename?: string }
const BinaryFile = z.custom<BinaryFile>((v) => typeof v === 'object' && v !== null && (v as BinaryFile).bytes instanceof Uint8Array, 'a file');

export const BulkResult = z.object({
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), ok: z.literal(true), order: OrderSummary, duplicate: z.boolean() }),
      z.object({ index: z.number().int(), ok: z.literal(false), code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
    ]),
  ),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const LookupResult = z.object({
  code: z.string(),
  orders: z.array(OrderSummary),
  skus: z.array(Sku.pick({ id: true, sku: true, name: true })).describe('SKUs whose code or barcode is this code'),
  units: z.number().int().nullable().describe('Units the barcode counts (case barcodes count several)'),
});

export const Health = z.object({
  ok: z.boolean(), version: z.string(), schema: z.number().int(), uptimeS: z.number(), lastEventId: z.number().int(),
  demoBadges: z.array(z.object({ name: z.string(), role: Role, badge: z.string() })).optional().describe('Only in demo mode, for the login screen'),
});
export const SessionInfo = z.object({ user: User, token: z.string().optional() });
export const StateCounts = z.object({ counts: z.record(z.enum(ORDER_STATES), z.number().int()), lastEventId: z.number().int() });

export const routes = {
  health: { method: 'GET', path: '/api/health', summary: 'Liveness and schema version', roles: 'public', response: Health, tag: 'system' },
  openapi: { method: 'GET', path: '/api/openapi.json', summary: 'This document', roles: 'public', response: z.record(z.string(), z.unknown()), tag: 'system' },

  events: {
    method: 'GET', path: '/api/events', summary: 'Change feed (server-sent events). Each event has a growing id; reconnect with Last-Event-ID (or ?lastEventId=) to resume', roles: ALL,
    query: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }), response: ChangeEvent, stream: 'sse', tag: 'system',
  },

  login: {
    method: 'POST', path: '/api/session', summary: 'Log in with a badge code (and PIN when the shop requires one)', roles: 'public',
    body: z.object({ badge: z.string().trim().min(1).max(64), pin: z.string().max(8).optional() }), response: SessionInfo, tag: 'people',
  },
  logout: { method: 'DELETE', path: '/api/session', summary: 'Log out', roles: ALL, response: Ok, tag: 'people' },
  me: { method: 'GET', path: '/api/session', summary: 'Who am I', roles: ALL, response: SessionInfo, tag: 'people' },
  listUsers: { method: 'GET', path: '/api/users', summary: 'Users', roles: ADMIN, response: z.object({ items: z.array(User.extend({ badge: z.string() })) }), tag: 'people' },
  createUser: { method: 'POST', path: '/api/users', summary: 'Create a user with a badge code', roles: ADMIN, body: UserInput, response: User, tag: 'people' },
  createToken: {
    method: 'POST', path: '/api/tokens', summary: 'Create an API token for an integration (shown once)', roles: ADMIN,
    body: z.object({ userId: z.string(), label: z.string().trim().min(1).max(100) }), response: z.object({ id: z.string(), token: z.string() }), tag: 'people',
  },

  listOrders: {
    method: 'GET', path: '/api/orders', summary: 'Search orders by any number a person holds (order, channel, waybill, SKU, barcode), filter by state', roles: ALL,
    query: z.object({ q: z.string().trim().max(100).optional(), state: OrderState.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(100).optional() }),
    response: Page(OrderSummary), tag: 'orders',
  },
  createOrder: { method: 'POST', path: '/api/orders', summary: 'Create one order (Idempotency-Key: the same key and body return the first result; another body gives 409)', roles: WRITE_ORDERS, body: OrderInput, response: Order, idempotent: true, tag: 'orders' },
  bulkOrders: {
    method: 'POST', path: '/api/orders/bulk', summary: 'Create many orders; each succeeds or fails on its own; duplicates by (channel, externalId) are reported, not re-created', roles: WRITE_ORDERS,
    body: z.object({ orders: z.array(z.unknown()).min(1).max(10_000) }), response: BulkResult, tag: 'orders',
  },
  getOrder: { method: 'GET', path: '/api/orders/:id', summary: 'One order with lines and codes', roles: ALL, params: IdParam, response: Order, tag: 'orders' },
  orderEvents: { method: 'GET', path: '/api/orders/:id/events', summary: "An order's history: every transition with actor and reason", roles: ALL, params: IdParam, response: z.object({ items: z.array(OrderEvent) }), tag: 'orders' },
  orderAction: {
    method: 'POST', path: '/api/orders/:id/actions/:action', summary: 'Apply an action (hold, release, cancel, allocate, ...) through the state machine', roles: STAFF,
    params: z.object({ id: z.string().min(1).max(80), action: OrderAction.exclude(INTERNAL_ACTIONS) }), body: ReasonBody.extend({ expectedVersion: z.number().int().optional() }), response: Order, tag: 'orders',
  },
  stateCounts: { method: 'GET', path: '/api/orders-stats', summary: 'Orders per state', roles: ALL, response: StateCounts, tag: 'orders' },
  lookup: { method: 'GET', path: '/api/lookup/:code', summary: 'What a scanned code is: orders and SKUs that carry it', roles: ALL, params: z.object({ code: z.string().min(1).max(100) }), response: LookupResult, tag: 'orders' },

  packStart: {
    method: 'POST', path: '/api/orders/:id/pack/start', summary: 'Start (or resume at the same bench) packing an order: moves it to packing and returns what the bench needs', roles: STAFF,
    params: IdParam, body: StartPackingBody, response: PackTicket, tag: 'packing',
  },
  createParcel: {
    method: 'POST', path: '/api/orders/:id/parcels', summary: 'Label one parcel: checks items, version and weight, allocates a waybill (Idempotency-Key required: a retry returns the same parcel and waybill)', roles: STAFF,
    params: IdParam, body: CreateParcelBody, response: ParcelResult, idempotent: true, tag: 'packing',
  },
  listParcels: { method: 'GET', path: '/api/orders/:id/parcels', summary: "An order's parcels, voided ones too", roles: ALL, params: IdParam, response: z.object({ items: z.array(Parcel) }), tag: 'packing' },
  voidParcel: {
    method: 'POST', path: '/api/parcels/:id/void', summary: 'Void a parcel and its waybill (the number is never reused); a packed order goes back to packing', roles: STAFF,
    params: IdParam, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: z.object({ parcel: Parcel, order: PackOrderRef }), tag: 'packing',
  },
  reprintParcel: {
    method: 'POST', path: '/api/parcels/:id/reprint', summary: 'Label data to print a parcel again (audited: who and why)', roles: STAFF,
    params: IdParam, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: z.object({ parcel: Parcel, label: LabelPayload }), tag: 'packing',
  },
  packShort: {
    method: 'POST', path: '/api/orders/:id/pack/short', summary: 'Items are missing at the bench: the order goes to exception and a short exception is raised', roles: STAFF,
    params: IdParam, body: ShortBody, response: z.object({ order: PackOrderRef, exception: PackException }), tag: 'packing',
  },
  listExceptions: {
    method: 'GET', path: '/api/exceptions', summary: 'Exceptions for the leads: short items, weight overrides, intercepted parcels', roles: ALL,
    query: z.object({
      state: z.enum(EXCEPTION_STATES).optional(), kind: ExceptionKind.optional(), orderId: z.string().max(80).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().max(100).optional(),
    }),
    response: z.object({ items: z.array(PackException), nextCursor: z.string().nullable() }), tag: 'packing',
  },
  getException: { method: 'GET', path: '/api/exceptions/:id', summary: 'One exception', roles: ALL, params: IdParam, response: PackException, tag: 'packing' },
  resolveException: {
    method: 'POST', path: '/api/exceptions/:id/resolve', summary: 'Clear an exception: an intercept voids its parcels\' waybills; a short puts the order back to packing', roles: MANAGE,
    params: IdParam, body: ResolveExceptionBody, response: PackException, tag: 'packing',
  },
  listWeightProposals: { method: 'GET', path: '/api/weight-proposals', summary: 'Unit weights learned from parcels for SKUs that have none', roles: ALL, response: z.object({ items: z.array(WeightProposal) }), tag: 'packing' },
  acceptWeightProposal: {
    method: 'POST', path: '/api/weight-proposals/:skuId/accept', summary: "Set the SKU's unit weight from the proposal, or to the grams given (audited)", roles: MANAGE,
    params: z.object({ skuId: z.string().min(1).max(80) }), body: z.object({ grams: z.number().int().min(1).max(1_000_000).optional() }),
    response: z.object({ skuId: z.string(), sku: z.string(), unitWeightG: z.number().int() }), tag: 'packing',
  },
  rejectWeightProposal: {
    method: 'POST', path: '/api/weight-proposals/:skuId/reject', summary: 'Drop the proposal; later parcels may propose again', roles: MANAGE,
    params: z.object({ skuId: z.string().min(1).max(80) }), body: ReasonBody, response: Ok, tag: 'packing',
  },

  listSkus: {
    method: 'GET', path: '/api/skus', summary: 'Search products by SKU, barcode or name', roles: ALL,
    query: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(100).optional() }),
    response: Page(Sku), tag: 'catalog',
  },
  createSku: { method: 'POST', path: '/api/skus', summary: 'Create a product with barcodes', roles: MANAGE, body: SkuInput, response: Sku, tag: 'catalog' },
  getSku: { method: 'GET', path: '/api/skus/:id', summary: 'One product', roles: ALL, params: IdParam, response: Sku, tag: 'catalog' },
  updateSku: { method: 'PATCH', path: '/api/skus/:id', summary: 'Change a product', roles: MANAGE, params: IdParam, body: SkuInput.partial(), response: Sku, tag: 'catalog' },
  listBoxTypes: { method: 'GET', path: '/api/box-types', summary: 'Box types with tare', roles: ALL, response: z.object({ items: z.array(BoxType) }), tag: 'catalog' },
  createBoxType: { method: 'POST', path: '/api/box-types', summary: 'Create a box type', roles: MANAGE, body: BoxTypeInput, response: BoxType, tag: 'catalog' },
  listLocations: { method: 'GET', path: '/api/locations', summary: 'Bin locations in walking order', roles: ALL, response: z.object({ items: z.array(Location) }), tag: 'inventory' },
  createLocation: { method: 'POST', path: '/api/locations', summary: 'Create a bin location', roles: MANAGE, body: LocationInput, response: Location, tag: 'inventory' },

  listStock: {
    method: 'GET', path: '/api/inventory', summary: 'Stock per SKU and location; available = on hand - reserved + in transit x inbound coefficient', roles: ALL,
    query: z.object({ q: z.string().trim().max(100).optional(), belowSafety: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(StockRow) }), tag: 'inventory',
  },
  adjustStock: { method: 'POST', path: '/api/inventory/adjustments', summary: 'Receive, count or correct stock (audited)', roles: MANAGE, body: StockAdjustment, response: StockRow, tag: 'inventory' },

  getSettings: { method: 'GET', path: '/api/settings', summary: 'Shop settings', roles: ALL, response: Settings, tag: 'settings' },
  putSettings: { method: 'PUT', path: '/api/settings', summary: 'Change shop settings (audited)', roles: ADMIN, body: Settings.partial(), response: Settings, tag: 'settings' },

  listCsvMappings: { method: 'GET', path: '/api/csv-mappings', summary: 'Saved CSV column mappings', roles: MANAGE, response: z.object({ items: z.array(CsvMapping) }), tag: 'import' },
  createCsvMapping: { method: 'POST', path: '/api/csv-mappings', summary: 'Save a CSV column mapping once per export format', roles: MANAGE, body: CsvMappingInput, response: CsvMapping, tag: 'import' },
  previewCsv: {
    method: 'POST', path: '/api/imports/csv/preview', summary: 'Detect encoding and headers of a CSV file (UTF-8 or GBK) before mapping it', roles: MANAGE, body: z.string(), bodyKind: 'text',
    response: z.object({ encoding: z.string(), headers: z.array(z.string()), sample: z.array(z.array(z.string())), rows: z.number().int() }), tag: 'import',
  },
  importCsv: {
    method: 'POST', path: '/api/imports/csv', summary: 'Import orders from a CSV file with a saved mapping; rows of one order are grouped by externalId', roles: MANAGE,
    query: z.object({ mapping: z.string().min(1) }), body: z.string(), bodyKind: 'text', response: ImportReport, tag: 'import',
  },

  listLabelTemplates: {
    method: 'GET', path: '/api/labels/templates', summary: "Label templates (built-in and the shop's own labels folder) with their sizes and formats", roles: ALL,
    response: LabelTemplateList, tag: 'labels',
  },
  labelPreview: {
    method: 'GET', path: '/api/labels/templates/:name/preview', summary: 'A template rendered with its sample data, or with a real order (?order=): PNG, PDF, ZPL or TSPL', roles: ALL,
    params: z.object({ name: z.string().min(1).max(80) }), query: LabelPreviewQuery, response: BinaryFile, responseKind: 'binary',
    produces: ['image/png', 'application/pdf', 'text/plain', 'application/x-tspl'], tag: 'labels',
  },
  listWaybillRanges: {
    method: 'GET', path: '/api/waybill-ranges', summary: 'Waybill number ranges per carrier: next number, numbers left, low warning', roles: MANAGE,
    response: WaybillRanges, tag: 'shipping',
  },
  createWaybillRange: {
    method: 'POST', path: '/api/waybill-ranges', summary: 'Add a waybill number range a carrier handed the shop (overlaps are refused)', roles: ADMIN,
    body: WaybillRangeInput, response: WaybillRange, tag: 'shipping',
  },
  voidWaybill: {
    method: 'POST', path: '/api/waybills/:number/void', summary: 'Void a waybill number; it stays issued and is never handed out again', roles: MANAGE,
    params: z.object({ number: z.string().min(1).max(60) }), body: z.object({ reason: z.string().trim().min(1).max(500) }), response: Waybill, tag: 'shipping',
  },

  shiftBoard: {
    method: 'GET', path: '/api/shift-board', summary: "The lead's board: orders per carrier (pool, in waves, packing, packed) against its cut-off, parcels per bench today", roles: ALL,
    response: ShiftBoard, tag: 'waves',
  },
  orderWave: {
    method: 'GET', path: '/api/orders/:id/wave', summary: 'The wave and cart slot an order sits in (for the bench: "slot 4 of W-0012"), or null', roles: ALL,
    params: IdParam, response: z.object({ wave: z.object({ waveId: z.string(), waveNumber: z.string(), slot: z.number().int(), paused: z.boolean() }).nullable() }), tag: 'waves',
  },
  pendingHandover: {
    method: 'GET', path: '/api/manifests/pending', summary: 'End of day: labelled parcels of packed orders waiting for each carrier, with counts and total weight', roles: ALL,
    response: z.object({ items: z.array(HandoverPending) }), tag: 'waves',
  },
  pendingParcels: {
    method: 'GET', path: '/api/manifests/pending/:carrier', summary: "The parcels a handover to this carrier would list", roles: ALL,
    params: z.object({ carrier: z.string().min(1).max(32) }), response: z.object({ items: z.array(ManifestParcel) }), tag: 'waves',
  },
  handOver: {
    method: 'POST', path: '/api/manifests', summary: "Hand a carrier its waiting parcels: the manifest lists each parcel once and every order on it ships", roles: MANAGE,
    body: z.object({ carrier: z.string().trim().min(1).max(32) }), response: ManifestDetail, tag: 'waves',
  },
  listManifests: {
    method: 'GET', path: '/api/manifests', summary: 'Handover manifests, newest first', roles: ALL,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }), response: z.object({ items: z.array(ManifestSummary) }), tag: 'waves',
  },
  getManifest: { method: 'GET', path: '/api/manifests/:id', summary: 'One manifest (by id or number) with its parcels', roles: ALL, params: IdParam, response: ManifestDetail, tag: 'waves' },
  manifestPdf: {
    method: 'GET', path: '/api/manifests/:id/manifest.pdf', summary: 'The manifest as a PDF (A4) for both sides to sign', roles: ALL, params: IdParam,
    response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'waves',
  },
  listWaveRules: { method: 'GET', path: '/api/wave-rules', summary: 'Saved wave rules', roles: MANAGE, response: z.object({ items: z.array(SavedWaveRule) }), tag: 'waves' },
  createWaveRule: { method: 'POST', path: '/api/wave-rules', summary: 'Save a wave rule under a name', roles: MANAGE, body: SavedWaveRuleInput, response: SavedWaveRule, tag: 'waves' },
  updateWaveRule: { method: 'PUT', path: '/api/wave-rules/:id', summary: 'Change a saved wave rule', roles: MANAGE, params: IdParam, body: SavedWaveRuleInput, response: SavedWaveRule, tag: 'waves' },
  deleteWaveRule: { method: 'DELETE', path: '/api/wave-rules/:id', summary: 'Delete a saved wave rule', roles: MANAGE, params: IdParam, response: Ok, tag: 'waves' },
  previewWaves: {
    method: 'POST', path: '/api/waves/preview', summary: 'What releasing a rule now would do: waves with orders, units, pick lines and walking distance (changes nothing)', roles: MANAGE,
    body: z.object({ rule: WaveRule }), response: WavePreview, tag: 'waves',
  },
  releaseWaves: {
    method: 'POST', path: '/api/waves', summary: 'Release waves: each order gets a cart slot and goes in_wave; orders that no longer fit are skipped with the reason', roles: MANAGE,
    body: ReleaseInput, response: ReleaseResult, tag: 'waves',
  },
  listWaves: {
    method: 'GET', path: '/api/waves', summary: 'Waves in progress, then recent ones, with progress', roles: ALL,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }), response: z.object({ items: z.array(WaveSummary) }), tag: 'waves',
  },
  getWave: { method: 'GET', path: '/api/waves/:id', summary: 'One wave (by id or number) with its orders and slots', roles: ALL, params: IdParam, response: WaveDetail, tag: 'waves' },
  waveAction: {
    method: 'POST', path: '/api/waves/:id/actions/:action', summary: 'Pause or resume a wave, or mark its picking done (orders still in_wave become picked)', roles: MANAGE,
    params: z.object({ id: z.string().min(1).max(80), action: z.enum(['pause', 'resume', 'picking_done']) }), body: ReasonBody, response: WaveSummary, tag: 'waves',
  },
  pullWaveOrder: {
    method: 'POST', path: '/api/waves/:id/orders/:orderId/pull', summary: 'Pull an order out of its wave, back to the pool; says how many units sit in its slot', roles: MANAGE,
    params: z.object({ id: z.string().min(1).max(80), orderId: z.string().min(1).max(80) }), body: z.object({ reason: z.string().trim().min(1).max(500) }),
    response: z.object({ slot: z.number().int(), sortedUnits: z.number().int() }), tag: 'waves',
  },
  pickList: { method: 'GET', path: '/api/waves/:id/pick-list', summary: 'Pick list in walking order: lines summed by SKU and bin, with units per slot', roles: STAFF, params: IdParam, response: PickList, tag: 'waves' },
  pickListPdf: {
    method: 'GET', path: '/api/waves/:id/pick-list.pdf', summary: 'The pick list as a PDF (A4)', roles: STAFF, params: IdParam, response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'waves',
  },
  slotFor: {
    method: 'GET', path: '/api/sort/slot-for/:code', summary: 'Put wall: the slot a scanned item goes to (the next order in slot order that still needs it); reads only', roles: STAFF,
    params: z.object({ code: z.string().min(1).max(100) }), query: z.object({ waveId: z.string().max(80).optional(), benchId: z.string().max(64).optional() }),
    response: z.object({ slot: SlotForScan.nullable() }), tag: 'waves',
  },
  sortItem: {
    method: 'POST', path: '/api/sort', summary: 'Put wall: record a scanned item in its slot; the unit that completes an order makes it picked', roles: STAFF,
    body: z.object({ code: z.string().trim().min(1).max(100), waveId: z.string().max(80).optional(), benchId: z.string().max(64).optional() }), response: SortResult, tag: 'waves',
  },
  walkingOrder: { method: 'GET', path: '/api/locations/walking-order', summary: 'Every bin in walking order with its sequence (custom or from the serpentine path)', roles: ALL, response: z.object({ items: z.array(PathStop) }), tag: 'waves' },
  setLocationSequence: {
    method: 'PUT', path: '/api/locations/:code/sequence', summary: 'Set (or clear with null) the custom walking sequence of a bin', roles: MANAGE,
    params: z.object({ code: z.string().min(1).max(32) }), body: z.object({ sequence: z.number().int().min(0).max(1e9).nullable() }), response: PathStop, tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type RouteInput<K extends RouteName> = {
  params: Infer<Routes[K] extends { params: infer P } ? P : undefined>;
  query: Infer<Routes[K] extends { query: infer Q } ? Q : undefined>;
  body: Infer<Routes[K] extends { body: infer B } ? B : undefined>;
};
export type RouteOutput<K extends RouteName> = z.infer<Routes[K]['response']>;

/** Fills ":id" style parameters into a path. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(params[k] ?? ''));
}
