// Reads of people: users (never their badge codes), who a token belongs to, how many users there are.
import type { CoreContext } from '../../context';
import type { Role, UserListed } from '../../../contract/people';
import type { Actor } from '../../store/events';
import { tokenHash } from './credentials';
import { countUsers, selectTokenPrincipal, selectUserById, selectUserNames, selectUsers } from './store';

export interface Principal extends Actor {
  role: Role;
  name: string;
  tokenId: string;
}

export function listUsers(ctx: CoreContext): UserListed[] {
  return selectUsers(ctx.db).map((r) => ({ id: r.id, name: r.name, role: r.role, active: !!r.active, locked: r.locked_at !== null, hasPin: !!r.has_pin }));
}

/** How many users exist (a new shop has none: the first admin is created at start). */
export function userCount(ctx: CoreContext): number {
  return countUsers(ctx.db);
}

/** May this user still sign now (active, not locked)? Checked again in the write that relies on it. */
export function userMaySign(ctx: CoreContext, userId: string): boolean {
  const u = selectUserById(ctx.db, userId);
  return !!u?.active && !u.locked_at;
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
