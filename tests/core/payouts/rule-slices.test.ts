// A rule or a settlement cycle changed after a big import works the money of every affected order
// out again, a slice of orders per write job (other requests are served between the slices), and
// the request is answered once every order is done.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { reconcileAgain } from '../../../src-main/core/modules/payouts/actions/match-rows';
import { startCore, addSku, SYSTEM, orderInput, type TestServer } from '../helpers';
import { wechatAllBill, type WechatRow } from './statements';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const clock: Clock = { now: () => NOW, iso: () => new Date(NOW).toISOString() };
const ORDERS = 2000;
let s: TestServer;

const no = (i: number) => `MPR${String(i).padStart(5, '0')}`;
const txn = (i: number) => `42000000012026114${String(i).padStart(10, '0')}`;
const differences = (state: string) => s.core.db.prepare("SELECT count(*) FROM payout_differences WHERE cause = 'fee' AND state = ?").pluck().get(state) as number;

beforeAll(async () => {
  s = await startCore({ core: { clock, ids: sequentialIds() }, setup: (core) => void addSku(core, 'WH-1', { onHand: 100_000 }) });
  s.core.writes.runNow(() => {
    for (let i = 0; i < ORDERS; i++) createOrder(s.core.ctx, orderInput({ channel: 'miniprogram', externalId: no(i), sku: 'WH-1', total: { amount: 10000, currency: 'CNY' } }), SYSTEM);
  });
  const rows: WechatRow[] = [];
  for (let i = 0; i < ORDERS; i++) rows.push({ time: '2026-11-30 10:00:00', txn: txn(i), orderNo: no(i), settle: '100.00', fee: '0.60' });
  const r = await s.as('finance', 'POST', '/api/payouts/statements?source=wechat&filename=rules.csv', wechatAllBill(rows), { 'Content-Type': 'application/octet-stream' });
  expect(r.body).toMatchObject({ added: ORDERS, matched: ORDERS });
});
afterAll(() => s.close());

describe('a rule or a cycle change after a big import', () => {
  it('reconciles a batch of orders per slice: a slice with no time left does one batch and says where the next starts', () => {
    const next = s.core.writes.runNow(() => reconcileAgain(s.core.ctx, 'differences', '', 0));
    expect(next).toBe(s.core.db.prepare('SELECT order_id FROM payout_differences ORDER BY order_id LIMIT 1 OFFSET 99').pluck().get());
    expect(s.core.writes.runNow(() => reconcileAgain(s.core.ctx, 'differences', next!, 0))).not.toBeNull();
  });

  it('a new rule clears every routine fee, in more than one write job, and answers when all are done', async () => {
    expect(differences('open')).toBe(ORDERS);
    const jobs = s.core.writes.jobs;
    const r = await s.as('finance', 'POST', '/api/payouts/rules', { channel: 'miniprogram', cause: 'fee', maxPercent: 0.6, note: 'WeChat 0.6%' });
    expect(r.status).toBe(201);
    expect(differences('expected')).toBe(ORDERS);
    expect(s.core.writes.jobs - jobs).toBeGreaterThan(1);
    // Deleting it opens them again.
    expect((await s.as('finance', 'DELETE', `/api/payouts/rules/${r.body.id}`)).status).toBe(200);
    expect(differences('open')).toBe(ORDERS);
  });

  it('a longer settlement cycle works out every order with money again', async () => {
    const r = await s.as('finance', 'PUT', '/api/payouts/channels/miniprogram', { cycleDays: 30 });
    expect(r.status).toBe(200);
    const orders = (await s.as('finance', 'GET', '/api/payouts/orders?status=paid&channel=miniprogram&limit=5')).body.items;
    expect(orders).toHaveLength(5);
    expect(s.core.db.prepare("SELECT count(*) FROM payout_orders WHERE status = 'paid'").pluck().get()).toBe(ORDERS);
  });
});
