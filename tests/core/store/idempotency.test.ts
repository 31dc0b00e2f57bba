// Idempotency-Key on POST /api/orders: replay, conflict, concurrent duplicates; and deduplication
// by (channel, externalId) without a key.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, count, snapshot, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 1000 }) });
});
afterAll(() => s.close());

describe('Idempotency-Key', () => {
  it('the same key and body return the first result, marked as replayed, and create nothing new', async () => {
    const body = orderInput();
    const first = await s.as('lead', 'POST', '/api/orders', body, { 'Idempotency-Key': 'key-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const before = snapshot(s.core);
    const again = await s.as('lead', 'POST', '/api/orders', body, { 'Idempotency-Key': 'key-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(`/api/orders/${first.body.id}`);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('the same key with a different body is a 409 conflict that changes nothing', async () => {
    const body = orderInput();
    const first = await s.as('lead', 'POST', '/api/orders', body, { 'Idempotency-Key': 'key-2' });
    expect(first.status).toBe(201);
    const before = snapshot(s.core);
    const other = await s.as('lead', 'POST', '/api/orders', { ...body, externalId: `${body.externalId}-X` }, { 'Idempotency-Key': 'key-2' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    expect(other.body.error.message).toContain('key-2');
    expect(snapshot(s.core)).toEqual(before);
  });

  it('20 concurrent requests with one key create exactly one order', async () => {
    const body = orderInput();
    const token = await s.tokenFor('lead');
    const before = count(s.core, 'orders');
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => s.api('POST', '/api/orders', body, { Authorization: `Bearer ${token}`, 'Idempotency-Key': 'key-burst' })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(count(s.core, 'orders')).toBe(before + 1);
    expect(count(s.core, 'events', `WHERE entity_id = '${replies[0]!.body.id}' AND type = 'order.created'`)).toBe(1);
  });

  it('a key that is too long is refused before anything happens', async () => {
    const before = snapshot(s.core);
    const r = await s.as('lead', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'k'.repeat(201) });
    expect(r.status).toBe(422);
    expect(r.body.error.issues[0].path).toBe('Idempotency-Key');
    expect(snapshot(s.core)).toEqual(before);
  });

  it('a refused request does not burn its key: the corrected retry with the same body works', async () => {
    const bad = orderInput({ sku: 'NOPE' });
    const r1 = await s.as('lead', 'POST', '/api/orders', bad, { 'Idempotency-Key': 'key-retry' });
    expect(r1.status).toBe(422);
    addSku(s.core, 'NOPE', { onHand: 5 });
    const r2 = await s.as('lead', 'POST', '/api/orders', bad, { 'Idempotency-Key': 'key-retry' });
    expect(r2.status).toBe(201);
    expect(r2.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('deduplication by (channel, externalId)', () => {
  it('without a key, a repeat returns 200 with the same order and changes nothing', async () => {
    const body = orderInput();
    const first = await s.as('lead', 'POST', '/api/orders', body);
    expect(first.status).toBe(201);
    const before = snapshot(s.core);
    const again = await s.as('lead', 'POST', '/api/orders', { ...body, note: 'sent twice by the channel' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.number).toBe(first.body.number);
    expect(snapshot(s.core)).toEqual(before);
  });

  it('the same external id on another channel is another order', async () => {
    const body = orderInput();
    const a = await s.as('lead', 'POST', '/api/orders', body);
    const b = await s.as('lead', 'POST', '/api/orders', { ...body, channel: 'other' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('concurrent copies of one channel order create it once', async () => {
    const body = orderInput();
    const token = await s.tokenFor('admin');
    const replies = await Promise.all(Array.from({ length: 10 }, () => s.api('POST', '/api/orders', body, { Authorization: `Bearer ${token}` })));
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(9).fill(200), 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(count(s.core, 'orders', `WHERE external_id = '${body.externalId}'`)).toBe(1);
  });
});
