// Who is calling the station: the same session as the HTTP API, checked by asking the order core
// (`me`), so a station works against a core in this process, a utility process or another PC.
import type { CoreClient } from './core-client';
import type { Caller } from './bridge';
import { AppError } from '../lib/errors';

export interface SessionResolver {
  resolve(token: string): Promise<Caller>;
  forget(token: string): void;
  /** drops every cached answer of this session (it ended: the next call asks the core again) */
  forgetSession(sessionId: string): void;
}

/** Resolves a session token to its user; answers are kept a few seconds (every call needs one). */
export function sessionResolver(core: CoreClient, ttlMs = 5000): SessionResolver {
  const cache = new Map<string, { caller: Caller; until: number }>();
  return {
    async resolve(token) {
      const hit = cache.get(token);
      if (hit && hit.until > Date.now()) return hit.caller;
      const { user, sessionId } = await core.call('me', {}, token);
      const caller: Caller = { id: user.id, name: user.name, role: user.role, ...(sessionId ? { sessionId } : {}) };
      if (cache.size > 1000) cache.clear();
      cache.set(token, { caller, until: Date.now() + ttlMs });
      return caller;
    },
    forget: (token) => void cache.delete(token),
    forgetSession(sessionId) {
      for (const [token, hit] of cache) if (hit.caller.sessionId === sessionId) cache.delete(token);
    },
  };
}

/** The session token of an HTTP request: Authorization: Bearer, the pl_session cookie, or ?token=. */
export function tokenOfRequest(headers: Record<string, string | string[] | undefined>, url: URL): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const auth = first(headers.authorization);
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const cookie = first(headers.cookie);
  const m = cookie ? /(?:^|;\s*)pl_session=([^;]+)/.exec(cookie) : null;
  if (m?.[1]) return m[1];
  return url.searchParams.get('token') || null;
}

/** True when the core refused the token itself (as opposed to not answering). */
export const isAuthRefusal = (e: unknown) => e instanceof AppError && (e.code === 'unauthenticated' || e.code === 'forbidden');
