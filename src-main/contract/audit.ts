import { z } from 'zod';
import type { Role } from './people';
import { BinaryFile, type RouteDef } from './routing';

// The audit log: who did what, when and why across the shop, read from the core's append-only
// event log. Leads and admins read it; finance may read it too.

export const AUDIT_READERS: readonly Role[] = ['lead', 'admin', 'finance'];

/** Kinds a person filters by: an event type, or every type under a prefix ("order" = order.*). */
export const AUDIT_KINDS = [
  'order', 'order.created', 'order.address_changed', 'order.cancel', 'order.hold', 'order.release', 'parcel', 'waybill', 'wave', 'exception',
  'import', 'stock', 'sku', 'user', 'settings', 'manifest',
] as const;

export const AuditQuery = z.object({
  actor: z.string().trim().max(80).optional().describe('a user id'),
  order: z.string().trim().max(80).optional().describe('an order id or number'),
  kind: z.string().trim().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'an event type such as order.cancel, or a prefix such as order').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** what people call the entity: an order's number (PL...) */
  label: z.string().nullable(),
  actor: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  /** the event's data, without personal data or credentials */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditRoutes = {
  auditLog: {
    method: 'GET', path: '/api/audit', summary: 'The audit log, newest first: filter by person, order, kind and time', roles: AUDIT_READERS,
    query: AuditQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.coerce.number().int().min(1).optional() }),
    response: z.object({ items: z.array(AuditEntry), nextCursor: z.number().int().nullable() }), tag: 'audit',
  },
  auditPeople: {
    method: 'GET', path: '/api/audit/people', summary: 'The people an audit log can be filtered by', roles: AUDIT_READERS,
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }), tag: 'audit',
  },
  auditExport: {
    method: 'GET', path: '/api/audit/export', summary: 'The filtered audit log as a file (CSV or .xlsx), newest first, at most 100,000 entries', roles: AUDIT_READERS,
    query: AuditQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }), response: BinaryFile, responseKind: 'binary',
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], tag: 'audit',
  },
} as const satisfies Record<string, RouteDef>;
