// A statement big enough to be read in the worker thread, its rows stored batch by batch while it
// is read: every row stored and matched once, a refund that names no order and comes before its
// charge in the file still finds the charge's order, a bad row refused by row and column; a big
// file that is not a bill leaves nothing behind.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { startCore, addSku, SYSTEM, orderInput, count, type TestServer } from '../helpers';
import { wechatAllBill, type WechatRow } from './statements';

const NOW = Date.parse('2026-12-05T02:00:00Z');
const clock: Clock = { now: () => NOW, iso: () => new Date(NOW).toISOString() };
const ORDERS = 1400;
let s: TestServer;
let lastOrderId = '';

const no = (i: number) => `MPB${String(i).padStart(5, '0')}`;
const txn = (i: number) => `42000000012026113${String(i).padStart(10, '0')}`;
const importFile = (bytes: Buffer) => s.as('finance', 'POST', '/api/payouts/statements?source=wechat&filename=big.csv', bytes, { 'Content-Type': 'application/octet-stream' });

beforeAll(async () => {
  s = await startCore({ core: { clock, ids: sequentialIds() }, setup: (core) => void addSku(core, 'WH-1', { onHand: 100_000 }) });
  s.core.writes.runNow(() => {
    for (let i = 0; i < ORDERS; i++) lastOrderId = createOrder(s.core.ctx, orderInput({ channel: 'miniprogram', externalId: no(i), sku: 'WH-1', total: { amount: 10000, currency: 'CNY' } }), SYSTEM).orderId;
  });
});
afterAll(() => s.close());

describe('a statement read in the worker thread', () => {
  it('stores and matches every row once, finds a refund its charge from later in the file, and refuses the bad row', async () => {
    const rows: WechatRow[] = [
      // The refund of the last order's charge, first in the file, without the merchant order number (fee and refund explain it: the order is paid).
      { time: '2026-11-30 09:00:00', txn: txn(ORDERS - 1), orderNo: '', status: 'REFUND', settle: '0.00', refundNo: '50300000012026113000001', refund: '30.00', fee: '-0.18', total: '0.00' },
    ];
    for (let i = 0; i < ORDERS; i++) rows.push({ time: '2026-11-30 10:00:00', txn: txn(i), orderNo: no(i), settle: i === 700 ? '1O0.00' : '100.00', fee: '0.60' });
    const bill = wechatAllBill(rows);
    expect(bill.length).toBeGreaterThan(256 * 1024); // the worker's path; and the server reads the body into memory of its own, a slice per turn
    const r = await importFile(bill);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ rows: ORDERS + 1, added: ORDERS, refused: 1, matched: ORDERS, partlyMatched: 0, unmatched: 0 });
    expect(r.body.errors).toEqual([{ row: 703, column: '应结订单金额', message: 'row 703, 应结订单金额: "1O0.00" is not an amount', key: 'notAmount', params: { value: '1O0.00' } }]);
    const last = (await s.as('finance', 'GET', `/api/payouts/orders/${lastOrderId}`)).body;
    expect(last.rows.map((x: { kind: string; matchedBy: string }) => [x.kind, x.matchedBy])).toEqual([['refund', 'charge'], ['charge', 'number']]);
    expect(last.rows[0].chargeRowId).toBe(last.rows[1].id);
    expect(Object.fromEntries(last.differences.map((d: { cause: string; amountFen: number }) => [d.cause, d.amountFen]))).toEqual({ fee: 42, refund: 3000 });
    const summary = (await s.as('finance', 'GET', '/api/payouts/summary')).body.channels.find((c: { channel: string }) => c.channel === 'miniprogram');
    expect(summary.paid.orders).toBe(ORDERS - 1);
    expect(summary.inTransit.orders).toBe(1); // the order whose row did not read, placed today
    // The same file again adds nothing.
    expect((await importFile(bill)).body).toMatchObject({ alreadyImported: true, added: 0 });
    expect(count(s.core, 'payout_rows')).toBe(ORDERS);
  });

  it('a big file that is not a bill is refused and leaves no statement and no rows', async () => {
    const statements = count(s.core, 'payout_statements');
    const junk = Buffer.from('a,b,c\r\n' + '1,2,3\r\n'.repeat(60_000));
    const r = await importFile(junk);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/not a WeChat Pay trade bill/);
    expect(count(s.core, 'payout_statements')).toBe(statements);
    expect(count(s.core, 'payout_rows')).toBe(ORDERS);
  });
});
