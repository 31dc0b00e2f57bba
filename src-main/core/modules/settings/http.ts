// Route handlers of the shop's settings.
import type { settingsRoutes } from '../../../contract/settings';
import { shopSettings } from './shop-settings';
import { putSettings } from './actions/put-settings';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import { walkingPatternProblem } from '../locations/pattern-trial';
import { patternRefused } from '../../../contract/locations';
import { fail } from '../../../lib/errors';
import { describeIssues } from '../../../contract/errors';

export const handlers: ModuleHandlers<typeof settingsRoutes> = {
  getSettings: (_i, { core }) => shopSettings(core.ctx),
  putSettings: ({ body }, env) => {
    // Timed before the write, so a slow pattern never holds the writer.
    const why = body.pickPath && walkingPatternProblem(body.pickPath.pattern);
    if (why) {
      const issues = [{ path: 'pickPath.pattern', message: patternRefused(why) }];
      fail('validation', describeIssues(issues), issues);
    }
    return env.core.writes.run(() => putSettings(env.core.ctx, body, actorOf(env)));
  },
};
