import { z } from 'zod';
import { trimmed } from './common';
import { ADMIN, ALL, BinaryFile, IdParam, MANAGE, Ok, STAFF, type RouteDef } from './routing';
import { matching } from './field-messages';

// People: roles, users with badge codes, sessions.

export const ROLES = ['operator', 'lead', 'admin', 'finance', 'viewer'] as const;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const BADGE_CODE = /^[\x21-\x7e]{4,64}$/;
const BadgeCode = matching(z.string().trim(), BADGE_CODE, 'badgeCode');

/** True when a scanned code has a badge code's form (so it may be one); anything else is no badge. */
export const mayBeBadge = (code: string): boolean => BADGE_CODE.test(code);
const Pin = matching(z.string(), /^\d{4,8}$/, 'pin');

/** `badge` left out: the core makes a random one (e.g. OP-3F9A12C4) and answers it once. */
export const UserInput = z.object({
  name: trimmed(100),
  role: Role,
  badge: BadgeCode.optional(),
  pin: Pin.optional(),
});

export const UserPatch = z.object({ name: trimmed(100).optional(), role: Role.optional(), active: z.boolean().optional() });

export const User = z.object({ id: z.string(), name: z.string(), role: Role, active: z.boolean() });
export type User = z.infer<typeof User>;

/** A user as the users list shows it: never the badge code (only its hash is stored). `locked`: too
 *  many wrong PINs; a lead or admin unlocks it. */
export const UserListed = User.extend({ locked: z.boolean(), hasPin: z.boolean() });
export type UserListed = z.infer<typeof UserListed>;

/** A new badge code, answered exactly once (after creation or a reset): print it, it is never shown again. */
export const UserWithBadge = User.extend({ badge: z.string().optional().describe('the badge code the core made, shown this once (only its hash is kept); a code given in the request is not repeated') });
export type UserWithBadge = z.infer<typeof UserWithBadge>;

/** A badge card to print: the person, the role, the code (a Code 128 barcode). */
export const BadgeCard = z.object({ name: trimmed(100), role: Role, badge: BadgeCode });
export type BadgeCard = z.infer<typeof BadgeCard>;

/** Every refused login gets this one answer (401), whatever was wrong: unknown or inactive badge,
 *  missing or wrong PIN, locked badge. It does not tell which badges exist. */
export const LOGIN_REFUSED = 'badge or PIN not accepted';

/** Events of the lockout: a badge locked after too many wrong PINs; a lead or admin unlocked it. */
export const USER_LOCKED = 'user.locked';
export const USER_UNLOCKED = 'user.unlocked';

/**
 * Whose badge a code scanned by a logged-in person is: theirs (`own`), another person's (`other`,
 * never whose), or no badge (`none`). The bench asks it of a code that is no order, tote, slot or
 * item, so a badge is never taken for a wrong scan nor shown.
 */
export const BadgeCheck = z.object({ badge: z.enum(['own', 'other', 'none']) });
export type BadgeCheck = z.infer<typeof BadgeCheck>;

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
  badgeCheck: {
    method: 'POST', path: '/api/session/badge',
    summary: "Whose badge a scanned code is for this session: its own, another person's, or none. Opens no session; throttled per user on counters of its own, never the login's (429 with Retry-After)",
    roles: STAFF, body: z.object({ badge: z.string().trim().min(1).max(64) }), response: BadgeCheck, tag: 'people',
  },
  listUsers: { method: 'GET', path: '/api/users', summary: 'Users (without badge codes); leads see them to unlock badges', roles: MANAGE, response: z.object({ items: z.array(UserListed) }), tag: 'people' },
  createUser: {
    method: 'POST', path: '/api/users', summary: 'Create a user; the badge code (given or made) is answered this once and stored hashed', roles: ADMIN, body: UserInput,
    response: UserWithBadge, tag: 'people',
  },
  updateUser: {
    method: 'PATCH', path: '/api/users/:id', summary: 'Change a user\'s name or role, or deactivate them (their sessions stop; audited)', roles: ADMIN, params: IdParam,
    body: UserPatch, response: UserListed, tag: 'people',
  },
  resetBadge: {
    method: 'POST', path: '/api/users/:id/badge', summary: 'Give a user a new badge code (the old one stops working); answered this once (audited)', roles: ADMIN, params: IdParam,
    response: UserWithBadge, tag: 'people',
  },
  resetPin: {
    method: 'POST', path: '/api/users/:id/pin', summary: 'Set a new PIN for a user, or none (null); unlocks the badge (audited)', roles: ADMIN, params: IdParam,
    body: z.object({ pin: Pin.nullable() }), response: UserListed, tag: 'people',
  },
  badgeCards: {
    method: 'POST', path: '/api/badge-cards', summary: 'A PDF sheet of badge cards (A4, 10 per page, Code 128) for badge codes just handed out', roles: ADMIN,
    body: z.object({ cards: z.array(BadgeCard).min(1).max(10) }), response: BinaryFile, responseKind: 'binary', produces: ['application/pdf'], tag: 'people',
  },
  unlockUser: {
    method: 'POST', path: '/api/users/:id/unlock', summary: 'Unlock a badge locked after too many wrong PINs (audited)', roles: MANAGE, params: IdParam,
    response: UserListed, tag: 'people',
  },
  createToken: {
    method: 'POST', path: '/api/tokens', summary: 'Create an API token for an integration (shown once)', roles: ADMIN,
    body: z.object({ userId: z.string(), label: z.string().trim().min(1).max(100) }), response: z.object({ id: z.string(), token: z.string() }), tag: 'people',
  },
} as const satisfies Record<string, RouteDef>;
