import { z } from 'zod';
import { Role } from './people';
import { ALL, type RouteDef } from './routing';

// The system routes: health, the OpenAPI document and the change feed.

export const ChangeEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  entity: z.string(),
  entityId: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const Health = z.object({
  ok: z.boolean(), version: z.string(), schema: z.number().int(), uptimeS: z.number(), lastEventId: z.number().int(),
  demoBadges: z.array(z.object({ name: z.string(), role: Role, badge: z.string() })).optional().describe('Only in demo mode, for the login screen'),
});

export const systemRoutes = {
  health: { method: 'GET', path: '/api/health', summary: 'Liveness and schema version', roles: 'public', response: Health, tag: 'system' },
  openapi: { method: 'GET', path: '/api/openapi.json', summary: 'This document', roles: 'public', response: z.record(z.string(), z.unknown()), tag: 'system' },
  events: {
    method: 'GET', path: '/api/events', summary: 'Change feed (server-sent events). Each event has a growing id; reconnect with Last-Event-ID (or ?lastEventId=) to resume', roles: ALL,
    query: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }), response: ChangeEvent, stream: 'sse', tag: 'system',
  },
} as const satisfies Record<string, RouteDef>;
