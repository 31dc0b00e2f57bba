// The routing bench's shop: the bench SKUs (B-0 ... B-199, deep stock in the default warehouse) and a
// second warehouse, Chengdu, holding half of them; 华中/西南 routed there, 50 more rules that match
// nothing (the "with 50 rules"). `on` false: the same shop with routing switched off.
import type { CoreContext } from '../../src-main/core/context';
import type { Actor } from '../../src-main/core/store/events';
import { createWarehouse } from '../../src-main/core/modules/locations/actions/warehouses';
import { createLocation } from '../../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../../src-main/core/modules/inventory/actions/adjust-stock';
import { resolveSkuCode } from '../../src-main/core/modules/catalog/queries';
import { setRouting } from '../../src-main/core/modules/dispatch/actions/set-routing';

export function setupBenchRouting(ctx: CoreContext, on: boolean, actor: Actor): void {
  createWarehouse(ctx, { code: 'CD', name: '成都仓', province: '四川', active: true }, actor);
  for (let i = 0; i < 200; i += 2) {
    const loc = createLocation(ctx, { code: `CD-01-${String(i).padStart(3, '0')}-1`, warehouse: 'CD' });
    adjustStock(ctx, { skuId: resolveSkuCode(ctx, `B-${i}`)!.skuId, locationId: loc.id, onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, actor);
  }
  const filler = Array.from({ length: 50 }, (_, i) => ({ name: `filler ${i}`, warehouse: 'MAIN', provinces: [`省${i}`], cities: [`市${i}`, `县${i}`], active: true }));
  setRouting(ctx, {
    enabled: on, priority: ['MAIN', 'CD'],
    rules: [...filler, { name: '华中/西南', warehouse: 'CD', provinces: ['四川', '重庆', '云南', '贵州', '西藏', '湖北', '湖南', '河南'], cities: [], active: true }],
  }, actor);
}
