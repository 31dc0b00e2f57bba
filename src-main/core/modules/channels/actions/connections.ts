// Connecting a sales channel and changing a connection (admin). The secret is stored as given (it
// must be, to compute signatures) and never shown again, only its last four characters.
import type { CoreContext } from '../../../context';
import type { ChannelInput, ChannelPatch } from '../../../../contract/channels';
import type { z } from 'zod';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { channelByCode, insertChannel, updateChannelRow } from '../store';
import { channelRecord, forgetConnections } from '../queries';
import { startFollowing } from './outbox';

export function createChannel(ctx: CoreContext, input: ChannelInput, actor: Actor): string {
  if (channelByCode(ctx.db, input.code)) fail('conflict', said('channelConnected', { code: input.code }), [issue('code', said('taken'))]);
  if (input.kind === 'douyin' && !input.appKey) fail('validation', said('douyinAppKey'), [issue('appKey', said('douyinRequired'))]);
  startFollowing(ctx);
  const id = ctx.ids('channel');
  const now = ctx.clock.iso();
  insertChannel(ctx.db, {
    id, kind: input.kind, name: input.name, code: input.code, secret: input.secret, app_key: input.appKey ?? null, api_base: input.apiBase ?? null, api_key: input.apiKey ?? null,
    api_secret: input.apiSecret ?? null, write_back_url: input.writeBackUrl ?? null, write_back_on: input.writeBackOn, carrier_names: JSON.stringify(input.carrierNames), default_carrier: input.defaultCarrier ?? null,
    poll_minutes: input.pollMinutes, enabled: input.enabled ? 1 : 0, created_at: now, updated_at: now,
  });
  appendEvent(ctx.db, ctx.clock, { type: 'channel.connected', entity: 'channel', entityId: id, actor, data: { kind: input.kind, code: input.code, name: input.name } });
  forgetConnections(ctx);
  return id;
}

export function updateChannel(ctx: CoreContext, id: string, p: z.infer<typeof ChannelPatch>, actor: Actor): void {
  channelRecord(ctx, id);
  updateChannelRow(ctx.db, id, {
    name: p.name, secret: p.secret, app_key: p.appKey, api_base: p.apiBase, api_key: p.apiKey, api_secret: p.apiSecret, write_back_url: p.writeBackUrl, write_back_on: p.writeBackOn,
    carrier_names: p.carrierNames && JSON.stringify(p.carrierNames), default_carrier: p.defaultCarrier, poll_minutes: p.pollMinutes, enabled: p.enabled === undefined ? undefined : p.enabled ? 1 : 0,
  }, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'channel.changed', entity: 'channel', entityId: id, actor, data: { fields: Object.keys(p).filter((k) => k !== 'secret' && k !== 'apiKey' && k !== 'apiSecret'), secretChanged: !!p.secret } });
  forgetConnections(ctx);
}
