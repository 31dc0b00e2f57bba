// Logging in and out: badge (and PIN), session expiry on the injected clock, logout revokes at once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { openCore } from '../../../src-main/core/core';
import { login } from '../../../src-main/core/modules/people/actions/tokens';
import { authenticate } from '../../../src-main/core/modules/people/queries';
import { createUser } from '../../../src-main/core/modules/people/actions/create-user';
import { AppError } from '../../../src-main/lib/errors';
import { LOGIN_REFUSED } from '../../../src-main/contract/people';
import { startCore, setSettings, SYSTEM, BADGE, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore();
});
afterAll(() => s.close());

describe('sessions over HTTP', () => {
  it('a badge logs in; the token says who I am', async () => {
    const r = await s.api('POST', '/api/session', { badge: BADGE.operator });
    expect(r.status).toBe(200);
    expect(r.body.user.role).toBe('operator');
    expect(r.headers.get('set-cookie')).toMatch(/pl_session=.*HttpOnly/);
    const me = await s.api('GET', '/api/session', undefined, { Authorization: `Bearer ${r.body.token}` });
    expect(me.body.user).toMatchObject({ role: 'operator', name: expect.any(String) });
  });

  it('after logout the token no longer works, at once', async () => {
    const r = await s.api('POST', '/api/session', { badge: BADGE.lead });
    const auth = { Authorization: `Bearer ${r.body.token}` };
    expect((await s.api('GET', '/api/session', undefined, auth)).status).toBe(200);
    expect((await s.api('DELETE', '/api/session', undefined, auth)).status).toBe(200);
    const after = await s.api('GET', '/api/session', undefined, auth);
    expect(after.status).toBe(401);
    expect((await s.api('GET', '/api/orders', undefined, auth)).status).toBe(401);
  });

  it('logout records session.ended with the session id (never the token), so open streams of it can close', async () => {
    const r = await s.api('POST', '/api/session', { badge: BADGE.lead });
    const auth = { Authorization: `Bearer ${r.body.token}` };
    const { sessionId } = (await s.api('GET', '/api/session', undefined, auth)).body;
    expect(sessionId).toMatch(/^tok/);
    await s.api('DELETE', '/api/session', undefined, auth);
    const ended = s.core.feed.since(0).filter((e) => e.type === 'session.ended');
    expect(ended.at(-1)!.data).toEqual({ sessionId });
    expect(JSON.stringify(ended)).not.toContain(r.body.token);
  });

  it('the session cookie works like the bearer token', async () => {
    const r = await s.api('POST', '/api/session', { badge: BADGE.viewer });
    const me = await s.api('GET', '/api/session', undefined, { Cookie: `pl_session=${r.body.token}` });
    expect(me.body.user.role).toBe('viewer');
  });
});

describe('sessions in the domain', () => {
  function movableClock(start: string): Clock & { advance(ms: number): void } {
    let t = Date.parse(start);
    return { now: () => t, iso: () => new Date(t).toISOString(), advance: (ms) => void (t += ms) };
  }

  it('a session expires after 12 hours on the injected clock', async () => {
    const clock = movableClock('2026-11-20T08:00:00Z');
    const core = openCore({ file: ':memory:', clock, ids: sequentialIds() });
    try {
      core.writes.runNow(() => createUser(core.ctx, { name: 'Op', role: 'operator', badge: 'OP-9' }, SYSTEM));
      const { token } = await login(core, 'OP-9', undefined);
      clock.advance(11 * 3600_000);
      expect(authenticate(core.ctx, token)?.role).toBe('operator');
      clock.advance(2 * 3600_000);
      expect(authenticate(core.ctx, token)).toBeNull();
    } finally {
      core.close();
    }
  });

  it('with a PIN, a badge alone and a wrong PIN are refused with the one answer; the right PIN logs in', async () => {
    const core = openCore({ file: ':memory:', ids: sequentialIds() });
    try {
      core.writes.runNow(() => createUser(core.ctx, { name: 'Op', role: 'operator', badge: 'OP-9', pin: '4321' }, SYSTEM));
      const refused = async (pin: string | undefined) => {
        try {
          await login(core, 'OP-9', pin);
        } catch (e) {
          return { code: (e as AppError).code, message: (e as AppError).message, issues: (e as AppError).issues };
        }
        return null;
      };
      const answer = { code: 'unauthenticated', message: LOGIN_REFUSED, issues: [{ path: 'badge', message: 'not accepted' }] };
      expect(await refused(undefined)).toEqual(answer);
      expect(await refused('1111')).toEqual(answer);
      expect(await refused(undefined)).toEqual(answer);
      expect((await login(core, 'OP-9', '4321')).user.role).toBe('operator');
    } finally {
      core.close();
    }
  });

  it('requirePin refuses a badge without a PIN set', async () => {
    setSettings(s.core, { requirePin: true });
    try {
      const r = await s.api('POST', '/api/session', { badge: BADGE.finance });
      expect(r.status).toBe(401);
      expect(r.body.error).toEqual({ code: 'unauthenticated', message: LOGIN_REFUSED, issues: [{ path: 'badge', message: 'not accepted' }] });
    } finally {
      setSettings(s.core, { requirePin: false });
    }
  });
});
