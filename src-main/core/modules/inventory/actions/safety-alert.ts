// Safety-stock alerts on the change feed: when a product's available stock falls under its safety
// level (or climbs back to it), one event says so, for the Inventory badge and for whatever pushes
// notifications later (the command-centre issue). Checked where stock changes by hand, by receipt
// or by a product's new level; order intake reserves without this check (it is the hot path), so
// the alert list itself (stockAlerts) is always read live.
import type { CoreContext } from '../../../context';
import { appendEvent, type Actor } from '../../../store/events';
import { stockOfSku } from '../queries';
import { selectSafetyStock } from '../store';

export function noteSafetyCrossing(ctx: CoreContext, skuId: string, availableBefore: number, safetyBefore: number, actor: Actor): void {
  const safety = selectSafetyStock(ctx.db, skuId);
  const { available } = stockOfSku(ctx, skuId);
  const wasUnder = safetyBefore > 0 && availableBefore < safetyBefore;
  const isUnder = safety > 0 && available < safety;
  if (wasUnder === isUnder) return;
  appendEvent(ctx.db, ctx.clock, {
    type: isUnder ? 'stock.below_safety' : 'stock.safety_restored', entity: 'sku', entityId: skuId, actor,
    data: { available, safetyStock: safety },
  });
}
