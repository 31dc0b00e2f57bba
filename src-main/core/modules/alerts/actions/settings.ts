// A lead's thresholds, the admin's notification channels and the brief's time: validate, store,
// record an audited event. Run inside the writer.
import type { CoreContext } from '../../../context';
import { appendEvent, type Actor } from '../../../store/events';
import { fail, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { BriefSettings, NotifyChannelInput, ThresholdInput } from '../../../../contract/alerts';
import { metricDef } from '../metrics';
import { channelRow, deleteThresholdRow, disableChannel, insertChannel, insertOutbox, insertThreshold, outboxRow, putBriefRow, setOutbox } from '../store';

export function createThreshold(ctx: CoreContext, input: ThresholdInput, actor: Actor): string {
  if (!metricDef(input.metric)) fail('validation', `metric "${input.metric}" is not known: pick one from GET /api/alerts/metrics`, [{ path: 'metric', message: 'unknown metric' }]);
  const id = ctx.ids('threshold');
  insertThreshold(ctx.db, { id, metric: input.metric, op: input.op, value: input.value, level: input.level, window_minutes: input.windowMinutes, todo: input.todo, created_by: actor.id, created_at: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'alert.threshold_set', entity: 'threshold', entityId: id, actor, data: { ...input } });
  return id;
}

export function deleteThreshold(ctx: CoreContext, id: string, actor: Actor): void {
  if (!deleteThresholdRow(ctx.db, id, ctx.clock.iso())) notFound('threshold', id);
  appendEvent(ctx.db, ctx.clock, { type: 'alert.threshold_removed', entity: 'threshold', entityId: id, actor });
}

export function createNotifyChannel(ctx: CoreContext, input: NotifyChannelInput, actor: Actor): string {
  const id = ctx.ids('notifyChannel');
  insertChannel(ctx.db, {
    id, kind: input.kind, name: input.name, url: input.kind === 'email' ? '' : input.url, secret: input.secret.trim(),
    smtp: input.kind === 'email' && input.smtp ? JSON.stringify(input.smtp) : null, alerts: input.alerts ? 1 : 0, brief: input.brief ? 1 : 0, created_at: ctx.clock.iso(),
  });
  // the URL's query holds the robot's key: the audit log names the host only
  appendEvent(ctx.db, ctx.clock, { type: 'alert.channel_added', entity: 'notify_channel', entityId: id, actor, data: { kind: input.kind, name: input.name, host: input.url ? new URL(input.url).host : input.smtp?.host } });
  return id;
}

export function deleteNotifyChannel(ctx: CoreContext, id: string, actor: Actor): void {
  if (!disableChannel(ctx.db, id)) notFound('notification channel', id);
  appendEvent(ctx.db, ctx.clock, { type: 'alert.channel_removed', entity: 'notify_channel', entityId: id, actor });
}

export function putBrief(ctx: CoreContext, b: BriefSettings, actor: Actor): void {
  putBriefRow(ctx.db, b.time, b.enabled);
  appendEvent(ctx.db, ctx.clock, { type: 'alert.brief_set', entity: 'settings', entityId: 'brief', actor, data: { ...b } });
}

/** An admin sends a dead (or unsure) message again: a fresh set of tries, now. */
export function retryDelivery(ctx: CoreContext, id: string, actor: Actor): void {
  const r = outboxRow(ctx.db, id) ?? notFound('delivery', id);
  if (r.state !== 'dead' && r.state !== 'unsure') fail('conflict', said('resendWhich', { state: r.state }));
  setOutbox(ctx.db, id, { state: 'pending', attempts: 0, nextAt: ctx.clock.iso(), error: r.last_error });
  appendEvent(ctx.db, ctx.clock, { type: 'alert.delivery_retried', entity: 'notify_channel', entityId: r.channel_id, actor, data: { deliveryId: id, was: r.state } });
}

/** The admin's test message to one channel (its own key, so it is never taken for an alert). */
export function queueTest(ctx: CoreContext, channelId: string): string {
  const c = channelRow(ctx.db, channelId);
  if (!c || !c.enabled) notFound('notification channel', channelId);
  const id = ctx.ids('notice');
  insertOutbox(ctx.db, {
    id, channel_id: channelId, what: 'test', dedupe_key: `test:${id}`, title: 'Packline test message / 测试消息',
    text: 'If you read this, Packline\'s alerts and the daily brief reach this group. / 能看到这条消息，说明 Packline 的告警和每日简报能送达。', image: null, created_at: ctx.clock.iso(),
  });
  return id;
}
