import type { z } from 'zod';
import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { LocationInput } from '../../../contract/locations';
import { fail } from '../../../lib/errors';

// Bins: created on first use by code (stock, products) or one by one, listed in walking order.

/** "A-03-12-2" -> zone A, aisle 03, bay 12, level 2 (the default pattern; waves may configure others). */
export function parseLocationCode(code: string): { zone?: string; aisle?: string; bay?: string; level?: string } {
  const [zone, aisle, bay, level] = code.split('-');
  return { zone, aisle, bay, level };
}

export function ensureLocation(ctx: CoreContext, code: string): string {
  const row = prep(ctx.db, 'SELECT id FROM locations WHERE code = ?').get(code) as { id: string } | undefined;
  if (row) return row.id;
  return createLocation(ctx, { code, ...parseLocationCode(code) }).id;
}

export function createLocation(ctx: CoreContext, input: z.infer<typeof LocationInput>) {
  const id = ctx.ids('location');
  try {
    prep(ctx.db, 'INSERT INTO locations (id, code, zone, aisle, bay, level, sequence) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.code, input.zone ?? null, input.aisle ?? null, input.bay ?? null, input.level ?? null, input.sequence ?? null);
  } catch (e) {
    if (String(e).includes('UNIQUE')) fail('conflict', `location ${input.code} already exists`);
    throw e;
  }
  return { id, ...input };
}

export function listLocations(ctx: CoreContext) {
  const rows = prep(ctx.db, 'SELECT * FROM locations ORDER BY COALESCE(sequence, 1e9), code').all() as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as string, code: r.code as string,
    zone: (r.zone as string) ?? undefined, aisle: (r.aisle as string) ?? undefined, bay: (r.bay as string) ?? undefined, level: (r.level as string) ?? undefined,
    sequence: (r.sequence as number) ?? undefined,
  }));
}
