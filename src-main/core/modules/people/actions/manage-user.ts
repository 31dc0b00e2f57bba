// An admin changes a user: name, role, active; a new badge code (shown once); a new PIN. Every change
// is audited. The shop always keeps one active admin, so nobody locks the shop out of its settings.
import type { CoreContext } from '../../../context';
import type { UserListed, UserWithBadge } from '../../../../contract/people';
import { pinRequiredFor } from '../../../../contract/settings';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings } from '../../settings/queries';
import { badgeHash, newBadgeCode } from '../credentials';
import { countActiveAdmins, liveTokenIdsOf, selectUserById, setBadgeHash, setPinHash, updateUserRow } from '../store';
import { revokeToken } from './tokens';

const listed = (ctx: CoreContext, id: string): UserListed => {
  const u = selectUserById(ctx.db, id) ?? notFound('user', id);
  return { id: u.id, name: u.name, role: u.role, active: !!u.active, locked: u.locked_at !== null, hasPin: u.pin_hash !== null };
};

export function updateUser(ctx: CoreContext, id: string, patch: { name?: string; role?: UserListed['role']; active?: boolean }, actor: Actor): UserListed {
  const was = listed(ctx, id);
  const next = { id, name: patch.name ?? was.name, role: patch.role ?? was.role, active: patch.active ?? was.active };
  const losesAdmin = was.role === 'admin' && was.active && (next.role !== 'admin' || !next.active);
  if (losesAdmin && countActiveAdmins(ctx.db) <= 1) fail('conflict', said('lastAdmin', { name: was.name }), [issue(patch.active === false ? 'active' : 'role', said('lastAdminNote'))]);
  if (next.role !== was.role && !was.hasPin && pinRequiredFor(getSettings(ctx), next.role)) {
    fail('validation', said('roleNeedsPinFirst', { role: next.role, name: was.name }), [issue('role', said('needsPin'))]);
  }
  updateUserRow(ctx.db, next);
  const type = patch.active === false && was.active ? 'user.deactivated' : patch.active === true && !was.active ? 'user.reactivated' : 'user.changed';
  appendEvent(ctx.db, ctx.clock, { type, entity: 'user', entityId: id, actor, data: { from: { name: was.name, role: was.role, active: was.active }, to: { name: next.name, role: next.role, active: next.active } } });
  // a deactivated user's sessions end now: their open change feeds and bench sockets close too
  if (type === 'user.deactivated') for (const tokenId of liveTokenIdsOf(ctx.db, id, ctx.clock.iso())) revokeToken(ctx, tokenId, actor);
  return listed(ctx, id);
}

/** A new random badge code; the old one stops working at once. The code is answered here once. */
export function resetBadge(ctx: CoreContext, id: string, actor: Actor): UserWithBadge {
  const u = listed(ctx, id);
  const badge = newBadgeCode(u.role);
  setBadgeHash(ctx.db, id, badgeHash(badge));
  appendEvent(ctx.db, ctx.clock, { type: 'user.badge_reset', entity: 'user', entityId: id, actor });
  return { id, name: u.name, role: u.role, active: u.active, badge };
}

/** `pinHash` hashed off the event loop by the caller; null removes the PIN (refused where the role needs one). */
export function resetPin(ctx: CoreContext, id: string, pinHash: string | null, actor: Actor): UserListed {
  const u = listed(ctx, id);
  if (!pinHash && pinRequiredFor(getSettings(ctx), u.role)) fail('validation', said('roleNeedsPin', { role: u.role }), [issue('pin', said('pinForRole'))]);
  setPinHash(ctx.db, id, pinHash);
  appendEvent(ctx.db, ctx.clock, { type: pinHash ? 'user.pin_reset' : 'user.pin_removed', entity: 'user', entityId: id, actor });
  return listed(ctx, id);
}
