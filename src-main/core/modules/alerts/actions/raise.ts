// Alerts as they fire: grouped per key and window (the first breach of a window queues one message
// per channel; repeats within the window only raise its count), closed when the value is back. The
// message and its outbox rows commit in one transaction, so each is queued exactly once.
import type { CoreContext } from '../../../context';
import { appendEvent } from '../../../store/events';
import { alertIn, bumpAlert, channelRows, closeAlerts, firedBefore, insertAlert, insertOutbox, setFiring, type ThresholdRow } from '../store';
import { metricDef } from '../metrics';

const SYSTEM = { id: 'system:alerts', role: 'system' };

export interface AlertSpec { key: string; windowMinutes: number; title: string; detail: string; todo: string; level: 'warning' | 'critical'; value: number | null }

export const windowStartOf = (nowMs: number, minutes: number) => new Date(Math.floor(nowMs / (minutes * 60_000)) * minutes * 60_000).toISOString();

/** Queues one message to every channel that takes this kind; returns how many were queued. */
export function queueMessage(ctx: CoreContext, m: { what: 'alert' | 'brief'; key: string; title: string; text: string; image?: string | null }): number {
  let n = 0;
  const at = ctx.clock.iso();
  for (const c of channelRows(ctx.db)) {
    if (m.what === 'alert' ? !c.alerts : !c.brief) continue;
    if (c.kind === 'wecom' && m.image) {
      // WeCom takes a picture only as its own message
      if (insertOutbox(ctx.db, { id: ctx.ids('notice'), channel_id: c.id, what: m.what, dedupe_key: m.key, title: m.title, text: m.text, image: null, created_at: at })) n++;
      if (insertOutbox(ctx.db, { id: ctx.ids('notice'), channel_id: c.id, what: m.what, dedupe_key: `${m.key}:image`, title: `${m.title} (chart)`, text: '', image: m.image, created_at: at })) n++;
    } else if (insertOutbox(ctx.db, { id: ctx.ids('notice'), channel_id: c.id, what: m.what, dedupe_key: m.key, title: m.title, text: m.text, image: m.image ?? null, created_at: at })) n++;
  }
  return n;
}

/** An occurrence of an alert: the window's first queues the message, a repeat (`countIt`) raises the count. Returns whether a message was queued. */
export function raiseAlert(ctx: CoreContext, a: AlertSpec, countIt = true): boolean {
  const now = ctx.clock.now();
  const at = new Date(now).toISOString();
  const windowStart = windowStartOf(now, a.windowMinutes);
  const row = alertIn(ctx.db, a.key, windowStart);
  if (row) {
    bumpAlert(ctx.db, row.id, a.value, a.title, a.detail, at, countIt);
    return false;
  }
  const id = ctx.ids('alert');
  // the earlier windows' alert of the key is this one now: one card on the screen, with today's figure
  closeAlerts(ctx.db, a.key);
  insertAlert(ctx.db, { id, key: a.key, window_start: windowStart, title: a.title, detail: a.detail, todo: a.todo, level: a.level, value: a.value, first_value: a.value, count: 1, first_at: at, last_at: at, open: 1 });
  const previous = firedBefore(ctx.db, a.key, new Date(Date.parse(windowStart) - a.windowMinutes * 60_000).toISOString(), windowStart);
  const lines = [
    a.detail,
    previous > 0 ? `Repeated ${previous}× in the previous ${a.windowMinutes} min / 前 ${a.windowMinutes} 分钟内重复 ${previous} 次` : '',
    `**What to do / 处理办法:** ${a.todo}`,
  ].filter(Boolean);
  queueMessage(ctx, { what: 'alert', key: `alert:${a.key}:${windowStart}`, title: a.title, text: lines.join('\n\n') });
  appendEvent(ctx.db, ctx.clock, { type: 'alert.raised', entity: 'alert', entityId: id, actor: SYSTEM, data: { key: a.key, level: a.level, value: a.value, title: a.title } });
  return true;
}

export const closeAlert = (ctx: CoreContext, key: string) => closeAlerts(ctx.db, key);

/** One threshold's reading: fire (first breach after being fine counts as a repeat), or close when back. */
export const breaches = (t: ThresholdRow, value: number | null) => value !== null && (t.op === 'above' ? value > t.value : value < t.value);

/**
 * Whether a reading changes anything (read only, so a steady state costs no write job): the
 * threshold starts or stops firing, a new window begins, or the value moved.
 */
export function readingChanges(ctx: CoreContext, t: ThresholdRow, value: number | null): boolean {
  const breach = breaches(t, value);
  if (breach !== !!t.firing) return true;
  if (!breach) return false;
  const row = alertIn(ctx.db, `threshold:${t.id}`, windowStartOf(ctx.clock.now(), t.window_minutes));
  return !row || row.value !== value;
}

export function applyReading(ctx: CoreContext, t: ThresholdRow, value: number | null): boolean {
  const breach = breaches(t, value);
  const key = `threshold:${t.id}`;
  if (!breach) {
    if (t.firing) {
      setFiring(ctx.db, t.id, false);
      closeAlert(ctx, key);
    }
    return false;
  }
  const label = metricDef(t.metric)?.label ?? { en: t.metric, zh: t.metric };
  const sign = t.op === 'above' ? '>' : '<';
  const queued = raiseAlert(ctx, {
    key, windowMinutes: t.window_minutes, level: t.level, value, todo: t.todo,
    title: `${t.level === 'critical' ? '严重 Critical' : '警告 Warning'}: ${label.zh} ${value} / ${label.en} ${value}`,
    detail: `${label.en} is ${value} (threshold ${sign} ${t.value}) / ${label.zh}为 ${value}（阈值 ${sign} ${t.value}）`,
  }, !t.firing);
  if (!t.firing) setFiring(ctx.db, t.id, true);
  return queued;
}
