// Receiving, counting and corrections of stock in a bin (audited).
import type { CoreContext } from '../../../context';
import type { StockRow } from '../../../../contract/inventory';
import { fail } from '../../../../lib/errors';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings } from '../../settings/queries';
import { stockAt } from '../queries';
import { ensureStockCounts, setStockCounts } from '../store';

/** Receiving, counting and corrections: on hand and in transit move, never below what is reserved. */
export function adjustStock(
  ctx: CoreContext,
  input: { skuId: string; locationId: string; onHandDelta: number; inTransitDelta: number; reason: string },
  actor: Actor,
): StockRow {
  const cur = ensureStockCounts(ctx.db, input.skuId, input.locationId);
  const onHand = cur.on_hand + input.onHandDelta;
  const inTransit = cur.in_transit + input.inTransitDelta;
  if (onHand < 0) fail('validation', `on hand would fall to ${onHand}; there are only ${cur.on_hand}`, [{ path: 'onHandDelta', message: 'too large a decrease' }]);
  if (inTransit < 0) fail('validation', `in transit would fall to ${inTransit}; there are only ${cur.in_transit}`, [{ path: 'inTransitDelta', message: 'too large a decrease' }]);
  const coef = getSettings(ctx).inboundCoefficient;
  if (onHand + Math.floor(inTransit * coef) < cur.reserved) {
    fail('insufficient_stock', `${cur.reserved} units are reserved here; stock cannot fall below that (release or move the reservations first)`);
  }
  setStockCounts(ctx.db, input.skuId, input.locationId, onHand, inTransit);
  appendEvent(ctx.db, ctx.clock, {
    type: 'stock.adjusted', entity: 'sku', entityId: input.skuId, actor, reason: input.reason,
    data: { locationId: input.locationId, onHandDelta: input.onHandDelta, inTransitDelta: input.inTransitDelta },
  });
  return stockAt(ctx, input.skuId, input.locationId);
}
