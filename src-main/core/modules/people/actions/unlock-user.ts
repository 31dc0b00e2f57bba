// A lead or admin unlocks a badge that locked after too many wrong PINs (audited).
import type { CoreContext } from '../../../context';
import { USER_UNLOCKED, type UserListed } from '../../../../contract/people';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { clearPinFailures, selectUserById } from '../store';

/** Returns the stored badge hash, so the caller can forget the badge's in-memory throttle after the commit. */
export function unlockUser(ctx: CoreContext, userId: string, actor: Actor): { user: UserListed; badgeHash: string } {
  const u = selectUserById(ctx.db, userId) ?? notFound('user', userId);
  if (!u.locked_at) fail('conflict', said('badgeNotLocked', { name: u.name }), [issue('id', said('notLocked'))]);
  clearPinFailures(ctx.db, u.id);
  appendEvent(ctx.db, ctx.clock, { type: USER_UNLOCKED, entity: 'user', entityId: u.id, actor, data: { lockedAt: u.locked_at, failedPins: u.failed_pins } });
  return { user: { id: u.id, name: u.name, role: u.role, active: !!u.active, locked: false, hasPin: u.pin_hash !== null }, badgeHash: u.badge_hash };
}
