import { prep } from '../../store/db';
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { Role, User } from '../../../contract/people';
import { fail } from '../../../lib/errors';
import { appendEvent, type Actor } from '../../store/events';
import { getSettings } from '../settings/settings';

export interface Principal extends Actor {
  role: Role;
  name: string;
  tokenId: string;
}

const SESSION_HOURS = 12;

function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

function pinMatches(stored: string, pin: string): boolean {
  const [, saltHex, hashHex] = stored.split(':');
  const got = scryptSync(pin, Buffer.from(saltHex!, 'hex'), 32);
  return timingSafeEqual(got, Buffer.from(hashHex!, 'hex'));
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUser(ctx: CoreContext, input: { name: string; role: Role; badge: string; pin?: string }, actor: Actor): User {
  if (prep(ctx.db, 'SELECT 1 FROM users WHERE badge = ?').get(input.badge)) fail('conflict', 'that badge code is already in use', [{ path: 'badge', message: 'in use' }]);
  const id = ctx.ids('user');
  prep(ctx.db, 'INSERT INTO users (id, name, role, badge, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, input.name, input.role, input.badge, input.pin ? hashPin(input.pin) : null, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'user.created', entity: 'user', entityId: id, actor, data: { role: input.role } });
  return { id, name: input.name, role: input.role, active: true };
}

export function listUsers(ctx: CoreContext) {
  const rows = prep(ctx.db, 'SELECT id, name, role, badge, active FROM users ORDER BY role, name').all() as (Omit<User, 'active'> & { badge: string; active: number })[];
  return rows.map((r) => ({ ...r, active: !!r.active }));
}

function issueToken(ctx: CoreContext, userId: string, kind: 'session' | 'api' | 'bench', label: string | null, hours: number | null) {
  const token = `pl_${randomBytes(24).toString('base64url')}`;
  const id = ctx.ids('token');
  const expires = hours ? new Date(ctx.clock.now() + hours * 3600_000).toISOString() : null;
  prep(ctx.db, 'INSERT INTO tokens (id, token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, tokenHash(token), userId, kind, label, ctx.clock.iso(), expires);
  return { id, token };
}

/** Whose badge this is, checking the PIN when the badge has one or the shop asks for one. */
export function checkBadge(ctx: CoreContext, badge: string, pin: string | undefined): { user: User } | { problem: string; path: 'badge' | 'pin'; issue: string } {
  const u = prep(ctx.db, 'SELECT id, name, role, pin_hash, active FROM users WHERE badge = ?').get(badge) as
    | { id: string; name: string; role: Role; pin_hash: string | null; active: number }
    | undefined;
  if (!u || !u.active) return { problem: 'unknown badge: scan your own badge, or ask a lead to register it', path: 'badge', issue: 'unknown' };
  if (getSettings(ctx).requirePin || u.pin_hash) {
    if (!pin) return { problem: 'this badge needs a PIN', path: 'pin', issue: 'required' };
    if (!u.pin_hash || !pinMatches(u.pin_hash, pin)) return { problem: 'wrong PIN', path: 'pin', issue: 'wrong' };
  }
  return { user: { id: u.id, name: u.name, role: u.role, active: true } };
}

/** Badge scan (and PIN when the shop asks for one) -> a session token. Wrong input says which part. */
export function login(ctx: CoreContext, badge: string, pin: string | undefined): { user: User; token: string } {
  const c = checkBadge(ctx, badge, pin);
  if ('problem' in c) return fail('unauthenticated', c.problem, c.path === 'pin' ? [{ path: 'pin', message: c.issue }] : undefined);
  const { token } = issueToken(ctx, c.user.id, 'session', null, SESSION_HOURS);
  appendEvent(ctx.db, ctx.clock, { type: 'user.login', entity: 'user', entityId: c.user.id, actor: { id: c.user.id, role: c.user.role } });
  return { user: c.user, token };
}

export function createApiToken(ctx: CoreContext, userId: string, label: string, actor: Actor, kind: 'api' | 'bench' = 'api') {
  if (!prep(ctx.db, 'SELECT 1 FROM users WHERE id = ?').get(userId)) fail('validation', `user ${userId} does not exist`, [{ path: 'userId', message: 'unknown' }]);
  const t = issueToken(ctx, userId, kind, label, null);
  appendEvent(ctx.db, ctx.clock, { type: 'token.created', entity: 'user', entityId: userId, actor, data: { tokenId: t.id, label, kind } });
  return t;
}

export function revokeToken(ctx: CoreContext, tokenId: string): void {
  prep(ctx.db, 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(ctx.clock.iso(), tokenId);
}

/** Token -> who is calling; null when unknown, revoked or expired. */
export function authenticate(ctx: CoreContext, token: string): Principal | null {
  const r = prep(ctx.db, 
      `SELECT t.id tokenId, t.expires_at, t.revoked_at, u.id, u.name, u.role, u.active FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .get(tokenHash(token)) as { tokenId: string; expires_at: string | null; revoked_at: string | null; id: string; name: string; role: Role; active: number } | undefined;
  if (!r || r.revoked_at || !r.active) return null;
  if (r.expires_at && Date.parse(r.expires_at) < ctx.clock.now()) return null;
  return { id: r.id, name: r.name, role: r.role, tokenId: r.tokenId };
}
