// Changing the shop's settings: validate the merged result, store the changed keys, record who.
import type { CoreContext } from '../../../context';
import { Settings } from '../../../../contract/settings';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings, forgetCachedSettings } from '../queries';
import { upsertSetting } from '../store';

export function putSettings(ctx: CoreContext, patch: Partial<Settings>, actor: Actor): Settings {
  const next = Settings.parse({ ...getSettings(ctx), ...patch });
  for (const [k, v] of Object.entries(patch)) upsertSetting(ctx.db, k, JSON.stringify(v));
  appendEvent(ctx.db, ctx.clock, { type: 'settings.changed', entity: 'settings', entityId: 'shop', actor, data: { keys: Object.keys(patch) } });
  forgetCachedSettings(ctx.db);
  return next;
}
