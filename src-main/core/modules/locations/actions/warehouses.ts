// Warehouses as master data: an admin creates and changes them (Settings -> Warehouses). A warehouse
// is never deleted (bins, orders and waves name it): it is made inactive instead, and routing then
// sends it nothing. There is always exactly one default warehouse.
import type { CoreContext } from '../../../context';
import type { Warehouse, WarehouseInput } from '../../../../contract/locations';
import { appendEvent, type Actor } from '../../../store/events';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { placeBenches } from '../../benches/actions/pairing';
import { insertWarehouse, setDefaultWarehouse, updateWarehouseRow, warehouseIdByRef } from '../store';
import { getWarehouse } from '../queries';

const orNull = (s: string | undefined) => (s ? s : null);

export function createWarehouse(ctx: CoreContext, input: WarehouseInput, actor: Actor): Warehouse {
  if (warehouseIdByRef(ctx.db, input.code)) fail('conflict', `code: a warehouse ${input.code} already exists`, [issue('code', said('warehouseExists', { code: input.code }))]);
  const id = ctx.ids('warehouse');
  insertWarehouse(ctx.db, { id, code: input.code, name: input.name, province: orNull(input.province), city: orNull(input.city), address: orNull(input.address), active: input.active, cutoffs: JSON.stringify(input.carrierCutoffs ?? {}), now: ctx.clock.iso() });
  if (input.isDefault) setDefaultWarehouse(ctx.db, id);
  if (input.benches) placeBenches(ctx, id, input.benches, actor);
  appendEvent(ctx.db, ctx.clock, { type: 'warehouse.created', entity: 'warehouse', entityId: id, actor, data: { code: input.code, name: input.name } });
  return getWarehouse(ctx, id);
}

export function updateWarehouse(ctx: CoreContext, ref: string, patch: Partial<Omit<WarehouseInput, 'code'>>, actor: Actor): Warehouse {
  const id = warehouseIdByRef(ctx.db, ref);
  if (!id) notFound('warehouse', ref);
  const w = getWarehouse(ctx, id!);
  const active = patch.active ?? w.active;
  if (w.isDefault && !active) fail('conflict', said('defaultStaysActive', { code: w.code }), [issue('active', said('defaultActiveNote'))]);
  if (w.isDefault && patch.isDefault === false) fail('conflict', said('makeAnotherDefault'), [issue('isDefault', said('alwaysADefault'))]);
  if (patch.isDefault && !active) fail('validation', 'isDefault: an inactive warehouse cannot be the default', [issue('isDefault', said('inactiveNotDefault'))]);
  const pick = (k: 'province' | 'city' | 'address') => (patch[k] === undefined ? w[k] : orNull(patch[k]));
  updateWarehouseRow(ctx.db, id!, { name: patch.name ?? w.name, province: pick('province'), city: pick('city'), address: pick('address'), active, cutoffs: JSON.stringify(patch.carrierCutoffs ?? w.carrierCutoffs), now: ctx.clock.iso() });
  if (patch.isDefault) setDefaultWarehouse(ctx.db, id!);
  if (patch.benches) placeBenches(ctx, id!, patch.benches, actor);
  appendEvent(ctx.db, ctx.clock, { type: 'warehouse.updated', entity: 'warehouse', entityId: id!, actor, data: patch });
  return getWarehouse(ctx, id!);
}
