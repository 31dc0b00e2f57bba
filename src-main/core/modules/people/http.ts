// Route handlers of people: sessions (badge login, whose badge a scanned code is), users, API tokens.
import type { peopleRoutes } from '../../../contract/people';
import { listUsers } from './queries';
import { createUser } from './actions/create-user';
import { unlockUser } from './actions/unlock-user';
import { resetBadge, resetPin, updateUser } from './actions/manage-user';
import { badgeCardsTemplate } from '../../../labels/badge-cards';
import { getSettings } from '../settings/queries';
import { login, createApiToken, revokeToken } from './actions/tokens';
import { hashPin } from './credentials';
import { forgetBadgeThrottle, remoteAddress, Throttled, whoseBadge } from './login-guard';
import { reply, actorOf, type ModuleHandlers, type Reply } from '../../http/handler-env';
import { toErrorResponse } from '../../http/errors';

const SESSION_COOKIE = (token: string, maxAge: number) => `pl_session=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;

/** A badge attempt the throttle refused answers 429 with Retry-After; any other refusal goes on as it is. */
async function throttledAsRetryAfter(attempt: () => Promise<Reply> | Reply): Promise<Reply> {
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof Throttled)) throw e;
    const { status, body: answer } = toErrorResponse(e);
    return reply(status, answer, { 'Retry-After': String(e.retryAfterS) });
  }
}

export const handlers: ModuleHandlers<typeof peopleRoutes> = {
  login: ({ body }, { core, req }) => throttledAsRetryAfter(async () => {
    const r = await login(core, body.badge, body.pin, remoteAddress(req));
    return reply(200, r, { 'Set-Cookie': SESSION_COOKIE(r.token, 12 * 3600) });
  }),
  logout: async (_i, env) => {
    const who = actorOf(env);
    await env.core.writes.run(() => revokeToken(env.core.ctx, who.tokenId, who));
    return reply(200, { ok: true }, { 'Set-Cookie': SESSION_COOKIE('', 0) });
  },
  me: (_i, env) => {
    const who = actorOf(env);
    return { user: { id: who.id, name: who.name, role: who.role, active: true }, sessionId: who.tokenId };
  },
  badgeCheck: ({ body }, env) => throttledAsRetryAfter(() => reply(200, { badge: whoseBadge(env.core, body.badge, actorOf(env).id) })),
  listUsers: (_i, { core }) => ({ items: listUsers(core.ctx) }),
  createUser: async ({ body }, env) => {
    const pinHash = body.pin ? await hashPin(body.pin) : undefined; // off the event loop
    const u = await env.core.writes.run(() => createUser(env.core.ctx, { name: body.name, role: body.role, badge: body.badge, pinHash }, actorOf(env)));
    return reply(201, u);
  },
  updateUser: ({ params, body }, env) => env.core.writes.run(() => updateUser(env.core.ctx, params.id, body, actorOf(env))),
  resetBadge: ({ params }, env) => env.core.writes.run(() => resetBadge(env.core.ctx, params.id, actorOf(env))),
  resetPin: async ({ params, body }, env) => {
    const pinHash = body.pin ? await hashPin(body.pin) : null; // off the event loop
    return env.core.writes.run(() => resetPin(env.core.ctx, params.id, pinHash, actorOf(env)));
  },
  badgeCards: async ({ body }, env) => {
    const template = badgeCardsTemplate(body.cards, getSettings(env.core.ctx).shopName);
    const pdf = await env.labels.renderer().render({ template, format: 'pdf' });
    return { bytes: pdf.bytes, mime: 'application/pdf', filename: 'badge-cards.pdf' };
  },
  unlockUser: async ({ params }, env) => {
    const r = await env.core.writes.run(() => unlockUser(env.core.ctx, params.id, actorOf(env)));
    forgetBadgeThrottle(env.core, r.badgeHash); // after the commit: a write job may run twice
    return r.user;
  },
  createToken: ({ body }, env) => env.core.writes.run(() => createApiToken(env.core.ctx, body.userId, body.label, actorOf(env))).then((t) => reply(201, t)),
};
