// A new version of an order without a state change.
import type { CoreContext } from '../../../context';
import { bumpOrderVersion } from '../store';

/** A change to the order that is not a state change (a parcel labelled or voided): a new version, so a bench holding the old one must start again. */
export function touchOrder(ctx: CoreContext, orderId: string): number {
  return bumpOrderVersion(ctx.db, orderId, ctx.clock.iso());
}
