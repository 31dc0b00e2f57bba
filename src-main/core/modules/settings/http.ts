// Route handlers of the shop's settings.
import type { settingsRoutes } from '../../../contract/settings';
import { getSettings } from './queries';
import { putSettings } from './actions/put-settings';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof settingsRoutes> = {
  getSettings: (_i, { core }) => getSettings(core.ctx),
  putSettings: ({ body }, env) => env.core.writes.run(() => putSettings(env.core.ctx, body, actorOf(env))),
};
