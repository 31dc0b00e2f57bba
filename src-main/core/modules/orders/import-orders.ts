// Bulk and CSV imports of orders: many orders through the group-commit writer, a chunk per write job.
import type { Core } from '../../core';
import type { OrderInput } from '../../../contract/orders';
import { AppError, asAppError } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { Actor } from '../../store/events';
import { createOrder, createOrders, type CreatedOrder } from './actions/create-orders';

const log = logger('core.import');

/** Orders per write job in bulk and CSV imports: one commit each, other requests served in between. */
export const IMPORT_CHUNK = 1000;

/**
 * Creates many orders through the group-commit writer, IMPORT_CHUNK per job (createOrders plans a
 * whole chunk before writing it). A chunk that fails while writing is rolled back and its orders
 * run again one job each, so every order still succeeds or fails on its own. `view` runs inside
 * the job of each created or duplicate order (for reads in the same transaction); a refused order
 * comes back as its AppError.
 */
export async function importOrders<T>(core: Core, inputs: OrderInput[], actor: Actor, view: (r: CreatedOrder) => T): Promise<(T | AppError)[]> {
  const out: (T | AppError)[] = [];
  for (let start = 0; start < inputs.length; start += IMPORT_CHUNK) {
    const chunk = inputs.slice(start, start + IMPORT_CHUNK);
    try {
      out.push(...(await core.writes.run(() => createOrders(core.ctx, chunk, actor).map((r) => (r instanceof AppError ? r : view(r))))));
    } catch (e) {
      log.warn({ err: e, from: start, orders: chunk.length }, 'an import chunk failed while writing; its orders run one by one');
      const settled = await core.writes.runEach(chunk, (input) => view(createOrder(core.ctx, input, actor)), chunk.length);
      out.push(...settled.map((s, i) => {
        if (s.status === 'fulfilled') return s.value;
        const e = asAppError(s.reason);
        if (e.code === 'internal') log.error({ err: s.reason, externalId: chunk[i]!.externalId }, 'an imported order failed');
        return e;
      }));
    }
  }
  return out;
}
