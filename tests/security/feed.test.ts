// The change feed under misuse (issue 13, items 1 and 8): GET /api/events is open to every role,
// so a viewer's streams must not be able to exhaust the core's memory or event loop, and a
// stream must end with its session. Real core, real HTTP server, real sockets, 100k events.
import { describe, it, expect, beforeAll, afterAll, onTestFinished } from 'vitest';
import { connect, type Socket } from 'node:net';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { startCore, addSku, orderInput, waitFor, sleep, snapshot, BADGE, type TestServer } from '../core/helpers';
import { appendEvent } from '../../src-main/core/store/events';
import type { Role } from '../../src-main/contract/people';

const HISTORY = 100_000;
let s: TestServer;

beforeAll(async () => {
  s = await startCore({
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 10_000 });
      // A long history, as a shop has after some months: one transaction, so it takes a moment.
      core.writes.runNow(() => {
        const actor = { id: 'system:test', role: 'admin' };
        for (let i = 0; i < HISTORY; i++) {
          appendEvent(core.ctx.db, core.ctx.clock, { type: 'order.created', entity: 'order', entityId: `ord_seed_${i}`, actor, data: { to: 'allocated', orderNo: `PL-SEED-${i}`, channel: 'shop', lines: 2 } });
        }
      });
    },
  });
}, 60_000);
afterAll(() => s.close());

const dbIds = (after = 0) => s.core.db.prepare('SELECT id FROM events WHERE id > ? ORDER BY id').pluck().all(after) as number[];

/** A fresh login of `role`: its own session, so per-session limits of other tests do not meet. */
async function newSession(role: Role = 'viewer'): Promise<{ token: string; sessionId: string }> {
  const r = await s.api('POST', '/api/session', { badge: BADGE[role] });
  expect(r.status).toBe(200);
  const me = await s.api('GET', '/api/session', undefined, { Authorization: `Bearer ${r.body.token}` });
  return { token: r.body.token, sessionId: me.body.sessionId };
}

async function healthMs(): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${s.url}/api/health`);
  await r.arrayBuffer();
  expect(r.status).toBe(200);
  return performance.now() - t;
}

/** A client that sends the request and never reads a byte of the answer. */
function silentSubscriber(token: string, lastEventId = 0): Promise<Socket> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => {
      sock.write(`GET /api/events?lastEventId=${lastEventId} HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
      resolve(sock);
    });
    sock.on('error', reject);
  });
}

interface Stream {
  status: number;
  /** ids of `change` events, in the order received */
  ids: number[];
  /** the other named events (dropped, ended) */
  others: { event: string; data: any }[];
  ended: Promise<void>;
  res: IncomingMessage;
  close(): void;
}

/** A streaming SSE reader; `paused` leaves the response unread until `res.resume()`. */
function openStream(token: string, opts: { lastEventId?: number; paused?: boolean } = {}): Promise<Stream> {
  const u = new URL('/api/events', s.url);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
  if (opts.lastEventId !== undefined) headers['Last-Event-ID'] = String(opts.lastEventId);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      const st: Stream = { status: res.statusCode ?? 0, ids: [], others: [], res, ended: new Promise((r) => res.on('close', () => r())), close: () => req.destroy() };
      let buf = '';
      res.setEncoding('utf8');
      const onData = (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'change') st.ids.push(Number(/^id: (\d+)$/m.exec(block)![1]));
          else if (event) st.others.push({ event, data: data ? JSON.parse(data) : null });
        }
      };
      if (opts.paused) {
        // paused first, so the listener does not start the flow: the socket stops once its buffers fill
        res.pause();
        res.on('data', onData);
      } else res.on('data', onData);
      resolve(st);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => (answered ? undefined : reject(e))); // after the answer: the core closed the stream
    req.end();
  });
}

const expectInOrderOnce = (ids: number[], expected: number[]) => {
  expect(ids.length).toBe(expected.length);
  expect(ids).toEqual(expected);
};

describe('the change feed under misuse', () => {
  it('subscribers that never read cost the core a bounded buffer each, and /api/health stays fast', async () => {
    globalThis.gc?.();
    const rss0 = process.memoryUsage().rss;
    // 24 viewers' streams replaying the whole history, none reading a byte (6 sessions of 4)
    const sessions = await Promise.all(Array.from({ length: 6 }, () => newSession('viewer')));
    const sockets: Socket[] = [];
    onTestFinished(() => sockets.forEach((sock) => sock.destroy()));
    const latencies: number[] = [];
    for (const { token } of sessions) {
      for (let k = 0; k < 4; k++) sockets.push(await silentSubscriber(token));
      latencies.push(await healthMs());
    }
    // and live events keep coming while they sit there
    for (let i = 0; i < 20; i++) {
      expect((await s.as('lead', 'POST', '/api/orders', orderInput())).status).toBe(201);
      latencies.push(await healthMs());
    }
    // until every replay has filled its socket's buffers and waits with a cursor, nothing queued
    await waitFor(() => s.core.feed.stats().catchingUp === 0 || undefined, 20_000, 'the replays to stop at full sockets');
    for (let i = 0; i < 5; i++) latencies.push(await healthMs());
    expect(Math.max(...latencies), `health latencies ${latencies.map((x) => x.toFixed(0)).join(', ')} ms`).toBeLessThan(500);

    globalThis.gc?.();
    const grew = (process.memoryUsage().rss - rss0) / 2 ** 20;
    // main's code held each subscriber's whole replay in memory: ~80 MB per subscriber here
    expect(grew, `RSS grew ${grew.toFixed(0)} MB`).toBeLessThan(150);

    const st = s.core.feed.stats();
    expect(st.subscribers).toBeGreaterThanOrEqual(24);
    expect(st.waiting).toBeGreaterThanOrEqual(24);
    expect(st.maxBufferedBytes).toBeLessThanOrEqual(s.core.feed.limits.maxBufferedBytes);
    expect(st.totalBufferedBytes).toBeLessThan(24 * 512 * 1024);

    for (const sock of sockets) sock.destroy();
    await waitFor(() => s.core.feed.stats().subscribers === 0 || undefined, 3000, 'the closed subscribers to be gone');
  }, 30_000);

  it('a full replay from 0 delivers every event once, in id order, and goes on live without a gap', async () => {
    const { token } = await newSession('viewer');
    const st = await openStream(token, { lastEventId: 0 });
    expect(st.status).toBe(200);
    // live events while the replay is still under way
    for (let i = 0; i < 10; i++) await s.as('lead', 'POST', '/api/orders', orderInput());
    const expected = dbIds(0);
    expect(expected.length).toBeGreaterThan(HISTORY);
    await waitFor(() => st.ids.length >= expected.length || undefined, 15_000, 'the whole history');
    await s.as('lead', 'POST', '/api/orders', orderInput());
    const all = dbIds(0);
    await waitFor(() => st.ids.length >= all.length || undefined, 3000, 'the live event after the replay');
    await sleep(100);
    expectInOrderOnce(st.ids, all);
    st.close();
  }, 30_000);

  it('a client that stops reading is dropped with where to resume, and resuming there delivers every later event once, in order', async () => {
    const limits = s.core.feed.limits;
    const stallMs = limits.stallMs;
    limits.stallMs = 500;
    try {
      const { token } = await newSession('viewer');
      const dropped0 = s.core.feed.stats().dropped;
      const slow = await openStream(token, { lastEventId: 0, paused: true });
      await waitFor(() => s.core.feed.stats().dropped > dropped0 || undefined, 5000, 'the slow client to be dropped');
      // events after the drop, which the client must get when it comes back
      for (let i = 0; i < 5; i++) await s.as('lead', 'POST', '/api/orders', orderInput());

      slow.res.resume(); // it reads again: everything written before the drop, then why and where to go on
      await slow.ended;
      const bye = slow.others.find((o) => o.event === 'dropped');
      expect(bye, `events other than change: ${JSON.stringify(slow.others)}`).toBeDefined();
      expect(bye!.data.resumeAfter).toBe(slow.ids.at(-1));
      expect(bye!.data.reason).toMatch(/took nothing .* for 0.5 s: reconnect with Last-Event-ID: \d+ to resume/);
      expect(slow.ids.length).toBeLessThan(dbIds(0).length); // it was cut off before the end
      expectInOrderOnce(slow.ids, dbIds(0).slice(0, slow.ids.length));

      const again = await openStream(token, { lastEventId: bye!.data.resumeAfter });
      const rest = dbIds(bye!.data.resumeAfter);
      await waitFor(() => again.ids.length >= rest.length || undefined, 15_000, 'the rest of the history');
      await sleep(100);
      expectInOrderOnce([...slow.ids, ...again.ids], dbIds(0));
      again.close();
    } finally {
      limits.stallMs = stallMs;
    }
  }, 30_000);

  it('one session may hold 4 streams: a fifth is refused with 429 rate_limited naming the limit, and nothing changes', async () => {
    const { token } = await newSession('viewer');
    const open = await Promise.all(Array.from({ length: 4 }, () => openStream(token)));
    expect(open.map((o) => o.status)).toEqual([200, 200, 200, 200]);
    const before = snapshot(s.core);
    const subscribers = s.core.feed.stats().subscribers;

    const fifth = await fetch(`${s.url}/api/events`, { headers: { Authorization: `Bearer ${token}` } });
    expect(fifth.status).toBe(429);
    const body = (await fifth.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/this session already has 4 open change streams, the most one session may have/);
    expect(s.core.feed.stats().subscribers).toBe(subscribers);
    expect(snapshot(s.core)).toEqual(before);
    expect(await healthMs()).toBeLessThan(500);

    // another session is not affected, and closing one stream frees its place
    const other = await openStream((await newSession('viewer')).token);
    expect(other.status).toBe(200);
    open[0]!.close();
    await waitFor(() => s.core.feed.stats().subscribers === subscribers || undefined, 2000, 'the closed stream to be gone');
    const again = await openStream(token);
    expect(again.status).toBe(200);
    for (const o of [...open, other, again]) o.close();
  });

  it('logout ends the session\'s streams at once, reading or not', async () => {
    const { token, sessionId } = await newSession('operator');
    const reading = await openStream(token);
    const silent = await silentSubscriber(token, 0); // a replay its client does not read
    const silentClosed = new Promise<void>((r) => silent.on('close', () => r()));
    await waitFor(() => s.core.feed.stats().waiting >= 1 || undefined, 3000, 'the silent stream to fill its buffers');

    const t0 = performance.now();
    const out = await s.api('DELETE', '/api/session', undefined, { Authorization: `Bearer ${token}` });
    expect(out.status).toBe(200);
    silent.resume(); // it takes what it was sent before, and then sees the stream closed
    await Promise.race([reading.ended, sleep(2000).then(() => { throw new Error('the reading stream outlived the logout by 2 s'); })]);
    await Promise.race([silentClosed, sleep(2000).then(() => { throw new Error('the silent stream outlived the logout by 2 s'); })]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(reading.others.find((o) => o.event === 'ended')?.data.reason).toMatch(/your session ended/);
    expect(reading.others.some((o) => o.event === 'change' || false)).toBe(false);
    // the session.ended event itself was the last change the reading stream got
    expect(reading.ids.at(-1)).toBe(s.core.db.prepare("SELECT MAX(id) FROM events WHERE type = 'session.ended' AND json_extract(data, '$.sessionId') = ?").pluck().get(sessionId));
    expect(s.core.feed.stats().subscribers).toBe(0);
    expect((await fetch(`${s.url}/api/events`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('a stream ends when its token expires (checked at the heartbeat)', async () => {
    const limits = s.core.feed.limits;
    const heartbeatMs = limits.heartbeatMs;
    limits.heartbeatMs = 200;
    try {
      const { token, sessionId } = await newSession('viewer');
      const st = await openStream(token);
      s.core.db.prepare('UPDATE tokens SET expires_at = ? WHERE id = ?').run('2000-01-01T00:00:00Z', sessionId);
      await Promise.race([st.ended, sleep(2000).then(() => { throw new Error('the stream outlived its token by 2 s'); })]);
      expect(st.others.find((o) => o.event === 'ended')?.data.reason).toMatch(/your session expired or was revoked/);
    } finally {
      limits.heartbeatMs = heartbeatMs;
    }
  });
});
