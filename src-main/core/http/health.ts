// The system route the server answers from its own state: liveness, schema version, the feed's position.
import type { HandlerEnv } from './handler-env';

export function health(env: HandlerEnv) {
  const { core, version, demoBadges } = env;
  return {
    ok: true, version, schema: core.schema, uptimeS: Math.round((Date.now() - core.startedAt) / 1000), lastEventId: core.feed.lastId(),
    ...(demoBadges ? { demoBadges } : {}),
  };
}
