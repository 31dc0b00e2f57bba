// Every bad input gets a 4xx with a machine-readable code and a message naming the field, and
// changes nothing. Malformed input is never a 5xx.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, snapshot, rawRequest, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(() => s.close());

/** Runs a request and checks that orders, lines, events and stock did not move. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = snapshot(s.core);
  const out = await fn();
  expect(snapshot(s.core)).toEqual(before);
  return out;
}

const json = (t: string) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${t}` });

describe('refusals', () => {
  it.each([
    ['{"channel": "shop",', 'truncated'],
    ['not json at all', 'garbage'],
    ['', 'empty'],
    ['{"a":1}}', 'trailing'],
  ])('malformed JSON (%s) is 400 bad_request', async (text) => {
    const token = await s.tokenFor('lead');
    const r = await unchanged(() => s.api('POST', '/api/orders', text, json(token)));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad_request');
    expect(r.body.error.message).toMatch(/not valid JSON/);
  });

  it('invalid UTF-8 and binary bodies are 4xx, never 5xx', async () => {
    const token = await s.tokenFor('lead');
    const r = await unchanged(() => s.api('POST', '/api/orders', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3]), json(token)));
    expect(r.status).toBe(400);
  });

  it('a JSON value of the wrong shape (array, null, number) is 422 validation', async () => {
    const token = await s.tokenFor('lead');
    for (const text of ['[]', 'null', '42', '"x"']) {
      const r = await unchanged(() => s.api('POST', '/api/orders', text, json(token)));
      expect(r.status, text).toBe(422);
      expect(r.body.error.code).toBe('validation');
    }
  });

  it('missing fields are 422 validation with issues naming each field path', async () => {
    const { shipTo, ...noShipTo } = orderInput();
    const r = await unchanged(() => s.as('lead', 'POST', '/api/orders', { ...noShipTo, shipTo: { ...shipTo, phone: undefined, city: '' }, lines: [{ sku: 'SKU-A' }] }));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('validation');
    const paths = (r.body.error.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['shipTo.phone', 'shipTo.city', 'lines.0.qty']));
    expect(r.body.error.message).toContain('shipTo.phone');
  });

  it('an order with no lines names "lines"', async () => {
    const r = await unchanged(() => s.as('lead', 'POST', '/api/orders', orderInput({ lines: [] })));
    expect(r.status).toBe(422);
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain('lines');
  });

  it('an unknown SKU names lines.N.sku', async () => {
    const r = await unchanged(() => s.as('lead', 'POST', '/api/orders', orderInput({ lines: [{ sku: 'SKU-A', qty: 1 }, { sku: 'NO-SUCH', qty: 1 }] })));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('validation');
    expect(r.body.error.issues).toEqual([{ path: 'lines.1.sku', message: 'unknown SKU "NO-SUCH"', key: 'unknownSkuNamed', params: { sku: 'NO-SUCH' } }]);
  });

  it('a wrong content type is 415', async () => {
    const r = await unchanged(() => s.as('lead', 'POST', '/api/orders', JSON.stringify(orderInput()), { 'Content-Type': 'text/plain' }));
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  it('a body over the limit is 413 (declared length)', async () => {
    const big = JSON.stringify({ ...orderInput(), note: 'x'.repeat(3 * 1024 * 1024) });
    const r = await unchanged(() => s.as('lead', 'POST', '/api/orders', big, { 'Content-Type': 'application/json' }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('a chunked body that grows over the limit is 413 too, not a dropped connection', async () => {
    const token = await s.tokenFor('lead');
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const r = await unchanged(() =>
      rawRequest(s.url, { method: 'POST', path: '/api/orders', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' }, chunks: Array(12).fill(chunk) }),
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).error.code).toBe('payload_too_large');
  });

  it('no token is 401, a bad token is 401', async () => {
    const r = await unchanged(() => s.api('POST', '/api/orders', orderInput()));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    const r2 = await unchanged(() => s.api('POST', '/api/orders', orderInput(), { Authorization: 'Bearer pl_forged' }));
    expect(r2.status).toBe(401);
    const r3 = await s.api('GET', '/api/orders');
    expect(r3.status).toBe(401);
  });

  it('an unknown badge cannot log in', async () => {
    const r = await s.api('POST', '/api/session', { badge: 'NOBODY-1' });
    expect(r.status).toBe(401);
    expect(r.body.token).toBeUndefined();
  });

  it.each(['viewer', 'finance', 'operator'] as const)('a %s may not create an order (403)', async (role) => {
    await s.tokenFor(role); // logging in is an event of its own
    const r = await unchanged(() => s.as(role, 'POST', '/api/orders', orderInput()));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  it('a viewer may not act on an order, a lead may', async () => {
    const created = await s.as('lead', 'POST', '/api/orders', orderInput());
    await s.tokenFor('viewer');
    const r = await unchanged(() => s.as('viewer', 'POST', `/api/orders/${created.body.id}/actions/cancel`, { reason: 'x' }));
    expect(r.status).toBe(403);
    const ok = await s.as('lead', 'POST', `/api/orders/${created.body.id}/actions/cancel`, { reason: 'x' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('cancelled');
  });

  it('an action the state machine refuses is 409 invalid_transition; without a reason 422', async () => {
    const created = await s.as('lead', 'POST', '/api/orders', orderInput());
    const id = created.body.id as string;
    const release = await unchanged(() => s.as('lead', 'POST', `/api/orders/${id}/actions/release`, {}));
    expect(release.status).toBe(409);
    expect(release.body.error.code).toBe('invalid_transition');
    const hold = await unchanged(() => s.as('lead', 'POST', `/api/orders/${id}/actions/hold`, { reason: '   ' }));
    expect(hold.status).toBe(422);
    const stale = await unchanged(() => s.as('lead', 'POST', `/api/orders/${id}/actions/hold`, { reason: 'r', expectedVersion: created.body.version + 7 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    const bad = await unchanged(() => s.as('lead', 'POST', `/api/orders/${id}/actions/explode`, {}));
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('path.action');
  });

  it('unknown routes are 404, wrong methods 405, unknown orders 404', async () => {
    expect((await s.as('lead', 'GET', '/api/nope')).status).toBe(404);
    const m = await s.as('lead', 'DELETE', '/api/orders');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toContain('GET');
    const o = await s.as('lead', 'GET', '/api/orders/ord_missing');
    expect(o.status).toBe(404);
    expect(o.body.error.code).toBe('not_found');
  });

  it('a bad query parameter is 422 naming it', async () => {
    const r = await s.as('viewer', 'GET', '/api/orders?state=lost&limit=0');
    expect(r.status).toBe(422);
    expect(r.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['query.limit', 'query.state']);
  });
});
