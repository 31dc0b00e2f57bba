// The alerts module's work outside a request: every minute it reads the thresholds' metrics (reads
// only; a write job only when something fires or clears), follows the feed's safety-stock crossings,
// makes the daily brief once per shop-local day, and sends the outbox (retry with backoff, a dead
// letter after the last try). Sending is async I/O off the writer; a message marked "sending" when
// the core stopped is never sent again by itself ("unsure": an admin retries it), so no one gets it twice.
import type { Core } from '../../core';
import { logger } from '../../../lib/log';
import { getSettings } from '../settings/queries';
import { DEFAULT_BRIEF } from '../../../contract/alerts';
import { shopLocal } from '../../../contract/shop-time';
import { kpiTrend } from '../board/queries';
import { applyReading, queueMessage, raiseAlert, readingChanges } from './actions/raise';
import { metricDefs, metricDef, readMetric } from './metrics';
import { sendMessage } from './senders';
import { barChartPng } from './chart';
import {
  briefRow, channelRow, channelRows, claimBriefDay, cursorAt, dueOutbox, hasDueOutbox, markInterrupted, maxEventId, outboxRow, safetyEventsAfter, setCursorAt, setOutbox, thresholdRows, type OutboxRow, type ThresholdRow,
} from './store';

const log = logger('core.alerts');
export const MAX_TRIES = 6;

export interface AlertOptions {
  /** how often the outbox is looked at (default 1 s) */
  tickMs?: number;
  /** how often thresholds are evaluated and the brief's time is checked (default 60 s) */
  evaluateMs?: number;
  /** first retry after this long, doubling (default 30 s) */
  retryBaseMs?: number;
}

export class AlertRunner {
  private timer: NodeJS.Timeout | null = null;
  // one evaluation and one sending pass at a time; a caller arriving meanwhile waits for it, then runs its own
  private evaluations: Promise<unknown> = Promise.resolve();
  private sends: Promise<unknown> = Promise.resolve();
  private lastEvaluated = -Infinity;
  private opts: Required<AlertOptions> = { tickMs: 1000, evaluateMs: 60_000, retryBaseMs: 30_000 };

  constructor(private readonly core: Core) {}

  start(opts: AlertOptions = {}): void {
    this.opts = { ...this.opts, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
    this.stop();
    // messages that were going out when the core stopped may have arrived: not again by themselves
    const n = markInterrupted(this.core.db, 'Packline stopped while sending this; it is not sent again by itself so nobody gets it twice: Retry if it did not arrive');
    if (n) log.warn({ n }, 'messages interrupted by a stop are marked unsure');
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    try {
      if (this.core.ctx.clock.now() - this.lastEvaluated >= this.opts.evaluateMs) await this.evaluate();
      await this.sendDue();
    } catch (e) {
      log.error({ err: (e as Error).message }, 'alerts tick failed');
    }
  }

  /** Reads every threshold's metric, follows safety-stock crossings, makes the brief when due. Returns the messages queued. */
  evaluate(): Promise<number> {
    const run = this.evaluations.catch(() => 0).then(() => this.evaluateOnce());
    this.evaluations = run;
    return run;
  }

  private async evaluateOnce(): Promise<number> {
    const { core } = this;
    {
      this.lastEvaluated = core.ctx.clock.now();
      // reads first, outside the writer; one write job only when a threshold fires or clears. Each
      // metric is read in a turn of its own: on 100,000 open orders the reads of one evaluation held
      // the loop 170-610 ms together (bench/sweep-block.bench.ts), a bench's read waits for one now.
      const values = new Map<string, number | null>(); // each metric read once per evaluation
      const readings: { t: ThresholdRow; value: number | null }[] = [];
      for (const t of thresholdRows(core.db)) {
        if (!values.has(t.metric)) {
          await new Promise((r) => setImmediate(r));
          const m = metricDef(t.metric);
          values.set(t.metric, m ? readMetric(core.ctx, m) : null);
        }
        readings.push({ t, value: values.get(t.metric)! });
      }
      const changing = readings.filter(({ t, value }) => readingChanges(core.ctx, t, value));
      let queued = 0;
      if (changing.length) queued += await core.writes.run(() => changing.reduce((n, r) => n + (applyReading(core.ctx, r.t, r.value) ? 1 : 0), 0));
      queued += await this.followSafetyStock();
      queued += await this.briefIfDue();
      return queued;
    }
  }

  /** Safety-stock crossings on the feed (stock.below_safety) are alerts too, one key per product. */
  private async followSafetyStock(): Promise<number> {
    const { core } = this;
    const at = cursorAt(core.db);
    if (at === null) {
      // start at the present: crossings from before alerts existed are not news
      const now = maxEventId(core.db);
      await core.writes.run(() => setCursorAt(core.db, now));
      return 0;
    }
    const events = safetyEventsAfter(core.db, at, 500);
    if (!events.length) return 0;
    return core.writes.run(() => {
      let n = 0;
      for (const e of events) {
        const d = (e.data ? JSON.parse(e.data) : {}) as { available?: number; safetyStock?: number };
        const sku = e.sku ?? e.skuId;
        if (raiseAlert(core.ctx, {
          key: `stock:${e.skuId}`, windowMinutes: 60, level: 'warning', value: d.available ?? null,
          title: `警告 Warning: ${sku} 低于安全库存 / ${sku} under safety stock`,
          detail: `${sku} ${e.name ?? ''}: ${d.available} available, safety stock ${d.safetyStock} / 可用 ${d.available}，安全库存 ${d.safetyStock}`,
          todo: 'Reorder from the supplier or move stock in from another warehouse; see Inventory / 向供应商补货或从其他仓调拨，见“库存”页',
        })) n++;
      }
      setCursorAt(core.db, events[events.length - 1]!.id);
      return n;
    });
  }

  /** Once per shop-local day at the brief's time: the key numbers and a chart, queued in one transaction with the day's mark. */
  async briefIfDue(force = false): Promise<number> {
    const { core } = this;
    const b = briefRow(core.db) ?? { time: DEFAULT_BRIEF.time, enabled: DEFAULT_BRIEF.enabled ? 1 : 0, last_day: null };
    const now = core.ctx.clock.now();
    const local = shopLocal(now, getSettings(core.ctx).timeZone);
    if (!force && (!b.enabled || local.time < b.time || (b.last_day !== null && b.last_day >= local.day))) return 0;
    if (!channelRows(core.db).some((c) => c.brief)) return 0; // nobody to tell yet: the day stays open for a channel added later
    const { title, text, image } = await this.briefContent(local.day);
    return core.writes.run(() => (claimBriefDay(core.db, local.day, DEFAULT_BRIEF) ? queueMessage(core.ctx, { what: 'brief', key: `brief:${local.day}`, title, text, image }) : 0));
  }

  private async briefContent(day: string): Promise<{ title: string; text: string; image: string | null }> {
    const { core } = this;
    const lines = metricDefs().map((m) => `- ${m.label.zh} / ${m.label.en}: **${readMetric(core.ctx, m) ?? '–'}**`);
    // the shop's last 7 days, as the board counts them (its days are the shop's, not UTC's)
    const days = kpiTrend(core.ctx, 7).days.map((d) => ({ label: d.day.slice(5), value: d.parcels }));
    lines.push(`- 近 7 天贴标包裹 / Parcels labelled, last 7 days: ${days.map((d) => d.value).join(' · ')}`);
    let image: string | null = null;
    try {
      image = await barChartPng('近 7 天贴标包裹 / Parcels labelled', days);
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'the brief\'s chart could not be drawn; the brief goes without it');
    }
    return { title: `每日简报 Daily brief ${day}`, text: lines.join('\n'), image };
  }

  /** Sends every due message, one at a time. */
  sendDue(): Promise<number> {
    const run = this.sends.catch(() => 0).then(() => this.sendDueOnce());
    this.sends = run;
    return run;
  }

  private async sendDueOnce(): Promise<number> {
    const { core } = this;
    if (!hasDueOutbox(core.db, core.ctx.clock.iso())) return 0;
    let sent = 0;
    {
      const tried = new Set<string>();
      for (;;) {
        const due = dueOutbox(core.db, core.ctx.clock.iso(), 20).filter((r) => !tried.has(r.id));
        if (!due.length) break;
        for (const r of due) {
          tried.add(r.id);
          if (await this.sendOne(r)) sent++;
        }
      }
    }
    return sent;
  }

  /** One message: marked sending (committed) before it leaves, then its result. */
  async sendOne(r: OutboxRow): Promise<boolean> {
    const { core } = this;
    const c = channelRow(core.db, r.channel_id);
    const attempts = r.attempts + 1;
    await core.writes.run(() => setOutbox(core.db, r.id, { state: 'sending', attempts, nextAt: null, error: r.last_error }));
    let result;
    try {
      result = c && c.enabled ? await sendMessage(c, r, Date.now()) /* the robot checks the signature's time against its own clock */ : { ok: false, detail: 'the channel was removed' };
    } catch (e) {
      result = { ok: false, detail: (e as Error).message };
    }
    const now = core.ctx.clock.now();
    await core.writes.run(() => {
      if (result.ok) setOutbox(core.db, r.id, { state: 'sent', attempts, nextAt: null, error: null, sentAt: new Date(now).toISOString() });
      else if (attempts >= MAX_TRIES || !c?.enabled) setOutbox(core.db, r.id, { state: 'dead', attempts, nextAt: null, error: result.detail.slice(0, 500) });
      else setOutbox(core.db, r.id, { state: 'pending', attempts, nextAt: new Date(now + this.opts.retryBaseMs * 2 ** (attempts - 1)).toISOString(), error: result.detail.slice(0, 500) });
    });
    if (!result.ok) log.warn({ channel: c?.name, detail: result.detail }, 'a notification was not taken');
    return result.ok;
  }

  /** Sends one message now (the admin's test, a retry) and returns it as it ended. */
  async sendNow(id: string): Promise<OutboxRow> {
    const r = outboxRow(this.core.db, id)!;
    if (r.state === 'pending') await this.sendOne(r);
    return outboxRow(this.core.db, id)!;
  }
}

const runners = new WeakMap<Core, AlertRunner>();

/** The core's alert runner (created on first use). */
export function alertRunner(core: Core): AlertRunner {
  let r = runners.get(core);
  if (!r) runners.set(core, (r = new AlertRunner(core)));
  return r;
}

/** Starts the timers: evaluation, the brief, the outbox (the app and `npm run serve`). */
export function startAlerts(core: Core, opts: AlertOptions = {}): AlertRunner {
  const r = alertRunner(core);
  r.start(opts);
  return r;
}
