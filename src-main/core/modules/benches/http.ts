// Route handlers of benches: Settings -> Benches (list, create, change or move, a code, revoke), the
// bench PC's pairing, and the warehouse a bench works in.
import type { benchesRoutes, PairingCode } from '../../../contract/benches';
import { pairingText } from '../../../contract/benches';
import { AppError } from '../../../lib/errors';
import { actorOf, type HandlerEnv, type ModuleHandlers } from '../../http/handler-env';
import type { Core } from '../../core';
import { remoteAddress } from '../people/login-guard';
import { Throttle } from '../people/throttle';
import { createBench, newPairingCode, pairBench, revokeBench, updateBench } from './actions/pairing';
import { benchWarehouse, listBenches } from './queries';

// A code is 40 random bits valid for minutes; guessing is slowed further per address, as for badges.
const guesses = new WeakMap<Core, Throttle>();
const guessesOf = (core: Core) => guesses.get(core) ?? guesses.set(core, new Throttle({ free: 5, firstDelayMs: 5000, maxDelayMs: 5 * 60_000, forgetAfterMs: 15 * 60_000 })).get(core)!;

function codeOut(env: HandlerEnv, c: { code: string; expiresAt: string }): PairingCode {
  const fingerprint = env.lan?.fingerprint ?? null;
  // without LAN mode's addresses, the address this screen reached the core at (a bench on this PC)
  const host = env.req.headers.host;
  const coreUrls = env.lan?.urls.length ? env.lan.urls : host ? [`http://${host}`] : [];
  return { ...c, fingerprint, coreUrls, pairing: pairingText(c.code, coreUrls[0] ?? '', fingerprint) };
}

export const handlers: ModuleHandlers<typeof benchesRoutes> = {
  listBenches: (_i, { core }) => ({ items: listBenches(core.ctx) }),
  createBench: async ({ body }, env) => {
    const actor = actorOf(env);
    const out = await env.core.writes.run(() => {
      const bench = createBench(env.core.ctx, body, actor);
      return { bench, code: newPairingCode(env.core.ctx, bench.id, actor) };
    });
    return { bench: out.bench, code: codeOut(env, out.code) };
  },
  updateBench: async ({ params, body }, env) => env.core.writes.run(() => updateBench(env.core.ctx, params.id, body, actorOf(env))),
  benchWarehouse: ({ params }, { core }) => benchWarehouse(core.ctx, params.id),
  benchCode: async ({ params }, env) => codeOut(env, await env.core.writes.run(() => newPairingCode(env.core.ctx, params.id, actorOf(env)))),
  revokeBench: async ({ params }, env) => {
    const bench = await env.core.writes.run(() => revokeBench(env.core.ctx, params.id, actorOf(env)));
    env.forgetBench?.(params.id);
    return bench;
  },
  pairBench: async ({ body }, env) => {
    const throttle = guessesOf(env.core);
    const address = remoteAddress(env.req);
    const wait = throttle.waitMs(address);
    if (wait > 0) throw new AppError('rate_limited', `too many wrong pairing codes from this address: try again in ${Math.ceil(wait / 1000)} s`, [{ path: 'code', message: 'wait' }]);
    throttle.attempt(address);
    try {
      const paired = await env.core.writes.run(() => pairBench(env.core.ctx, body.code));
      throttle.succeeded(address);
      return paired;
    } catch (e) {
      throttle.failed(address);
      throw e;
    }
  },
};
