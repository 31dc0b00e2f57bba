// Reads of benches: the list for Settings -> Benches, and which bench a bench token belongs to.
import { createHash } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { Bench } from '../../../contract/benches';
import { selectBench, selectBenchByToken, selectBenches, type BenchRow } from './store';

export const secretHash = (secret: string) => createHash('sha256').update(`packline-bench:${secret}`).digest('hex');

export function benchOut(r: BenchRow): Bench {
  return {
    id: r.id, name: r.name, warehouseId: r.warehouse_id, printer: r.printer, scale: r.scale, createdAt: r.created_at,
    pairedAt: r.paired_at, lastContactAt: r.last_contact_at, revokedAt: r.revoked_at,
    status: r.revoked_at ? 'revoked' : r.paired_at ? 'paired' : 'waiting',
  };
}

export function listBenches(ctx: CoreContext): Bench[] {
  return selectBenches(ctx.db).map(benchOut);
}

export function benchById(ctx: CoreContext, id: string): Bench | null {
  const r = selectBench(ctx.db, id);
  return r ? benchOut(r) : null;
}

/** The bench a token belongs to, or null (unknown or revoked: revoking clears the token). */
export function benchByToken(ctx: CoreContext, token: string): Bench | null {
  const r = selectBenchByToken(ctx.db, secretHash(token));
  return r && !r.revoked_at ? benchOut(r) : null;
}
