import type { Core } from '../core';
import type { OrderInput, OrderAction } from '../../contract/orders';
import { createSku } from '../modules/catalog/actions/skus';
import { createBoxType } from '../modules/catalog/actions/create-box-type';
import { ensureLocation } from '../modules/locations/actions/create-location';
import { adjustStock } from '../modules/inventory/actions/adjust-stock';
import { createUser } from '../modules/people/actions/create-user';
import { createOrder } from '../modules/orders/actions/create-orders';
import { applyOrderAction } from '../modules/orders/actions/apply-action';
import { putSettings } from '../modules/settings/actions/put-settings';
import { addWaybillRange, type AddRangeInput } from '../modules/shipping/actions/waybill-ranges';
import { seedCarriers } from './carriers';
import type { Actor } from '../store/events';
import { releaseWaves } from '../modules/waves/actions/release-waves';
import { sortItem } from '../modules/waves/actions/sort-item';
import { createWaveRule } from '../modules/waves/actions/wave-rules';
import { startPacking } from '../modules/packing/actions/start-packing';
import { createParcel } from '../modules/packing/actions/create-parcel';
import { savepoint } from '../store/db';
import { seedCatalogDemo } from './catalog';
import { getWave } from '../modules/waves/queries';
import { orderLineSkus, orderState } from '../modules/orders/queries';
import { AppError } from '../../lib/errors';
import { WaveRule, type WaveRuleInput } from '../../contract/waves';
import { seedPayouts } from './payouts';
import { seedProfitDemo } from './profit';
import { seedReturns } from './returns';
import { seedIntakeDemo } from './intake';
import { seedDemoBenches } from './benches';
import { seedWarehousesDemo } from './warehouses';
import { seedAlertsDemo } from './alerts';
import { seedBoardDemo } from './board';
import { seedRulesDemo } from './rules';
import { seedSplitDemo } from './split';
import { seedMergesDemo } from './merges';

// A believable small shop: Chinese and international customers, a few hundred SKUs with barcodes,
// weights and bin locations, a few thousand orders across states, one user per role.
// Deterministic (seeded), so screenshots and tests see the same shop every time.

export const DEMO_USERS = [
  { name: '王芳 Wang Fang', role: 'operator', badge: 'OP-1001' },
  { name: 'Lucas Martin', role: 'operator', badge: 'OP-1002' },
  { name: '陈静 Chen Jing', role: 'lead', badge: 'LD-2001' },
  { name: 'Admin', role: 'admin', badge: 'AD-3001' },
  { name: '刘洋 Liu Yang', role: 'finance', badge: 'FN-4001' },
  { name: 'Viewer', role: 'viewer', badge: 'VW-5001' },
] as const;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const CN_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂英', '建华', '志强', '晓东'];
const CN_PLACES = [
  { province: '广东省', city: '深圳市', districts: ['南山区', '福田区', '宝安区', '龙岗区'], post: '518000' },
  { province: '浙江省', city: '杭州市', districts: ['西湖区', '滨江区', '余杭区'], post: '310000' },
  { province: '上海市', city: '上海市', districts: ['浦东新区', '徐汇区', '静安区'], post: '200000' },
  { province: '北京市', city: '北京市', districts: ['朝阳区', '海淀区', '东城区'], post: '100000' },
  { province: '四川省', city: '成都市', districts: ['武侯区', '锦江区', '高新区'], post: '610000' },
  { province: '江苏省', city: '南京市', districts: ['鼓楼区', '玄武区', '江宁区'], post: '210000' },
];
const CN_STREETS = ['科技园路', '文三路', '人民路', '中山路', '建国路', '解放路', '天府大道', '长江路'];
const INTL = [
  { country: 'US', city: 'Seattle', province: 'WA', post: '98101', street: 'Pine St', first: ['Emma', 'Liam', 'Olivia', 'Noah'], last: ['Johnson', 'Brown', 'Miller'] },
  { country: 'DE', city: 'Berlin', province: undefined, post: '10115', street: 'Invalidenstraße', first: ['Lena', 'Jonas', 'Mia'], last: ['Schmidt', 'Weber', 'Fischer'] },
  { country: 'GB', city: 'London', province: undefined, post: 'EC1A 1BB', street: 'High Street', first: ['Oliver', 'Amelia', 'Harry'], last: ['Smith', 'Taylor', 'Davies'] },
  { country: 'FR', city: 'Lyon', province: undefined, post: '69002', street: 'Rue de la République', first: ['Louis', 'Chloé', 'Hugo'], last: ['Martin', 'Bernard', 'Dubois'] },
  { country: 'JP', city: 'Osaka', province: 'Osaka', post: '530-0001', street: 'Umeda 1-chome', first: ['Yui', 'Haruto', 'Sakura'], last: ['Sato', 'Suzuki', 'Takahashi'] },
];
const PRODUCTS = [
  ['保温杯 Thermos cup', 350], ['蓝牙耳机 Bluetooth earbuds', 120], ['手机壳 Phone case', 45], ['数据线 USB-C cable', 60], ['充电宝 Power bank', 280],
  ['帆布包 Canvas tote', 210], ['陶瓷马克杯 Ceramic mug', 390], ['笔记本 Notebook A5', 240], ['中性笔 Gel pen (10)', 110], ['毛巾 Cotton towel', 180],
  ['袜子 Socks (3 pairs)', 150], ['T恤 T-shirt', 200], ['运动水壶 Sports bottle', 260], ['鼠标垫 Mouse pad', 130], ['台灯 Desk lamp', 820],
  ['绿茶 Green tea 250g', 300], ['乌龙茶 Oolong tea 100g', 140], ['瑜伽垫 Yoga mat', 1100], ['雨伞 Umbrella', 420], ['钥匙扣 Keychain', 25],
] as const;
const CARRIERS = ['sf', 'zto', 'yto', 'ems', 'ups', 'dhl'];
export const DEMO_WAYBILL_RANGES: AddRangeInput[] = [
  { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 410_000_000_000, last: 410_000_099_999 },
  { carrier: 'zto', scheme: 'none', width: 12, first: 731_000_000_000, last: 731_000_099_999 },
  { carrier: 'yto', scheme: 'none', prefix: 'YT', width: 13, first: 6_100_000_000_000, last: 6_100_000_099_999 },
  { carrier: 'ems', scheme: 's10', prefix: 'EA', suffix: 'CN', width: 8, first: 10_000_000, last: 10_099_999 },
  { carrier: 'ups', scheme: 'mod10', prefix: '1Z999AA1', width: 9, first: 100_000_000, last: 100_099_999 },
  { carrier: 'dhl', scheme: 'mod11', width: 9, first: 300_000_000, last: 300_099_999 },
];

/** Fills an empty data folder with the demo shop. Returns the number of orders created. */
export function seedDemo(core: Core, opts: { skus?: number; orders?: number } = {}): number {
  const nSkus = opts.skus ?? 300;
  const nOrders = opts.orders ?? 3000;
  const rnd = prng(20261121);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const system: Actor = { id: 'system:demo', role: 'admin' };
  const ctx = core.ctx;
  return core.writes.runNow(() => {
    putSettings(ctx, {
      shopName: '小麦家居 Wheat Home', sender: { name: '小麦家居', phone: '0755-86001234', address: '广东省深圳市南山区科技园路1号' }, inboundCoefficient: 0.5,
      carrierCutoffs: { sf: '18:00', zto: '17:00', yto: '17:30', ems: '16:00', ups: '15:00', dhl: '15:30' },
    }, system);
    for (const u of DEMO_USERS) createUser(ctx, u, system);
    seedCarriers(ctx, system);
    for (const b of [
      { code: 'BOX-S', name: 'Small box 20x15x10', tareG: 80, lengthMm: 200, widthMm: 150, heightMm: 100, maxWeightG: 3000 },
      { code: 'BOX-M', name: 'Medium box 30x20x15', tareG: 150, lengthMm: 300, widthMm: 200, heightMm: 150, maxWeightG: 8000 },
      { code: 'BOX-L', name: 'Large box 40x30x25', tareG: 260, lengthMm: 400, widthMm: 300, heightMm: 250, maxWeightG: 20000 },
      { code: 'BAG-P', name: 'Poly mailer', tareG: 15, maxWeightG: 1000 },
    ]) createBoxType(ctx, b, system);
    // Waybill number ranges for every demo carrier, so the bench can label parcels at once.
    for (const r of DEMO_WAYBILL_RANGES) addWaybillRange(ctx.db, ctx.clock, r, system);
    const skus: string[] = [];
    for (let i = 0; i < nSkus; i++) {
      const [name, weight] = PRODUCTS[i % PRODUCTS.length]!;
      const variant = Math.floor(i / PRODUCTS.length) + 1;
      const sku = `WH-${String(i + 1).padStart(4, '0')}`;
      const zone = 'ABCD'[i % 4]!;
      const loc = `${zone}-${String((i % 10) + 1).padStart(2, '0')}-${String((Math.floor(i / 10) % 12) + 1).padStart(2, '0')}-${(i % 4) + 1}`;
      const ean = ean13(`69${String(1000000000 + i * 7919).slice(-10)}`);
      const barcodes = [{ code: ean, units: 1 }];
      if (i % 5 === 0) barcodes.push({ code: `CASE-${sku}-6`, units: 6 });
      const created = createSku(ctx, { sku, name: `${name} #${variant}`, barcodes, unitWeightG: i % 37 === 36 ? null : weight + variant * 3, location: loc, price: 1990 + (i % 17) * 500, currency: 'CNY', safetyStock: 10 }, system);
      skus.push(sku);
      adjustStock(ctx, { skuId: created.id, locationId: ensureLocation(ctx, loc), onHandDelta: i % 23 === 0 ? 3 : 40 + Math.floor(rnd() * 200), inTransitDelta: i % 7 === 0 ? 50 : 0, reason: 'demo opening stock' }, system);
    }
    // Ship-by times around now (from 6 hours ago to 3 days ahead), so cut-offs and rules look real.
    const day = Math.floor(ctx.clock.now() / 3_600_000) * 3_600_000 - 6 * 3_600_000;
    for (let n = 0; n < nOrders; n++) {
      const cn = rnd() < 0.7;
      let shipTo: OrderInput['shipTo'];
      if (cn) {
        const p = pick(CN_PLACES);
        shipTo = {
          name: pick(CN_SURNAMES) + pick(CN_GIVEN), phone: `1${pick(['38', '39', '58', '86', '77'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`, country: 'CN',
          province: p.province, city: p.city, district: pick(p.districts), address1: `${pick(CN_STREETS)}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 20)}栋${1 + Math.floor(rnd() * 30)}0${1 + Math.floor(rnd() * 4)}室`, postcode: p.post,
        };
      } else {
        const p = pick(INTL);
        shipTo = { name: `${pick(p.first)} ${pick(p.last)}`, phone: `+${10 + Math.floor(rnd() * 80)} ${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`, country: p.country, province: p.province, city: p.city, address1: `${1 + Math.floor(rnd() * 200)} ${p.street}`, address2: rnd() < 0.3 ? `Apt ${1 + Math.floor(rnd() * 40)}` : undefined, postcode: p.post };
      }
      const nLines = rnd() < 0.55 ? 1 : 1 + Math.floor(rnd() * 4);
      const used = new Set<string>();
      const lines = Array.from({ length: nLines }, () => {
        let s = pick(skus);
        while (used.has(s)) s = pick(skus);
        used.add(s);
        return { sku: s, qty: rnd() < 0.8 ? 1 : 2 };
      });
      const channel = pick(['taobao', 'jd', 'shopify', 'douyin', 'amazon']);
      const { orderId } = createOrder(ctx, {
        channel, externalId: `${channel.toUpperCase().slice(0, 2)}${String(8800000 + n * 13)}`, shipTo, lines,
        carrier: cn ? pick(CARRIERS.slice(0, 4)) : pick(CARRIERS.slice(3)), shipBy: new Date(day + (1 + Math.floor(rnd() * 72)) * 3600_000).toISOString(),
        priority: rnd() < 0.1 ? 5 : 0, total: { amount: 1990 * nLines, currency: cn ? 'CNY' : 'USD' },
      }, system);
      // Move part of the history forward so every state is on screen.
      const r = rnd();
      const steps: [OrderAction, string?][] =
        r < 0.5 ? [] : r < 0.8 ? [['start_packing'], ['mark_packed'], ['ship']]
        : r < 0.86 ? [] : r < 0.9 ? [['cancel', 'customer asked to cancel']] : r < 0.93 ? [['hold', 'address check: pickup point and high value']] : r < 0.95 ? [['start_packing'], ['mark_packed'], ['ship'], ['return', 'size did not fit']] : [];
      // Packed today and waiting for the carrier: through the bench, so it has a labelled parcel.
      if (r >= 0.8 && r < 0.86) packAtBench(core, orderId, n % 3 === 0 ? 'bench-2' : 'bench-1', system);
      for (const [action, reason] of steps) {
        try {
          applyOrderAction(ctx, orderId, action, system, { reason });
        } catch {
          break; // an order that could not be allocated stays ready
        }
      }
    }
    seedWaves(core, system);
    if (nSkus >= 7) seedCatalogDemo(core, system);
    seedPayouts(core, system, skus);
    seedProfitDemo(core, system, skus);
    seedReturns(core, system);
    seedIntakeDemo(core);
    seedDemoBenches(core, system);
    seedBoardDemo(core, system);
    seedWarehousesDemo(core, system, skus);
    seedAlertsDemo(core);
    seedRulesDemo(core, system);
    seedSplitDemo(core, system, skus);
    seedMergesDemo(core, system);
    return nOrders;
  });
}

/**
 * Packs an order the way the station does: a labelled parcel with a waybill from the demo range.
 * An order whose stock is still in transit cannot be packed yet: it stays where it is.
 */
function packAtBench(core: Core, id: string, bench: string, system: Actor): void {
  const ctx = core.ctx;
  try {
    savepoint(ctx.db, () => {
      const t = startPacking(ctx, id, { bench }, system);
      const box = t.boxTypes.find((b) => b.id === t.suggestedBox?.id) ?? t.boxTypes[0]!;
      const measuredG = box.tareG + t.lines.reduce((g, l) => g + (l.unitWeightG ?? 200) * l.qty, 0);
      createParcel(ctx, id, { bench, expectedVersion: t.order.version, boxTypeId: box.id, items: t.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), measuredG, final: true }, system);
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

/** Saved rules a lead would keep, and this morning's waves: one finished, one being sorted and packed, one just released. */
function seedWaves(core: Core, system: Actor): void {
  const ctx = core.ctx;
  const rule = (r: WaveRuleInput) => WaveRule.parse(r);
  const rules = {
    singles: createWaveRule(ctx, { name: '顺丰单品 SF singles', rule: rule({ filter: { carriers: ['sf'], singleUnit: true }, caps: { slots: 40 } }) }, system),
    due: createWaveRule(ctx, { name: '今日截单 Due today, per carrier', rule: rule({ filter: { shipByWithinHours: 12 }, group: 'carrier', caps: { slots: 24, weightG: 30_000 } }) }, system),
    zoneA: createWaveRule(ctx, { name: 'A区 Zone A', rule: rule({ filter: { zones: ['A'] }, caps: { slots: 24 } }) }, system),
  };
  const packAt = (bench: string) => (id: string) => packAtBench(core, id, bench, system);
  const ordersOf = (waveId: string) => getWave(ctx, waveId).orders.filter((o) => o.member === 'active').map((o) => o.orderId);
  // Finished: the international parcels of the early wave are packed.
  const intl = releaseWaves(ctx, { rule: rule({ filter: { carriers: ['ups', 'dhl'] }, caps: { slots: 12 } }), name: '国际件 International', benchId: 'bench-1' }, system).waves[0];
  for (const id of intl ? ordersOf(intl.id) : []) packAt('bench-1')(id);
  // Being sorted at the put wall and packed: the first slots are full, a few of them packed.
  const sf = releaseWaves(ctx, { rule: rules.singles.rule, ruleId: rules.singles.id, benchId: 'bench-1' }, system).waves[0];
  if (sf) {
    const ids = ordersOf(sf.id);
    for (const id of ids.slice(0, Math.ceil(ids.length / 2))) {
      const skus = orderLineSkus(ctx, id);
      for (const s of skus) for (let i = 0; i < s.qty; i++) sortItem(ctx, { waveId: sf.id, code: s.sku }, system);
    }
    for (const id of ids.slice(0, Math.ceil(ids.length / 5))) {
      if (orderState(ctx, id) === 'picked') packAt('bench-1')(id);
    }
  }
  // Just released to the second bench.
  releaseWaves(ctx, { rule: rules.zoneA.rule, ruleId: rules.zoneA.id, benchId: 'bench-2' }, system);
}

/** 12 digits -> EAN-13 with its check digit. */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return twelve + ((10 - (sum % 10)) % 10);
}
