// Reads of the alerts module in the contract's shapes: alerts, metrics with their values,
// thresholds, notification channels (secrets never leave), the delivery log, the brief's status.
import type { CoreContext } from '../../context';
import type { Alert, Delivery, Metric, NotifyChannel, Threshold } from '../../../contract/alerts';
import { DEFAULT_BRIEF } from '../../../contract/alerts';
import { notFound } from '../../../lib/errors';
import { metricDefs, readMetric } from './metrics';
import { briefRow, channelCounts, channelRow, channelRows, deliveryRows, openAlertRows, outboxRow, recentAlertRows, thresholdRows, type AlertRow, type ChannelRow, type OutboxRow, type ThresholdRow } from './store';

const toAlert = (r: AlertRow): Alert => ({
  id: r.id, key: r.key, title: r.title, detail: r.detail, todo: r.todo, level: r.level, value: r.value, firstValue: r.first_value, count: r.count,
  windowStart: r.window_start, firstAt: r.first_at, lastAt: r.last_at, open: !!r.open,
});

export function alertsView(ctx: CoreContext) {
  return { open: openAlertRows(ctx.db).map(toAlert), recent: recentAlertRows(ctx.db, new Date(ctx.clock.now() - 86_400_000).toISOString()).map(toAlert) };
}

export const metricsNow = (ctx: CoreContext): Metric[] => metricDefs().map((m) => ({ key: m.key, label: m.label, value: readMetric(ctx, m) }));

const toThreshold = (r: ThresholdRow): Threshold => ({
  id: r.id, metric: r.metric, op: r.op, value: r.value, level: r.level, windowMinutes: r.window_minutes, todo: r.todo, createdBy: r.created_by, createdAt: r.created_at, firing: !!r.firing,
});
export const listThresholds = (ctx: CoreContext) => ({ items: thresholdRows(ctx.db).map(toThreshold) });
export const thresholdOf = (ctx: CoreContext, id: string) => toThreshold(thresholdRows(ctx.db).find((t) => t.id === id) ?? notFound('threshold', id));

function toChannel(r: ChannelRow, counts: Map<string, { sent: number; failed: number }>): NotifyChannel {
  const smtp = r.smtp ? (JSON.parse(r.smtp) as { host: string; port: number; secure: boolean; user: string; password: string; from: string; to: string[] }) : null;
  return {
    id: r.id, kind: r.kind, name: r.name, url: r.url.replace(/([?&](key|access_token)=)[^&]+/g, '$1…'), hasSecret: !!r.secret,
    smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, from: smtp.from, to: smtp.to, hasPassword: !!smtp.password } : null,
    alerts: !!r.alerts, brief: !!r.brief, enabled: !!r.enabled, createdAt: r.created_at,
    sent24h: counts.get(r.id)?.sent ?? 0, failed24h: counts.get(r.id)?.failed ?? 0,
  };
}
const since24h = (ctx: CoreContext) => new Date(ctx.clock.now() - 86_400_000).toISOString();
export const listNotifyChannels = (ctx: CoreContext) => {
  const counts = channelCounts(ctx.db, since24h(ctx));
  return { items: channelRows(ctx.db).map((r) => toChannel(r, counts)) };
};
export const notifyChannelOf = (ctx: CoreContext, id: string) => toChannel(channelRow(ctx.db, id) ?? notFound('notification channel', id), channelCounts(ctx.db, since24h(ctx)));

const toDelivery = (r: OutboxRow & { channel_name: string; kind: ChannelRow['kind'] }): Delivery => ({
  id: r.id, channelId: r.channel_id, channelName: r.channel_name, kind: r.kind, what: r.what, key: r.dedupe_key, title: r.title, text: r.text,
  hasImage: !!r.image, state: r.state, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
});
export const listDeliveries = (ctx: CoreContext, f: { channelId?: string; limit: number }) => ({ items: deliveryRows(ctx.db, f).map(toDelivery) });
export function deliveryOf(ctx: CoreContext, id: string): Delivery {
  const r = outboxRow(ctx.db, id) ?? notFound('delivery', id);
  const c = channelRow(ctx.db, r.channel_id)!;
  return toDelivery({ ...r, channel_name: c.name, kind: c.kind });
}

export function briefStatus(ctx: CoreContext, nextAt: string | null) {
  const b = briefRow(ctx.db);
  return { time: b?.time ?? DEFAULT_BRIEF.time, enabled: b ? !!b.enabled : DEFAULT_BRIEF.enabled, lastDay: b?.last_day ?? null, nextAt };
}
