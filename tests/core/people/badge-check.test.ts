// POST /api/session/badge: whose badge a code scanned at a bench is, for the session that scanned it
// (its own, another person's, none), on the real core, HTTP server and SQLite file. It opens no
// session, names nobody else, and is throttled as a login is, on the login's own counters per
// address and per code: it is no cheaper a way to find badges than logging in. Requests come from
// several loopback addresses (127.0.0.x), as from several machines.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { DEMO_USERS } from '../../../src-main/core/demo/seed';
import { startCore, count, BADGE, type TestServer } from '../helpers';

interface Answer { status: number; body: any; text: string; retryAfter: string | undefined }

let s: TestServer;
let operator = '';
beforeAll(async () => {
  s = await startCore();
  operator = await s.tokenFor('operator');
  await s.tokenFor('lead');
  await s.tokenFor('viewer');
});
afterAll(() => s.close());

/** A request from a given loopback address (the core throttles by the address it sees). */
function send(method: string, path: string, from: string, body?: unknown, token?: string): Promise<Answer> {
  const url = new URL(s.url + path);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, localAddress: from, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode!, body: parsed, text, retryAfter: res.headers['retry-after'] as string | undefined });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
/** As the operator's session unless another token (or null: none) is given. */
const check = (from: string, badge: string, token: string | null = operator) => send('POST', '/api/session/badge', from, { badge }, token ?? undefined);
const login = (from: string, badge: string) => send('POST', '/api/session', from, { badge });
const nameOf = (badge: string) => DEMO_USERS.find((u) => u.badge === badge)!.name;

describe('whose badge a scanned code is', () => {
  it("says own for the session's own badge, other for another person's (never whose), none for a code that is no badge; it opens no session", async () => {
    const tokens = count(s.core, 'tokens');
    const events = count(s.core, 'events');
    const own = await check('127.0.0.51', BADGE.operator);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ badge: 'own' });
    expect((await check('127.0.0.51', BADGE.lead, await s.tokenFor('lead'))).body).toEqual({ badge: 'own' });

    const other = await check('127.0.0.51', BADGE.lead);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ badge: 'other' });
    expect(other.text).not.toContain(nameOf(BADGE.lead));
    expect(other.text).not.toContain(BADGE.lead);

    const none = await check('127.0.0.51', 'NO-SUCH-BADGE-9');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ badge: 'none' });

    // nothing was opened or recorded: no session, no event
    expect(count(s.core, 'tokens')).toBe(tokens);
    expect(count(s.core, 'events')).toBe(events);
  });

  it('without a session it is refused (401), and a role that only watches may not ask (403)', async () => {
    const anonymous = await check('127.0.0.52', BADGE.operator, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const ended = await s.api('POST', '/api/session', { badge: BADGE.operator });
    await s.api('DELETE', '/api/session', undefined, { Authorization: `Bearer ${ended.body.token}` });
    expect((await check('127.0.0.52', BADGE.operator, ended.body.token)).status).toBe(401);
    const viewer = await check('127.0.0.52', BADGE.lead, await s.tokenFor('viewer'));
    expect(viewer.status).toBe(403);
    expect(viewer.body.badge).toBeUndefined();
  });

  it('is throttled like a login, on the same counters: after 10 codes that are not the own badge from one address, 429 with Retry-After, for logins there too', async () => {
    const from = '127.0.0.53';
    for (let i = 0; i < 9; i++) expect((await check(from, `GUESS-${1000 + i}`)).body).toEqual({ badge: 'none' });
    // the own badge is no failure; another person's is one
    expect((await check(from, BADGE.operator)).body).toEqual({ badge: 'own' });
    expect((await check(from, BADGE.admin)).body).toEqual({ badge: 'other' });
    const throttled = await check(from, `GUESS-2000`);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('rate_limited');
    expect(throttled.body.error.message).toMatch(/^too many failed badge attempts: try again in \d+ s$/);
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(5);
    // a real badge gets the same 429: the throttle does not tell which codes are badges
    expect((await check(from, BADGE.lead)).status).toBe(429);
    // the login from that address waits as well: the check is no second budget of guesses
    expect((await login(from, BADGE.finance)).status).toBe(429);
    // another address is not slowed
    expect((await check('127.0.0.54', BADGE.lead)).body).toEqual({ badge: 'other' });
  });

  it('failed logins count against the check as well', async () => {
    const from = '127.0.0.55';
    for (let i = 0; i < 10; i++) expect((await login(from, `NOBODY-${i}`)).status).toBe(401);
    const r = await check(from, BADGE.lead);
    expect(r.status).toBe(429);
    expect(r.body.badge).toBeUndefined();
  });

  it('a code guessed too often is throttled per code, from any address, like a login', async () => {
    const code = 'GUESS-PER-CODE';
    // 8 free attempts per badge (LOCK_AFTER + 3), spread over addresses that stay under their own limit
    for (let i = 0; i < 8; i++) expect((await check(`127.0.0.${60 + i}`, code)).body).toEqual({ badge: 'none' });
    expect((await check('127.0.0.70', code)).status).toBe(429);
    expect((await login('127.0.0.71', code)).status).toBe(429);
  });
});
