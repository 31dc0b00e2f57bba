// The movements of an order's stock: one per bin its units left (packed, shipped) or came back to.
import type { CoreContext } from '../../../context';
import type { MovementKind } from '../../../../contract/inventory';
import type { Actor } from '../../../store/events';
import { insertMovement, type OrderReservationRow } from '../store';

export function recordOrderMovements(ctx: CoreContext, orderId: string, rows: readonly OrderReservationRow[], kind: MovementKind, sign: 1 | -1, actor: Actor, reason: string | null): void {
  const at = ctx.clock.iso();
  for (const r of rows) insertMovement(ctx.db, { at, skuId: r.sku_id, locationId: r.location_id, kind, onHandDelta: sign * r.qty, inTransitDelta: 0, reason, reference: orderId, actor: actor.id });
}
