// Unit weights learned from the scale. A labelled parcel holding exactly one SKU without a unit
// weight (every other item known) says what that SKU weighs: (measured - tare - known items) / qty.
// Samples of live parcels average into a proposal a lead accepts (the SKU gets the weight, audited)
// or rejects (samples so far stop counting; later parcels may propose again).
import type { CoreContext } from '../../../context';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getSku } from '../../catalog/queries';
import { updateSku } from '../../catalog/actions/skus';
import { insertWeightSample, upsertWeightRejection } from '../store';
import { proposalFor } from '../queries';

/** Keeps a sample when it makes sense (a positive weight); called while the parcel is labelled. */
export function recordWeightSample(ctx: CoreContext, s: { parcelId: string; skuId: string; qty: number; grams: number }): void {
  if (s.grams <= 0) return; // the scale read less than the box and the known items: nothing to learn
  insertWeightSample(ctx.db, { ...s, createdAt: ctx.clock.iso() });
}

/** Sets the SKU's unit weight to the proposal (or to `grams`, a lead's correction). */
export function acceptWeightProposal(ctx: CoreContext, skuRef: string, grams: number | undefined, actor: Actor): { skuId: string; sku: string; unitWeightG: number } {
  const sku = getSku(ctx, skuRef);
  if (sku.unitWeightG !== null) fail('conflict', said('skuWeighsAlready', { sku: sku.sku, grams: sku.unitWeightG }));
  const p = proposalFor(ctx, sku.id);
  if (!p && grams === undefined) fail('not_found', said('noWeightProposal', { sku: sku.sku }));
  const g = grams ?? p!.proposedG;
  updateSku(ctx, sku.id, { unitWeightG: g }, actor);
  appendEvent(ctx.db, ctx.clock, {
    type: 'sku.weight_learned', entity: 'sku', entityId: sku.id, actor,
    data: { sku: sku.sku, unitWeightG: g, proposedG: p?.proposedG ?? null, samples: p?.samples ?? 0, corrected: grams !== undefined && grams !== p?.proposedG },
  });
  return { skuId: sku.id, sku: sku.sku, unitWeightG: g };
}

export function rejectWeightProposal(ctx: CoreContext, skuRef: string, reason: string | undefined, actor: Actor): void {
  const sku = getSku(ctx, skuRef);
  const p = proposalFor(ctx, sku.id) ?? fail('not_found', said('noWeightProposal', { sku: sku.sku }));
  upsertWeightRejection(ctx.db, { skuId: sku.id, throughParcel: p.lastParcel, by: actor.id, at: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'sku.weight_rejected', entity: 'sku', entityId: sku.id, actor, reason: reason ?? null, data: { sku: sku.sku, proposedG: p.proposedG, samples: p.samples } });
}
