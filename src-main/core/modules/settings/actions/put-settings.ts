// Changing the shop's settings: validate the merged result, store the changed keys, record who.
import type { CoreContext } from '../../../context';
import { Settings } from '../../../../contract/settings';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings, forgetCachedSettings } from '../queries';
import { shopSettings } from '../shop-settings';
import { upsertSetting } from '../store';
import { updateWarehouse } from '../../locations/actions/warehouses';
import { defaultWarehouseOf } from '../../locations/queries';

export function putSettings(ctx: CoreContext, patch: Partial<Settings>, actor: Actor): Settings {
  const next = Settings.parse({ ...getSettings(ctx), ...patch });
  // The setup's "first warehouse" is the default warehouse of Settings -> Warehouses: one record, so
  // what Settings -> General shows is what routing, benches and labels use.
  if (patch.warehouse) {
    // One line of address as typed replaces the warehouse's province, city and street (an unchanged line leaves them).
    const line = patch.warehouse.address.trim();
    const address = line === shopSettings(ctx).warehouse.address ? {} : { province: '', city: '', address: line };
    updateWarehouse(ctx, defaultWarehouseOf(ctx), { name: patch.warehouse.name.trim() || undefined, ...address }, actor);
  }
  for (const [k, v] of Object.entries(patch)) upsertSetting(ctx.db, k, JSON.stringify(v));
  appendEvent(ctx.db, ctx.clock, { type: 'settings.changed', entity: 'settings', entityId: 'shop', actor, data: { keys: Object.keys(patch) } });
  forgetCachedSettings(ctx.db);
  return shopSettings(ctx, next);
}
