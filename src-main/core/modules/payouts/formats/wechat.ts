// WeChat Pay's trade bill, the "ALL" bill (SHOP.md): every value starts with a backtick, amounts in
// 元, summary rows (总交易单数, ...) at the end. 交易时间 of a refund is when it was started.
// 应结订单金额 = 订单金额 less the merchant-funded (免充值) coupons: the difference is the shop's
// coupon; the rest of 代金券金额 is funded by the platform and arrives with the money.
import { CellError, orNull, toFen, toIso, type ParsedRow } from './cells';
import type { TableFormat } from './table';

const REQUIRED = ['交易时间', '微信订单号', '商户订单号', '交易状态', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '退款金额', '手续费', '订单金额'] as const;

export const WECHAT_ALL: TableFormat = {
  name: 'WeChat Pay trade bill (ALL)',
  isHeader: (c) => c[0] === '交易时间',
  required: REQUIRED,
  cleanCell: (v) => v.trim().replace(/^`/, '').trim(),
  isEnd: (c) => c[0] === '总交易单数',
  // One object literal per row, in one shape (no spreads): a 100,000-row bill is read per row.
  read(row, cols, cell, line, raw) {
    const get = (name: string) => cols.get(row, name, cell);
    const status = get('交易状态');
    const txn = get('微信订单号');
    if (!txn) throw new CellError('微信订单号', 'is empty');
    const occurredAt = toIso(get('交易时间'), '交易时间');
    const fee = toFen(get('手续费'), '手续费');
    const merchantOrderNo = orNull(get('商户订单号'));
    const currency = get('货币种类') || 'CNY';
    const row0 = (key: string, kind: ParsedRow['kind'], refundNo: string | null, feeFen: number): ParsedRow => ({
      line, key, kind, merchantOrderNo, platformTxnId: txn, refundNo, occurredAt, settledOn: null, payoutRef: null, currency,
      grossFen: 0, feeFen, merchantCouponFen: 0, platformCouponFen: 0, refundFen: 0, netFen: 0, raw,
    });
    if (status === 'REFUND') {
      const refundNo = get('微信退款单号');
      const r = row0(`wechat:${txn}:${refundNo}`, 'refund', orNull(refundNo), fee);
      r.refundFen = toFen(get('退款金额'), '退款金额');
      r.netFen = -r.refundFen - fee;
      return r;
    }
    if (status !== 'SUCCESS') return row0(`wechat:${txn}:${status}`, 'other', null, 0);
    const settle = toFen(get('应结订单金额'), '应结订单金额');
    const total = toFen(get('订单金额'), '订单金额') || settle;
    const coupons = toFen(get('代金券金额'), '代金券金额');
    const r = row0(`wechat:${txn}:pay`, 'charge', null, fee);
    r.grossFen = total;
    r.merchantCouponFen = Math.max(0, total - settle);
    r.platformCouponFen = Math.max(0, coupons - r.merchantCouponFen);
    r.netFen = settle - fee;
    return r;
  },
};
