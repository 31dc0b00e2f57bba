import { z } from 'zod';
import { Sku } from './catalog';
import { Currency, freeText, line, minor, trimmed } from './common';
import type { Role } from './people';
import { WarehouseFilter } from './locations';
import { ALL, BinaryFile, IdParam, MANAGE, Page, ReasonBody, type RouteDef, STAFF, WRITE_ORDERS } from './routing';
import { allowedActions } from './state-machine';
import { matching, said } from './field-messages';
import { Refusal } from './errors';

// Orders: the order as the API shows it, its states and actions, search and look-up by any code.
// Weights are integer grams, money integer minor units, times UTC ISO-8601 strings (DESIGN.md "Conventions").

export const ORDER_STATES = [
  'new', 'ready', 'allocated', 'in_wave', 'picked', 'packing', 'packed', 'shipped',
  'on_hold', 'exception', 'cancelled', 'returned',
] as const;

export const OrderState = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof OrderState>;

/** Actions a person or system may take on an order; each is validated against the state machine. */
export const ORDER_ACTIONS = ['allocate', 'deallocate', 'hold', 'release', 'cancel', 'start_packing', 'mark_packed', 'ship', 'raise_exception', 'resolve_exception', 'return', 'add_to_wave', 'mark_picked', 'reopen_packing', 'remove_from_wave'] as const;

export const OrderAction = z.enum(ORDER_ACTIONS);
export type OrderAction = z.infer<typeof OrderAction>;

/**
 * The actions the generic route (POST /api/orders/:id/actions/:action) offers, and who may take
 * each. Only actions without a flow of their own: a flow checks what its step needs (items in a
 * parcel, a waybill, a manifest, a wave slot, an exception record), which the bare transition does not.
 */
export const GENERIC_ACTION_ROLES = {
  allocate: STAFF,
  deallocate: MANAGE,
  hold: MANAGE,
  release: MANAGE,
  cancel: MANAGE,
  return: MANAGE,
} as const satisfies Partial<Record<OrderAction, readonly Role[]>>;
export type GenericAction = keyof typeof GENERIC_ACTION_ROLES;
export const GENERIC_ACTIONS = Object.keys(GENERIC_ACTION_ROLES) as GenericAction[];

/** Where each other action is taken: the generic route's refusal names it. */
export const ACTION_FLOWS: Record<Exclude<OrderAction, GenericAction>, string> = {
  start_packing: 'the packing flow: scan the order at a bench (POST /api/orders/:id/pack/start)',
  mark_packed: "the packing flow: label the order's last parcel at a bench (POST /api/orders/:id/parcels)",
  reopen_packing: "the packing flow: void the order's parcel (POST /api/parcels/:id/void)",
  ship: "the carrier handover: hand the carrier its parcels on a manifest (POST /api/manifests)",
  add_to_wave: 'the waves flow: release a wave (POST /api/waves)',
  mark_picked: "the waves flow: sort its items at the put wall (POST /api/sort) or mark the wave's picking done (POST /api/waves/:id/actions/:action)",
  remove_from_wave: 'the waves flow: pull it from its wave (POST /api/waves/:id/orders/:orderId/pull)',
  raise_exception: 'the packing flow: report missing items at the bench (POST /api/orders/:id/pack/short)',
  resolve_exception: 'the exceptions queue: resolve its exception (POST /api/exceptions/:id/resolve)',
};

const roleWords = (roles: readonly Role[]) => roles.map((r) => `${/^[aeiou]/.test(r) ? 'an' : 'a'} ${r}`).join(' or ');

/** Why this role may not take this generic action, or null when it may. */
export function genericActionRefusal(action: GenericAction, role: Role): string | null {
  const roles: readonly Role[] = GENERIC_ACTION_ROLES[action];
  return roles.includes(role) ? null : `only ${roleWords(roles)} may ${action} an order`;
}

/** The generic actions this role may take on an order in this state (the Orders screen's buttons). */
export function genericActionsFor(state: OrderState, role: Role): GenericAction[] {
  return allowedActions(state).filter((a): a is GenericAction => a in GENERIC_ACTION_ROLES && genericActionRefusal(a as GenericAction, role) === null);
}

const GenericActionParam = z.enum(GENERIC_ACTIONS as [GenericAction, ...GenericAction[]], {
  error: (iss) => {
    const flow = typeof iss.input === 'string' && Object.hasOwn(ACTION_FLOWS, iss.input) ? ACTION_FLOWS[iss.input as keyof typeof ACTION_FLOWS] : null;
    return flow ? `${iss.input} is not taken here: it goes through ${flow}` : `an action this route offers: ${GENERIC_ACTIONS.join(', ')}`;
  },
});

export const Address = z.object({
  name: trimmed(100),
  phone: matching(z.string().trim(), /^[+\d][\d\s-]{4,24}$/, 'phone'),
  country: matching(z.string().trim(), /^[A-Z]{2}$/, 'country'),
  province: line(60).optional(),
  city: trimmed(60),
  district: line(60).optional(),
  address1: trimmed(200),
  address2: line(200).optional(),
  postcode: line(20).optional(),
});
export type Address = z.infer<typeof Address>;

export const OrderLineInput = z
  .object({
    sku: trimmed(64).optional().describe('Internal SKU code'),
    channelSku: trimmed(64).optional().describe("The channel's SKU; mapped to an internal SKU"),
    qty: z.number().int().min(1).max(10_000),
    unitPrice: minor.optional(),
    name: line(200).optional(),
  })
  .refine((l) => l.sku || l.channelSku, { ...said('lineNeedsSku'), path: ['sku'] });
export type OrderLineInput = z.infer<typeof OrderLineInput>;

export const OrderInput = z.object({
  channel: matching(z.string().trim(), /^[a-z0-9_-]{1,32}$/, 'channelCode'),
  externalId: trimmed(64),
  shipTo: Address,
  buyer: z.object({ name: line(100).optional(), phone: line(30).optional(), email: line(200).optional() }).optional(),
  lines: z.array(OrderLineInput).min(1).max(500),
  carrier: line(32).optional(),
  service: line(32).optional(),
  shipBy: z.iso.datetime({ offset: true }).optional(),
  priority: z.number().int().min(0).max(9).optional(),
  total: z.object({ amount: minor, currency: Currency }).optional(),
  note: freeText(1000).optional(),
  paymentRef: trimmed(64).optional().describe("The payment's own reference (WooCommerce transaction_id, a payment service's trade number): payout statements find the order by it"),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const OrderLine = z.object({
  id: z.string(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int(),
  reserved: z.number().int(),
  unitWeightG: z.number().int().nullable(),
  location: z.string().nullable(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.object({
  id: z.string(),
  number: z.string(),
  channel: z.string(),
  externalId: z.string(),
  state: OrderState,
  resumeState: OrderState.nullable(),
  shipTo: Address,
  carrier: z.string().nullable(),
  service: z.string().nullable(),
  shipBy: z.string().nullable(),
  priority: z.number().int(),
  total: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
  note: z.string().nullable(),
  lines: z.array(OrderLine),
  codes: z.array(z.object({ code: z.string(), kind: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  warehouseId: z.string().nullable().describe('the warehouse that handles it (routing, or a lead by hand)'),
});
export type Order = z.infer<typeof Order>;

export const OrderSummary = Order.pick({ id: true, number: true, channel: true, externalId: true, state: true, carrier: true, shipBy: true, createdAt: true }).extend({
  recipient: z.string(),
  city: z.string(),
  units: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  actorName: z.string().nullable().describe('the name of the user who did it; null for the system'),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

export const BulkResult = z.object({
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), ok: z.literal(true), order: OrderSummary, duplicate: z.boolean() }),
      // `message` is the refusal's after its entry's path ('orders.3: '); `key` says the words after that prefix, the issues' paths start with it
      Refusal.extend({ index: z.number().int(), ok: z.literal(false) }),
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

/** How the Orders list is sorted: by arrival, or by ship-by (orders without one last). */
export const ORDER_SORTS = ['newest', 'oldest', 'shipBy', 'shipByDesc'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** Counting the matches of a search stops here: the list says "more than 1,000" (counting further cost 100 ms and more on 1M orders). */
export const SEARCH_COUNT_CAP = 1_000;
/** An export holds at most this many orders (an .xlsx sheet holds about a million rows; a person reads far fewer). */
export const EXPORT_MAX_ORDERS = 200_000;

/** The Orders list's search, filters and sort: the list and its export read the same. */
export const OrderListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('an order, channel or waybill number, a SKU or barcode, a full phone number, or part of a name or city'),
  state: OrderState.optional(),
  channel: z.string().trim().max(32).optional(),
  carrier: z.string().trim().max(32).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('created at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('created before'),
  late: z.enum(['true', 'false']).optional().describe('only orders past their ship-by time and not shipped, cancelled or returned'),
  warehouse: z.string().trim().max(80).optional().describe('only orders of this warehouse (code or id); "all" or left out: every warehouse'),
  sort: z.enum(ORDER_SORTS).default('newest'),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

/** The columns of an order export, in both languages (the file follows the person's language). */
export const EXPORT_COLUMNS = {
  en: ['Order', 'Channel', 'Channel no.', 'State', 'Recipient', 'Phone', 'Province', 'City', 'District', 'Address', 'Address 2', 'Postcode', 'Carrier', 'Service', 'Ship by', 'Created', 'Units'],
  'zh-CN': ['订单号', '渠道', '渠道单号', '状态', '收件人', '电话', '省', '市', '区', '地址', '地址2', '邮编', '快递', '服务', '最晚发货', '创建时间', '件数'],
} as const;

export const StateCounts = z.object({ counts: z.record(z.enum(ORDER_STATES), z.number().int()), lastEventId: z.number().int() });

export const ordersRoutes = {
  listOrders: {
    method: 'GET', path: '/api/orders',
    summary: "Find orders by any number a person holds (order, channel, waybill, SKU, barcode), the customer's full phone, name or city (2 characters or more); filter, sort, page", roles: ALL,
    query: OrderListQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
    response: Page(OrderSummary).extend({ totalIsMore: z.boolean().describe('true when there are more than `total` (counting stops at SEARCH_COUNT_CAP)') }), tag: 'orders',
  },
  exportOrders: {
    method: 'GET', path: '/api/orders-export', summary: 'The list as found (same search, filters and sort) as a CSV or Excel file; phones and room numbers masked for roles that may not see them', roles: ALL,
    query: OrderListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv'), lang: z.enum(['en', 'zh-CN']).default('en') }), response: BinaryFile, responseKind: 'binary',
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], tag: 'orders',
  },
  createOrder: { method: 'POST', path: '/api/orders', summary: 'Create one order (Idempotency-Key: the same key and body return the first result; another body gives 409)', roles: WRITE_ORDERS, body: OrderInput, response: Order, idempotent: true, tag: 'orders' },
  bulkOrders: {
    method: 'POST', path: '/api/orders/bulk', summary: 'Create many orders; each succeeds or fails on its own; duplicates by (channel, externalId) are reported, not re-created', roles: WRITE_ORDERS,
    body: z.object({ orders: z.array(z.unknown()).min(1).max(10_000) }), response: BulkResult, tag: 'orders',
  },
  getOrder: { method: 'GET', path: '/api/orders/:id', summary: 'One order with lines and codes', roles: ALL, params: IdParam, response: Order, tag: 'orders' },
  orderEvents: { method: 'GET', path: '/api/orders/:id/events', summary: "An order's history: every transition with actor and reason", roles: ALL, params: IdParam, response: z.object({ items: z.array(OrderEvent) }), tag: 'orders' },
  orderAction: {
    method: 'POST', path: '/api/orders/:id/actions/:action', roles: STAFF,
    summary: `Apply an action that has no flow of its own, through the state machine: ${GENERIC_ACTIONS.map((a) => `${a} (${GENERIC_ACTION_ROLES[a].join(', ')})`).join(', ')}. Packing, shipping, waves and exceptions go through their own routes`,
    params: z.object({ id: z.string().min(1).max(80), action: GenericActionParam }), body: ReasonBody.extend({ expectedVersion: z.number().int().optional() }), response: Order, tag: 'orders',
  },
  changeShipTo: {
    method: 'PUT', path: '/api/orders/:id/ship-to', summary: 'Change the recipient or address (a phone customer): emits order.address_changed, which stops a bench holding the order; refused once it has shipped', roles: WRITE_ORDERS,
    params: IdParam, body: z.object({ shipTo: Address, reason: trimmed(500), expectedVersion: z.number().int().optional() }), response: Order, tag: 'orders',
  },
  stateCounts: { method: 'GET', path: '/api/orders-stats', summary: 'Orders per state; of one warehouse with `warehouse` (an unknown one is a 404)', roles: ALL, query: WarehouseFilter, response: StateCounts, tag: 'orders' },
  lookup: { method: 'GET', path: '/api/lookup/:code', summary: 'What a scanned code is: orders and SKUs that carry it', roles: ALL, params: z.object({ code: z.string().min(1).max(100) }), response: LookupResult, tag: 'orders' },
} as const satisfies Record<string, RouteDef>;
