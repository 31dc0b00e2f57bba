// The demo shop's intake, so the Import, Orders and Audit log screens show it working: the Taobao
// preset saved as a mapping, the morning's import of a GBK Taobao export (orders created, one
// already imported, two rows refused), a phone order taken by the lead and its address changed.
import iconv from 'iconv-lite';
import type { Core } from '../core';
import { IMPORT_PRESETS } from '../../contract/imports';
import { AppError } from '../../lib/errors';
import type { Actor } from '../store/events';
import { listUsers } from '../modules/people/queries';
import { createCsvMapping } from '../modules/imports/actions/create-csv-mapping';
import { beginImportRun, endImportRun } from '../modules/imports/actions/import-runs';
import { planCsvImport } from '../modules/imports/csv-rows';
import { addOutcomes } from '../modules/imports/csv-import';
import { createOrder, createOrders } from '../modules/orders/actions/create-orders';
import { changeShipTo } from '../modules/orders/actions/change-ship-to';

const TAOBAO_HEADER = '订单编号,买家会员名,买家实际支付金额,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系手机,订单创建时间,宝贝标题,宝贝总数量,商家编码';
const taobaoRow = (no: string, name: string, address: string, mobile: string, title: string, qty: string, sku: string, paid: string, note = '') =>
  [`="${no}"`, `tb_${no.slice(-4)}`, paid, '买家已付款，等待卖家发货', note, name, address, '快递', mobile, '2026-12-03 07:58:12', title, qty, sku].join(',');

/** Orders this adds to the demo shop: one from last night's API, three from the import, the phone order. */
export const DEMO_INTAKE_ORDERS = 5;

/** Runs inside seedDemo's write job; uses the demo's first five SKUs (the smallest demo shop has five). */
export function seedIntakeDemo(core: Core): void {
  const ctx = core.ctx;
  const people = listUsers(ctx);
  const lead = people.find((u) => u.role === 'lead')!;
  const actor: Actor = { id: lead.id, role: lead.role, name: lead.name };
  const preset = IMPORT_PRESETS.find((p) => p.channel === 'taobao')!;
  const mapping = createCsvMapping(ctx, preset, actor);
  // Last night's order from Taobao's API, which is in this morning's file again: a duplicate.
  const duplicateOf = '3102938475609999';
  createOrder(ctx, {
    channel: 'taobao', externalId: duplicateOf, carrier: 'zto',
    shipTo: { name: '周杰', phone: '13655556666', country: 'CN', province: '江苏省', city: '南京市', district: '鼓楼区', address1: '中山路18号', postcode: '210008' },
    lines: [{ sku: 'WH-0004', qty: 1 }],
  }, { id: 'system:api', role: 'admin' });

  const file = iconv.encode([
    TAOBAO_HEADER,
    taobaoRow('3102938475620001', '刘艳', '浙江省 杭州市 西湖区 文三路100号华星科技大厦1201室(310012)', '13808222172', '保温杯 Thermos cup #1', '2', 'WH-0001', '70.00', '请周一前发货'),
    taobaoRow('3102938475620002', '张伟', '广东省 深圳市 南山区 科技园路1号3栋502室(518057)', '13912345678', '蓝牙耳机 Bluetooth earbuds #1', '1', 'WH-0002', '85.00'),
    taobaoRow('3102938475620002', '张伟', '广东省 深圳市 南山区 科技园路1号3栋502室(518057)', '13912345678', '手机壳 Phone case #1', '1', 'WH-0003', '85.00'),
    taobaoRow(duplicateOf, '周杰', '江苏省 南京市 鼓楼区 中山路18号(210008)', '13655556666', '数据线 USB-C cable #1', '1', 'WH-0004', '24.00'),
    taobaoRow('3102938475620003', '王芳', '上海 上海市 浦东新区 世纪大道100号(200120)', '15800001111', '数据线 USB-C cable #1', '两', 'WH-0004', '35.00'),
    taobaoRow('3102938475620004', '陈静', '四川省 成都市 武侯区 天府大道北段1700号(610041)', '18600002222', '帆布包 Canvas tote', '1', 'WH-9999', '42.00'),
    taobaoRow('3102938475620005', '李娜', '北京 北京市 朝阳区 建国路88号SOHO现代城A座(100022)', '13700003333', '陶瓷马克杯 Ceramic mug #1', '3', 'WH-0005', '120.00'),
  ].join('\r\n') + '\r\n', 'gbk');

  // As the demo starts (the shop's morning): the import's times agree with its orders'.
  const startedAt = new Date(ctx.clock.now() - 4_000).toISOString();
  const id = beginImportRun(ctx, { filename: '淘宝订单报表-20261203.csv', mapping: mapping.name }, actor, startedAt);
  const { report, valid } = planCsvImport(mapping, file);
  const stored = createOrders(ctx, valid.map((v) => v.input), actor).map((r) => (r instanceof AppError ? r : r.duplicate));
  addOutcomes(report, mapping, valid, stored);
  endImportRun(ctx, id, { report, done: valid.length }, actor, new Date(Date.parse(startedAt) + 4_000).toISOString());

  // A customer rang: an order taken by hand, then a second call moved it to the office.
  const { orderId } = createOrder(ctx, {
    channel: 'phone', externalId: 'TEL-261203-0915', carrier: 'sf', note: '电话下单 / phone order',
    shipTo: { name: '赵敏', phone: '13911112222', country: 'CN', province: '广东省', city: '深圳市', district: '福田区', address1: '深南大道6008号特区报业大厦12楼', postcode: '518034' },
    lines: [{ sku: 'WH-0002', qty: 2 }, { sku: 'WH-0005', qty: 1 }],
  }, actor);
  changeShipTo(ctx, orderId, {
    reason: '客户来电改地址 / customer called: deliver to her office',
    shipTo: { name: '赵敏', phone: '13911112222', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号创维大厦A座1801', postcode: '518057' },
  }, actor);
}
