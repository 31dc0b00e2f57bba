import { z } from 'zod';
import { freeText } from './common';
import { OrderState } from './orders';
import { ALL, IdParam, MANAGE, type RouteDef } from './routing';

// Exceptions: what stops at the bench (short picks, weight overrides, parcels to intercept) for a lead to clear.

export const EXCEPTION_KINDS = ['short', 'weight_override', 'intercept', 'other'] as const;

export const ExceptionKind = z.enum(EXCEPTION_KINDS);
export type ExceptionKind = z.infer<typeof ExceptionKind>;

export const EXCEPTION_STATES = ['open', 'resolved'] as const;

export const PackException = z.object({
  id: z.string(),
  kind: ExceptionKind,
  state: z.enum(EXCEPTION_STATES),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  orderState: OrderState.nullable(),
  parcelId: z.string().nullable(),
  bench: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).describe('short: {missing}; weight_override: {expectedG, measuredG, minG, maxG, waybill}; intercept: {action, waybills, parcels}'),
  reason: z.string().nullable(),
  raisedBy: z.string(),
  createdAt: z.string(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedReason: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type PackException = z.infer<typeof PackException>;

export const ResolveExceptionBody = z.object({
  resolution: freeText(200).min(1).describe('what was done, e.g. "parcel pulled, items back on the shelf"'),
  reason: freeText(500).optional(),
  keepParcels: z.boolean().optional().describe('intercept of an order released from hold: keep its parcels and waybills instead of voiding them'),
});

export const exceptionsRoutes = {
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
} as const satisfies Record<string, RouteDef>;
