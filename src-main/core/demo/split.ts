// The demo's split order (two warehouses): the shop allows splitting (Settings -> Routing), and a
// Chengdu customer orders 280 of the second SKU (only Chengdu has that many) with one SKU only
// Guangzhou stocks. Chengdu keeps the channel's order and packs the 280; Guangzhou packs
// its part, PL…-2. A lead sees both shipments on the order page.
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { getRouting } from '../modules/dispatch/queries';
import { setRouting } from '../modules/dispatch/actions/set-routing';
import { createOrder } from '../modules/orders/actions/create-orders';
import { StockView } from '../modules/inventory/reservation-planning';
import { resolveSkuCode } from '../modules/catalog/queries';
import { defaultWarehouseOf, warehouseIdOf } from '../modules/locations/queries';

/** Order rows this adds: the channel's order and its part. */
export const DEMO_SPLIT_ORDERS = 2;

/** Runs inside seedDemo's write job, after the warehouses' demo (it needs Chengdu's stock). */
export function seedSplitDemo(core: Core, system: Actor, skus: readonly string[]): void {
  const ctx = core.ctx;
  const r = getRouting(ctx);
  setRouting(ctx, { enabled: r.enabled, split: true, priority: r.priority, rules: r.rules.map((x) => ({ name: x.name, warehouse: x.warehouseId, provinces: x.provinces, cities: x.cities, active: x.active })) }, system);
  // a SKU Guangzhou still has and Chengdu does not stock
  const view = new StockView(ctx);
  const [gz, cd] = [defaultWarehouseOf(ctx), warehouseIdOf(ctx, 'CD')!];
  const idOf = (sku: string) => resolveSkuCode(ctx, sku)!.skuId;
  const onlyGz = skus.find((sku) => view.availableIn(idOf(sku), gz) > 0 && view.availableIn(idOf(sku), cd) === 0) ?? skus[2]!;
  createOrder(ctx, {
    channel: 'douyin', externalId: 'DY7700900', carrier: 'sf',
    shipTo: { name: '黄丽娟', phone: '13928990011', country: 'CN', province: '四川省', city: '成都市', district: '锦江区', address1: '春熙路步行街18号2单元801室' },
    lines: [{ sku: skus[1]!, qty: 280 }, { sku: onlyGz, qty: 1 }],
  }, system);
}
