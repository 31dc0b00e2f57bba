// The channels' work outside a request: processing the inbox after the platform got its answer,
// following the feed into the write-back outbox, sending write-backs (retry, backoff, dead letter,
// circuit breaker) and the catch-up poll. One runner per core; the webhook route kicks the inbox,
// startChannelSync adds the timers (the app and `npm run serve` start it; tests start it themselves).
import type { Core } from '../../core';
import { logger } from '../../../lib/log';
import { PLATFORMS } from './platforms';
import type { Connection, PolledOrder } from './platforms/types';
import { processPending } from './actions/process-delivery';
import { storeDeliveries } from './actions/receive';
import { DEFAULT_TUNING, followShipments, nothingToFollow, holdReason, holdWriteBack, recordSend, type OutboxTuning } from './actions/outbox';
import { connectionOf, connections } from './queries';
import { anyFetchDue, channelRow, deleteFetch, dueFetches, dueOutbox, fetchFailed, pendingInbox, setPollResult, type OutboxRow } from './store';
import type { SendResult } from './platforms/types';
import { sendBatch, type SendBatch, type SendOutcome } from './sender';
import { SenderThread } from './sender-thread';

const log = logger('core.channels');

export interface SyncOptions extends Partial<OutboxTuning> {
  /** how often the outbox and the poll schedule are looked at (default 1 s) */
  tickMs?: number;
  /** the poll reads from this long before its cursor, so an order changed at a second boundary is not missed (default 5 min) */
  pollOverlapMs?: number;
  /** sends in flight at once per connection (default 4) */
  sendConcurrency?: number;
  /** send in the sender thread (default); false: on this thread, as before it existed (the bench's baseline) */
  sendThread?: boolean;
}

const SYSTEM = { id: 'system:channels', role: 'system' };
/** A write-back the platform answered (or did not: a failure too), to be recorded with its batch's others. */
interface Sent { id: string; result: SendResult }
/** Write-backs handed to the sender a batch. */
const SEND_BATCH = 100;
/**
 * Outcomes recorded a write job (an attempt, the entry, an event each: about 50 µs on a quiet
 * machine): the job is short, and a request waiting behind it waits little.
 */
const RECORD_CHUNK = 25;
// Without the intake thread: small batches, since a batch runs on the event loop, and webhook
// answers wait behind it (Shopify allows 5 s, we aim for ms).
const INBOX_BATCH = 16;

export class ChannelSync {
  private processing = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private polling = new Set<string>();
  private tuning: OutboxTuning = DEFAULT_TUNING;
  private opts: Required<Pick<SyncOptions, 'tickMs' | 'pollOverlapMs' | 'sendConcurrency' | 'sendThread'>> = { tickMs: 1000, pollOverlapMs: 5 * 60_000, sendConcurrency: 4, sendThread: true };
  private sender: SenderThread | null = null;
  private idle: (() => void)[] = [];
  private skipTo = -1;

  constructor(private readonly core: Core) {
    // the core closing stops the timers and the sender thread (close() waits for the thread: core.work)
    core.work.signal.addEventListener('abort', () => (this.stop(), this.sender?.close()), { once: true });
    core.intake?.onInboxProcessed((idle) => {
      this.fetchSoon();
      if (idle) this.idle.splice(0).forEach((f) => f());
    });
  }

  /**
   * Processes pending deliveries soon: on the intake thread when there is one (the writer of
   * POST /api/orders, off this loop), else here after the answers of this turn are sent.
   */
  kick(): void {
    if (this.core.intake?.kickInbox()) return;
    if (this.processing) return void (this.again = true);
    this.processing = true;
    setImmediate(() => void this.processInbox());
  }

  private async processInbox(): Promise<void> {
    const { core } = this;
    try {
      for (;;) {
        this.again = false;
        const n = await core.writes.run(() => processPending(core.ctx, INBOX_BATCH, { reads: null }));
        if (n < INBOX_BATCH && !this.again) break;
        await new Promise((r) => setImmediate(r)); // let waiting requests in between batches
      }
    } catch (e) {
      log.error({ err: e }, 'processing the channel inbox failed');
    } finally {
      this.processing = false;
      this.fetchSoon();
      if (this.again) this.kick();
      else this.idle.splice(0).forEach((f) => f());
    }
  }

  /** Resolves when the inbox has nothing pending and no order detail is waiting to be read (tests and the bench). */
  async drained(): Promise<void> {
    while (this.processing || this.fetching || pendingInbox(this.core.db, 1).length > 0 || anyFetchDue(this.core.db, this.core.ctx.clock.iso())) {
      if (!this.fetching) this.fetchSoon();
      await new Promise<void>((r) => {
        this.idle.push(r);
        setTimeout(r, 100); // a chunk that did not commit says nothing: look again
        this.kick();
      });
    }
  }

  start(opts: SyncOptions = {}): void {
    this.tuning = { ...DEFAULT_TUNING, ...Object.fromEntries(Object.entries(opts).filter(([k, v]) => v !== undefined && k in DEFAULT_TUNING)) };
    this.opts = { ...this.opts, ...Object.fromEntries(Object.entries(opts).filter(([k, v]) => v !== undefined && k in this.opts)) };
    this.stop();
    this.kick(); // deliveries stored before a crash
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    try {
      // Events found to hold no shipment are skipped in memory (the stored cursor moves with the next write; reading them again after a restart is harmless).
      const quietTo = nothingToFollow(this.core.ctx, this.skipTo);
      if (quietTo === null) await this.core.writes.run(() => followShipments(this.core.ctx, 2000, this.skipTo));
      else this.skipTo = quietTo;
      await this.sendDue();
      await this.fetchDue();
      for (const c of connections(this.core.ctx)) if (this.pollIsDue(c)) void this.pollNow(c.id).catch(() => {});
    } catch (e) {
      log.error({ err: e }, 'channel sync tick failed');
    }
  }

  private pollIsDue(c: Connection): boolean {
    if (!c.enabled || !c.apiBase || c.pollMinutes <= 0 || !PLATFORMS[c.kind].poll || this.polling.has(c.id)) return false;
    const last = channelRow(this.core.db, c.id)?.last_poll_at;
    return !last || Date.parse(last) + c.pollMinutes * 60_000 <= this.core.ctx.clock.now();
  }

  /**
   * Reads the platform's orders changed since the cursor (less the overlap) into the inbox, with the
   * same dedupe as webhooks (delivery id poll:<order>:<updated_at>, then the stored version). The
   * cursor moves only after the orders are stored; a failed poll keeps it and records the error.
   */
  async pollNow(channelId: string): Promise<{ seen: number; cursor: string | null }> {
    const { core } = this;
    const c = connectionOf(core.ctx, channelId);
    const platform = c && PLATFORMS[c.kind];
    if (!c || !platform?.poll || !c.apiBase) return { seen: 0, cursor: null };
    this.polling.add(c.id);
    try {
      const row = channelRow(core.db, c.id)!;
      const from = row.poll_cursor ? Date.parse(row.poll_cursor) - this.opts.pollOverlapMs : Date.parse(row.created_at) - 86_400_000;
      const { topic, orders } = await platform.poll(c, new Date(from).toISOString());
      const receivedAt = core.ctx.clock.iso();
      const cursor = orders.reduce((m, o) => (o.updatedAt > m ? o.updatedAt : m), row.poll_cursor ?? '');
      await core.writes.run(() => {
        storeOrderVersions(core, c.id, topic, orders, receivedAt);
        setPollResult(core.db, c.id, { at: receivedAt, cursor: cursor || undefined, error: null });
        if (!cursor) setPollResult(core.db, c.id, { at: receivedAt, error: null });
      });
      this.kick();
      return { seen: orders.length, cursor: cursor || null };
    } catch (e) {
      const error = (e as Error).message.slice(0, 300);
      log.warn({ channel: c.code, error }, 'catch-up poll failed; the cursor stays');
      await core.writes.run(() => setPollResult(core.db, c.id, { at: core.ctx.clock.iso(), error }));
      throw e;
    } finally {
      this.polling.delete(c.id);
    }
  }

  private fetching = false;
  private fetchTimer: NodeJS.Timeout | null = null;

  /** Reads the due order details soon (after a chunk of the inbox asked for some), once per turn at most. */
  private fetchSoon(): void {
    if (this.fetching || this.fetchTimer) return;
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = null;
      void this.fetchDue().catch((e: unknown) => log.error({ err: e }, 'reading order details failed'));
    }, 0);
  }

  /**
   * Reads each order a message named (抖店's order messages carry only its id) from the platform's
   * API and stores it in the inbox as an order version, deduplicated like a poll's; a failure waits
   * (5 s doubling, at most 10 min) and says why, and the catch-up poll would bring the order anyway.
   */
  async fetchDue(): Promise<number> {
    if (this.fetching) return 0;
    const { core } = this;
    if (!anyFetchDue(core.db, core.ctx.clock.iso())) return 0;
    this.fetching = true;
    let read = 0;
    try {
      const due = dueFetches(core.db, core.ctx.clock.iso(), 20);
      await Promise.all(due.map(async (f) => {
        const c = connectionOf(core.ctx, f.channel_id);
        const platform = c && PLATFORMS[c.kind];
        if (!c || !platform?.fetchOrder || !c.apiBase) {
          await core.writes.run(() => deleteFetch(core.db, f.channel_id, f.external_id));
          return;
        }
        try {
          const { topic, order } = await platform.fetchOrder(c, f.external_id);
          await core.writes.run(() => {
            storeOrderVersions(core, c.id, topic, [order], core.ctx.clock.iso());
            deleteFetch(core.db, c.id, f.external_id);
          });
          read++;
        } catch (e) {
          const error = (e as Error).message.slice(0, 300);
          const next = new Date(core.ctx.clock.now() + Math.min(600_000, 5000 * 2 ** f.attempts)).toISOString();
          log.warn({ channel: c.code, order: f.external_id, error }, "reading the order's detail failed; it is tried again");
          await core.writes.run(() => fetchFailed(core.db, c.id, f.external_id, error, next));
        }
      }));
    } finally {
      this.fetching = false;
    }
    if (read) this.kick();
    return read;
  }

  /**
   * Sends every due write-back (connections with an open breaker wait) in batches: this thread picks
   * a batch (due, not held), the sender thread sends it (or this thread when `sendThread` is off)
   * and this thread records its outcomes in one write job. Each write-back is tried once a pass: a
   * retry waits for the next tick.
   */
  async sendDue(): Promise<number> {
    if (this.sending) return 0;
    this.sending = true;
    const { core } = this;
    let sent = 0;
    const tried = new Set<string>();
    let unsent = 0; // tried and still pending: they may be due again, so the next read looks past them
    try {
      for (;;) {
        const now = core.ctx.clock.iso();
        const open = new Map<string, boolean>();
        const breakerOpen = (channelId: string) => {
          let o = open.get(channelId);
          if (o === undefined) {
            const until = channelRow(core.db, channelId)?.breaker_until;
            open.set(channelId, (o = !!until && until > now));
          }
          return o;
        };
        const due = dueOutbox(core.db, now, SEND_BATCH + unsent).filter((r) => !tried.has(r.id) && !breakerOpen(r.channel_id)).slice(0, SEND_BATCH);
        if (due.length === 0) break;
        due.forEach((r) => tried.add(r.id));
        const { batch, held } = this.batchOf(due);
        if (held.length) await core.writes.run(() => this.hold(held));
        let outcomes: SendOutcome[] = [];
        if (batch.items.length) {
          try {
            outcomes = await (this.opts.sendThread ? (this.sender ??= new SenderThread(core.work)).send(batch) : sendBatch(batch));
          } catch (e) {
            log.error({ err: e }, 'the write-back batch got no outcomes; its entries stay due');
          }
        }
        const answered = outcomes.filter((o): o is Sent => o.result !== null);
        // a write job of a few outcomes at a time: a bench's read waits at most one of them
        for (let i = 0; i < answered.length; i += RECORD_CHUNK) await core.writes.run(() => this.recordSent(answered.slice(i, i + RECORD_CHUNK)));
        const ok = answered.filter((o) => o.result.ok).length;
        sent += ok;
        unsent += due.length - ok;
      }
    } finally {
      this.sending = false;
    }
    return sent;
  }

  /** The batch to send: each entry whose order is not held, with its connection (an entry of a removed connection waits); and the held ones. */
  private batchOf(due: OutboxRow[]): { batch: SendBatch; held: OutboxRow[] } {
    const { core } = this;
    const batch: SendBatch = { items: [], connections: {}, failuresLeft: {}, breakerAfter: this.tuning.breakerAfter, concurrency: this.opts.sendConcurrency };
    const held: OutboxRow[] = [];
    const holds = new Map<string, string | null>(); // a backlog is often many parcels of few orders
    for (const r of due) {
      let why = holds.get(r.order_id);
      if (why === undefined) holds.set(r.order_id, (why = holdReason(core.ctx, r.order_id)));
      if (why) {
        held.push(r);
        continue;
      }
      const c = batch.connections[r.channel_id] ?? connectionOf(core.ctx, r.channel_id);
      if (!c || !PLATFORMS[c.kind]) continue;
      if (!batch.connections[c.id]) {
        batch.connections[c.id] = c;
        batch.failuresLeft[c.id] = Math.max(1, this.tuning.breakerAfter - (channelRow(core.db, c.id)?.failures_in_row ?? 0));
      }
      batch.items.push({ id: r.id, channelId: r.channel_id, idemKey: r.idem_key, payload: r.payload });
    }
    return { batch, held };
  }

  /** Holds the entries whose order is (still, in the write job) cancelled or waiting for a refund. */
  private hold(rows: OutboxRow[]): void {
    for (const r of rows) {
      const why = holdReason(this.core.ctx, r.order_id);
      if (why) holdWriteBack(this.core.ctx, r.id, why);
    }
  }

  /** Records the outcomes of a batch in the order they came, so the breaker counts failures in a row as they happened. */
  private recordSent(sent: Sent[]): void {
    for (const { id, result } of sent) recordSend(this.core.ctx, id, result, this.tuning, SYSTEM);
  }
}

/**
 * Order versions read from the platform (a poll, an order's detail) into the inbox: delivery id
 * poll:<order>:<updated_at>, so the same version read twice is stored once, then (order id,
 * updated_at) as for webhooks.
 */
function storeOrderVersions(core: Core, channelId: string, topic: string, orders: PolledOrder[], receivedAt: string): number {
  return storeDeliveries(core.ctx, channelId, orders.map((o) => ({ deliveryId: `poll:${o.externalId}:${o.updatedAt}`.slice(0, 100), topic, eventAt: o.updatedAt, body: Buffer.from(o.body), headers: { source: 'poll' } })), 'poll', receivedAt);
}

const runners = new WeakMap<Core, ChannelSync>();

/** The core's channel runner (created on first use: the webhook route kicks its inbox). */
export function channelSync(core: Core): ChannelSync {
  let s = runners.get(core);
  if (!s) runners.set(core, (s = new ChannelSync(core)));
  return s;
}

/** Starts the timers: outbox, feed follower, catch-up polls. */
export function startChannelSync(core: Core, opts: SyncOptions = {}): ChannelSync {
  const s = channelSync(core);
  s.start(opts);
  return s;
}
