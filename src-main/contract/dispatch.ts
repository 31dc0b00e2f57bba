import { z } from 'zod';
import { trimmed } from './common';
import { ALL, IdParam, MANAGE, type RouteDef } from './routing';
import { matching } from './field-messages';

// Dispatch: which warehouse handles each order. Region rules (province and city lists), the
// warehouses' priority list, stock; a short warehouse gives a transfer suggestion, never a refusal.

const place = matching(z.string().trim().min(1).max(40), /^[^,，;；\n]+$/, 'place');

export const RoutingRuleInput = z.object({
  name: trimmed(100),
  warehouse: z.string().trim().min(1).max(80).describe('warehouse code or id'),
  provinces: z.array(place).max(40).default([]).describe('四川, 重庆 ... (省/市/自治区 may be left off)'),
  cities: z.array(place).max(200).default([]),
  active: z.boolean().default(true),
});

export const RoutingRule = z.object({
  id: z.string(), position: z.number().int(), name: z.string(), warehouseId: z.string(), warehouse: z.string().describe('its code'),
  provinces: z.array(z.string()), cities: z.array(z.string()), active: z.boolean(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const Routing = z.object({
  enabled: z.boolean().describe('off: every order goes to the default warehouse'),
  split: z.boolean().describe('an order no single warehouse can fill is split into one shipment per warehouse (off: it goes whole to the warehouse with the most units, with a transfer suggestion)'),
  priority: z.array(z.string()).describe('warehouse ids, first tried first (active warehouses left out come after, by code)'),
  rules: z.array(RoutingRule).describe('in order: the first rule matching the destination names the region\'s warehouse'),
});
export type Routing = z.infer<typeof Routing>;

export const RoutingInput = z.object({
  enabled: z.boolean(),
  split: z.boolean().default(false).describe('split an order no single warehouse can fill, one shipment per warehouse'),
  priority: z.array(z.string().trim().min(1).max(80)).max(50).describe('warehouse codes or ids'),
  rules: z.array(RoutingRuleInput).max(100),
});

export const ROUTE_REASONS = ['region', 'priority', 'stock', 'short', 'default', 'manual'] as const;

export const TransferSuggestion = z.object({
  orderId: z.string(), number: z.string(), state: z.string(),
  sku: z.string(), name: z.string(), qty: z.number().int(),
  from: z.string().nullable().describe('warehouse code the units could come from; null: no warehouse has them'),
  to: z.string().describe('warehouse code of the order'),
  createdAt: z.string(),
});
export type TransferSuggestion = z.infer<typeof TransferSuggestion>;

export const SplitShipment = z.object({
  orderId: z.string(), number: z.string(), state: z.string(), warehouseId: z.string().nullable(), warehouse: z.string().nullable().describe('its code'),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), qty: z.number().int() })),
});
export type SplitShipment = z.infer<typeof SplitShipment>;

export const OrderRouting = z.object({
  warehouseId: z.string().nullable(), warehouse: z.string().nullable().describe('its code'),
  transfers: z.array(TransferSuggestion),
  manual: z.boolean().describe('a lead chose the warehouse by hand: an address change does not route it again'),
  splitOf: z.object({ orderId: z.string(), number: z.string() }).nullable().describe('this order is one shipment of a split order (the channel\'s order)'),
  shipments: z.array(SplitShipment).describe('a split order\'s shipments, one per warehouse, the channel\'s order first (empty: not split)'),
});
export type OrderRouting = z.infer<typeof OrderRouting>;

export const RouteOrderBody = z.object({
  warehouse: z.string().trim().min(1).max(80).optional().describe('send the order here (a lead re-routing by hand: kept when its address changes, until cleared); left out: run the routing again'),
  clearManual: z.boolean().default(false).describe('give an order routed by hand back to the routing (audited: order.route_manual_cleared), then route it again'),
  reason: trimmed(500),
});

export const dispatchRoutes = {
  getRouting: { method: 'GET', path: '/api/routing', summary: 'The routing: on or off, the warehouses\' priority list and the region rules in order', roles: ALL, response: Routing, tag: 'orders' },
  setRouting: {
    method: 'PUT', path: '/api/routing', summary: 'Replace the routing (rules in the order given); applies to orders that arrive or change from now on', roles: MANAGE,
    body: RoutingInput, response: Routing, tag: 'orders',
  },
  listTransfers: {
    method: 'GET', path: '/api/routing/transfers', summary: 'Transfer suggestions of open orders (not shipped, cancelled or returned), newest first', roles: ALL,
    query: z.object({ warehouse: z.string().trim().max(80).optional().describe('orders of this warehouse (code or id)') }),
    response: z.object({ items: z.array(TransferSuggestion) }), tag: 'orders',
  },
  orderRouting: { method: 'GET', path: '/api/orders/:id/routing', summary: "An order's warehouse and its transfer suggestions", roles: ALL, params: IdParam, response: OrderRouting, tag: 'orders' },
  routeOrder: {
    method: 'POST', path: '/api/orders/:id/warehouse', summary: 'Re-route an order: to the warehouse given (by hand), or by the routing again; audited (order.warehouse_assigned). Not once it is in a wave', roles: MANAGE,
    params: IdParam, body: RouteOrderBody, response: OrderRouting, tag: 'orders',
  },
} as const satisfies Record<string, RouteDef>;
