// Reads of benches: the list for Settings -> Benches, which bench a bench token belongs to, and
// which warehouse a bench works in (the board, the warehouses list, a station's Pack screen).
import { createHash } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { Bench, BenchWarehouse } from '../../../contract/benches';
import { defaultWarehouseOf, warehouseLabels } from '../locations/queries';
import { selectBench, selectBenchByToken, selectBenchWarehouseId, selectBenchWarehouses, selectBenches, type BenchRow } from './store';

export const secretHash = (secret: string) => createHash('sha256').update(`packline-bench:${secret}`).digest('hex');

type Labels = ReturnType<typeof warehouseLabels>;

export function benchOut(ctx: CoreContext, r: BenchRow, labels: Labels = warehouseLabels(ctx)): Bench {
  const w = labels.get(r.warehouse_id);
  return {
    id: r.id, name: r.name, warehouseId: r.warehouse_id, warehouseCode: w?.code ?? '', warehouseName: w?.name ?? '', printer: r.printer, scale: r.scale, createdAt: r.created_at,
    pairedAt: r.paired_at, lastContactAt: r.last_contact_at, revokedAt: r.revoked_at,
    status: r.revoked_at ? 'revoked' : r.paired_at ? 'paired' : 'waiting',
  };
}

export function listBenches(ctx: CoreContext): Bench[] {
  const labels = warehouseLabels(ctx);
  return selectBenches(ctx.db).map((r) => benchOut(ctx, r, labels));
}

export function benchById(ctx: CoreContext, id: string): Bench | null {
  const r = selectBench(ctx.db, id);
  return r ? benchOut(ctx, r) : null;
}

/** The bench a token belongs to, or null (unknown or revoked: revoking clears the token). */
export function benchByToken(ctx: CoreContext, token: string): Bench | null {
  const r = selectBenchByToken(ctx.db, secretHash(token));
  return r && !r.revoked_at ? benchOut(ctx, r) : null;
}

/** The names of the benches (not revoked) in each warehouse, by warehouse id. */
export function benchNamesByWarehouse(ctx: CoreContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of selectBenchWarehouses(ctx.db)) out.set(b.warehouse_id, [...(out.get(b.warehouse_id) ?? []), b.name]);
  return out;
}

/** The warehouse a bench (by the id its parcels record) works in: the default one for a bench the core has no row for. */
export function warehouseIdOfBench(ctx: CoreContext, benchId: string): string {
  return selectBenchWarehouseId(ctx.db, benchId) ?? defaultWarehouseOf(ctx);
}

export function benchWarehouse(ctx: CoreContext, benchId: string): BenchWarehouse {
  const bench = benchById(ctx, benchId);
  const id = bench?.warehouseId ?? defaultWarehouseOf(ctx);
  const w = warehouseLabels(ctx).get(id)!;
  return { benchId, bench, warehouse: { id, code: w.code, name: w.name } };
}
