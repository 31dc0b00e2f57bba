import { z } from 'zod';
import { freeText, line, trimmed } from './common';
import { ADMIN, MANAGE, IdParam, Ok, type RouteDef } from './routing';
import { said } from './field-messages';

// Alerts, the daily brief and the health of the system (issue 20 items 3 and 4). A lead sets
// thresholds on metrics (any module registers its metrics in the core's alerts module); a breach is
// an alert on the screen and a message to the notification channels the admin configures (WeCom and
// DingTalk group robots, email over SMTP, a signed webhook), grouped: one message per alert key per
// window, with a count. Messages leave through a durable outbox.

export const NOTIFY_KINDS = ['wecom', 'dingtalk', 'email', 'webhook'] as const;
export const NotifyKind = z.enum(NOTIFY_KINDS);
export type NotifyKind = z.infer<typeof NotifyKind>;

export const Metric = z.object({
  key: z.string(),
  label: z.object({ en: z.string(), zh: z.string() }),
  value: z.number().nullable().describe('the value now; null when it could not be read'),
});
export type Metric = z.infer<typeof Metric>;

export const ThresholdInput = z.object({
  metric: trimmed(80).describe('a metric key from GET /api/alerts/metrics'),
  op: z.enum(['above', 'below']).describe('alert when the value is above (or below) `value`'),
  value: z.number().finite(),
  level: z.enum(['warning', 'critical']).default('warning'),
  windowMinutes: z.number().int().min(1).max(1440).default(60).describe('repeats within this window are one message, with a count'),
  todo: freeText(500).refine((s) => s.length > 0, said('thresholdTodo')).describe('what a person should do'),
});
export type ThresholdInput = z.infer<typeof ThresholdInput>;

export const Threshold = ThresholdInput.extend({ id: z.string(), createdBy: z.string(), createdAt: z.string(), firing: z.boolean() });
export type Threshold = z.infer<typeof Threshold>;

export const Alert = z.object({
  id: z.string(),
  key: z.string().describe('what repeats of it share: threshold:<id> or stock:<sku id>'),
  title: z.string(),
  detail: z.string(),
  todo: z.string(),
  level: z.enum(['warning', 'critical']),
  value: z.number().nullable().describe('the value at the last look (title and detail say this one)'),
  firstValue: z.number().nullable().describe('the value when it was raised (firstAt), as the message to the channels said; null for alerts from before it was kept'),
  count: z.number().int().describe('how often it fired in this window'),
  windowStart: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  open: z.boolean().describe('still true at the last look'),
});
export type Alert = z.infer<typeof Alert>;

/** A robot URL: https, or http on this machine's loopback (the tests' and the demo's local robots). What is wrong with it, or null. */
export function robotUrlProblem(url: string): ReturnType<typeof said> | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return said('robotUrlNotUrl');
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return null;
  return said('robotUrlClear', { got: `${u.protocol}//${u.hostname}` });
}

export const SmtpSettings = z.object({
  host: trimmed(200),
  port: z.number().int().min(1).max(65535).default(465),
  secure: z.boolean().default(true).describe('TLS from the start (port 465); false: STARTTLS when offered (587)'),
  user: line(200).default(''),
  password: z.string().max(200).default(''),
  from: z.email().describe('the sender address'),
  to: z.array(z.email()).min(1).max(20).describe('who gets the alerts'),
});

export const NotifyChannelInput = z.object({
  kind: NotifyKind,
  name: trimmed(80),
  url: line(500).default('').describe('the robot\'s webhook URL (WeCom, DingTalk) or the receiver\'s URL (webhook)'),
  secret: z.string().max(200).default('').describe('DingTalk: the robot\'s signing secret (SEC...); webhook: the HMAC secret'),
  smtp: SmtpSettings.optional(),
  alerts: z.boolean().default(true).describe('send alerts here'),
  brief: z.boolean().default(true).describe('send the daily brief here'),
}).superRefine((c, ctx) => {
  if (c.kind !== 'email') {
    const why = c.url ? robotUrlProblem(c.url) : said('robotUrlRequired');
    if (why) ctx.addIssue({ code: 'custom', path: ['url'], ...why });
  }
  if ((c.kind === 'dingtalk' || c.kind === 'webhook') && !c.secret.trim()) {
    ctx.addIssue({ code: 'custom', path: ['secret'], ...said(c.kind === 'dingtalk' ? 'dingtalkSecretRequired' : 'webhookSecretRequired') });
  }
  if (c.kind === 'email' && !c.smtp) ctx.addIssue({ code: 'custom', path: ['smtp'], ...said('smtpRequired') });
});
export type NotifyChannelInput = z.infer<typeof NotifyChannelInput>;

export const NotifyChannel = z.object({
  id: z.string(), kind: NotifyKind, name: z.string(), url: z.string(), hasSecret: z.boolean(),
  smtp: SmtpSettings.omit({ password: true }).extend({ hasPassword: z.boolean() }).nullable(),
  alerts: z.boolean(), brief: z.boolean(), enabled: z.boolean(), createdAt: z.string(),
  sent24h: z.number().int(), failed24h: z.number().int(),
});
export type NotifyChannel = z.infer<typeof NotifyChannel>;

export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'dead', 'unsure'] as const;
export const Delivery = z.object({
  id: z.string(), channelId: z.string(), channelName: z.string(), kind: NotifyKind,
  what: z.enum(['alert', 'brief', 'test']), key: z.string(), title: z.string(), text: z.string().describe('what the person receives'),
  hasImage: z.boolean(), state: z.enum(DELIVERY_STATES), attempts: z.number().int(), lastError: z.string().nullable(),
  createdAt: z.string(), sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const BriefSettings = z.object({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00').describe('local time of the shop (Settings -> General time zone)'),
  enabled: z.boolean(),
});
export type BriefSettings = z.infer<typeof BriefSettings>;
export const DEFAULT_BRIEF: BriefSettings = { time: '09:00', enabled: true };

export const BriefStatus = BriefSettings.extend({ lastDay: z.string().nullable().describe('the shop-local day of the last brief'), nextAt: z.string().nullable() });

export const PeerRate = z.object({ name: z.string(), tried: z.number().int(), ok: z.number().int(), rate: z.number().nullable().describe('ok / tried over 24 h, null when nothing was tried') });

export const SystemHealth = z.object({
  at: z.string(),
  eventLoop: z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number() }).describe('the core thread\'s event-loop delay over the last minute'),
  requests: z.object({ perMinute: z.number(), errorsPerMinute: z.number(), errorRate: z.number().nullable().describe('5xx share of requests over the last minute') }),
  database: z.object({ bytes: z.number().int(), walBytes: z.number().int() }),
  diskFreeBytes: z.number().nullable(),
  feedSubscribers: z.number().int(),
  labelsWaiting: z.number().int().describe('e-waybill requests still asking a carrier (the queue before a label can print)'),
  alertOutbox: z.object({ pending: z.number().int(), dead: z.number().int() }),
  channels: z.array(PeerRate),
  carriers: z.array(PeerRate),
});
export type SystemHealth = z.infer<typeof SystemHealth>;

export const AlertsView = z.object({ open: z.array(Alert), recent: z.array(Alert) });

export const alertsRoutes = {
  listAlerts: { method: 'GET', path: '/api/alerts', summary: 'Open alerts (still firing) and the recent ones, newest first', roles: MANAGE, response: AlertsView, tag: 'alerts' },
  listMetrics: { method: 'GET', path: '/api/alerts/metrics', summary: 'Every metric a threshold can watch, with its value now', roles: MANAGE, response: z.object({ items: z.array(Metric) }), tag: 'alerts' },
  listThresholds: { method: 'GET', path: '/api/alerts/thresholds', summary: 'The thresholds leads set', roles: MANAGE, response: z.object({ items: z.array(Threshold) }), tag: 'alerts' },
  createThreshold: { method: 'POST', path: '/api/alerts/thresholds', summary: 'Set a threshold on a metric (audited)', roles: MANAGE, body: ThresholdInput, response: Threshold, tag: 'alerts' },
  deleteThreshold: { method: 'DELETE', path: '/api/alerts/thresholds/:id', summary: 'Remove a threshold (audited)', roles: MANAGE, params: IdParam, response: Ok, tag: 'alerts' },
  evaluateAlerts: { method: 'POST', path: '/api/alerts/evaluate', summary: 'Look at every threshold now (it also happens every minute)', roles: MANAGE, response: z.object({ fired: z.number().int() }), tag: 'alerts' },
  listNotifyChannels: { method: 'GET', path: '/api/alerts/channels', summary: 'Notification channels (secrets are never shown)', roles: ADMIN, response: z.object({ items: z.array(NotifyChannel) }), tag: 'alerts' },
  createNotifyChannel: { method: 'POST', path: '/api/alerts/channels', summary: 'Add a WeCom or DingTalk robot, an SMTP mailbox or a signed webhook (audited)', roles: ADMIN, body: NotifyChannelInput, response: NotifyChannel, tag: 'alerts' },
  deleteNotifyChannel: { method: 'DELETE', path: '/api/alerts/channels/:id', summary: 'Stop using a notification channel (audited; its log stays)', roles: ADMIN, params: IdParam, response: Ok, tag: 'alerts' },
  testNotifyChannel: { method: 'POST', path: '/api/alerts/channels/:id/test', summary: 'Send a test message now and say what the robot or server answered', roles: ADMIN, params: IdParam, response: Delivery, tag: 'alerts' },
  listDeliveries: { method: 'GET', path: '/api/alerts/deliveries', summary: 'What each channel was sent (the delivery log), newest first', roles: MANAGE, query: z.object({ channelId: z.string().max(80).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: z.object({ items: z.array(Delivery) }), tag: 'alerts' },
  retryDelivery: { method: 'POST', path: '/api/alerts/deliveries/:id/retry', summary: 'Send a dead or unsure message again', roles: ADMIN, params: IdParam, response: Delivery, tag: 'alerts' },
  getBrief: { method: 'GET', path: '/api/alerts/brief', summary: 'The daily brief\'s time, the last one sent', roles: MANAGE, response: BriefStatus, tag: 'alerts' },
  putBrief: { method: 'PUT', path: '/api/alerts/brief', summary: 'Set the daily brief\'s time (shop time) or switch it off (audited)', roles: ADMIN, body: BriefSettings, response: BriefStatus, tag: 'alerts' },
  systemHealth: { method: 'GET', path: '/api/system/health', summary: 'The health of the system: event-loop delay, request and error rate, database and WAL size, disk free, feed subscribers, queues, peers\' success', roles: ADMIN, response: SystemHealth, tag: 'alerts' },
} as const satisfies Record<string, RouteDef>;
