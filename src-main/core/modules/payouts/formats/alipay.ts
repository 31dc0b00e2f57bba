// Alipay's 业务明细 (SHOP.md): a GBK CSV inside the zip Alipay gives, "#" comment lines above and
// below the table, headers such as "订单金额（元）", values padded with tabs. 服务费 and 分润 are
// negative on a sale (taken) and positive on a refund (given back).
import { CellError, orNull, toFen, toIso } from './cells';
import { said } from '../../../../contract/field-messages';
import type { TableFormat } from './table';

const REQUIRED = ['支付宝交易号', '商户订单号', '业务类型', '创建时间', '订单金额', '商家实收', '服务费'] as const;

export const ALIPAY_DETAIL: TableFormat = {
  name: 'Alipay 业务明细',
  isHeader: (c) => c[0] === '支付宝交易号',
  required: REQUIRED,
  cleanHeader: (h) => h.replace(/[（(]元[）)]$/, ''),
  cleanCell: (v) => v.replace(/^[\s\t]+|[\s\t]+$/g, ''),
  skip: (c) => c[0]!.startsWith('#'),
  isEnd: (c) => /^#-+.*结束/.test(c[0] ?? ''),
  read(row, cols, cell, line, raw) {
    const get = (name: string) => cols.get(row, name, cell);
    const txn = get('支付宝交易号');
    if (!txn) throw new CellError('支付宝交易号', said('cellEmpty'));
    const type = get('业务类型');
    const amount = toFen(get('订单金额'), '订单金额');
    const received = toFen(get('商家实收'), '商家实收');
    const fee = -(toFen(get('服务费'), '服务费') + toFen(get('分润'), '分润'));
    const platform = toFen(get('支付宝红包'), '支付宝红包') + toFen(get('集分宝'), '集分宝') + toFen(get('支付宝优惠'), '支付宝优惠');
    const merchantCoupon = toFen(get('商家优惠'), '商家优惠');
    const batch = get('退款批次号/请求号') || get('退款批次号');
    const base = {
      line, raw, platformTxnId: txn, merchantOrderNo: orNull(get('商户订单号')), occurredAt: toIso(get('完成时间') || get('创建时间'), '完成时间'),
      settledOn: null, payoutRef: null, currency: 'CNY', feeFen: fee, netFen: received - fee,
    };
    if (type === '退款') {
      return { ...base, key: `alipay:${txn}:${batch || line}`, kind: 'refund', refundNo: orNull(batch), grossFen: 0, merchantCouponFen: 0, platformCouponFen: 0, refundFen: Math.abs(amount) };
    }
    if (type !== '交易' && type !== '在线支付') {
      return { ...base, key: `alipay:${txn}:${type}:${line}`, kind: 'other', refundNo: null, grossFen: amount, merchantCouponFen: 0, platformCouponFen: 0, refundFen: 0 };
    }
    return { ...base, key: `alipay:${txn}:pay`, kind: 'charge', refundNo: null, grossFen: amount, merchantCouponFen: merchantCoupon, platformCouponFen: platform, refundFen: 0 };
  },
};
