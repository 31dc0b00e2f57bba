// Sessions and login under attack, on the real core, HTTP server and SQLite file: badge guessing is
// throttled per address (429 + Retry-After, before any hashing), every refused login gets the same
// answer, wrong PINs lock a badge until a lead unlocks it (audited), badge codes are stored only as
// hashes and never sent back, and PIN hashing does not stall the core while it is attacked.
// Requests come from several loopback addresses (127.0.0.x), as from several machines.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { LOGIN_REFUSED } from '../../src-main/contract/people';
import { createUser } from '../../src-main/core/modules/people/actions/create-user';
import { hashPinNow } from '../../src-main/core/modules/people/credentials';
import { DEMO_USERS } from '../../src-main/core/demo/seed';
import { startCore, count, SYSTEM, BADGE, requestFrom, type TestServer } from '../core/helpers';
import { startPackShop, newOrder, start, type PackShop } from '../core/packing/fixture';

const REFUSED = { error: { code: 'unauthenticated', message: LOGIN_REFUSED, issues: [{ path: 'badge', message: 'not accepted' }] } };
const ATTACKED = 25; // PIN badges for the health check: 8 attempts each stay under the per-badge throttle


let s: TestServer;
let pinLead = '';
beforeAll(async () => {
  s = await startCore({
    setup: (core) =>
      core.writes.runNow(() => {
        pinLead = createUser(core.ctx, { name: 'Pin Lead', role: 'lead', badge: 'LD-PIN-1', pin: '2468' }, SYSTEM).id;
        createUser(core.ctx, { name: 'Pin Op', role: 'operator', badge: 'OP-PIN-1', pin: '1357' }, SYSTEM);
        createUser(core.ctx, { name: 'Pin Op 2', role: 'operator', badge: 'OP-PIN-2', pin: '1357' }, SYSTEM);
        createUser(core.ctx, { name: 'Pin Op 3', role: 'operator', badge: 'OP-PIN-3', pin: '1357' }, SYSTEM);
        const gone = createUser(core.ctx, { name: 'Gone', role: 'operator', badge: 'OP-GONE-1' }, SYSTEM).id;
        core.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(gone);
        const pinHash = hashPinNow('9999');
        for (let i = 0; i < ATTACKED; i++) createUser(core.ctx, { name: `Target ${i}`, role: 'operator', badge: `ATK-${i}`, pinHash }, SYSTEM);
      }),
  });
  // sessions for every role up front, so their logins are not counted as changes in the tests
  for (const role of ['operator', 'lead', 'admin', 'finance', 'viewer'] as const) await s.tokenFor(role);
});
afterAll(() => s.close());

const send = (method: string, path: string, from: string, body?: unknown, headers: Record<string, string> = {}) => requestFrom(s.url, method, path, from, body, headers);
const login = (from: string, badge: string, pin?: string) => send('POST', '/api/session', from, pin === undefined ? { badge } : { badge, pin });

const lockState = (id: string) => s.core.db.prepare('SELECT locked_at, failed_pins FROM users WHERE id = ?').get(id) as { locked_at: string | null; failed_pins: number };
const userIdOf = (name: string) => s.core.db.prepare('SELECT id FROM users WHERE name = ?').pluck().get(name) as string;
const eventsOf = (type: string, userId: string) => s.core.feed.since(0).filter((e) => e.type === type && e.entityId === userId);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('badge guessing', () => {
  it('from one address is refused with 429 rate_limited and Retry-After after 10 tries, before any hashing; a real badge is refused too and nothing is written', async () => {
    const from = '127.0.0.11';
    const checked: number[] = []; // how long a refusal takes when the PIN is hashed (for the end)
    for (let i = 0; i < 3; i++) checked.push((await login('127.0.0.12', 'OP-PIN-3', '0000')).ms);
    const tokens = count(s.core, 'tokens');
    const events = count(s.core, 'events');
    for (let i = 0; i < 10; i++) {
      const r = await login(from, `OP-${1100 + i}`);
      expect(r.status).toBe(401);
      expect(r.body).toEqual(REFUSED);
    }
    const throttled = await login(from, 'OP-1200');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('rate_limited');
    expect(throttled.body.error.message).toMatch(/^too many failed badge attempts: try again in \d+ s$/);
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(5);
    // a badge that exists gets the same 429: the throttle does not tell which badges exist
    const real = await login(from, BADGE.operator);
    expect(real.status).toBe(429);
    expect(count(s.core, 'tokens')).toBe(tokens);
    expect(count(s.core, 'events')).toBe(events);

    // refused before the PIN is hashed: a throttled attempt answers far faster than a checked one
    const refusedEarly: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await login(from, 'OP-PIN-3', '0000');
      expect(r.status).toBe(429);
      refusedEarly.push(r.ms);
    }
    expect(median(refusedEarly)).toBeLessThan(median(checked) / 2);
    expect(lockState(userIdOf('Pin Op 3')).failed_pins).toBe(3); // the throttled ones were not counted

    // another address is not slowed, and a good login there is answered at once
    const other = await login('127.0.0.13', BADGE.operator);
    expect(other.status).toBe(200);
  });

  it('every refusal is the same answer: unknown badge, inactive badge, missing PIN, wrong PIN, locked badge; and takes as long', async () => {
    // lock OP-PIN-2 first (5 wrong PINs), from its own address
    for (let i = 0; i < 5; i++) expect((await login('127.0.0.21', 'OP-PIN-2', `000${i}`)).status).toBe(401);
    const from = '127.0.0.22';
    const answers = {
      unknown: await login(from, 'NOBODY-77'),
      unknownWithPin: await login(from, 'NOBODY-78', '1357'),
      inactive: await login(from, 'OP-GONE-1'),
      missingPin: await login(from, 'OP-PIN-1'),
      wrongPin: await login(from, 'OP-PIN-1', '9999'),
      lockedRightPin: await login(from, 'OP-PIN-2', '1357'),
    };
    for (const [what, r] of Object.entries(answers)) {
      expect(r.status, what).toBe(401);
      expect(r.text, what).toBe(answers.unknown.text);
    }
    expect(answers.unknown.body).toEqual(REFUSED);

    // timing: an unknown badge costs the same scrypt as a wrong PIN (a dummy hash)
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push((await login('127.0.0.23', `NOBODY-${i}`, '1111')).ms);
      wrong.push((await login('127.0.0.24', 'OP-PIN-1', `111${i}`)).ms);
    }
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
  });
});

describe('lockout', () => {
  it('5 wrong PINs lock the badge (user.locked); then the right PIN is refused with the same answer', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login('127.0.0.31', 'LD-PIN-1', `100${i}`);
      expect(r.status).toBe(401);
      expect(r.body).toEqual(REFUSED);
    }
    expect(lockState(pinLead)).toEqual({ locked_at: expect.any(String), failed_pins: 5 });
    expect(eventsOf('user.locked', pinLead)).toEqual([expect.objectContaining({ data: expect.objectContaining({ failedPins: 5, via: 'login' }) })]);
    const tokens = count(s.core, 'tokens');
    const right = await login('127.0.0.32', 'LD-PIN-1', '2468');
    expect(right.status).toBe(401);
    expect(right.body).toEqual(REFUSED);
    expect(count(s.core, 'tokens')).toBe(tokens);
    // the users list shows it locked, to leads as well
    const list = await s.as('lead', 'GET', '/api/users');
    expect(list.body.items.find((u: { id: string }) => u.id === pinLead)).toMatchObject({ locked: true });
  });

  it('an operator (or viewer, finance) cannot unlock it: 403, nothing changes', async () => {
    const before = { lock: lockState(pinLead), events: count(s.core, 'events') };
    for (const role of ['operator', 'viewer', 'finance'] as const) {
      const r = await s.as(role, 'POST', `/api/users/${pinLead}/unlock`);
      expect(r.status, role).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect({ lock: lockState(pinLead), events: count(s.core, 'events') }).toEqual(before);
    expect((await login('127.0.0.33', 'LD-PIN-1', '2468')).status).toBe(401);
  });

  it('a lead unlocks it (user.unlocked with the lead as actor), then the right PIN logs in; unlocking again or an unknown user is refused', async () => {
    const leadId = userIdOf(DEMO_USERS.find((u) => u.role === 'lead')!.name);
    const r = await s.as('lead', 'POST', `/api/users/${pinLead}/unlock`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: pinLead, name: 'Pin Lead', role: 'lead', active: true, locked: false, hasPin: true });
    expect(lockState(pinLead)).toEqual({ locked_at: null, failed_pins: 0 });
    expect(eventsOf('user.unlocked', pinLead)).toEqual([expect.objectContaining({ actor: leadId })]);
    const ok = await login('127.0.0.31', 'LD-PIN-1', '2468');
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ id: pinLead, role: 'lead' });

    const events = count(s.core, 'events');
    const again = await s.as('lead', 'POST', `/api/users/${pinLead}/unlock`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('the badge of Pin Lead is not locked');
    const unknown = await s.as('admin', 'POST', '/api/users/usr_nobody/unlock');
    expect(unknown.status).toBe(404);
    expect(count(s.core, 'events')).toBe(events);
  });
});

describe('badge codes are credentials', () => {
  const codes = [...DEMO_USERS.map((u) => u.badge), 'LD-PIN-1', 'OP-PIN-1', 'OP-GONE-1', 'ADM-NEW-42'];

  it('a new user gets its code stored hashed; GET /api/users shows no code; the database holds none', async () => {
    const created = await s.as('admin', 'POST', '/api/users', { name: 'New Admin', role: 'admin', badge: 'ADM-NEW-42', pin: '4242' });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('ADM-NEW-42');
    expect((await login('127.0.0.41', 'ADM-NEW-42', '4242')).status).toBe(200);

    for (const role of ['admin', 'lead'] as const) {
      const list = await s.as(role, 'GET', '/api/users');
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(6);
      for (const u of list.body.items) expect(Object.keys(u).sort()).toEqual(['active', 'hasPin', 'id', 'locked', 'name', 'role']);
      for (const c of codes) expect(list.text).not.toContain(c);
    }
    expect((await s.as('operator', 'GET', '/api/users')).status).toBe(403);

    const columns = (s.core.db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('badge');
    const rows = JSON.stringify(s.core.db.prepare('SELECT * FROM users').all());
    const events = JSON.stringify(s.core.db.prepare('SELECT * FROM events').all());
    for (const c of codes) {
      expect(rows).not.toContain(c);
      expect(events).not.toContain(c);
    }
    // nor anywhere in the database file and its WAL
    s.core.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = [s.file, `${s.file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    for (const c of codes) expect(bytes).not.toContain(c);
  });
});

describe('a lead override at the bench is a badge check like a login', () => {
  let shop: PackShop;
  beforeAll(async () => {
    shop = await startPackShop();
  });
  afterAll(() => shop.s.close());

  it('wrong PINs get the one refusal and lock the lead badge; once a lead unlocks it, the right PIN takes the order over', async () => {
    const { s: p } = shop;
    const lead = await p.as('admin', 'POST', '/api/users', { name: 'Bench Lead', role: 'lead', badge: 'LD-BENCH-9', pin: '8642' });
    expect(lead.status).toBe(201);
    const o = await newOrder(p, [{ sku: 'SKU-A', qty: 1 }]);
    expect((await start(p, o.id, 'B1')).status).toBe(200);
    const takeOver = (pin: string) => start(p, o.id, 'B2', 'operator', { override: { badge: 'LD-BENCH-9', pin, reason: 'B1 is down' } });
    const overrideRefused = { code: 'validation', message: `override: ${LOGIN_REFUSED}`, issues: [{ path: 'override.badge', message: 'not accepted' }] };
    for (let i = 0; i < 5; i++) {
      const r = await takeOver(`000${i}`);
      expect(r.status).toBe(422);
      expect(r.body.error).toEqual(overrideRefused);
    }
    const locked = await takeOver('8642');
    expect(locked.status).toBe(422);
    expect(locked.body.error).toEqual(overrideRefused);
    expect(p.core.feed.since(0).filter((e) => e.type === 'user.locked' && e.entityId === lead.body.id)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ via: 'override' }) }),
    ]);
    expect(p.core.db.prepare('SELECT bench FROM pack_claims WHERE order_id = ?').pluck().get(o.id)).toBe('B1');

    expect((await p.as('lead', 'POST', `/api/users/${lead.body.id}/unlock`)).status).toBe(200);
    const taken = await takeOver('8642');
    expect(taken.status).toBe(200);
  });
});

describe('PIN hashing does not stall the core', () => {
  it('during 200 wrong-PIN attempts from 20 addresses, /api/health stays fast (p50 < 100 ms)', async () => {
    const attempts = Array.from({ length: 200 }, (_, i) => ({ from: `127.0.1.${(i % 20) + 1}`, badge: `ATK-${i % ATTACKED}`, pin: `${1000 + i}` }));
    let done = false;
    const statuses: number[] = [];
    const attack = (async () => {
      const queue = [...attempts];
      const worker = async () => {
        for (let a = queue.shift(); a; a = queue.shift()) statuses.push((await login(a.from, a.badge, a.pin)).status);
      };
      await Promise.all(Array.from({ length: 20 }, worker));
      done = true;
    })();
    const health: number[] = [];
    while (!done) {
      const r = await send('GET', '/api/health', '127.0.0.99');
      expect(r.status).toBe(200);
      health.push(r.ms);
      await new Promise((res) => setTimeout(res, 10));
    }
    await attack;
    // every attempt was checked (hashed): none was throttled, all refused
    expect(statuses.filter((x) => x === 401)).toHaveLength(200);
    expect(health.length).toBeGreaterThan(5);
    const p50 = median(health);
    console.log(`health during 200 wrong PINs: ${health.length} checks, p50 ${p50.toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`);
    expect(p50).toBeLessThan(100);
  }, 120_000);
});
