// The lead's board: open work per carrier against its cut-off, and parcels per bench today.
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import { getSettings } from '../settings/queries';
import type { ShiftBoard } from '../../../contract/board';

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

const hasTable = (ctx: CoreContext, name: string) => !!stmt(ctx, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);

/** Work per carrier against its cut-off, and per bench (from the packing records, when present). */
export function shiftBoard(ctx: CoreContext): ShiftBoard {
  const cutoffs = getSettings(ctx).carrierCutoffs;
  const rows = stmt(ctx, `SELECT COALESCE(carrier, '-') carrier, state, COUNT(*) n FROM orders
    WHERE state IN ('allocated','in_wave','picked','packing','packed','exception') GROUP BY 1, 2`).all() as { carrier: string; state: string; n: number }[];
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
  return { carriers, benches: benchBoard(ctx) };
}

/** Parcels per bench since local midnight, and orders on each bench now. */
function benchBoard(ctx: CoreContext): ShiftBoard['benches'] {
  if (!hasTable(ctx, 'parcels')) return [];
  const d = new Date(ctx.clock.now());
  const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
  const parcels = stmt(ctx, `SELECT bench, COUNT(*) n, MAX(created_at) last FROM parcels WHERE created_at >= ? AND state <> 'voided' GROUP BY bench`).all(midnight) as { bench: string; n: number; last: string }[];
  const packing = hasTable(ctx, 'pack_claims')
    ? (stmt(ctx, `SELECT c.bench, COUNT(*) n FROM pack_claims c JOIN orders o ON o.id = c.order_id AND o.state = 'packing' GROUP BY c.bench`).all() as { bench: string; n: number }[])
    : [];
  const benches = new Map<string, ShiftBoard['benches'][number]>();
  for (const p of parcels) benches.set(p.bench, { bench: p.bench, packing: 0, parcelsToday: p.n, lastParcelAt: p.last });
  for (const p of packing) {
    const b = benches.get(p.bench) ?? { bench: p.bench, packing: 0, parcelsToday: 0, lastParcelAt: null };
    b.packing = p.n;
    benches.set(p.bench, b);
  }
  return [...benches.values()].sort((a, b) => a.bench.localeCompare(b.bench));
}
