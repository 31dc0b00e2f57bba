// Labelling a parcel whose carrier issues e-waybills (issue 16): the checks run first (a refusal costs
// the carrier nothing), then the carrier is asked for this parcel key's waybill (once, across retries
// and crashes: shipping's ewaybill requests), then the parcel is recorded with that number. If the
// record is refused after all, the undo voids the number at the carrier; nothing was printed.
import type { Core } from '../../core';
import type { CreateParcelBody } from '../../../contract/packing';
import type { Actor } from '../../store/events';
import { getSettings } from '../settings/queries';
import { ewaybillAccountOf, issueParcelEwaybill, undoParcelEwaybill, voidAtCarrier } from '../shipping/flows';
import { getException } from '../exceptions/queries';
import { liveParcelsOf } from './queries';
import { checkParcelVoidable, voidParcel } from './actions/void-parcel';
import { resolveException } from './actions/resolve-exception';
import { ewaybillIssuedFor, senderOf } from '../shipping/queries';
import { getOrder } from '../orders/queries';
import { checkParcel } from './actions/create-parcel';

const address = (a: { province?: string | null; city?: string | null; district?: string | null; address1: string; address2?: string | null }) =>
  [a.province, a.city, a.district, a.address1, a.address2].filter(Boolean).join('');

/**
 * Runs `record` (the parcel's write) with the parcel's e-waybill when the order's carrier has an
 * e-waybill account; with nothing (a range number is allocated inside the write) otherwise.
 */
export async function withParcelWaybill<T>(core: Core, orderId: string, key: string, body: CreateParcelBody, actor: Actor, record: (waybill?: string) => Promise<T>): Promise<T> {
  const o = shipmentOf(core, orderId);
  // the parcel's warehouse's own account for its carrier, else the shop-wide one
  const account = o?.carrier ? ewaybillAccountOf(core.db, o.carrier, o.warehouseId) : null;
  if (!account) return record();
  // A retry of a parcel already issued (or recorded) goes straight to the write, which replays it.
  const issued = ewaybillIssuedFor(core.db, orderId, key);
  let waybill: { number: string; fresh: boolean };
  if (issued) waybill = { number: issued, fresh: false };
  else {
    const c = checkParcel(core.ctx, orderId, body);
    const sender = senderOf(account, getSettings(core.ctx).sender);
    const lines = new Map(c.o.lines.map((l) => [l.skuId, l.name]));
    waybill = await issueParcelEwaybill(core, account, {
      orderId, key,
      request: {
        recipient: { name: c.o.shipTo.name, phone: c.o.shipTo.phone, address: address(c.o.shipTo) },
        sender: { name: sender.name, phone: sender.phone, address: sender.address },
        cargo: [...c.want.keys()].map((s) => lines.get(s) ?? s).join(', ').slice(0, 100),
        count: 1,
        weightKg: body.measuredG / 1000,
      },
    }, actor);
  }
  try {
    return await record(waybill.number);
  } catch (e) {
    await undoParcelEwaybill(core, account, { orderId, key, number: waybill.number, why: (e as Error).message }, actor);
    throw e;
  }
}

/** The order's carrier and warehouse; null for an unknown order (the write says so); no carrier: checkParcel says so. */
function shipmentOf(core: Core, orderId: string): { carrier: string | null; warehouseId: string | null } | null {
  try {
    return getOrder(core.ctx, orderId);
  } catch {
    return null;
  }
}

/** Voids a parcel: at the carrier first when its number is a carrier's e-waybill, then the record. */
export async function voidParcelAtCarrier(core: Core, parcelId: string, reason: string, actor: Actor) {
  const p = checkParcelVoidable(core.ctx, parcelId);
  await voidAtCarrier(core, p.waybill, reason);
  return core.writes.run(() => voidParcel(core.ctx, parcelId, reason, actor, true));
}

/** An intercept cleared by voiding: every live parcel's e-waybill is voided at its carrier first. */
export async function resolveExceptionAtCarrier(core: Core, id: string, input: { resolution: string; reason?: string; keepParcels?: boolean }, actor: Actor) {
  const e = getException(core.ctx, id);
  if (e.kind === 'intercept' && e.orderId && e.state === 'open' && !input.keepParcels) {
    for (const p of liveParcelsOf(core.ctx, e.orderId)) await voidAtCarrier(core, p.waybill, `intercepted: ${input.resolution}`);
  }
  return core.writes.run(() => resolveException(core.ctx, id, input, actor, true));
}
