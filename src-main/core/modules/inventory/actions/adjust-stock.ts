// Every change of a bin's stock made by a person (receiving, adjusting, counting, moving): checked,
// applied, recorded as a movement and an event, and the safety level looked at.
import type { CoreContext } from '../../../context';
import type { MovementKind, StockRow } from '../../../../contract/inventory';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings } from '../../settings/queries';
import { stockAt, stockOfSku } from '../queries';
import { ensureStockCounts, insertMovement, selectSafetyStock, setStockCounts } from '../store';
import { noteSafetyCrossing } from './safety-alert';

type PersonKind = Exclude<MovementKind, 'pack' | 'unpack' | 'restock' | 'ship'>;
const EVENT: Record<PersonKind, string> = { adjust: 'stock.adjusted', receive: 'stock.received', count: 'stock.counted', move_out: 'stock.moved', move_in: 'stock.moved' };

export interface StockChange {
  skuId: string; locationId: string; onHandDelta: number; inTransitDelta: number; reason: string;
  /** adjust unless said: a receipt, a count, one side of a move */
  kind?: PersonKind;
  /** supplier's delivery note, transfer, the other bin of a move */
  reference?: string | null;
}

/** On hand and in transit move, never below zero nor below what is reserved in the bin. */
export function adjustStock(ctx: CoreContext, input: StockChange, actor: Actor): StockRow {
  const kind = input.kind ?? 'adjust';
  const cur = ensureStockCounts(ctx.db, input.skuId, input.locationId);
  const onHand = cur.on_hand + input.onHandDelta;
  const inTransit = cur.in_transit + input.inTransitDelta;
  if (onHand < 0) fail('validation', said('onHandWouldFall', { onHand, was: cur.on_hand }), [issue('onHandDelta', said('tooLargeDecrease'))]);
  if (inTransit < 0) fail('validation', said('inTransitWouldFall', { inTransit, was: cur.in_transit }), [issue('inTransitDelta', said('tooLargeDecrease'))]);
  const coef = getSettings(ctx).inboundCoefficient;
  if (onHand + Math.floor(inTransit * coef) < cur.reserved) {
    fail('insufficient_stock', said('belowReserved', { reserved: cur.reserved }));
  }
  const before = stockOfSku(ctx, input.skuId).available;
  setStockCounts(ctx.db, input.skuId, input.locationId, onHand, inTransit);
  const reference = input.reference ?? null;
  insertMovement(ctx.db, { at: ctx.clock.iso(), skuId: input.skuId, locationId: input.locationId, kind, onHandDelta: input.onHandDelta, inTransitDelta: input.inTransitDelta, reason: input.reason, reference, actor: actor.id });
  appendEvent(ctx.db, ctx.clock, {
    type: EVENT[kind], entity: 'sku', entityId: input.skuId, actor, reason: input.reason,
    data: { locationId: input.locationId, kind, onHandDelta: input.onHandDelta, inTransitDelta: input.inTransitDelta, ...(reference ? { reference } : {}) },
  });
  noteSafetyCrossing(ctx, input.skuId, before, selectSafetyStock(ctx.db, input.skuId), actor);
  return stockAt(ctx, input.skuId, input.locationId);
}
