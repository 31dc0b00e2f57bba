import { randomBytes } from 'node:crypto';
import type { Core } from './core';
import { createUser } from './modules/people/actions/create-user';

/**
 * A new shop has no users, and every request needs one: create the first admin with a random badge
 * code and hand it back for the person starting the server to read. Returns null when users exist.
 */
export function ensureFirstAdmin(core: Core): { badge: string } | null {
  const n = core.db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
  if (n > 0) return null;
  const badge = `AD-${randomBytes(4).toString('hex').toUpperCase()}`;
  core.writes.runNow(() => createUser(core.ctx, { name: 'Admin', role: 'admin', badge }, { id: 'system:bootstrap', role: 'admin' }));
  return { badge };
}
