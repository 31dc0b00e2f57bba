// End of day: the carrier handover. Every labelled parcel of a packed order that has not been handed
// over yet is listed per carrier; handing over records the manifest (each parcel once) and ships the
// orders through the state machine.
import type { CoreContext } from '../../../context';
import { appendEvent, type Actor } from '../../../store/events';
import { takeCounter } from '../../../store/counters';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { ManifestDetail } from '../../../../contract/shipping';
import { insertManifest, insertManifestParcels, pendingWarehouses } from '../store';
import { warehouseFilterOf } from '../../locations/queries';
import { getManifest, pendingParcels } from '../queries';
import { trackHandedOver } from '../../tracking/actions/track-parcels';
import { mergedMembersOf } from '../../merges/queries';

function nextNumber(ctx: CoreContext): string {
  return `M-${String(takeCounter(ctx.db, 'manifest_number')).padStart(4, '0')}`;
}

/**
 * Hands this carrier's waiting parcels of one warehouse over: one manifest listing each parcel once,
 * and every order on it shipped. Refused (changing nothing) when nothing waits for the carrier, when
 * its parcels wait in two warehouses and none was named (a manifest is one warehouse's handover), or
 * when an order cannot ship (its stock is still in transit).
 */
export function handOver(ctx: CoreContext, carrier: string, actor: Actor, warehouse?: string): ManifestDetail {
  let warehouseId = warehouseFilterOf(ctx, warehouse);
  if (!warehouseId) {
    const where = pendingWarehouses(ctx.db, carrier);
    if (where.length > 1) fail('validation', said('handOverOneWarehouse', { carrier, n: where.length }), [issue('warehouse', said('pickTheWarehouse'))]);
    warehouseId = where[0];
  }
  const parcels = pendingParcels(ctx, carrier, warehouseId);
  if (parcels.length === 0) fail('conflict', said('noParcelsForCarrier', { carrier }));
  const id = ctx.ids('manifest');
  const number = nextNumber(ctx);
  const weightG = parcels.reduce((g, p) => g + p.weightG, 0);
  // the orders merged into a parcel ship with it
  const orders = [...new Set(parcels.flatMap((p) => [p.orderId, ...mergedMembersOf(ctx.db, p.orderId)]))];
  insertManifest(ctx.db, { id, number, carrier, parcels: parcels.length, weightG, createdAt: ctx.clock.iso(), createdBy: actor.id, warehouseId: warehouseId ?? null });
  insertManifestParcels(ctx.db, id, parcels);
  for (const o of orders) applyOrderAction(ctx, o, 'ship', actor, { data: { manifestId: id, manifest: number } });
  trackHandedOver(ctx, parcels, carrier); // every handed-over parcel is followed to the door
  appendEvent(ctx.db, ctx.clock, { type: 'manifest.handed_over', entity: 'manifest', entityId: id, actor, data: { number, carrier, warehouseId, parcels: parcels.length, orders: orders.length, weightG } });
  return getManifest(ctx, id);
}
