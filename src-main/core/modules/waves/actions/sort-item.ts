// The put wall: a scanned item is told its slot and recorded there.
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { resolveSkuCode } from '../../catalog/queries';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { SortResult } from '../../../../contract/waves';
import { findWave, slotForScan } from '../queries';
import { addSortedUnit } from '../store';

/**
 * A scanned item at the put wall: finds its slot (slotForScan) and records the unit there. When
 * the unit completes its order, the order becomes picked: its slot is ready for the bench.
 */
export function sortItem(ctx: CoreContext, q: { waveId?: string; benchId?: string; code: string }, actor: Actor): SortResult {
  const sku = resolveSkuCode(ctx, q.code) ?? fail('not_found', said('noSkuOrBarcode', { code: q.code }));
  if (q.waveId) {
    const w = findWave(ctx, q.waveId);
    if (w.state === 'paused') fail('conflict', said('wavePaused', { number: w.number }));
  }
  const at = slotForScan(ctx, { waveId: q.waveId, benchId: q.benchId, skuId: sku.skuId });
  if (!at) fail('not_found', q.waveId ? said('noOrderNeedsInWave', { wave: q.waveId, code: q.code }) : said('noOrderNeeds', { code: q.code }));
  addSortedUnit(ctx.db, at!.waveId, at!.orderId, sku.skuId);
  appendEvent(ctx.db, ctx.clock, { type: 'wave.sorted', entity: 'wave', entityId: at!.waveId, actor, data: { orderId: at!.orderId, slot: at!.slot, skuId: sku.skuId } });
  const complete = at!.remainingInSlot === 0;
  if (complete) applyOrderAction(ctx, at!.orderId, 'mark_picked', actor, { data: { waveId: at!.waveId, slot: at!.slot } });
  return { ...at!, complete };
}
