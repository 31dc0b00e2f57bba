// Route handlers of people: sessions (badge login), users, API tokens.
import type { peopleRoutes } from '../../../contract/people';
import { listUsers } from './queries';
import { createUser } from './actions/create-user';
import { login, createApiToken, revokeToken } from './actions/tokens';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';

const SESSION_COOKIE = (token: string, maxAge: number) => `pl_session=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;

export const handlers: ModuleHandlers<typeof peopleRoutes> = {
  login: async ({ body }, { core }) => {
    const r = await core.writes.run(() => login(core.ctx, body.badge, body.pin));
    return reply(200, r, { 'Set-Cookie': SESSION_COOKIE(r.token, 12 * 3600) });
  },
  logout: async (_i, env) => {
    const who = actorOf(env);
    await env.core.writes.run(() => revokeToken(env.core.ctx, who.tokenId, who));
    return reply(200, { ok: true }, { 'Set-Cookie': SESSION_COOKIE('', 0) });
  },
  me: (_i, env) => {
    const who = actorOf(env);
    return { user: { id: who.id, name: who.name, role: who.role, active: true }, sessionId: who.tokenId };
  },
  listUsers: (_i, { core }) => ({ items: listUsers(core.ctx) }),
  createUser: ({ body }, env) => env.core.writes.run(() => createUser(env.core.ctx, body, actorOf(env))).then((u) => reply(201, u)),
  createToken: ({ body }, env) => env.core.writes.run(() => createApiToken(env.core.ctx, body.userId, body.label, actorOf(env))).then((t) => reply(201, t)),
};
