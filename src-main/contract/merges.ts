import { z } from 'zod';
import { ALL, IdParam, MANAGE, type RouteDef } from './routing';
import { matching } from './field-messages';

// Merging: orders of one buyer to one address, not yet in a wave, ship as one parcel when the shop
// allows it (off by default). The packer sees both orders' lines on one ticket, one label; the
// write-back tells each platform its own order with the parcel's waybill.

export const MergeSettings = z.object({
  enabled: z.boolean().describe('orders of the same buyer to the same address merge into one parcel at the bench'),
  channels: z.array(matching(z.string().trim(), /^[a-z0-9_-]{1,32}$/, 'mergeChannel')).max(50).default([]).describe('only orders of these channels merge; empty: every channel'),
});
export type MergeSettings = z.infer<typeof MergeSettings>;

export const MergedOrder = z.object({
  id: z.string(), number: z.string(), channel: z.string(), externalId: z.string(), state: z.string(),
  units: z.number().int().describe('units on its lines'),
});
export type MergedOrder = z.infer<typeof MergedOrder>;

export const MergedShipment = z.object({
  hostOrderId: z.string().describe('the order the parcel is packed and labelled under (the one scanned at the bench)'),
  state: z.enum(['planned', 'packing', 'labelled']).describe('planned: will merge when one of them is scanned at a bench'),
  by: z.enum(['platform', 'address']).describe("the platform's merge key, or the buyer's phone and full address (normalised)"),
  warehouseId: z.string().nullable(),
  orders: z.array(MergedOrder).min(2),
});
export type MergedShipment = z.infer<typeof MergedShipment>;

export const mergesRoutes = {
  mergeSettings: { method: 'GET', path: '/api/merges/settings', summary: 'Whether orders of one buyer to one address merge into one parcel', roles: ALL, response: MergeSettings, tag: 'merges' },
  putMergeSettings: { method: 'PUT', path: '/api/merges/settings', summary: 'Allow or stop merging (audited)', roles: MANAGE, body: MergeSettings, response: MergeSettings, tag: 'merges' },
  listMerges: {
    method: 'GET', path: '/api/merges', summary: 'Merged shipments now: planned (ready to merge at the bench), packing and labelled', roles: ALL,
    response: z.object({ items: z.array(MergedShipment) }), tag: 'merges',
  },
  orderMerge: {
    method: 'GET', path: '/api/orders/:id/merge', summary: 'The merged shipment an order is (or will be) part of, or null', roles: ALL, params: IdParam,
    response: z.object({ orderId: z.string(), shipment: MergedShipment.nullable() }), tag: 'merges',
  },
} as const satisfies Record<string, RouteDef>;
