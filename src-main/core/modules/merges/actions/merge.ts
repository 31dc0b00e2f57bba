// Merging at the bench and leaving a merged parcel. The scan of one order at a bench takes the
// buyer's other mergeable orders onto the same bench (each through the state machine's
// start_packing) and records them as one parcel under the scanned order (the host). A member that is
// cancelled, held, sent to exception or readdressed leaves: before the label the host gets a new
// version (a label of the old ticket is refused) and the bench stops; after it, the parcel becomes
// an interception task (it carries that order's lines).
import type { CoreContext } from '../../../context';
import type { OrderAction } from '../../../../contract/orders';
import type { MergeSettings } from '../../../../contract/merges';
import { appendEvent, type Actor } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { touchOrder } from '../../orders/actions/touch-order';
import { raiseInterceptIfLabelled } from '../../exceptions/actions/raise-exception';
import { mergeKey } from '../fingerprint';
import { mergedMembersOf, mergeSettings } from '../queries';
import { deleteMerged, deleteShipment, insertMerged, putMergeSetting, selectMembers, selectMergedRow, selectMergeFacts, type MergeFactRow } from '../store';
import type { Address } from '../../../../contract/orders';

export function putMergeSettings(ctx: CoreContext, s: MergeSettings, actor: Actor): MergeSettings {
  putMergeSetting(ctx.db, 'enabled', s.enabled ? '1' : '0');
  putMergeSetting(ctx.db, 'channels', JSON.stringify([...new Set(s.channels)]));
  appendEvent(ctx.db, ctx.clock, { type: 'merge.settings_changed', entity: 'settings', entityId: 'merges', actor, data: { ...s } });
  return mergeSettings(ctx.db);
}

/**
 * The host was just started at `bench`: its mates (found before it left `allocated`) start there
 * too and join its parcel. `claim` is packing's bench claim (the bench holds every order of the parcel).
 */
export function mergeAtBench(ctx: CoreContext, hostId: string, mates: readonly MergeFactRow[], bench: string, actor: Actor, claim: (orderId: string) => void): void {
  if (!mates.length) return;
  const host = selectMergeFacts(ctx.db, hostId)!;
  const by = mergeKey(JSON.parse(host.ship_to) as Address, host.platform_key).by;
  const at = ctx.clock.iso();
  insertMerged(ctx.db, { order_id: hostId, host_id: hostId, by, joined_at: at });
  for (const m of mates) {
    applyOrderAction(ctx, m.id, 'start_packing', actor, { data: { bench, mergedInto: host.number } });
    claim(m.id);
    insertMerged(ctx.db, { order_id: m.id, host_id: hostId, by, joined_at: at });
    appendEvent(ctx.db, ctx.clock, { type: 'merge.joined', entity: 'order', entityId: m.id, actor, data: { number: m.number, host: hostId, hostNumber: host.number, by, bench } });
  }
  appendEvent(ctx.db, ctx.clock, {
    type: 'merge.packed_together', entity: 'order', entityId: hostId, actor,
    data: { number: host.number, orders: [host.number, ...mates.map((m) => m.number)], by, bench },
  });
}

/** The host's parcel was voided after the host left (cancelled): its orders are packed on their own from now. */
export function endShipment(ctx: CoreContext, hostId: string): void {
  deleteShipment(ctx.db, hostId);
}

/** Members that are no longer packing (cancelled, held...) leave the host's parcel before it is resumed. */
export function pruneShipment(ctx: CoreContext, hostId: string, actor: Actor): void {
  for (const id of mergedMembersOf(ctx.db, hostId)) {
    const f = selectMergeFacts(ctx.db, id);
    if (f?.state !== 'packing') leaveShipment(ctx, id, 'state', actor, `order is ${f?.state ?? 'gone'}`);
  }
}

/** Actions after which an order must not travel in another order's parcel. */
export const LEAVES_MERGE: ReadonlySet<OrderAction | 'address_changed' | 'state'> = new Set(['cancel', 'hold', 'raise_exception', 'address_changed']);

/**
 * The order leaves its merged parcel (called by the order actions that make it leave). The host
 * leaving ends the merge (the others stay on the bench, each packed alone); a member leaving is
 * dropped, the host gets a new version, and a parcel already labelled becomes an interception task.
 */
export function leaveShipment(ctx: CoreContext, orderId: string, why: OrderAction | 'address_changed' | 'state', actor: Actor, reason?: string): void {
  const row = selectMergedRow(ctx.db, orderId);
  if (!row) return;
  const hostId = row.host_id;
  const host = selectMergeFacts(ctx.db, hostId)!;
  const me = orderId === hostId ? host : selectMergeFacts(ctx.db, orderId)!;
  if (orderId === hostId) {
    // after the label the others' lines are in the host's parcel: they stay with it until it is voided
    if (!mergedMembersOf(ctx.db, hostId).some((id) => selectMergeFacts(ctx.db, id)?.state === 'packed')) deleteShipment(ctx.db, hostId);
  } else {
    deleteMerged(ctx.db, orderId);
    if (selectMembers(ctx.db, hostId).length < 2) deleteShipment(ctx.db, hostId);
    if (host.state === 'packing') touchOrder(ctx, hostId);
    // the labelled parcel holds this order's lines: it must be pulled before the carrier takes it
    if (host.state === 'packed' && why !== 'state') raiseInterceptIfLabelled(ctx, { id: hostId, number: host.number }, why, actor, `order ${me.number} of this merged parcel: ${reason ?? why}`);
  }
  appendEvent(ctx.db, ctx.clock, {
    type: 'merge.left', entity: 'order', entityId: orderId, actor, reason: reason ?? null,
    data: { number: me.number, host: hostId, hostNumber: host.number, why },
  });
}
