// Bins: created on first use by code (stock, products) or one by one (the locations screen).
import type { z } from 'zod';
import type { CoreContext } from '../../../context';
import type { LocationInput } from '../../../../contract/locations';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { insertLocation, locationIdByCode } from '../store';
import { defaultWarehouseOf, warehouseIdOf } from '../queries';

/** "A-03-12-2" -> zone A, aisle 03, bay 12, level 2 (the default pattern; waves may configure others). */
export function parseLocationCode(code: string): { zone?: string; aisle?: string; bay?: string; level?: string } {
  const [zone, aisle, bay, level] = code.split('-');
  return { zone, aisle, bay, level };
}

export function ensureLocation(ctx: CoreContext, code: string): string {
  const id = locationIdByCode(ctx.db, code);
  if (id) return id;
  return createLocation(ctx, { code, ...parseLocationCode(code) }).id;
}

/** A bin in the warehouse named (the default one when none is). */
export function createLocation(ctx: CoreContext, input: z.infer<typeof LocationInput>) {
  const warehouseId = input.warehouse ? warehouseIdOf(ctx, input.warehouse) : defaultWarehouseOf(ctx);
  if (!warehouseId) fail('validation', `warehouse: no warehouse ${input.warehouse}`, [issue('warehouse', said('noWarehouse', { ref: String(input.warehouse) }))]);
  // checked before the write: on PostgreSQL a write's failure surfaces later (piped), not here
  if (locationIdByCode(ctx.db, input.code)) fail('conflict', said('locationExists', { code: input.code }));
  const id = ctx.ids('location');
  insertLocation(ctx.db, id, input, warehouseId!);
  return { id, ...input, warehouseId: warehouseId! };
}
