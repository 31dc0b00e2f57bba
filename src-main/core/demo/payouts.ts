// The demo shop's money: orders of the WeChat mini program (小程序, D+1), Douyin (T+3) and
// Pinduoduo (T+7) paid over the last two weeks, and the statements their payment services sent:
// WeChat Pay's ALL bill and the two marketplaces' settlement sheets through saved mappings. Most
// rows match with a routine fee (a finance rule clears WeChat's 0.6%); planted among them: coupons
// split across lines, partial refunds, a payment in a later cycle, short payments nobody explained,
// money with no order, a row that does not read, and orders whose money is overdue.
import { createHash } from 'node:crypto';
import type { Core } from '../core';
import type { OrderInput } from '../../contract/orders';
import type { StatementMapping } from '../../contract/payouts';
import type { Actor } from '../store/events';
import { createOrder } from '../modules/orders/actions/create-orders';
import { beginStatement, finishStatement, storeAll } from '../modules/payouts/actions/import-statement';
import { createCauseRule, createStatementMapping } from '../modules/payouts/actions/settings';
import { reconcileAgain } from '../modules/payouts/actions/match-rows';
import { readTable } from '../modules/payouts/formats/table';
import { WECHAT_ALL } from '../modules/payouts/formats/wechat';
import { mappedFormat } from '../modules/payouts/formats/mapped';
import { rawText } from '../modules/payouts/formats/cells';
import { yuan } from '../modules/payouts/export';

const HOUR = 3_600_000;
/** Beijing wall time of an instant, as the statements print it. */
const bj = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

type Plan = 'paid' | 'coupon' | 'refund' | 'late' | 'short' | 'none';
/** What happens to each order's money, in turn: mostly paid, each planted difference a few times. */
const PLANS: Plan[] = ['paid', 'paid', 'coupon', 'paid', 'refund', 'paid', 'late', 'paid', 'short', 'paid', 'none', 'paid'];

const WECHAT_HEADER = ['交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'];
const MARKET_HEADER = ['订单号', '动账类型', '结算时间', '订单金额', '商家优惠', '平台服务费', '结算金额'];

interface DemoOrder { id: string; ext: string; totalFen: number; at: number; plan: Plan }

/** Orders the money demo adds, per channel, beside the shop's own. */
export const DEMO_PAYOUT_ORDERS = { miniprogram: 36, douyin: 24, pinduoduo: 18 } as const;

const BUYERS = ['李娜', '张伟', '王静', '刘洋', '陈杰', '杨丽', '赵强', '黄敏'];
const PLACES = [['广东省', '深圳市', '南山区', '518000'], ['浙江省', '杭州市', '西湖区', '310000'], ['四川省', '成都市', '武侯区', '610000'], ['江苏省', '南京市', '鼓楼区', '210000']] as const;

function shipTo(i: number): OrderInput['shipTo'] {
  const [province, city, district, postcode] = PLACES[i % PLACES.length]!;
  return { name: BUYERS[i % BUYERS.length]!, phone: `139${String(10_000_000 + i * 7_654_321).slice(-8)}`, country: 'CN', province, city, district, address1: `人民路${10 + i}号`, postcode };
}

/** The demo's money; `skus` are the demo shop's SKU codes. Runs inside the seed's transaction. */
export function seedPayouts(core: Core, system: Actor, skus: readonly string[]): void {
  const ctx = core.ctx;
  const sku = (i: number) => skus[(i * 17) % skus.length]!;
  const now = ctx.clock.now();
  const made = (channel: string, prefix: string, n: number, spanDays: number): DemoOrder[] => Array.from({ length: n }, (_, i) => {
    const at = now - Math.round(((i + 0.5) / n) * spanDays * 24 * HOUR);
    const qty = 1 + (i % 3);
    const totalFen = [3990, 5990, 12900, 8800, 19900, 2990][i % 6]! * qty;
    const input: OrderInput = { channel, externalId: `${prefix}${String(20261100 + i * 7)}`, shipTo: shipTo(i), lines: [{ sku: sku(i), qty }], total: { amount: totalFen, currency: 'CNY' } };
    const { orderId } = createOrder({ ...ctx, clock: { now: () => at, iso: () => new Date(at).toISOString() } }, input, system);
    return { id: orderId, ext: input.externalId, totalFen, at, plan: PLANS[i % PLANS.length]! };
  });
  const mini = made('miniprogram', 'MP', DEMO_PAYOUT_ORDERS.miniprogram, 12);
  const douyin = made('douyin', 'DY', DEMO_PAYOUT_ORDERS.douyin, 14);
  const pdd = made('pinduoduo', 'PDD', DEMO_PAYOUT_ORDERS.pinduoduo, 16);

  // WeChat Pay's ALL bill: 0.6% fee rounded to the fen, amounts in 元, every value behind a backtick.
  const wx: string[][] = [WECHAT_HEADER];
  const fee6 = (fen: number) => Math.round((fen * 6) / 1000);
  mini.forEach((o, i) => {
    if (o.plan === 'none') return;
    const txn = `42000000012026${String(110000000000 + i * 7919)}`;
    const paidAt = o.plan === 'late' ? o.at + 4 * 24 * HOUR : o.at + 60_000;
    const coupon = o.plan === 'coupon' ? Math.round(o.totalFen * 0.1) : 0;
    const settle = o.plan === 'short' ? o.totalFen - 300 : o.totalFen - coupon;
    const cells = (status: string, settleFen: number, feeFen: number, totalFen: number, refund?: { no: string; fen: number }) => [
      bj(paidAt + (refund ? 30 * HOUR : 0)), 'wx2421b1c4370ec43b', '1900012345', '0', 'MINIAPP', txn, o.ext, `oUpF8u${i}AJO_M2pxb1Q9zNjWeS6o`, 'JSAPI', status, 'CMC', 'CNY',
      yuan(settleFen), yuan(coupon && !refund ? coupon : 0), refund?.no ?? '0', refund ? `R${o.ext}` : '0', yuan(refund?.fen ?? 0), '0.00', refund ? 'ORIGINAL' : '', refund ? 'SUCCESS' : '',
      '小麦家居', '', yuan(feeFen), '0.60%', yuan(totalFen), yuan(refund?.fen ?? 0), '',
    ].map((c) => '`' + c);
    wx.push(cells('SUCCESS', settle, fee6(settle), o.plan === 'coupon' ? o.totalFen : settle));
    if (o.plan === 'refund') {
      const back = Math.round(o.totalFen * 0.3);
      wx.push(cells('REFUND', 0, -fee6(back), 0, { no: `5030000001${String(20261100 + i)}`, fen: back }));
    }
  });
  // Money with no order, and a row whose amount was typed over.
  wx.push(['`' + bj(now - 30 * HOUR), '`wx2421b1c4370ec43b', '`1900012345', '`0', '`MINIAPP', '`4200000001202612019999', '`MP99999999', '`oUpF8uMuAJO', '`JSAPI', '`SUCCESS', '`CMC', '`CNY', '`66.00', '`0.00', '`0', '`0', '`0.00', '`0.00', '`', '`', '`小麦家居', '`', '`0.40', '`0.60%', '`66.00', '`0.00', '`']);
  const bad = [...wx[1]!];
  bad[5] = '`4200000001202612018888';
  bad[12] = '`12.O0';
  wx.push(bad);
  wx.push(['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'], [`\`${wx.length - 1}`, '`0.00', '`0.00', '`0.00', '`0.00', '`0.00', '`0.00']);
  importRows(core, system, { source: 'wechat', channel: 'miniprogram', filename: `wechat-trade-bill-ALL-${bj(now).slice(0, 10)}.csv` }, readTable(WECHAT_ALL, wx), wx);

  // Douyin's and Pinduoduo's settlement sheets through mappings finance saved once.
  const market = (name: string, channel: string, orders: DemoOrder[], feePerMille: number, cycleDays: number) => {
    const mapping: StatementMapping = createStatementMapping(ctx, {
      name, channel, amountsIn: 'yuan', currency: 'CNY', refundWords: ['退款'],
      columns: { merchantOrderNo: '订单号', kind: '动账类型', occurredAt: '结算时间', gross: '订单金额', merchantCoupon: '商家优惠', fee: '平台服务费', net: '结算金额' },
    }, system);
    const rows: string[][] = [MARKET_HEADER];
    for (const o of orders) {
      const settledAt = o.at + (o.plan === 'late' ? cycleDays + 3 : cycleDays) * 24 * HOUR;
      if (o.plan === 'none' || settledAt > now) continue;
      const coupon = o.plan === 'coupon' ? 500 : 0;
      const fee = Math.round(((o.totalFen - coupon) * feePerMille) / 1000);
      const net = o.totalFen - coupon - fee - (o.plan === 'short' ? 800 : 0);
      rows.push([o.ext, '货款', bj(settledAt), yuan(o.totalFen), yuan(coupon), yuan(fee), yuan(net)]);
      if (o.plan === 'refund') rows.push([o.ext, '退款', bj(settledAt + HOUR), yuan(-1000), '0.00', '0.00', yuan(-1000)]);
    }
    rows.push([`${channel.toUpperCase()}0000000`, '货款', bj(now - 50 * HOUR), '45.00', '0.00', '0.27', '44.73']);
    importRows(core, system, { source: 'mapped', channel, filename: `${name}.xlsx` }, readTable(mappedFormat(mapping), rows), rows);
  };
  market('抖店结算单 Douyin settlement', 'douyin', douyin, 20, 3);
  market('拼多多货款明细 Pinduoduo settlement', 'pinduoduo', pdd, 6, 7);

  createCauseRule(ctx, { channel: 'miniprogram', cause: 'fee', maxPercent: 0.6, maxFen: null, note: '微信支付费率 0.6% WeChat Pay rate' }, system);
  createCauseRule(ctx, { channel: 'douyin', cause: 'fee', maxPercent: 2, maxFen: null, note: '抖店技术服务费 2%' }, system);
  reconcileAgain(ctx, 'differences');
}

function importRows(core: Core, system: Actor, m: { source: 'wechat' | 'mapped'; channel: string; filename: string }, table: ReturnType<typeof readTable>, rows: string[][]): void {
  const ctx = core.ctx;
  const sha256 = createHash('sha256').update(rows.map(rawText).join('\r\n')).digest('hex');
  const meta = { ...m, sha256, encoding: 'utf-8' };
  const id = beginStatement(ctx, meta, system);
  finishStatement(ctx, id, meta, table, storeAll(ctx, id, m.channel, table.rows), system);
}
