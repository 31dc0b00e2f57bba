// Registering a user with a badge code (and a PIN, stored hashed).
import type { CoreContext } from '../../../context';
import type { Role, User } from '../../../../contract/people';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { hashPin } from '../credentials';
import { badgeInUse, insertUser } from '../store';

export function createUser(ctx: CoreContext, input: { name: string; role: Role; badge: string; pin?: string }, actor: Actor): User {
  if (badgeInUse(ctx.db, input.badge)) fail('conflict', 'that badge code is already in use', [{ path: 'badge', message: 'in use' }]);
  const id = ctx.ids('user');
  insertUser(ctx.db, { id, name: input.name, role: input.role, badge: input.badge, pinHash: input.pin ? hashPin(input.pin) : null, createdAt: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'user.created', entity: 'user', entityId: id, actor, data: { role: input.role } });
  return { id, name: input.name, role: input.role, active: true };
}
