// Registering a user with a badge code (stored as its hash: it is a credential) and a PIN (scrypt).
import type { CoreContext } from '../../../context';
import type { Role, User } from '../../../../contract/people';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { badgeHash, hashPinNow } from '../credentials';
import { badgeInUse, insertUser } from '../store';

/**
 * `pinHash`: the PIN already hashed off the event loop (the HTTP route does); a `pin` alone is hashed
 * here, for users created at start (first admin, demo seed, tests).
 */
export function createUser(ctx: CoreContext, input: { name: string; role: Role; badge: string; pin?: string; pinHash?: string }, actor: Actor): User {
  const hash = badgeHash(input.badge);
  if (badgeInUse(ctx.db, hash)) fail('conflict', 'that badge code is already in use', [{ path: 'badge', message: 'in use' }]);
  const id = ctx.ids('user');
  const pinHash = input.pinHash ?? (input.pin ? hashPinNow(input.pin) : null);
  insertUser(ctx.db, { id, name: input.name, role: input.role, badgeHash: hash, pinHash, createdAt: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'user.created', entity: 'user', entityId: id, actor, data: { role: input.role } });
  return { id, name: input.name, role: input.role, active: true };
}
