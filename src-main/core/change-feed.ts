import type { Db } from './store/db';
import { eventsAfter, eventTextsAfter, lastEventId, type EventText } from './store/events';
import type { ChangeEvent } from '../contract/system';
import { SESSION_ENDED } from '../contract/people';
import { fail } from '../lib/errors';

/** Where one subscriber's events go (an SSE response). */
export interface FeedSink {
  /** Sends events (id order, each once); false when the client's buffer is full: the feed then waits for `resume()`. */
  write(events: readonly EventText[]): boolean;
  /** The subscriber's session ended (logout, revoked token): close the stream. */
  sessionEnded(): void;
  /** Bytes written to the client but not yet taken by it. */
  buffered(): number;
}

export interface Subscription {
  /** The last event id written to the sink: where a reconnect resumes. */
  readonly cursor: number;
  /** The sink drained: send what it missed since, from the database, a page at a time. */
  resume(): void;
  close(): void;
}

export interface FeedLimits {
  /** Events per database read and per write to one subscriber. */
  pageSize: number;
  /** Open streams one session (token) may have; one more is refused (429). */
  perSession: number;
  /** Open streams in all; one more is refused (503). */
  total: number;
  /** A stream with more than this written and not taken is dropped (it can resume). */
  maxBufferedBytes: number;
  /** A stream whose client takes nothing of what is pending for this long is dropped (it can resume). */
  stallMs: number;
  /** A dropped stream's goodbye waits this long for the client to read it, then the socket is closed. */
  closeGraceMs: number;
  /** Keep-alive comment on an idle stream; also when the stream's token is checked for expiry. */
  heartbeatMs: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  pageSize: 500, perSession: 4, total: 500, maxBufferedBytes: 1024 * 1024, stallMs: 30_000, closeGraceMs: 5_000, heartbeatMs: 15_000,
};

/** The most time catch-up reads take in one turn of the event loop. */
const CATCH_UP_SLICE_MS = 4;

/**
 * One subscriber is in exactly one of three states: live (it has everything published and gets new
 * events as they are published), waiting (its client has not taken the last write; nothing more is
 * queued for it, only its cursor is kept) or catching up (reading pages from the database after its
 * cursor, one per tick). So a client that does not read costs the core one cursor, never an array.
 */
class Subscriber implements Subscription {
  waiting = false;
  catchingUp = false;
  closed = false;

  constructor(
    private readonly feed: ChangeFeed,
    readonly sessionId: string,
    readonly sink: FeedSink,
    public cursor: number,
  ) {}

  /** `events` are in id order; those at or before the cursor were sent already. */
  deliver(events: readonly EventText[]): void {
    let from = 0;
    while (from < events.length && events[from]!.id <= this.cursor) from++;
    if (from === events.length) return;
    this.cursor = events[events.length - 1]!.id;
    if (!this.sink.write(from === 0 ? events : events.slice(from))) this.waiting = true;
  }

  resume(): void {
    if (this.closed || !this.waiting) return;
    this.waiting = false;
    this.feed.catchUp(this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.remove(this);
  }
}

/**
 * Publishes committed events to live subscribers (SSE clients) in id order. Called after every
 * commit; reads only what is new since the last publish, a page at a time. Subscribers that are
 * behind (replaying history, or a client that reads slowly) read pages from the database as their
 * socket drains, so neither a replay nor a stalled client holds events in memory.
 */
export class ChangeFeed {
  private lastPublished: number;
  /** Commits went by with nobody listening: lastPublished is read again when someone subscribes. */
  private behind = false;
  private publishQueued = false;
  private readonly subscribers = new Set<Subscriber>();
  /** Live change streams (the health panel). */
  get subscriberCount(): number { return this.subscribers.size; }
  private readonly bySession = new Map<string, Set<Subscriber>>();
  private dropped = 0;
  private readonly catchUpQueue: Subscriber[] = [];
  private catchUpsQueued = false;
  /** The feed's limits; tests shorten the timings. */
  readonly limits: FeedLimits;

  constructor(
    private readonly db: Db,
    limits: Partial<FeedLimits> = {},
  ) {
    this.lastPublished = this.lastId();
    this.limits = { ...DEFAULT_FEED_LIMITS, ...limits };
  }

  lastId(): number {
    return lastEventId(this.db);
  }

  /** Events after `afterId`, oldest first, at most `limit`. */
  since(afterId: number, limit = this.limits.pageSize): ChangeEvent[] {
    return eventsAfter(this.db, afterId, limit);
  }

  /** A page of events after `afterId` as the feed sends them. */
  private page(afterId: number): EventText[] {
    return eventTextsAfter(this.db, afterId, this.limits.pageSize);
  }

  /**
   * Commits happened: what is new goes out at the end of this turn of the event loop, once for all
   * the commits of the turn (with 200 subscribers, a write per subscriber per commit was most of
   * the feed's cost during ingest).
   */
  publish(): void {
    if (this.subscribers.size === 0) {
      // Nothing to read for nobody: during ingest this query was ~6% of the core's thread.
      this.behind = true;
      return;
    }
    if (this.publishQueued) return;
    this.publishQueued = true;
    setImmediate(() => {
      this.publishQueued = false;
      if (this.db.open) this.publishPage();
    });
  }

  private publishPage(): void {
    const before = this.lastPublished;
    const fresh = this.page(before);
    if (fresh.length === 0) return;
    this.lastPublished = fresh[fresh.length - 1]!.id;
    for (const s of this.subscribers) if (!s.waiting && !s.catchingUp && s.cursor >= before) s.deliver(fresh);
    this.endSessions(fresh);
    // A big commit (an import) is published a page per turn, so the event loop keeps answering.
    if (fresh.length === this.limits.pageSize) this.publish();
  }

  /**
   * Subscribes from `afterId` (null: from now): what was missed is replayed from the database a
   * page per tick as the client takes it, then live events follow, each once, in id order.
   * Refuses a session's stream over `perSession` (429) and any stream over `total` (503).
   */
  subscribe(opts: { afterId: number | null; sessionId: string; sink: FeedSink }): Subscription {
    const mine = this.bySession.get(opts.sessionId);
    if (mine && mine.size >= this.limits.perSession) {
      fail('rate_limited', `this session already has ${mine.size} open change streams, the most one session may have: close one (another tab or window) before opening another`);
    }
    if (this.subscribers.size >= this.limits.total) fail('unavailable', `the core is serving its most change streams (${this.limits.total}): try again shortly`);
    if (this.behind || this.subscribers.size === 0) {
      this.lastPublished = this.lastId();
      this.behind = false;
    }
    const s = new Subscriber(this, opts.sessionId, opts.sink, opts.afterId ?? this.lastPublished);
    this.subscribers.add(s);
    if (mine) mine.add(s);
    else this.bySession.set(opts.sessionId, new Set([s]));
    this.catchUp(s);
    return s;
  }

  /** Sends `s` what it is missing, a page at a time, until it has caught up or its client is full. */
  catchUp(s: Subscriber): void {
    if (s.catchingUp || s.cursor >= this.lastPublished) return;
    s.catchingUp = true;
    this.catchUpQueue.push(s);
    this.scheduleCatchUps();
  }

  private scheduleCatchUps(): void {
    if (this.catchUpsQueued) return;
    this.catchUpsQueued = true;
    setImmediate(() => this.runCatchUps());
  }

  /**
   * Pages for the subscribers that are behind, a page each in turn, for at most CATCH_UP_SLICE_MS
   * per turn of the event loop: 24 replays at once then cost other requests a few ms, not seconds.
   */
  private runCatchUps(): void {
    this.catchUpsQueued = false;
    if (!this.db.open) return; // the core closed
    const until = performance.now() + CATCH_UP_SLICE_MS;
    while (this.catchUpQueue.length > 0 && performance.now() < until) {
      const s = this.catchUpQueue.shift()!;
      if (this.catchUpPage(s)) this.catchUpQueue.push(s);
      else s.catchingUp = false; // caught up (live), waiting for its client (resume() goes on), or closed
    }
    if (this.catchUpQueue.length > 0) this.scheduleCatchUps();
  }

  /** One page for `s`; true when it has more to catch up and can take it. */
  private catchUpPage(s: Subscriber): boolean {
    const upTo = this.lastPublished;
    if (s.closed || s.cursor >= upTo) return false;
    const page = this.page(s.cursor);
    let n = page.length;
    while (n > 0 && page[n - 1]!.id > upTo) n--; // later events come live, through publish
    if (n === 0) return false;
    s.deliver(n === page.length ? page : page.slice(0, n));
    return !s.closed && !s.waiting && s.cursor < this.lastPublished;
  }

  /** Called by Subscriber.close. */
  remove(s: Subscriber): void {
    this.subscribers.delete(s);
    const mine = this.bySession.get(s.sessionId);
    mine?.delete(s);
    if (mine?.size === 0) this.bySession.delete(s.sessionId);
  }

  /** A stream was dropped for not reading (counted for stats). */
  noteDropped(): void {
    this.dropped++;
  }

  /** A logout or revoke in `events` closes that session's streams at once, wherever their cursor is. */
  private endSessions(events: readonly EventText[]): void {
    for (const e of events) {
      if (e.type !== SESSION_ENDED) continue;
      const mine = this.bySession.get(String((JSON.parse(e.data ?? 'null') as { sessionId?: string } | null)?.sessionId));
      if (mine) for (const s of [...mine]) s.sink.sessionEnded();
    }
  }

  /** What the feed holds now: streams, and the most bytes any one client has not taken. */
  stats() {
    let waiting = 0;
    let catchingUp = 0;
    let maxBufferedBytes = 0;
    let totalBufferedBytes = 0;
    for (const s of this.subscribers) {
      const b = s.sink.buffered();
      maxBufferedBytes = Math.max(maxBufferedBytes, b);
      totalBufferedBytes += b;
      if (s.waiting) waiting++;
      if (s.catchingUp) catchingUp++;
    }
    return { subscribers: this.subscribers.size, sessions: this.bySession.size, waiting, catchingUp, maxBufferedBytes, totalBufferedBytes, dropped: this.dropped };
  }
}
