// WeChat Pay's trade bill, the "ALL" bill (SHOP.md): every value starts with a backtick, amounts in
// 元, summary rows (总交易单数, ...) at the end. 交易时间 of a refund is when it was started.
// 应结订单金额 = 订单金额 less the merchant-funded (免充值) coupons: the difference is the shop's
// coupon; the rest of 代金券金额 is funded by the platform and arrives with the money.
import { CellError, orNull, toFen, toIso } from './cells';
import type { TableFormat } from './table';

const REQUIRED = ['交易时间', '微信订单号', '商户订单号', '交易状态', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '退款金额', '手续费', '订单金额'] as const;

export const WECHAT_ALL: TableFormat = {
  name: 'WeChat Pay trade bill (ALL)',
  isHeader: (c) => c[0] === '交易时间',
  required: REQUIRED,
  cleanCell: (v) => v.trim().replace(/^`/, '').trim(),
  isEnd: (c) => c[0] === '总交易单数',
  read(row, cols, cell, line, raw) {
    const get = (name: string) => cols.get(row, name, cell);
    const status = get('交易状态');
    const txn = get('微信订单号');
    if (!txn) throw new CellError('微信订单号', 'is empty');
    const occurredAt = toIso(get('交易时间'), '交易时间');
    const fee = toFen(get('手续费'), '手续费');
    const base = {
      line, raw, platformTxnId: txn, merchantOrderNo: orNull(get('商户订单号')), occurredAt, settledOn: null, payoutRef: null,
      currency: get('货币种类') || 'CNY', feeFen: fee,
    };
    if (status === 'REFUND') {
      const refundNo = get('微信退款单号');
      const refund = toFen(get('退款金额'), '退款金额');
      return { ...base, key: `wechat:${txn}:${refundNo}`, kind: 'refund', refundNo: orNull(refundNo), grossFen: 0, merchantCouponFen: 0, platformCouponFen: 0, refundFen: refund, netFen: -refund - fee };
    }
    if (status !== 'SUCCESS') {
      return { ...base, key: `wechat:${txn}:${status}`, kind: 'other', refundNo: null, grossFen: 0, feeFen: 0, merchantCouponFen: 0, platformCouponFen: 0, refundFen: 0, netFen: 0 };
    }
    const settle = toFen(get('应结订单金额'), '应结订单金额');
    const total = toFen(get('订单金额'), '订单金额') || settle;
    const coupons = toFen(get('代金券金额'), '代金券金额');
    const merchantCoupon = Math.max(0, total - settle);
    return {
      ...base, key: `wechat:${txn}:pay`, kind: 'charge', refundNo: null, grossFen: total, merchantCouponFen: merchantCoupon,
      platformCouponFen: Math.max(0, coupons - merchantCoupon), refundFen: 0, netFen: settle - fee,
    };
  },
};
