// Statement files in each real format (SHOP.md "Payouts"), written as the payment services write
// them: WeChat's ALL bill with its backticks and summary rows, Alipay's zip with a GBK 业务明细 CSV
// between comment lines, Shopify's payouts export.
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const WECHAT_HEADER = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

export interface WechatRow {
  time: string; txn: string; orderNo: string; status?: 'SUCCESS' | 'REFUND'; settle: string; coupon?: string; refundNo?: string; refund?: string;
  fee: string; total?: string; name?: string;
}

/** The ALL bill: header, every value behind a backtick, then the summary header and row. */
export function wechatAllBill(rows: WechatRow[]): Buffer {
  const lines = [WECHAT_HEADER];
  for (const r of rows) {
    const refund = r.status === 'REFUND';
    const cells = [r.time, 'wx2421b1c4370ec43b', '10000100', '0', '1000', r.txn, r.orderNo, 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'JSAPI', r.status ?? 'SUCCESS', 'CMC', 'CNY',
      r.settle, r.coupon ?? '0.00', r.refundNo ?? '0', refund ? `R${r.orderNo}` : '0', r.refund ?? '0.00', '0.00', refund ? 'ORIGINAL' : '', refund ? 'SUCCESS' : '',
      r.name ?? '保温杯', '', r.fee, '0.60%', r.total ?? r.settle, refund ? (r.refund ?? '0.00') : '0.00', ''];
    lines.push(cells.map((c) => '`' + c).join(','));
  }
  lines.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
  lines.push(['`' + rows.length, '`0.00', '`0.00', '`0.00', '`0.00', '`0.00', '`0.00'].join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

const ALIPAY_HEADER = '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

export interface AlipayRow { txn: string; orderNo: string; type: '交易' | '退款'; time: string; amount: string; received: string; fee: string; merchantCoupon?: string; redPacket?: string; batch?: string }

/** Alipay's download: a zip with the GBK 业务明细 CSV (comment lines around the table, values padded with tabs) and its 汇总. */
export async function alipayZip(rows: AlipayRow[]): Promise<Buffer> {
  const lines = ['#支付宝业务明细查询', '#账号：[20881234567890120156]', '#起始日期：[2026年11月01日 00:00:00]   终止日期：[2026年12月01日 00:00:00]', '#-----------------------------------------业务明细列表----------------------------------------', ALIPAY_HEADER];
  for (const r of rows) {
    lines.push([r.txn, r.orderNo, r.type, '蓝牙耳机', r.time, r.time, '', '', '', '', 'buy***@163.com', r.amount, r.received, r.redPacket ?? '0.00', '0.00', '0.00', r.merchantCoupon ?? '0.00', '0.00', '', '0.00', '0.00', r.batch ?? '', r.fee, '0.00', '']
      .map((c) => `${c}\t`).join(','));
  }
  lines.push('#-----------------------------------------业务明细列表结束------------------------------------', `#交易合计：${rows.length}笔`, '#导出时间：[2026年12月02日 09:12:33]');
  const zip = new JSZip();
  const gbkName = (s: string) => iconv.encode(s, 'gbk');
  zip.file('20881234567890120156_20261201_业务明细.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'), { binary: true });
  zip.file('20881234567890120156_20261201_业务明细(汇总).csv', iconv.encode('#支付宝业务汇总查询\r\n', 'gbk'), { binary: true });
  return zip.generateAsync({ type: 'nodebuffer', encodeFileName: (n) => gbkName(n) as unknown as string });
}

const SHOPIFY_HEADER = 'Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Payout ID,Available On,Amount,Fee,Net,Checkout,Payment Method Name,Presentment Amount,Presentment Currency,Currency';
export interface ShopifyRow { date: string; type: string; order: string; payoutDate: string; payoutId: string; amount: string; fee: string; net: string; checkout?: string }

export function shopifyPayouts(rows: ShopifyRow[]): Buffer {
  const lines = [SHOPIFY_HEADER, ...rows.map((r) => [r.date, r.type, r.order, 'visa', 'online', 'paid', r.payoutDate, r.payoutId, r.payoutDate, r.amount, r.fee, r.net, r.checkout ?? '', 'card', r.amount, 'USD', 'USD'].join(','))];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
