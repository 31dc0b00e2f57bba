// Shopify Payments' payout transactions export (SHOP.md): amount, fee, net, type (charge, refund,
// dispute, adjustment, ...), the order ("#1001"), the payout; payout periods cut in UTC; some rows
// carry no order. Times carry their zone ("2026-11-30 10:12:01 -0500").
import { createHash } from 'node:crypto';
import type { RowKind } from '../../../../contract/payouts';
import { orNull, toDay, toFen, toIso } from './cells';
import type { TableFormat } from './table';

const KINDS: Record<string, RowKind> = { charge: 'charge', refund: 'refund', dispute: 'dispute', reserved_funds: 'reserve', reserve: 'reserve', adjustment: 'adjustment', payout: 'payout' };

export const SHOPIFY_PAYOUTS: TableFormat = {
  name: 'Shopify Payments payouts export',
  isHeader: (c) => c[0] === 'Transaction Date',
  required: ['Transaction Date', 'Type', 'Order', 'Amount', 'Fee', 'Net', 'Currency'],
  read(row, cols, cell, line, raw) {
    const get = (name: string) => cols.get(row, name, cell);
    const kind = KINDS[get('Type').toLowerCase()] ?? 'other';
    const amount = toFen(get('Amount'), 'Amount');
    const net = toFen(get('Net'), 'Net');
    toFen(get('Fee'), 'Fee'); // read to refuse a broken cell; the fee is what the net lacks
    const fee = amount - net;
    return {
      line, raw, key: `shopify:${createHash('sha1').update(raw).digest('hex')}`, kind,
      merchantOrderNo: orNull(get('Order').replace(/^#/, '')), platformTxnId: orNull(get('Checkout')), refundNo: null,
      occurredAt: toIso(get('Transaction Date'), 'Transaction Date', 'Z'), settledOn: toDay(get('Payout Date'), 'Payout Date'), payoutRef: orNull(get('Payout ID')),
      currency: get('Currency').toUpperCase() || 'USD', grossFen: kind === 'charge' ? amount : 0, feeFen: fee, merchantCouponFen: 0, platformCouponFen: 0,
      refundFen: kind === 'refund' ? -amount : 0, netFen: net,
    };
  },
};
