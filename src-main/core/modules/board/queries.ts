// The lead's board: open work per carrier against its cut-off, and parcels per bench today.
import type { CoreContext } from '../../context';
import { getSettings } from '../settings/queries';
import { warehouseOfBench } from '../locations/queries';
import type { ShiftBoard } from '../../../contract/board';
import { parcelsTableExists, packClaimsTableExists, openOrdersPerCarrier, packingPerBench, parcelsPerBenchSince } from './store';

/** Work per carrier against its cut-off, and per bench (from the packing records, when present); one warehouse's when given. */
export function shiftBoard(ctx: CoreContext, warehouseId?: string): ShiftBoard {
  const cutoffs = getSettings(ctx).carrierCutoffs;
  const rows = openOrdersPerCarrier(ctx.db, warehouseId);
  const by = new Map<string, ShiftBoard['carriers'][number]>();
  const get = (c: string) => by.get(c) ?? (by.set(c, { carrier: c, cutoff: cutoffs[c] ?? null, pool: 0, inWave: 0, packing: 0, packed: 0, exceptions: 0 }), by.get(c)!);
  for (const c of Object.keys(cutoffs)) get(c);
  for (const r of rows) {
    const e = get(r.carrier);
    if (r.state === 'allocated') e.pool += r.n;
    else if (r.state === 'in_wave' || r.state === 'picked') e.inWave += r.n;
    else if (r.state === 'packing') e.packing += r.n;
    else if (r.state === 'packed') e.packed += r.n;
    else e.exceptions += r.n;
  }
  const carriers = [...by.values()].sort((a, b) => (a.cutoff ?? '99').localeCompare(b.cutoff ?? '99') || a.carrier.localeCompare(b.carrier));
  const benches = benchBoard(ctx);
  return { carriers, benches: warehouseId ? benches.filter((b) => warehouseOfBench(ctx, b.bench) === warehouseId) : benches };
}

/** Parcels per bench since local midnight, and orders on each bench now. */
function benchBoard(ctx: CoreContext): ShiftBoard['benches'] {
  if (!parcelsTableExists(ctx.db)) return [];
  const d = new Date(ctx.clock.now());
  const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
  const parcels = parcelsPerBenchSince(ctx.db, midnight);
  const packing = packClaimsTableExists(ctx.db) ? packingPerBench(ctx.db) : [];
  const benches = new Map<string, ShiftBoard['benches'][number]>();
  for (const p of parcels) benches.set(p.bench, { bench: p.bench, packing: 0, parcelsToday: p.n, lastParcelAt: p.last });
  for (const p of packing) {
    const b = benches.get(p.bench) ?? { bench: p.bench, packing: 0, parcelsToday: 0, lastParcelAt: null };
    b.packing = p.n;
    benches.set(p.bench, b);
  }
  return [...benches.values()].sort((a, b) => a.bench.localeCompare(b.bench));
}
