// The payment's own reference on an order: WooCommerce's transaction_id is kept at intake (channels'
// WooCommerce adapter), an order sent through the API or a CSV can carry one (paymentRef), and a
// statement row finds the order by it: its 商户订单号 or its transaction id (微信订单号) against the
// order's payment reference when it is not the channel's order number.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startChannelShop, type ChannelShop } from '../channels/fixture';
import { wechatAllBill } from './statements';

let shop: ChannelShop;
beforeAll(async () => {
  shop = await startChannelShop();
});
afterAll(() => shop.close());

// WooCommerce's order example (REST API docs, "Retrieve an order"), paid through a WeChat Pay gateway
// that keeps WeChat's transaction id as the order's transaction_id.
const wooOrder = {
  id: 727, number: '727', status: 'processing', currency: 'CNY', total: '29.35', date_modified_gmt: '2026-12-01T16:28:08', customer_note: '',
  payment_method: 'wechatpay', payment_method_title: 'WeChat Pay', transaction_id: '4200000001202612010000000727',
  billing: { first_name: 'John', last_name: 'Doe', address_1: '969 Market', address_2: '', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US', email: 'john.doe@example.com', phone: '(555) 555-5555' },
  shipping: { first_name: 'John', last_name: 'Doe', address_1: '969 Market', address_2: '', city: 'San Francisco', state: 'CA', postcode: '94103', country: 'US' },
  line_items: [{ id: 315, name: 'Woo Single #1', sku: 'SKU-B', quantity: 2, price: 3 }],
};

describe('payment reference', () => {
  it("keeps WooCommerce's transaction_id on the order, and a WeChat bill row finds the order by its transaction id", async () => {
    const c = await shop.s.as('admin', 'POST', '/api/channels', { kind: 'woocommerce', name: 'Woo', code: 'woo-pay', secret: 'woo-secret-123', pollMinutes: 0 });
    shop.peer.opts.wooHookUrl = c.body.webhookUrl;
    shop.peer.opts.wooSecret = 'woo-secret-123';
    expect((await shop.peer.postWoo('order.created', wooOrder)).status).toBe(200);
    await shop.sync.drained();
    const order = shop.s.core.db.prepare("SELECT id, payment_ref FROM orders WHERE channel = 'woo-pay' AND external_id = '727'").get() as { id: string; payment_ref: string };
    expect(order.payment_ref).toBe('4200000001202612010000000727');

    // The gateway's own out_trade_no is neither the channel's number nor a Packline number: the transaction id finds the order.
    const bill = wechatAllBill([{ time: '2026-12-01 16:30:00', txn: '4200000001202612010000000727', orderNo: 'WC727T1764606488', settle: '29.35', fee: '0.18' }]);
    const r = await shop.s.as('finance', 'POST', '/api/payouts/statements?source=wechat&channel=woo-pay&filename=woo.csv', bill, { 'Content-Type': 'application/octet-stream' });
    expect(r.body).toMatchObject({ added: 1, matched: 1, unmatched: 0 });
    const money = (await shop.s.as('finance', 'GET', `/api/payouts/orders/${order.id}`)).body;
    expect(money.rows).toHaveLength(1);
    expect(Object.fromEntries(money.differences.map((d: { cause: string; amountFen: number }) => [d.cause, d.amountFen]))).toEqual({ fee: 18 });
  });

  it('an order sent with paymentRef is found by a 商户订单号 equal to it', async () => {
    const input = {
      channel: 'miniprogram', externalId: 'MP-PAY-1', paymentRef: 'MPPAY20261201000001', total: { amount: 5000, currency: 'CNY' },
      shipTo: { name: '李雷', phone: '13800000000', country: 'CN', city: '深圳市', address1: '科技园路1号' }, lines: [{ sku: 'SKU-A', qty: 1 }],
    };
    const created = await shop.s.as('admin', 'POST', '/api/orders', input);
    expect(created.status).toBe(201);
    const bill = wechatAllBill([{ time: '2026-12-01 10:00:00', txn: '4200000001202612010000000001', orderNo: 'MPPAY20261201000001', settle: '50.00', fee: '0.30' }]);
    const r = await shop.s.as('finance', 'POST', '/api/payouts/statements?source=wechat&filename=mp.csv', bill, { 'Content-Type': 'application/octet-stream' });
    expect(r.body).toMatchObject({ added: 1, matched: 1, unmatched: 0 });
    const money = (await shop.s.as('finance', 'GET', `/api/payouts/orders/${created.body.id}`)).body;
    expect(money.rows.map((x: { merchantOrderNo: string }) => x.merchantOrderNo)).toEqual(['MPPAY20261201000001']);
  });
});
