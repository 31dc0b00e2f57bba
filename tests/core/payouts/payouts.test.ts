// Payout statements against orders: each real format with known differences planted (a fee, a
// coupon split, a partial refund, a payment after the channel's cycle, a row with no order, a bad
// row), every one found and explained; the same file twice adds nothing; aging by the channel's
// cycle; rules, confirmed causes, the accounting export and who may see money.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Clock } from '../../../src-main/lib/clock';
import { sequentialIds } from '../../../src-main/lib/ids';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { readSheet } from '../../../src-main/lib/spreadsheet';
import { startCore, addSku, SYSTEM, orderInput, count, type TestServer } from '../helpers';
import { alipayZip, shopifyPayouts, wechatAllBill } from './statements';

/** Now is 2026-12-05 10:00 Beijing time; orders are made at the times they were paid. */
const NOW = Date.parse('2026-12-05T02:00:00Z');
const clock: Clock & { t: number } = { t: NOW, now() { return this.t; }, iso() { return new Date(this.t).toISOString(); } };

let s: TestServer;
const ids: Record<string, string> = {};

function order(channel: string, externalId: string, totalFen: number, createdIso: string, currency = 'CNY') {
  const at = Date.parse(createdIso);
  const c = s.core.ctx;
  ids[externalId] = s.core.writes.runNow(() => createOrder({ ...c, clock: { now: () => at, iso: () => new Date(at).toISOString() } }, orderInput({ channel, externalId, sku: 'WH-1', total: { amount: totalFen, currency } }), SYSTEM)).orderId;
}

const importFile = (bytes: Buffer, query: string, role: 'finance' | 'admin' | 'lead' | 'operator' = 'finance') =>
  s.as(role, 'POST', `/api/payouts/statements?${query}`, bytes, { 'Content-Type': 'application/octet-stream' });
const money = async (externalId: string) => (await s.as('finance', 'GET', `/api/payouts/orders/${ids[externalId]}`)).body;
const causes = (m: { differences: { cause: string; amountFen: number }[] }) => Object.fromEntries(m.differences.map((d) => [d.cause, d.amountFen]));

beforeAll(async () => {
  s = await startCore({ core: { clock, ids: sequentialIds() }, setup: (core) => void addSku(core, 'WH-1', { onHand: 1000 }) });
  // 小程序 (WeChat Pay, D+1)
  order('miniprogram', 'MP1001', 19900, '2026-11-28T02:00:00Z'); // fee 0.60%
  order('miniprogram', 'MP1002', 10000, '2026-11-28T03:00:00Z'); // merchant coupon 10.00 + fee
  order('miniprogram', 'MP1003', 5000, '2026-11-28T04:00:00Z'); // partial refund 20.00
  order('miniprogram', 'MP1004', 8800, '2026-11-28T05:00:00Z'); // paid on 12-03: after its D+1
  order('miniprogram', 'MP1005', 6600, '2026-11-20T05:00:00Z'); // no money: overdue
  order('miniprogram', 'MP1006', 4200, '2026-12-04T20:00:00Z'); // no money yet: in transit
  order('miniprogram', 'MP1007', 3500, '2026-11-29T05:00:00Z'); // 5.00 short, no cause in the bill
  order('miniprogram', 'MP1008', 2500, '2026-11-29T06:00:00Z'); // its row is malformed
  // Taobao through Alipay
  order('taobao', 'TB2001', 12800, '2026-11-27T05:00:00Z');
  order('taobao', 'TB2002', 3900, '2026-11-27T06:00:00Z');
  // Shopify Payments
  order('shopify', '1001', 5000, '2026-11-26T15:00:00Z', 'USD');
  order('shopify', '1002', 3000, '2026-11-26T16:00:00Z', 'USD');
  // Rows without an order number, matched by amount and time
  order('jd', 'JD3001', 15600, '2026-11-30T01:00:00Z');
  order('jd', 'JD3002', 15600, '2026-11-25T01:00:00Z');
});
afterAll(() => s.close());

const WECHAT = wechatAllBill([
  { time: '2026-11-28 10:00:05', txn: '4200000001202611280001', orderNo: 'MP1001', settle: '199.00', fee: '1.19' },
  { time: '2026-11-28 11:00:05', txn: '4200000001202611280002', orderNo: 'MP1002', settle: '90.00', coupon: '10.00', total: '100.00', fee: '0.54' },
  { time: '2026-11-28 12:00:05', txn: '4200000001202611280003', orderNo: 'MP1003', settle: '50.00', fee: '0.30' },
  { time: '2026-11-29 15:30:00', txn: '4200000001202611280003', orderNo: 'MP1003', status: 'REFUND', settle: '0.00', refundNo: '50300000012026112900001', refund: '20.00', fee: '-0.12', total: '0.00' },
  { time: '2026-12-03 09:00:00', txn: '4200000001202611280004', orderNo: 'MP1004', settle: '88.00', fee: '0.53' },
  { time: '2026-11-29 13:00:05', txn: '4200000001202611290007', orderNo: 'MP1007', settle: '30.00', fee: '0.18' },
  { time: '2026-11-29 14:00:05', txn: '4200000001202611290008', orderNo: 'MP1008', settle: '25.O0', fee: '0.15' },
  { time: '2026-11-30 09:00:00', txn: '4200000001202611300099', orderNo: 'MP9999', settle: '66.00', fee: '0.40' },
]);

describe('WeChat Pay ALL bill', () => {
  it('imports every row that reads, refuses the bad one by row and column, and labels each difference', async () => {
    const r = await importFile(WECHAT, 'source=wechat&filename=wechat-all-20261203.csv');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ source: 'wechat', channel: 'miniprogram', rows: 8, added: 7, refused: 1, unmatched: 1, alreadyImported: false });
    // the header is row 1; MP1008 is the 8th line
    expect(r.body.errors).toEqual([{ row: 8, column: '应结订单金额', message: 'row 8, 应结订单金额: "25.O0" is not an amount', key: 'notAmount', params: { value: '25.O0' } }]);

    const fee = await money('MP1001');
    expect(fee).toMatchObject({ status: 'paid', expectedFen: 19900, receivedFen: 19781, feeFen: 119 });
    expect(causes(fee)).toEqual({ fee: 119 });

    const coupon = await money('MP1002');
    expect(causes(coupon)).toEqual({ fee: 54, merchant_coupon: 1000 });
    expect(coupon.status).toBe('paid');

    const refund = await money('MP1003');
    expect(causes(refund)).toEqual({ fee: 18, refund: 2000 });
    expect(refund.rows.map((x: { kind: string }) => x.kind)).toEqual(['charge', 'refund']);
    expect(refund.rows[1].chargeRowId).toBe(refund.rows[0].id); // the refund gives back its charge

    const late = await money('MP1004');
    expect(late.status).toBe('paid');
    expect(causes(late)).toMatchObject({ timing: 8747 });

    const short = await money('MP1007');
    expect(short).toMatchObject({ status: 'partly_paid', unexplainedFen: 500 });
    expect(causes(short)).toEqual({ fee: 18, unexplained: 500 });
    expect(short.rows[0].state).toBe('partly_matched');

    // The row kept its raw text, backticks and all; the one with no order waits in the unmatched queue.
    const unmatched = await s.as('finance', 'GET', '/api/payouts/rows?state=unmatched&channel=miniprogram');
    expect(unmatched.body.items).toHaveLength(1);
    expect(unmatched.body.items[0]).toMatchObject({ merchantOrderNo: 'MP9999', netFen: 6560, orderId: null });
    expect(unmatched.body.items[0].raw).toContain('`MP9999');
  });

  it('adds nothing when the same file comes again, and only the new rows of an overlapping file', async () => {
    const before = count(s.core, 'payout_rows');
    const again = await importFile(WECHAT, 'source=wechat');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyImported: true, added: 0 });
    expect(count(s.core, 'payout_rows')).toBe(before);

    const overlapping = wechatAllBill([
      { time: '2026-11-28 10:00:05', txn: '4200000001202611280001', orderNo: 'MP1001', settle: '199.00', fee: '1.19' },
      { time: '2026-11-29 14:00:05', txn: '4200000001202611290008', orderNo: 'MP1008', settle: '25.00', fee: '0.15' },
    ]);
    const r = await importFile(overlapping, 'source=wechat');
    expect(r.body).toMatchObject({ rows: 2, added: 1, duplicates: 1 });
    expect((await money('MP1001')).receivedFen).toBe(19781); // not counted twice
    expect((await money('MP1008')).status).toBe('paid');
  });

  it('a rule clears routine fees; a cause a person confirms is kept', async () => {
    const openFees = async () => (await s.as('finance', 'GET', '/api/payouts/differences?state=open&cause=fee&channel=miniprogram')).body.items.length;
    expect(await openFees()).toBeGreaterThan(0);
    const rule = await s.as('finance', 'POST', '/api/payouts/rules', { channel: 'miniprogram', cause: 'fee', maxPercent: 0.6, note: 'WeChat 0.6%' });
    expect(rule.status).toBe(201);
    expect(await openFees()).toBe(0);
    expect((await money('MP1001')).differences[0]).toMatchObject({ cause: 'fee', state: 'expected', ruleId: rule.body.id });

    const unexplained = (await money('MP1007')).differences.find((d: { cause: string }) => d.cause === 'unexplained');
    const c = await s.as('finance', 'POST', `/api/payouts/differences/${unexplained.id}/confirm`, { cause: 'shipping', note: '运费险 shipping insurance' });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ cause: 'shipping', state: 'confirmed', amountFen: 500 });
    // Working the order out again (a new rule) keeps what the person confirmed.
    await s.as('finance', 'POST', '/api/payouts/rules', { cause: 'merchant_coupon', maxFen: 0 });
    expect((await money('MP1007')).differences.find((d: { id: number }) => d.id === unexplained.id)).toMatchObject({ cause: 'shipping', state: 'confirmed' });
  });

  it('ages the orders with no money by the channel cycle: overdue and in transit', async () => {
    const overdue = await s.as('finance', 'GET', '/api/payouts/orders?status=unpaid&overdue=true&channel=miniprogram');
    expect(overdue.body.items.map((o: { externalId: string }) => o.externalId)).toEqual(['MP1005']);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, dueAt: '2026-11-21T05:00:00.000Z', expectedFen: 6600 });
    const summary = (await s.as('finance', 'GET', '/api/payouts/summary')).body.channels.find((c: { channel: string }) => c.channel === 'miniprogram');
    expect(summary).toMatchObject({ cycleLabel: 'D+1', overdue: { orders: 1, fen: 6600 }, inTransit: { orders: 1, fen: 4200 }, unmatchedRows: 1 });
    expect(summary.paid.orders).toBe(6);
  });
});

describe('Alipay 业务明细 in its zip (GBK)', () => {
  it('reads the zip, the GBK CSV between its comment lines, and finds the coupon, the fee and the refund', async () => {
    const zip = await alipayZip([
      { txn: '2026112722001412345678901234', orderNo: 'TB2001', type: '交易', time: '2026-11-27 13:05:10', amount: '128.00', received: '118.00', merchantCoupon: '10.00', redPacket: '5.00', fee: '-0.77' },
      { txn: '2026112722001412345678905678', orderNo: 'TB2002', type: '交易', time: '2026-11-27 14:05:10', amount: '39.00', received: '39.00', fee: '-0.23' },
      { txn: '2026112722001412345678905678', orderNo: 'TB2002', type: '退款', time: '2026-11-28 09:00:00', amount: '-39.00', received: '-39.00', fee: '0.23', batch: '2026112801' },
    ]);
    const r = await importFile(zip, 'source=alipay&filename=alipay.zip');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ channel: 'taobao', encoding: 'gbk', rows: 3, added: 3, refused: 0, matched: 3 });
    const a = await money('TB2001');
    expect(a).toMatchObject({ status: 'paid', receivedFen: 11723 });
    expect(causes(a)).toEqual({ fee: 77, merchant_coupon: 1000 });
    const refunded = await money('TB2002');
    expect(refunded).toMatchObject({ status: 'paid', receivedFen: 0 });
    expect(causes(refunded)).toEqual({ refund: 3900 });
  });
});

describe('Shopify Payments payouts export', () => {
  it('matches "#1001" to the order, a refund to its charge, a dispute with its fee, and keeps the row with no order', async () => {
    const csv = shopifyPayouts([
      { date: '2026-11-26 10:00:00 -0500', type: 'charge', order: '#1001', payoutDate: '2026-11-29', payoutId: '81234567', amount: '50.00', fee: '1.75', net: '48.25', checkout: 'c1' },
      { date: '2026-11-27 10:00:00 -0500', type: 'refund', order: '#1001', payoutDate: '2026-11-29', payoutId: '81234567', amount: '-10.00', fee: '0.00', net: '-10.00', checkout: 'c1' },
      { date: '2026-11-26 11:00:00 -0500', type: 'charge', order: '#1002', payoutDate: '2026-11-29', payoutId: '81234567', amount: '30.00', fee: '1.17', net: '28.83', checkout: 'c2' },
      { date: '2026-11-28 11:00:00 -0500', type: 'dispute', order: '#1002', payoutDate: '2026-11-30', payoutId: '81234568', amount: '-30.00', fee: '15.00', net: '-45.00' },
      { date: '2026-11-28 12:00:00 -0500', type: 'adjustment', order: '', payoutDate: '2026-11-30', payoutId: '81234568', amount: '-2.50', fee: '0.00', net: '-2.50' },
    ]);
    const r = await importFile(csv, 'source=shopify');
    expect(r.body).toMatchObject({ channel: 'shopify', rows: 5, added: 5, unmatched: 1 });
    const a = await money('1001');
    expect(a).toMatchObject({ currency: 'USD', receivedFen: 3825, status: 'paid' });
    expect(causes(a)).toEqual({ fee: 175, refund: 1000 });
    expect(a.rows[0]).toMatchObject({ settledOn: '2026-11-29', payoutRef: '81234567', occurredAt: '2026-11-26T15:00:00.000Z' });
    const b = await money('1002');
    expect(causes(b)).toEqual({ fee: 1617, dispute: 3000 });
  });
});

describe('any other statement through a saved mapping', () => {
  it('matches rows without an order number by amount within the tolerance and time within the window', async () => {
    const m = await s.as('finance', 'POST', '/api/payouts/mappings', {
      name: '京东钱包', channel: 'jd', columns: { merchantOrderNo: '订单号', occurredAt: '交易时间', gross: '金额', fee: '手续费' },
    });
    expect(m.status).toBe(201);
    const file = Buffer.from('订单号,交易时间,金额,手续费\r\n,2026-11-30 10:30:00,156.00,0.94\r\n,2026-12-01 10:30:00,77.00,0.46\r\n', 'utf8');
    const r = await importFile(file, 'source=mapped&mapping=' + encodeURIComponent('京东钱包'));
    expect(r.body).toMatchObject({ channel: 'jd', rows: 2, added: 2, matched: 1, unmatched: 1 });
    const j = await money('JD3001'); // the nearer of two orders of 156.00
    expect(j.rows[0]).toMatchObject({ matchedBy: 'amount_time', grossFen: 15600, feeFen: 94 });
    expect((await money('JD3002')).status).toBe('unpaid');
  });
});

describe('export and who sees money', () => {
  it('exports matched rows for accounting with the documented columns and nothing personal', async () => {
    const r = await fetch(`${s.url}/api/payouts/export?format=csv`, { headers: { Authorization: `Bearer ${await s.tokenFor('finance')}` } });
    expect(r.status).toBe(200);
    const bytes = Buffer.from(await r.arrayBuffer());
    const { rows } = await readSheet(bytes);
    expect(rows[0]).toEqual(['日期', '渠道', '结算批次', '对账单', '平台交易号', '商户订单号', '订单号', '类型', '币种', '交易金额', '手续费', '商家优惠', '平台优惠', '退款', '实收', '状态']);
    const mp1002 = rows.find((x) => x[5] === 'MP1002')!;
    expect(mp1002.slice(7)).toEqual(['charge', 'CNY', '100.00', '0.54', '10.00', '0.00', '0.00', '89.46', 'matched']);
    expect(bytes.toString('utf8')).not.toMatch(/138\d{8}|张三丰|科技园路/);
    const x = await s.as('finance', 'GET', '/api/payouts/export?format=xlsx');
    expect(x.status).toBe(200);
  });

  it('finance and admin import; a lead reads; operators and viewers see nothing', async () => {
    for (const role of ['operator', 'viewer'] as const) expect((await s.as(role, 'GET', '/api/payouts/summary')).status).toBe(403);
    expect((await s.as('lead', 'GET', '/api/payouts/summary')).status).toBe(200);
    expect((await importFile(Buffer.from('x'), 'source=wechat', 'lead')).status).toBe(403);
    const statements = count(s.core, 'payout_statements');
    const bad = await importFile(Buffer.from('not,a,bill\r\n1,2,3\r\n'), 'source=wechat', 'admin');
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/not a WeChat Pay trade bill/);
    expect(count(s.core, 'payout_statements')).toBe(statements);
  });
});
