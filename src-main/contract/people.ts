import { z } from 'zod';
import { trimmed } from './common';
import { ADMIN, ALL, Ok, type RouteDef } from './routing';

// People: roles, users with badge codes, sessions.

export const ROLES = ['operator', 'lead', 'admin', 'finance', 'viewer'] as const;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const UserInput = z.object({
  name: trimmed(100),
  role: Role,
  badge: z.string().trim().regex(/^[\x21-\x7e]{4,64}$/, '4 to 64 printable ASCII characters'),
  pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits').optional(),
});

export const User = z.object({ id: z.string(), name: z.string(), role: Role, active: z.boolean() });
export type User = z.infer<typeof User>;

/** `sessionId` names the session (never its token): the `session.ended` event carries it, so an open
 *  change feed or station socket of that session closes at logout. */
export const SessionInfo = z.object({ user: User, token: z.string().optional(), sessionId: z.string().optional() });

/** The event appended when a session or token ends (logout, revoke): data `{ sessionId }`. */
export const SESSION_ENDED = 'session.ended';

export const peopleRoutes = {
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
} as const satisfies Record<string, RouteDef>;
