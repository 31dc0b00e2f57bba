// The demo shop's two warehouses (the seed documents' example): 广州仓 Guangzhou, the default one
// that held everything until now, and 成都仓 Chengdu with its own bins, stock for part of the range
// and its bench. Routing sends 华中/西南 to Chengdu and the rest to Guangzhou; open orders already
// in the shop are routed again, and a few new ones from those provinces arrive, one of them short
// (a transfer suggestion, not a refusal). A Chengdu wave is released to its bench.
import type { Core } from '../core';
import type { Actor } from '../store/events';
import type { OrderInput } from '../../contract/orders';
import { WaveRule } from '../../contract/waves';
import { listWarehouses } from '../modules/locations/queries';
import { createWarehouse, updateWarehouse } from '../modules/locations/actions/warehouses';
import { createLocation } from '../modules/locations/actions/create-location';
import { adjustStock } from '../modules/inventory/actions/adjust-stock';
import { resolveSkuCode } from '../modules/catalog/queries';
import { setRouting } from '../modules/dispatch/actions/set-routing';
import { assignWarehouse } from '../modules/orders/actions/assign-warehouse';
import { createOrder } from '../modules/orders/actions/create-orders';
import { listOrders } from '../modules/orders/queries';
import { releaseWaves } from '../modules/waves/actions/release-waves';

export const CENTRAL_AND_SOUTHWEST = ['四川', '重庆', '云南', '贵州', '西藏', '湖北', '湖南', '河南'];

const NEW_ORDERS: { name: string; province: string; city: string; district: string; address1: string; lines: [number, number][] }[] = [
  { name: '赵磊', province: '湖北省', city: '武汉市', district: '洪山区', address1: '珞喻路129号3栋502室', lines: [[1, 1]] },
  { name: '钱丽', province: '重庆市', city: '重庆市', district: '渝中区', address1: '解放碑步行街8号1201室', lines: [[2, 1], [3, 2]] },
  { name: '孙敏', province: '湖南省', city: '长沙市', district: '岳麓区', address1: '麓山南路932号', lines: [[4, 1]] },
  { name: '李强', province: '云南省', city: '昆明市', district: '五华区', address1: '翠湖南路6号', lines: [[5, 1]] },
  { name: '周静', province: '贵州省', city: '贵阳市', district: '云岩区', address1: '中华北路201号', lines: [[6, 2]] },
  { name: '吴涛', province: '河南省', city: '郑州市', district: '金水区', address1: '花园路88号', lines: [[7, 1]] },
  { name: '郑娟', province: '四川省', city: '成都市', district: '武侯区', address1: '人民南路四段12号', lines: [[8, 1]] },
  // More than Chengdu (300) and Guangzhou (under 250) each hold: Chengdu has the most, the rest is suggested from Guangzhou.
  { name: '王建华', province: '四川省', city: '绵阳市', district: '涪城区', address1: '临园路东段56号', lines: [[2, 400]] },
  { name: '陈晓东', province: '广东省', city: '广州市', district: '天河区', address1: '体育西路103号', lines: [[9, 1]] },
  { name: '林秀英', province: '福建省', city: '厦门市', district: '思明区', address1: '鹭江道8号', lines: [[10, 1]] },
];
/** Orders this adds to the demo shop. */
export const DEMO_ROUTING_ORDERS = NEW_ORDERS.length;

/** Runs inside seedDemo's write job, after the shop's orders; `skus` are the demo's SKU codes. */
export function seedWarehousesDemo(core: Core, system: Actor, skus: readonly string[]): void {
  const ctx = core.ctx;
  const gz = listWarehouses(ctx).find((w) => w.isDefault)!;
  updateWarehouse(ctx, gz.id, { name: '广州仓 Guangzhou', province: '广东', city: '广州', address: '广东省广州市白云区太和镇物流园A栋', benches: ['Bench 1 · 打包台 1', 'Bench 2 · 打包台 2'] }, system); // the demo's paired benches (demo/benches.ts)
  const cd = createWarehouse(ctx, { code: 'CD', name: '成都仓 Chengdu', province: '四川', city: '成都', address: '四川省成都市双流区物流大道18号', active: true, benches: ['cd-bench-1'], carrierCutoffs: { sf: '16:00', zto: '16:30' } }, system); // Chengdu's trucks leave earlier
  // Chengdu stocks two thirds of the range (Guangzhou has all of it), and 300 of the second SKU for the short order above.
  skus.forEach((sku, i) => {
    if (i % 3 === 2) return;
    const code = `CD-${String((i % 8) + 1).padStart(2, '0')}-${String((Math.floor(i / 8) % 12) + 1).padStart(2, '0')}-${Math.floor(i / 96) + 1}`; // one bin per SKU: aisle, bay, level from its index
    const loc = createLocation(ctx, { code, zone: 'CD', aisle: code.split('-')[1], bay: code.split('-')[2], level: code.split('-')[3], warehouse: cd.id });
    adjustStock(ctx, { skuId: resolveSkuCode(ctx, sku)!.skuId, locationId: loc.id, onHandDelta: i === 1 ? 300 : 20 + ((i * 37) % 60), inTransitDelta: 0, reason: 'demo opening stock (Chengdu)' }, system);
  });
  setRouting(ctx, {
    enabled: true, priority: [gz.id, cd.id],
    rules: [{ name: '华中/西南 → 成都仓 Central & south-west to Chengdu', warehouse: cd.id, provinces: CENTRAL_AND_SOUTHWEST, cities: [], active: true }],
  }, system);
  // The shop's open orders, routed as they would have been.
  for (const state of ['ready', 'allocated'] as const) {
    for (const o of listOrders(ctx, { state, sort: 'oldest', limit: 200 }).items) assignWarehouse(ctx, o.id, { reason: 'routing switched on' }, system);
  }
  const at = (i: number) => skus[i % skus.length]!;
  NEW_ORDERS.forEach((o, n) => {
    const input: OrderInput = {
      channel: 'douyin', externalId: `DY${7700100 + n}`, carrier: 'sf',
      shipTo: { name: o.name, phone: `139${String(28000000 + n * 7919).padStart(8, '0')}`, country: 'CN', province: o.province, city: o.city, district: o.district, address1: o.address1 },
      lines: o.lines.map(([i, qty]) => ({ sku: at(i - 1), qty })),
    };
    createOrder(ctx, input, system);
  });
  releaseWaves(ctx, { rule: WaveRule.parse({ filter: { warehouse: 'CD' }, caps: { slots: 12 } }), name: '成都 上午 Chengdu morning', benchId: 'cd-bench-1' }, system);
}
