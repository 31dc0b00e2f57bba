// A lead replaces the routing (the screen sends it whole): rules in order, priority list, on/off.
// Warehouses are named by code or id; an unknown one is refused by its place in the list.
import type { z } from 'zod';
import type { CoreContext } from '../../../context';
import type { Routing, RoutingInput } from '../../../../contract/dispatch';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { warehouseIdOf } from '../../locations/queries';
import { getRouting } from '../queries';
import { replaceRoutingRules, updateRoutingSettings } from '../store';

export function setRouting(ctx: CoreContext, input: Omit<z.infer<typeof RoutingInput>, 'split'> & { split?: boolean }, actor: Actor): Routing {
  const split = input.split ?? false;
  const idOf = (ref: string, path: string) => warehouseIdOf(ctx, ref) ?? fail('validation', `${path}: no warehouse ${ref}`, [issue(path, said('noWarehouse', { ref }))]);
  const priority = input.priority.map((w, i) => idOf(w, `priority.${i}`));
  if (new Set(priority).size !== priority.length) fail('validation', 'priority: a warehouse is listed twice', [issue('priority', said('warehouseListedTwice'))]);
  const rules = input.rules.map((r, i) => ({
    id: ctx.ids('routingRule'), name: r.name, warehouseId: idOf(r.warehouse, `rules.${i}.warehouse`), provinces: r.provinces, cities: r.cities, active: r.active,
  }));
  input.rules.forEach((r, i) => {
    if (r.active && r.provinces.length + r.cities.length === 0) fail('validation', said('routingRuleNeedsPlace', { i }), [issue(`rules.${i}.provinces`, said('nameAPlace'))]);
  });
  const now = ctx.clock.iso();
  replaceRoutingRules(ctx.db, rules, now);
  updateRoutingSettings(ctx.db, input.enabled, split, priority, now);
  appendEvent(ctx.db, ctx.clock, { type: 'routing.changed', entity: 'routing', entityId: 'routing', actor, data: { enabled: input.enabled, split, rules: rules.length, priority } });
  return getRouting(ctx);
}
