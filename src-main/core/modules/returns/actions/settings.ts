// The shop's settings for returns (approval amount, return window, returns bin), audited.
import type { CoreContext } from '../../../context';
import type { ReturnSettings } from '../../../../contract/returns';
import { appendEvent, type Actor } from '../../../store/events';
import { returnSettings } from '../queries';
import { upsertReturnSettings } from '../store';

export function putReturnSettings(ctx: CoreContext, s: ReturnSettings, actor: Actor): ReturnSettings {
  upsertReturnSettings(ctx.db, JSON.stringify(s));
  appendEvent(ctx.db, ctx.clock, { type: 'return.settings_changed', entity: 'settings', entityId: 'returns', actor, data: { ...s } });
  return returnSettings(ctx);
}
