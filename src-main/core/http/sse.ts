import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core';
import type { EventText } from '../store/events';
import type { FeedSink, Subscription } from '../change-feed';
import { authenticate } from '../modules/people/queries';

export interface SseCaller {
  /** ?lastEventId= (for EventSource clients that cannot set headers); the Last-Event-ID header wins. */
  lastEventId?: number;
  /** The caller's session (token id): its streams close when it ends. */
  sessionId: string;
  /** The caller's token, checked again at each heartbeat so a stream ends when its token expires. */
  token: string;
}

// One event's frame is the same text for every subscriber: made once per event object.
const frames = new WeakMap<EventText, string>();
function frame(e: EventText): string {
  let f = frames.get(e);
  if (f === undefined) frames.set(e, (f = `id: ${e.id}\nevent: change\ndata: ${e.json}\n\n`));
  return f;
}

/**
 * The change feed over server-sent events. A client that reconnects with Last-Event-ID (header,
 * or ?lastEventId=) gets every event after it, then live ones; a new client starts at "now".
 * A client that stops reading is dropped with `event: dropped`, data `{ reason, resumeAfter }`:
 * reconnecting with Last-Event-ID: resumeAfter continues exactly there. The stream ends with
 * `event: ended` when its session ends (logout, revoke) or its token expires.
 */
export function serveSse(core: Core, req: IncomingMessage, res: ServerResponse, caller: SseCaller): void {
  const header = req.headers['last-event-id'];
  const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
  const limits = core.feed.limits;
  let done = false;
  let stall: NodeJS.Timeout | null = null;
  let beat: NodeJS.Timeout | null = null;

  const stopTimers = () => {
    if (stall) clearTimeout(stall);
    if (beat) clearInterval(beat);
    stall = beat = null;
  };
  /** Ends the stream with a last message; `now`: close the socket even if the client has not read what is pending. */
  const finish = (event: 'dropped' | 'ended', data: Record<string, unknown>, now: boolean) => {
    if (done) return;
    done = true;
    stopTimers();
    subscription.close();
    const backlog = res.writableLength > 0;
    const socket = res.socket;
    const close = () => socket?.destroy();
    res.end(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`); // and the connection closes (Connection: close)
    if (now && backlog) close();
    // A client that never reads would keep the socket (and what is buffered for it) forever.
    else setTimeout(close, limits.closeGraceMs).unref();
  };
  const drop = (why: string) => {
    core.feed.noteDropped();
    const resumeAfter = subscription.cursor;
    finish('dropped', { reason: `${why}: reconnect with Last-Event-ID: ${resumeAfter} to resume`, resumeAfter }, false);
  };
  /** The client has not taken the last write: drop it if it takes nothing more for `stallMs`. */
  const watchStall = () => {
    if (stall) return;
    let pending = res.writableLength;
    const check = () => {
      stall = null;
      const now = res.writableLength;
      if (now === 0 || done) return;
      if (now < pending) {
        pending = now; // slow but moving
        stall = setTimeout(check, limits.stallMs);
        return;
      }
      drop(`this stream was dropped: the client took nothing of ${now} pending bytes for ${limits.stallMs / 1000} s`);
    };
    stall = setTimeout(check, limits.stallMs);
  };

  const sink: FeedSink = {
    write(events) {
      let chunk = '';
      for (const e of events) chunk += frame(e);
      const ok = res.write(chunk);
      if (res.writableLength > limits.maxBufferedBytes) {
        drop(`this stream was dropped: its client had over ${limits.maxBufferedBytes} bytes not read`);
        return false;
      }
      if (!ok) watchStall();
      return ok;
    },
    sessionEnded: () => finish('ended', { reason: 'your session ended (logged out or revoked): log in again' }, true),
    buffered: () => res.writableLength,
  };
  // Refuses (throws) before any header is written when the session or the core has too many streams.
  const subscription: Subscription = core.feed.subscribe({ afterId: fromHeader ?? caller.lastEventId ?? null, sessionId: caller.sessionId, sink });

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // A stream is the connection's last response: a client's pool must not reuse the socket the
    // core closes after a drop, and an EventSource opens a new connection for each stream anyway.
    Connection: 'close',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: 1000\n: connected at event ${subscription.cursor}\n\n`);
  res.flushHeaders?.();
  res.on('drain', () => {
    if (stall) clearTimeout(stall);
    stall = null;
    subscription.resume();
  });
  beat = setInterval(() => {
    if (!authenticate(core.ctx, caller.token)) return finish('ended', { reason: 'your session expired or was revoked: log in again' }, true);
    if (res.writableLength === 0) res.write(': keep-alive\n\n'); // a stream with data pending is not idle
  }, limits.heartbeatMs);
  res.on('close', () => {
    done = true;
    stopTimers();
    subscription.close();
  });
}
