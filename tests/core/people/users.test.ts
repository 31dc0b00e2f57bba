// Users and badges over HTTP: an admin creates users (the core makes the badge code and answers it
// once), changes name and role, deactivates, gives a new badge or PIN; a PIN per role; a sheet of
// badge cards whose Code 128 decodes to the code. Other roles are refused; bad input names the field
// and changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, setSettings, type TestServer } from '../helpers';
import { decodePng, pdfToPngs } from '../../labels/decode-helpers';

describe('users and badges API', () => {
  let s: TestServer;
  beforeAll(async () => (s = await startCore()));
  afterAll(async () => s?.close());
  const login = (badge: string, pin?: string) => s.api('POST', '/api/session', { badge, ...(pin ? { pin } : {}) });
  const users = async () => JSON.stringify((await s.as('admin', 'GET', '/api/users')).body.items);

  it('an admin creates an operator without choosing a code: the badge is answered once, kept only as a hash, and logs in', async () => {
    const r = await s.as('admin', 'POST', '/api/users', { name: '周杰 Zhou Jie', role: 'operator' });
    expect(r.status).toBe(201);
    expect(r.body.badge).toMatch(/^OP-[0-9A-F]{8}$/);
    expect((await login(r.body.badge)).status).toBe(200);
    const listed = await s.as('lead', 'GET', '/api/users');
    expect(listed.text).not.toContain(r.body.badge);
    expect(listed.body.items.find((u: { id: string }) => u.id === r.body.id)).toEqual({ id: r.body.id, name: '周杰 Zhou Jie', role: 'operator', active: true, locked: false, hasPin: false });
    expect(JSON.stringify(s.core.db.prepare('SELECT * FROM users').all())).not.toContain(r.body.badge);
  });

  it('only an admin creates, changes, resets and prints badges', async () => {
    const target = (await s.as('admin', 'GET', '/api/users')).body.items.find((u: { role: string }) => u.role === 'operator').id;
    for (const role of ['operator', 'lead', 'finance', 'viewer'] as const) {
      expect((await s.as(role, 'POST', '/api/users', { name: 'X', role: 'operator' })).status).toBe(403);
      expect((await s.as(role, 'PATCH', `/api/users/${target}`, { role: 'admin' })).status).toBe(403);
      expect((await s.as(role, 'POST', `/api/users/${target}/badge`)).status).toBe(403);
      expect((await s.as(role, 'POST', `/api/users/${target}/pin`, { pin: '1234' })).status).toBe(403);
      expect((await s.as(role, 'POST', '/api/badge-cards', { cards: [{ name: 'X', role: 'operator', badge: 'OP-12345678' }] })).status).toBe(403);
    }
  });

  it('bad input is refused naming the field, and creates or changes nothing', async () => {
    const before = await users();
    const target = (await s.as('admin', 'GET', '/api/users')).body.items.find((u: { role: string }) => u.role === 'viewer').id;
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/users', { name: '', role: 'operator' }, 'name'],
      ['POST', '/api/users', { name: 'Boss', role: 'boss' }, 'role'],
      ['POST', '/api/users', { name: 'Pin', role: 'operator', pin: '12ab' }, 'pin'],
      ['POST', '/api/users', { name: 'Bidi \u202Eevil', role: 'operator' }, 'name'],
      ['POST', '/api/users', { name: 'Dup', role: 'operator', badge: 'OP-1001' }, 'badge'],
      ['PATCH', `/api/users/${target}`, { role: 'owner' }, 'role'],
      ['PATCH', `/api/users/${target}`, { name: '   ' }, 'name'],
      ['POST', `/api/users/${target}/pin`, { pin: '12' }, 'pin'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await s.as('admin', method, path, body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.body.error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(field);
    }
    expect((await s.as('admin', 'PATCH', '/api/users/usr_nope', { active: false })).status).toBe(404);
    expect(await users()).toBe(before);
  });

  it('renaming, a new role, deactivating (its sessions stop) and reactivating', async () => {
    const c = (await s.as('admin', 'POST', '/api/users', { name: 'Temp', role: 'operator' })).body;
    const token = (await login(c.badge)).body.token;
    const r = await s.as('admin', 'PATCH', `/api/users/${c.id}`, { name: 'Temp Lead', role: 'lead' });
    expect(r.body).toMatchObject({ name: 'Temp Lead', role: 'lead', active: true });
    expect((await s.as('admin', 'PATCH', `/api/users/${c.id}`, { active: false })).body.active).toBe(false);
    expect((await s.api('GET', '/api/session', undefined, { Authorization: `Bearer ${token}` })).status).toBe(401);
    // its sessions ended (open change feeds and bench sockets of them close on this event)
    expect(s.core.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'session.ended' AND json_extract(data, '$.sessionId') IN (SELECT id FROM tokens WHERE user_id = ?)").pluck().get(c.id)).toBe(1);
    expect((await login(c.badge)).status).toBe(401);
    await s.as('admin', 'PATCH', `/api/users/${c.id}`, { active: true });
    expect((await login(c.badge)).body.user.role).toBe('lead');
    const types = s.core.db.prepare("SELECT type FROM events WHERE entity = 'user' AND entity_id = ? ORDER BY id").pluck().all(c.id);
    expect(types).toEqual(expect.arrayContaining(['user.created', 'user.changed', 'user.deactivated', 'user.reactivated']));
  });

  it('the only active admin cannot be demoted or deactivated', async () => {
    const admin = (await s.as('admin', 'GET', '/api/users')).body.items.find((u: { role: string }) => u.role === 'admin');
    const before = await users();
    const r = await s.as('admin', 'PATCH', `/api/users/${admin.id}`, { active: false });
    expect(r.status).toBe(409);
    expect(r.body.error.issues).toEqual([{ path: 'active', message: 'last admin', key: 'lastAdminNote' }]);
    expect((await s.as('admin', 'PATCH', `/api/users/${admin.id}`, { role: 'lead' })).body.error.issues[0].path).toBe('role');
    expect(await users()).toBe(before);
  });

  it('a new badge replaces the old one at once, answered once; a new PIN is asked for and unlocks', async () => {
    const c = (await s.as('admin', 'POST', '/api/users', { name: 'Swap', role: 'operator' })).body;
    const fresh = await s.as('admin', 'POST', `/api/users/${c.id}/badge`);
    expect(fresh.body.badge).toMatch(/^OP-/);
    expect(fresh.body.badge).not.toBe(c.badge);
    expect((await login(c.badge)).status).toBe(401);
    expect((await login(fresh.body.badge)).status).toBe(200);
    expect((await s.as('admin', 'POST', `/api/users/${c.id}/pin`, { pin: '2468' })).body.hasPin).toBe(true);
    expect((await login(fresh.body.badge)).status).toBe(401);
    expect((await login(fresh.body.badge, '2468')).status).toBe(200);
    expect((await s.as('admin', 'POST', `/api/users/${c.id}/pin`, { pin: null })).body.hasPin).toBe(false);
    expect((await login(fresh.body.badge)).status).toBe(200);
  });

  it('a PIN per role: the roles asked for one must have one, others log in with the badge alone', async () => {
    setSettings(s.core, { requirePinFor: ['lead'] });
    try {
      const before = await users();
      const noPin = await s.as('admin', 'POST', '/api/users', { name: 'Lead Without', role: 'lead' });
      expect(noPin.status).toBe(422);
      expect(noPin.body.error.issues).toEqual([{ path: 'pin', message: 'required for this role', key: 'pinForRole' }]);
      expect(await users()).toBe(before);
      const lead = (await s.as('admin', 'POST', '/api/users', { name: 'Lead With', role: 'lead', pin: '1357' })).body;
      expect((await login(lead.badge)).status).toBe(401);
      expect((await login(lead.badge, '1357')).status).toBe(200);
      expect((await login('OP-1001')).status).toBe(200); // operators are not asked
      const op = (await s.as('admin', 'POST', '/api/users', { name: 'Op', role: 'operator' })).body;
      expect((await s.as('admin', 'PATCH', `/api/users/${op.id}`, { role: 'lead' })).body.error.issues).toEqual([{ path: 'role', message: 'needs a PIN', key: 'needsPin' }]);
    } finally {
      setSettings(s.core, { requirePinFor: [] });
    }
  });

  it('a sheet of badge cards is a PDF whose Code 128 barcodes decode to the badge codes', async () => {
    const cards = [{ name: '王芳 Wang Fang', role: 'operator', badge: 'OP-3F9A12C4' }, { name: 'Lucas Martin', role: 'lead', badge: 'LD-0B7E44A1' }];
    const r = await fetch(`${s.url}/api/badge-cards`, { method: 'POST', headers: { Authorization: `Bearer ${await s.tokenFor('admin')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ cards }) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await decodePng(pdfToPngs(pdf, 200)[0]!)).sort()).toEqual(['LD-0B7E44A1', 'OP-3F9A12C4']);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `P${i}`, role: 'operator', badge: `OP-0000000${i % 10}` }));
    expect((await s.as('admin', 'POST', '/api/badge-cards', { cards: many })).body.error.issues[0].path).toBe('cards');
  });
});
