// WeChat Pay's trade bill, the "ALL" bill (SHOP.md): every value starts with a backtick, amounts in
// 元, summary rows (总交易单数, ...) at the end. 交易时间 of a refund is when it was started.
// 应结订单金额 = 订单金额 less the merchant-funded (免充值) coupons: the difference is the shop's
// coupon; the rest of 代金券金额 is funded by the platform and arrives with the money.
import { CellError, orNull, toFen, toIso, type ParsedRow } from './cells';
import { said } from '../../../../contract/field-messages';
import type { TableFormat } from './table';

const REQUIRED = ['交易时间', '微信订单号', '商户订单号', '交易状态', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '退款金额', '手续费', '订单金额'] as const;

export const WECHAT_ALL: TableFormat = {
  name: 'WeChat Pay trade bill (ALL)',
  isHeader: (c) => c[0] === '交易时间',
  required: REQUIRED,
  cleanCell: (v) => v.trim().replace(/^`/, '').trim(),
  isEnd: (c) => c[0] === '总交易单数',
  // One object literal per row, in one shape (no spreads), and no function made per row (under tsx each
  // named one costs a call to set its name): a 100,000-row bill is read per row.
  read(row, cols, cell, line, raw) {
    const status = cols.get(row, '交易状态', cell);
    const txn = cols.get(row, '微信订单号', cell);
    if (!txn) throw new CellError('微信订单号', said('cellEmpty'));
    const occurredAt = toIso(cols.get(row, '交易时间', cell), '交易时间');
    const fee = toFen(cols.get(row, '手续费', cell), '手续费');
    const merchantOrderNo = orNull(cols.get(row, '商户订单号', cell));
    const currency = cols.get(row, '货币种类', cell) || 'CNY';
    const r: ParsedRow = {
      line, key: '', kind: 'other', merchantOrderNo, platformTxnId: txn, refundNo: null, occurredAt, settledOn: null, payoutRef: null, currency,
      grossFen: 0, feeFen: 0, merchantCouponFen: 0, platformCouponFen: 0, refundFen: 0, netFen: 0, raw,
    };
    if (status === 'REFUND') {
      const refundNo = cols.get(row, '微信退款单号', cell);
      r.key = `wechat:${txn}:${refundNo}`;
      r.kind = 'refund';
      r.refundNo = orNull(refundNo);
      r.feeFen = fee;
      r.refundFen = toFen(cols.get(row, '退款金额', cell), '退款金额');
      r.netFen = -r.refundFen - fee;
      return r;
    }
    if (status !== 'SUCCESS') {
      r.key = `wechat:${txn}:${status}`;
      return r;
    }
    const settle = toFen(cols.get(row, '应结订单金额', cell), '应结订单金额');
    const total = toFen(cols.get(row, '订单金额', cell), '订单金额') || settle;
    const coupons = toFen(cols.get(row, '代金券金额', cell), '代金券金额');
    r.key = `wechat:${txn}:pay`;
    r.kind = 'charge';
    r.feeFen = fee;
    r.grossFen = total;
    r.merchantCouponFen = Math.max(0, total - settle);
    r.platformCouponFen = Math.max(0, coupons - r.merchantCouponFen);
    r.netFen = settle - fee;
    return r;
  },
};
