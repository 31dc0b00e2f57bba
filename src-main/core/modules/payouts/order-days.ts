// Keeps the running totals per order day (payout_order_days) counting the orders added since: the
// Money summary and the overdue list read those totals, and the orders not counted yet one by one,
// so counting them first (in write jobs of ORDERS_PER_JOB) keeps those reads short.
import type { Core } from '../../core';
import { countNewOrdersIntoDays, hasUncountedOrders } from './store';

/**
 * Orders counted per write job: a few milliseconds of the writer (5,000 took ~12 ms a job on 1M
 * uncounted orders, the first Money read after a restore or a bulk import; a lookup waits for one job).
 */
const ORDERS_PER_JOB = 1000;

export async function countNewOrders(core: Core): Promise<void> {
  if (!hasUncountedOrders(core.db)) return;
  while (await core.writes.run(() => countNewOrdersIntoDays(core.db, ORDERS_PER_JOB)));
}
