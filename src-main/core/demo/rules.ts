// The rules demo: the seed documents' five sample rules (a lead reads and changes them on Rules), a
// presale product whose supplier is late, a product sold under cost, orders that trip each rule,
// and two contradictory instructions (expedite, then cancel) frozen in the lead's queue.
import type { Core } from '../core';
import type { OrderInput } from '../../contract/orders';
import type { RuleBody } from '../../contract/rules';
import type { Actor } from '../store/events';
import { createSku } from '../modules/catalog/actions/skus';
import { ensureLocation } from '../modules/locations/actions/create-location';
import { adjustStock } from '../modules/inventory/actions/adjust-stock';
import { createOrder } from '../modules/orders/actions/create-orders';
import { getSettings } from '../modules/settings/queries';
import { shopDayBefore } from '../../contract/shop-time';
import { createRule, putPresale } from '../modules/rules/actions/edit-rules';
import { sendInstruction } from '../modules/rules/actions/instructions';
import { followChanges } from '../modules/rules/actions/follow-changes';

/** Orders and products this demo adds to the shop (the demo seed's test counts them). */
export const DEMO_RULES_ORDERS = 9;
export const DEMO_RULES_SKUS = 2;

export const DEMO_RULES: RuleBody[] = [
  { name: '一天超过3单 More than 3 orders a day', enabled: true, match: 'all', conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 3 }], actions: { hold: { type: 'fraud' } } },
  { name: '代收点超500元 Pickup point over 500 yuan', enabled: true, match: 'all', conditions: [{ kind: 'address', check: 'pickup_point' }, { kind: 'amount', op: 'gt', number: 500 }], actions: { hold: { type: 'fraud' } } },
  { name: '低于成本15% Price 15% under cost', enabled: true, match: 'all', conditions: [{ kind: 'below_cost', op: 'gt', number: 15 }], actions: { hold: { type: 'payment' } } },
  { name: '预售延期 Presale, supplier late', enabled: true, match: 'all', conditions: [{ kind: 'presale_late' }], actions: { hold: { type: 'presale', releaseWhenClear: true } } },
  { name: '留言加急 Buyer asks to hurry', enabled: true, match: 'any', conditions: [{ kind: 'note', values: ['加急', '尽快', 'urgent'] }], actions: { priority: 9, tags: ['加急'], packerNote: '加急单：先打包 Rush: pack first' } },
];

const SHIP_TO: OrderInput['shipTo'] = { name: '周小雨', phone: '13900001111', country: 'CN', province: '湖北省', city: '武汉市', district: '洪山区', address1: '珞喻路100号', postcode: '430070' };

export function seedRulesDemo(core: Core, system: Actor): void {
  const ctx = core.ctx;
  const bin = ensureLocation(ctx, 'A-01-01-1');
  const tea = createSku(ctx, { sku: 'DEMO-TEA-01', name: '明前龙井 Longjing tea 250g', barcodes: [{ code: '6900000000014', units: 1 }], unitWeightG: 300, location: 'A-01-01-1', cost: 12_000, price: 16_800, currency: 'CNY' }, system);
  adjustStock(ctx, { skuId: tea.id, locationId: bin, onHandDelta: 80, inTransitDelta: 0, reason: 'demo opening stock' }, system);
  const hanfu = createSku(ctx, { sku: 'DEMO-HANFU-PRE', name: '汉服预售 Hanfu (presale)', barcodes: [{ code: '6900000000021', units: 1 }], unitWeightG: 600, location: 'A-01-01-1', cost: 20_000, price: 39_900, currency: 'CNY' }, system);
  adjustStock(ctx, { skuId: hanfu.id, locationId: bin, onHandDelta: 5, inTransitDelta: 0, reason: 'demo opening stock' }, system);
  for (const r of DEMO_RULES) createRule(ctx, r, system);
  // The supplier promised the hanfu two days ago: late.
  putPresale(ctx, [{ sku: 'DEMO-HANFU-PRE', stockDate: shopDayBefore(ctx.clock.now(), 2, getSettings(ctx).timeZone) }], system);

  let n = 0;
  const order = (over: Partial<OrderInput>) => createOrder(ctx, { channel: 'taobao', externalId: `TB-RULES-${++n}`, shipTo: SHIP_TO, lines: [{ sku: 'DEMO-TEA-01', qty: 1, unitPrice: 16_800 }], carrier: 'zto', total: { amount: 16_800, currency: 'CNY' }, ...over }, system).orderId;
  // A pickup point carrying 688 yuan.
  order({ shipTo: { ...SHIP_TO, name: '吴海', phone: '13900002222', address1: '光谷大道58号菜鸟驿站' }, lines: [{ sku: 'DEMO-TEA-01', qty: 4, unitPrice: 17_200 }], total: { amount: 68_800, currency: 'CNY' } });
  // One buyer, four orders today: the fourth is held.
  for (let i = 0; i < 4; i++) order({ shipTo: { ...SHIP_TO, name: '郑凯', phone: '13900003333' } });
  // Sold at 90 yuan against a cost of 120: 25% under cost.
  order({ shipTo: { ...SHIP_TO, name: '冯丽', phone: '13900004444' }, lines: [{ sku: 'DEMO-TEA-01', qty: 1, unitPrice: 9_000 }], total: { amount: 9_000, currency: 'CNY' } });
  // The late presale product.
  order({ shipTo: { ...SHIP_TO, name: '陈晨', phone: '13900005555' }, lines: [{ sku: 'DEMO-HANFU-PRE', qty: 1, unitPrice: 39_900 }], total: { amount: 39_900, currency: 'CNY' } });
  // The buyer asks to hurry.
  order({ shipTo: { ...SHIP_TO, name: '褚明', phone: '13900006666' }, note: '生日礼物，请尽快发货' });
  // The rules run on these now, not a moment after the seed: the demo is the same every time.
  followChanges(ctx, 1000);
  // Expedite, then a cancel seconds later: frozen for a lead.
  const torn = order({ shipTo: { ...SHIP_TO, name: '卫东', phone: '13900007777' } });
  sendInstruction(ctx, torn, { kind: 'expedite', reason: '买家补了顺丰加急费 buyer paid for express', source: 'taobao' }, system);
  sendInstruction(ctx, torn, { kind: 'cancel', reason: '买家申请退款 buyer asked for a refund', source: 'taobao' }, system);
}
