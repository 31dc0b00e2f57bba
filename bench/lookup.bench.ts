// Finding an order by any of its barcodes (order id, order number, channel number, waybill) on a
// 1M-order database, in process. Baseline: the bare indexed SELECT, measured in the same run.
import { openCore } from '../src-main/core/core';
import { orderIdsByCode, getOrder } from '../src-main/core/modules/orders/queries';
import { prep } from '../src-main/core/store/db';
import { ensureMillionDb, millionCodes, N_ORDERS } from './million';
import { stats, timeEach, writeResult } from './lib';

const dir = ensureMillionDb();
const core = openCore({ dataDir: dir });
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const codes = Array.from({ length: 20_000 }, () => {
  const c = millionCodes(Math.floor(rnd() * N_ORDERS));
  return c[Math.floor(rnd() * c.length)]!;
});
const bare = prep(core.db, 'SELECT order_id FROM order_codes WHERE code = ?');
const baseline = stats(await timeEach(codes.length, (i) => bare.get(codes[i]!)));
const resolveOnly = stats(await timeEach(codes.length, (i) => orderIdsByCode(core.ctx, codes[i]!)));
const full = stats(await timeEach(codes.length, (i) => getOrder(core.ctx, orderIdsByCode(core.ctx, codes[i]!)[0]!)));
const plan = core.db.prepare('EXPLAIN QUERY PLAN SELECT order_id FROM order_codes WHERE code = ?').all('x') as { detail: string }[];
await core.close();

writeResult('lookup', {
  orders: N_ORDERS,
  lookups: codes.length,
  baseline_bare_indexed_select: baseline,
  code_to_order_id: resolveOnly,
  code_to_full_order: full,
  query_plan: plan.map((p) => p.detail),
  targets: [{ what: 'lookup by barcode on 1M orders, p99 (ms, code -> full order)', target: '<= 1', measured: full.p99_ms, met: full.p99_ms <= 1 }],
});
