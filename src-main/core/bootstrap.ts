import { randomBytes } from 'node:crypto';
import type { Core } from './core';
import { createUser } from './modules/people/actions/create-user';
import { userCount } from './modules/people/queries';

/** A shop nobody has used yet: no users (the demo seeds only such a shop). */
export const isNewShop = (core: Core) => userCount(core.ctx) === 0;

/**
 * A new shop has no users, and every request needs one: create the first admin with a random badge
 * code and hand it back for the person starting the server to read. Returns null when users exist.
 */
export function ensureFirstAdmin(core: Core): { badge: string } | null {
  if (!isNewShop(core)) return null;
  const badge = `AD-${randomBytes(4).toString('hex').toUpperCase()}`;
  core.writes.runNow(() => createUser(core.ctx, { name: 'Admin', role: 'admin', badge }, { id: 'system:bootstrap', role: 'admin' }));
  return { badge };
}
