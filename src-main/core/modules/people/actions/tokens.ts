// Sessions and API tokens: badge login, tokens for integrations and benches, revoking.
import type { CoreContext } from '../../../context';
import type { Core } from '../../../core';
import { SESSION_ENDED, type User } from '../../../../contract/people';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { newToken, tokenHash } from '../credentials';
import { loginRefused, verifyBadge } from '../login-guard';
import { userMaySign } from '../queries';
import { insertToken, markTokenRevoked, userExists } from '../store';

const SESSION_HOURS = 12;

function issueToken(ctx: CoreContext, userId: string, kind: 'session' | 'api' | 'bench', label: string | null, hours: number | null) {
  const token = newToken();
  const id = ctx.ids('token');
  const expires = hours ? new Date(ctx.clock.now() + hours * 3600_000).toISOString() : null;
  insertToken(ctx.db, { id, tokenHash: tokenHash(token), userId, kind, label, createdAt: ctx.clock.iso(), expiresAt: expires });
  return { id, token };
}

/**
 * Badge scan (and PIN when the badge has one or the shop asks for one) -> a session token. The badge
 * is checked (throttled, PIN hashed off the event loop) before the write; every refusal is the same.
 */
export async function login(core: Core, badge: string, pin: string | undefined, address = 'local'): Promise<{ user: User; token: string }> {
  const user = await verifyBadge(core, { badge, pin, address, via: 'login' });
  return core.writes.run(() => startSession(core.ctx, user));
}

/** The session of a verified user; refused if the badge was locked or deactivated meanwhile. */
function startSession(ctx: CoreContext, user: User): { user: User; token: string } {
  if (!userMaySign(ctx, user.id)) throw loginRefused();
  const { token } = issueToken(ctx, user.id, 'session', null, SESSION_HOURS);
  appendEvent(ctx.db, ctx.clock, { type: 'user.login', entity: 'user', entityId: user.id, actor: { id: user.id, role: user.role } });
  return { user, token };
}

export function createApiToken(ctx: CoreContext, userId: string, label: string, actor: Actor, kind: 'api' | 'bench' = 'api') {
  if (!userExists(ctx.db, userId)) fail('validation', said('notFound', { what: 'user', id: userId }), [issue('userId', said('unknown'))]);
  const t = issueToken(ctx, userId, kind, label, null);
  appendEvent(ctx.db, ctx.clock, { type: 'token.created', entity: 'user', entityId: userId, actor, data: { tokenId: t.id, label, kind } });
  return t;
}

/** Ends a session or token; the `session.ended` event lets open streams of it close at once. */
export function revokeToken(ctx: CoreContext, tokenId: string, actor: Actor): void {
  markTokenRevoked(ctx.db, tokenId, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: SESSION_ENDED, entity: 'user', entityId: actor.id, actor, data: { sessionId: tokenId } });
}
