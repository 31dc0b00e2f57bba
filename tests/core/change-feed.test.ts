// GET /api/events: server-sent change events with growing ids, resumable with Last-Event-ID.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, sseClient, waitFor, sleep, type TestServer } from './helpers';
import { followFeed } from '../../src-main/station/core-client';
import type { ChangeEvent } from '../../src-main/contract/system';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
  await Promise.all((['lead', 'operator', 'viewer'] as const).map((r) => s.tokenFor(r)));
});
afterAll(() => s.close());

const dbIdsAfter = (id: number) => s.core.db.prepare('SELECT id FROM events WHERE id > ? ORDER BY id').pluck().all(id) as number[];
const lastId = () => s.core.feed.lastId();

describe('change feed', () => {
  it('delivers committed changes live, with increasing ids and the change in the data', async () => {
    const c = sseClient(s.url, await s.tokenFor('operator'));
    await c.opened;
    expect(c.status).toBe(200);
    const start = lastId();
    const created = await s.as('lead', 'POST', '/api/orders', orderInput());
    await s.as('lead', 'POST', '/api/orders', orderInput());
    await c.until(2);
    const ids = c.events.map((e) => e.id);
    expect(ids).toEqual(dbIdsAfter(start));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    // an order that arrives with its stock reserved is one event, in the state it arrived in
    expect(c.events.map((e) => e.data.type)).toEqual(['order.created', 'order.created']);
    expect(c.events[0]!.data.data).toMatchObject({ to: 'allocated' });
    expect(c.events[0]!.event).toBe('change');
    expect(c.events[0]!.data).toMatchObject({ id: ids[0], entity: 'order', entityId: created.body.id, actor: expect.stringMatching(/^usr_/) });
    // each event as stored (the feed splices the stored data text into the frame instead of parsing it)
    expect(c.events.map((e) => e.data)).toEqual(s.core.feed.since(start));
    c.close();
  });

  it('a cancel reaches a subscriber that is watching the order', async () => {
    const created = await s.as('lead', 'POST', '/api/orders', orderInput());
    const bench = sseClient(s.url, await s.tokenFor('operator'));
    await bench.opened;
    const cancel = await s.as('lead', 'POST', `/api/orders/${created.body.id}/actions/cancel`, { reason: 'buyer cancelled' });
    expect(cancel.status).toBe(200);
    const ev = await waitFor(() => bench.events.find((e) => e.data.type === 'order.cancel' && e.data.entityId === created.body.id), 3000, 'the cancel event');
    expect(ev.data.data).toMatchObject({ to: 'cancelled', releasedUnits: 1 });
    bench.close();
  });

  it('reconnecting with Last-Event-ID resumes with exactly the missed events: no gaps, no repeats', async () => {
    const first = sseClient(s.url, await s.tokenFor('viewer'));
    await first.opened;
    await s.as('lead', 'POST', '/api/orders', orderInput());
    await first.until(1);
    first.close();
    const seen = first.events.at(-1)!.id;
    await sleep(20);

    // changes while the client is away
    const a = await s.as('lead', 'POST', '/api/orders', orderInput());
    await s.as('lead', 'POST', '/api/orders', orderInput());
    await s.as('lead', 'POST', `/api/orders/${a.body.id}/actions/hold`, { reason: 'fraud check' });
    const missed = dbIdsAfter(seen);
    expect(missed.length).toBe(3);

    const again = sseClient(s.url, await s.tokenFor('viewer'), seen);
    await again.opened;
    await again.until(missed.length);
    expect(again.events.map((e) => e.id)).toEqual(missed);

    // and then it follows live, still without a gap
    await s.as('lead', 'POST', `/api/orders/${a.body.id}/actions/release`, {});
    await again.until(missed.length + 1);
    const all = again.events.map((e) => e.id);
    expect(all).toEqual(dbIdsAfter(seen));
    expect(new Set(all).size).toBe(all.length);
    again.close();
  });

  it('?lastEventId= resumes too, and replays long histories in order', async () => {
    const from = lastId();
    const r = await s.as('lead', 'POST', '/api/orders/bulk', { orders: Array.from({ length: 300 }, () => orderInput()) });
    expect(r.body.created).toBe(300);
    const expected = dbIdsAfter(from);
    // the query form, for EventSource clients that cannot set headers
    const res = await fetch(`${s.url}/api/events?lastEventId=${from}`, { headers: { Authorization: `Bearer ${await s.tokenFor('viewer')}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const dec = new TextDecoder();
    while ((text.match(/^id: /gm) ?? []).length < expected.length) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value);
    }
    await reader.cancel();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(expected);
  });

  it("the station's feed follower gets every event once, in order, across drops (it resumes with Last-Event-ID)", async () => {
    const from = lastId();
    await s.as('lead', 'POST', '/api/orders/bulk', { orders: Array.from({ length: 200 }, () => orderInput()) });
    const limits = s.core.feed.limits;
    const cap = limits.maxBufferedBytes;
    // every write goes over the cap: the core drops the stream after each one, and the follower comes back
    limits.maxBufferedBytes = 1;
    const seen: ChangeEvent[] = [];
    const dropped0 = s.core.feed.stats().dropped;
    const token = await s.tokenFor('operator');
    const f = followFeed(s.url, () => token, { onEvent: (e) => seen.push(e) }, { fromId: from, retryMs: 5 });
    try {
      const expected = dbIdsAfter(from);
      await waitFor(() => seen.length >= expected.length || undefined, 10_000, 'every event through the drops');
      await sleep(50);
      expect(seen.map((e) => e.id)).toEqual(expected);
      expect(s.core.feed.stats().dropped).toBeGreaterThan(dropped0);
    } finally {
      f.close();
      limits.maxBufferedBytes = cap;
    }
  });

  it('needs a login', async () => {
    const res = await fetch(`${s.url}/api/events`);
    expect(res.status).toBe(401);
  });
});
