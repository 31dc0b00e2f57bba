import type { Core } from './core';
import { createUser } from './modules/people/actions/create-user';
import { userCount } from './modules/people/queries';
import { putSettings } from './modules/settings/actions/put-settings';

/** A shop nobody has used yet: no users (the demo seeds only such a shop). */
export const isNewShop = (core: Core) => userCount(core.ctx) === 0;

/**
 * A new shop has no users, and every request needs one: create the first admin with a random badge
 * code and hand it back for the person starting the server to read, and open the first-run setup.
 * Returns null when users exist.
 */
export function ensureFirstAdmin(core: Core): { badge: string } | null {
  if (!isNewShop(core)) return null;
  const system = { id: 'system:bootstrap', role: 'admin' };
  return core.writes.runNow(() => {
    const badge = createUser(core.ctx, { name: 'Admin', role: 'admin' }, system).badge!;
    // the admin lands on the first-run setup until it is done
    putSettings(core.ctx, { setup: { open: true, done: [] } }, system);
    return { badge };
  });
}
