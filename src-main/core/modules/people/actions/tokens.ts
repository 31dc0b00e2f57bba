// Sessions and API tokens: badge login, tokens for integrations and benches, revoking.
import type { CoreContext } from '../../../context';
import { SESSION_ENDED, type User } from '../../../../contract/people';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { checkBadge } from '../queries';
import { newToken, tokenHash } from '../credentials';
import { insertToken, markTokenRevoked, userExists } from '../store';

const SESSION_HOURS = 12;

function issueToken(ctx: CoreContext, userId: string, kind: 'session' | 'api' | 'bench', label: string | null, hours: number | null) {
  const token = newToken();
  const id = ctx.ids('token');
  const expires = hours ? new Date(ctx.clock.now() + hours * 3600_000).toISOString() : null;
  insertToken(ctx.db, { id, tokenHash: tokenHash(token), userId, kind, label, createdAt: ctx.clock.iso(), expiresAt: expires });
  return { id, token };
}

/** Badge scan (and PIN when the shop asks for one) -> a session token. Wrong input says which part. */
export function login(ctx: CoreContext, badge: string, pin: string | undefined): { user: User; token: string } {
  const c = checkBadge(ctx, badge, pin);
  if ('problem' in c) return fail('unauthenticated', c.problem, c.path === 'pin' ? [{ path: 'pin', message: c.issue }] : undefined);
  const { token } = issueToken(ctx, c.user.id, 'session', null, SESSION_HOURS);
  appendEvent(ctx.db, ctx.clock, { type: 'user.login', entity: 'user', entityId: c.user.id, actor: { id: c.user.id, role: c.user.role } });
  return { user: c.user, token };
}

export function createApiToken(ctx: CoreContext, userId: string, label: string, actor: Actor, kind: 'api' | 'bench' = 'api') {
  if (!userExists(ctx.db, userId)) fail('validation', `user ${userId} does not exist`, [{ path: 'userId', message: 'unknown' }]);
  const t = issueToken(ctx, userId, kind, label, null);
  appendEvent(ctx.db, ctx.clock, { type: 'token.created', entity: 'user', entityId: userId, actor, data: { tokenId: t.id, label, kind } });
  return t;
}

/** Ends a session or token; the `session.ended` event lets open streams of it close at once. */
export function revokeToken(ctx: CoreContext, tokenId: string, actor: Actor): void {
  markTokenRevoked(ctx.db, tokenId, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: SESSION_ENDED, entity: 'user', entityId: actor.id, actor, data: { sessionId: tokenId } });
}
