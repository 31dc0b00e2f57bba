// Registering a user with a badge code (stored as its hash: it is a credential) and a PIN (scrypt).
import type { CoreContext } from '../../../context';
import type { Role, UserWithBadge } from '../../../../contract/people';
import { pinRequiredFor } from '../../../../contract/settings';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings } from '../../settings/queries';
import { badgeHash, hashPinNow, newBadgeCode } from '../credentials';
import { badgeInUse, insertUser } from '../store';

/**
 * `badge` left out: a random code is made and answered here once; only its hash is kept.
 * `pinHash`: the PIN already hashed off the event loop (the HTTP route does); a `pin` alone is hashed
 * here, for users created at start (first admin, demo seed, tests).
 */
export function createUser(ctx: CoreContext, input: { name: string; role: Role; badge?: string; pin?: string; pinHash?: string }, actor: Actor): UserWithBadge {
  const badge = input.badge ?? newBadgeCode(input.role);
  const hash = badgeHash(badge);
  if (badgeInUse(ctx.db, hash)) fail('conflict', said('badgeInUse'), [issue('badge', said('inUse'))]);
  const pinHash = input.pinHash ?? (input.pin ? hashPinNow(input.pin) : null);
  if (!pinHash && pinRequiredFor(getSettings(ctx), input.role)) fail('validation', said('roleNeedsPinNew', { role: input.role }), [issue('pin', said('pinForRole'))]);
  const id = ctx.ids('user');
  insertUser(ctx.db, { id, name: input.name, role: input.role, badgeHash: hash, pinHash, createdAt: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'user.created', entity: 'user', entityId: id, actor, data: { role: input.role } });
  // a code the caller chose is not repeated: only one the core made is answered (once)
  return { id, name: input.name, role: input.role, active: true, ...(input.badge ? {} : { badge }) };
}
