// The settings as screens show them: with the default warehouse in place of a copy of its own. A
// file apart from queries.ts, which locations reads (its walking path): no import cycle between them.
import type { CoreContext } from '../../context';
import type { Settings } from '../../../contract/settings';
import { getSettings } from './queries';
import { defaultWarehouseOf, getWarehouse } from '../locations/queries';

/**
 * The settings as a screen shows them (GET /api/settings): `warehouse` is the default warehouse's
 * name and address (Settings -> Warehouses), not a copy of its own that could tell another story.
 */
export function shopSettings(ctx: CoreContext, settings: Settings = getSettings(ctx)): Settings {
  const w = getWarehouse(ctx, defaultWarehouseOf(ctx));
  // one line: province and city first, unless the street address already says them (广东省广州市白云区…)
  const street = w.address ?? '';
  const place = [w.province, w.city].filter((p): p is string => !!p && !street.includes(p));
  return { ...settings, warehouse: { name: w.name, address: [...place, street].filter(Boolean).join(' ') } };
}
