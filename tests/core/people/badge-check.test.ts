// POST /api/session/badge: whose badge a code scanned at a bench is, for the session that scanned it
// (its own, another person's, none), on the real core, HTTP server and SQLite file. It opens no
// session, names nobody else, and is throttled per asking user on counters of its own: 60 codes
// that are not the person's own badge, then 429 with Retry-After in any of their sessions. It never
// touches the login's counters (per address, per code), so a bench's unknown codes slow nobody's
// login on a one-PC shop, and a throttled login never refuses it. Requests come from several
// loopback addresses (127.0.0.x), as from several machines.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEMO_USERS } from '../../../src-main/core/demo/seed';
import { createUser } from '../../../src-main/core/modules/people/actions/create-user';
import { startCore, count, BADGE, SYSTEM, requestFrom, type AnswerFrom, type TestServer } from '../helpers';


/** Operators of the throttle's tests, one per test so that their counts do not meet. */
const BENCH = { a: 'OP-BENCH-A', b: 'OP-BENCH-B', own: 'OP-BENCH-OWN', bench: 'OP-BENCH-30', logins: 'OP-BENCH-LOGINS' };
/** Checks a person may get answered that are not their own badge, before they wait. */
const FREE_CHECKS = 60;

let s: TestServer;
let operator = '';
beforeAll(async () => {
  s = await startCore({
    setup: (core) =>
      core.writes.runNow(() => {
        for (const badge of Object.values(BENCH)) createUser(core.ctx, { name: `Bench ${badge}`, role: 'operator', badge }, SYSTEM);
      }),
  });
  operator = await s.tokenFor('operator');
  await s.tokenFor('lead');
  await s.tokenFor('viewer');
});
afterAll(() => s.close());

const send = (method: string, path: string, from: string, body?: unknown, token?: string) =>
  requestFrom(s.url, method, path, from, body, token ? { Authorization: `Bearer ${token}` } : {});
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

  /** A session of the person with this badge, opened by a login from `from`. */
  async function sessionOf(badge: string, from = '127.0.0.1'): Promise<string> {
    const r = await login(from, badge);
    expect(r.status).toBe(200);
    return r.body.token as string;
  }
  const expectThrottled = (r: AnswerFrom) => {
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
    expect(r.body.error.message).toMatch(/^too many failed badge attempts: try again in \d+ s$/);
    expect(r.body.badge).toBeUndefined();
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(r.retryAfter)).toBeLessThanOrEqual(600);
  };

  it(`is throttled per user: after ${FREE_CHECKS} codes that are not the own badge, 429 with Retry-After, from any address`, async () => {
    const token = await sessionOf(BENCH.a);
    for (let i = 0; i < FREE_CHECKS - 2; i++) expect((await check('127.0.0.53', `GUESS-A-${1000 + i}`, token)).body).toEqual({ badge: 'none' });
    // another person's badge counts as well
    expect((await check('127.0.0.53', BADGE.lead, token)).body).toEqual({ badge: 'other' });
    expect((await check('127.0.0.53', BADGE.admin, token)).body).toEqual({ badge: 'other' });
    expectThrottled(await check('127.0.0.53', 'GUESS-A-2000', token));
    // a real badge gets the same 429: the throttle does not tell which codes are badges
    expectThrottled(await check('127.0.0.53', BADGE.finance, token));
    // it is the user who waits, not the address
    expectThrottled(await check('127.0.0.54', 'GUESS-A-2001', token));
    // once they wait, their own badge waits too: the refusal comes before the lookup, so it tells no
    // code apart (a stolen session could otherwise go on guessing its person's badge at full speed)
    expectThrottled(await check('127.0.0.53', BENCH.a, token));
  });

  it("the same user's next session is still throttled (a new login starts no new budget), and the login itself is not", async () => {
    const again = await sessionOf(BENCH.a, '127.0.0.53');
    expectThrottled(await check('127.0.0.53', 'GUESS-A-3000', again));
    expectThrottled(await check('127.0.0.55', BADGE.lead, again));
  });

  it('another user is not throttled by it, on the same address', async () => {
    const token = await sessionOf(BENCH.b, '127.0.0.53');
    expect((await check('127.0.0.53', 'GUESS-A-2000', token)).body).toEqual({ badge: 'none' });
    expect((await check('127.0.0.53', BADGE.lead, token)).body).toEqual({ badge: 'other' });
    expect((await check('127.0.0.53', BENCH.b, token)).body).toEqual({ badge: 'own' });
  });

  it('the own badge never counts: any number of own-badge checks, and the full budget stays', async () => {
    const token = await sessionOf(BENCH.own);
    for (let i = 0; i < 30; i++) expect((await check('127.0.0.56', BENCH.own, token)).body).toEqual({ badge: 'own' });
    for (let i = 0; i < FREE_CHECKS; i++) expect((await check('127.0.0.56', `GUESS-OWN-${i}`, token)).body).toEqual({ badge: 'none' });
    expectThrottled(await check('127.0.0.56', 'GUESS-OWN-X', token));
  });

  it(`${FREE_CHECKS + 10} codes that are not the own badge checked at the bench slow no login from its address, nor the login of the badge checked`, async () => {
    const from = '127.0.0.57'; // the one-PC shop: the bench and every login on the same address
    const token = await sessionOf(BENCH.bench, from);
    const answers: number[] = [];
    for (let i = 0; i < FREE_CHECKS / 2 + 5; i++) answers.push((await check(from, `DAMAGED-${i}`, token)).status);
    // a colleague's badge scanned again and again at the bench
    for (let i = 0; i < FREE_CHECKS / 2 + 5; i++) answers.push((await check(from, BADGE.lead, token)).status);
    // logins there go on at once: another person's, the colleague's whose badge was scanned, the bench's own
    expect((await login(from, BADGE.finance)).status).toBe(200);
    expect((await login(from, BADGE.lead)).status).toBe(200);
    expect((await login(from, BENCH.bench)).status).toBe(200);
    // and a code checked from there is not throttled for the login either
    expect((await login(from, 'DAMAGED-0')).status).toBe(401);
    // the bench's person alone waited, after their free checks
    expect(answers.slice(0, FREE_CHECKS).every((st) => st === 200)).toBe(true);
    expect(answers.slice(FREE_CHECKS)).toEqual(Array(10).fill(429));
  });

  it('failed logins do not throttle the check: not from their address, not for their code', async () => {
    const from = '127.0.0.58';
    for (let i = 0; i < 10; i++) expect((await login(from, `NOBODY-${i}`)).status).toBe(401);
    expect((await login(from, BADGE.finance)).status).toBe(429); // logins from there wait
    // a code guessed 8 times, from addresses that stay under their own limit, waits at login from anywhere
    for (let i = 0; i < 8; i++) expect((await login(`127.0.0.${60 + i}`, 'NOBODY-GUESSED')).status).toBe(401);
    expect((await login('127.0.0.68', 'NOBODY-GUESSED')).status).toBe(429);
    const token = await sessionOf(BENCH.logins, '127.0.0.59');
    expect((await check(from, 'NOBODY-GUESSED', token)).body).toEqual({ badge: 'none' });
    expect((await check(from, BADGE.lead, token)).body).toEqual({ badge: 'other' });
    expect((await check(from, BENCH.logins, token)).body).toEqual({ badge: 'own' });
  });
});
