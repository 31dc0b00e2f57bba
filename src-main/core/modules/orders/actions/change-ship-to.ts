// A phone customer's new recipient or address: validate, apply, record. The event
// `order.address_changed` stops a bench that holds the order (station/pack/stops.ts), and a parcel
// already labelled with the old address becomes an interception task for the leads.
import type { CoreContext } from '../../../context';
import type { Address, OrderState } from '../../../../contract/orders';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { raiseInterceptIfLabelled } from '../../exceptions/actions/raise-exception';
import { orderRecord } from '../queries';
import { selectSplitParts, updateShipTo } from '../store';
import { assignWarehouse, ROUTABLE_STATES } from './assign-warehouse';
import { leaveShipment } from '../../merges/actions/merge';

/** Past these the parcel has left (or come back): a new address can no longer reach it. */
const TOO_LATE: readonly OrderState[] = ['shipped', 'returned', 'cancelled'];

export function changeShipTo(ctx: CoreContext, id: string, input: { shipTo: Address; reason: string; expectedVersion?: number }, actor: Actor): void {
  const o = orderRecord(ctx, id);
  if (input.expectedVersion !== undefined && input.expectedVersion !== o.version) {
    fail('conflict', said('orderChanged', { number: o.number, version: o.version, had: input.expectedVersion }));
  }
  if (TOO_LATE.includes(o.state)) {
    fail('order_state', said(o.state === 'cancelled' ? 'addressCancelled' : o.state === 'shipped' ? 'addressShipped' : 'addressReturned', { number: o.number }));
  }
  const before = JSON.parse(o.ship_to) as Address;
  const fields = (Object.keys({ ...before, ...input.shipTo }) as (keyof Address)[]).filter((k) => (before[k] ?? '') !== (input.shipTo[k] ?? ''));
  if (fields.length === 0) fail('validation', said('addressSame', { number: o.number }), [issue('shipTo', said('nothingChanged'))]);
  const version = updateShipTo(ctx.db, id, JSON.stringify(input.shipTo), ctx.clock.iso());
  // No personal data in the event: the change feed reaches every role; the order itself is masked per role.
  appendEvent(ctx.db, ctx.clock, { type: 'order.address_changed', entity: 'order', entityId: id, actor, reason: input.reason, data: { number: o.number, version, state: o.state, fields, reason: input.reason } });
  if (o.state === 'packed') raiseInterceptIfLabelled(ctx, { id, number: o.number }, 'address_changed', actor, input.reason);
  leaveShipment(ctx, id, 'address_changed', actor, input.reason); // a new address is another door: not the merged parcel's

  // A new destination may belong to another warehouse's region (only before a wave took the order).
  if (ROUTABLE_STATES.includes(o.state)) assignWarehouse(ctx, id, { reason: `address changed: ${input.reason}` }, actor);
  // One address for the customer's one order: the shipments split off it follow (those not gone yet).
  if (!o.split_of) {
    for (const part of selectSplitParts(ctx.db, id)) {
      if (!TOO_LATE.includes(part.state)) changeShipTo(ctx, part.id, { shipTo: input.shipTo, reason: `order ${o.number}: ${input.reason}` }, actor);
    }
  }
}
