// Reads of people: users, whose badge this is, who a token belongs to, how many users there are.
import type { CoreContext } from '../../context';
import type { Role, User } from '../../../contract/people';
import type { Actor } from '../../store/events';
import { getSettings } from '../settings/queries';
import { pinMatches, tokenHash } from './credentials';
import { countUsers, selectTokenPrincipal, selectUserByBadge, selectUserNames, selectUsers } from './store';

export interface Principal extends Actor {
  role: Role;
  name: string;
  tokenId: string;
}

export function listUsers(ctx: CoreContext) {
  return selectUsers(ctx.db).map((r) => ({ ...r, active: !!r.active }));
}

/** How many users exist (a new shop has none: the first admin is created at start). */
export function userCount(ctx: CoreContext): number {
  return countUsers(ctx.db);
}

/** Whose badge this is, checking the PIN when the badge has one or the shop asks for one. */
export function checkBadge(ctx: CoreContext, badge: string, pin: string | undefined): { user: User } | { problem: string; path: 'badge' | 'pin'; issue: string } {
  const u = selectUserByBadge(ctx.db, badge);
  if (!u || !u.active) return { problem: 'unknown badge: scan your own badge, or ask a lead to register it', path: 'badge', issue: 'unknown' };
  if (getSettings(ctx).requirePin || u.pin_hash) {
    if (!pin) return { problem: 'this badge needs a PIN', path: 'pin', issue: 'required' };
    if (!u.pin_hash || !pinMatches(u.pin_hash, pin)) return { problem: 'wrong PIN', path: 'pin', issue: 'wrong' };
  }
  return { user: { id: u.id, name: u.name, role: u.role, active: true } };
}

/** Token -> who is calling; null when unknown, revoked or expired. */
export function authenticate(ctx: CoreContext, token: string): Principal | null {
  const r = selectTokenPrincipal(ctx.db, tokenHash(token));
  if (!r || r.revoked_at || !r.active) return null;
  if (r.expires_at && Date.parse(r.expires_at) < ctx.clock.now()) return null;
  return { id: r.id, name: r.name, role: r.role, tokenId: r.tokenId };
}

/** id -> name of the users among these ids (others, e.g. "system", are not users). */
export function userNames(ctx: CoreContext, ids: Iterable<string>): Map<string, string> {
  return new Map(selectUserNames(ctx.db, [...new Set(ids)]).map((u) => [u.id, u.name]));
}
