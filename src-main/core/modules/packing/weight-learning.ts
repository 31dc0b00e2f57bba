// Unit weights learned from the scale. A labelled parcel holding exactly one SKU without a unit
// weight (every other item known) says what that SKU weighs: (measured - tare - known items) / qty.
// Samples of live parcels average into a proposal a lead accepts (the SKU gets the weight, audited)
// or rejects (samples so far stop counting; later parcels may propose again).
import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { WeightProposal } from '../../../contract/packing';
import { fail, notFound } from '../../../lib/errors';
import { appendEvent, type Actor } from '../../store/events';
import { getSku } from '../catalog/queries';
import { updateSku } from '../catalog/actions/skus';

/** Keeps a sample when it makes sense (a positive weight); called while the parcel is labelled. */
export function recordWeightSample(ctx: CoreContext, s: { parcelId: string; skuId: string; qty: number; grams: number }): void {
  if (s.grams <= 0) return; // the scale read less than the box and the known items: nothing to learn
  prep(ctx.db, 'INSERT INTO weight_samples (parcel_id, sku_id, qty, grams, created_at) VALUES (?, ?, ?, ?, ?)').run(s.parcelId, s.skuId, s.qty, s.grams, ctx.clock.iso());
}

// Units-weighted mean: a parcel of 3 says more than a parcel of 1.
const PROPOSALS = `SELECT w.sku_id skuId, s.sku, s.name, CAST(ROUND(1.0 * SUM(w.grams) / SUM(w.qty)) AS INTEGER) proposedG, COUNT(*) samples, SUM(w.qty) units,
    CAST(ROUND(MIN(1.0 * w.grams / w.qty)) AS INTEGER) minG, CAST(ROUND(MAX(1.0 * w.grams / w.qty)) AS INTEGER) maxG, MAX(w.created_at) lastAt,
    MAX(w.parcel_id) lastParcel
  FROM weight_samples w JOIN skus s ON s.id = w.sku_id JOIN parcels p ON p.id = w.parcel_id
  LEFT JOIN weight_rejections r ON r.sku_id = w.sku_id
  WHERE s.unit_weight_g IS NULL AND p.state = 'labelled' AND (r.through_parcel IS NULL OR w.parcel_id > r.through_parcel)`;

type ProposalRow = WeightProposal & { lastParcel: string };
const strip = ({ lastParcel: _l, ...p }: ProposalRow): WeightProposal => p;

export function listWeightProposals(ctx: CoreContext): WeightProposal[] {
  return (prep(ctx.db, `${PROPOSALS} GROUP BY w.sku_id ORDER BY samples DESC, s.sku`).all() as ProposalRow[]).map(strip);
}

function proposalFor(ctx: CoreContext, skuId: string): ProposalRow | undefined {
  return prep(ctx.db, `${PROPOSALS} AND w.sku_id = ? GROUP BY w.sku_id`).get(skuId) as ProposalRow | undefined;
}

/** Sets the SKU's unit weight to the proposal (or to `grams`, a lead's correction). */
export function acceptWeightProposal(ctx: CoreContext, skuRef: string, grams: number | undefined, actor: Actor): { skuId: string; sku: string; unitWeightG: number } {
  const sku = getSku(ctx, skuRef);
  if (sku.unitWeightG !== null) fail('conflict', `${sku.sku} already weighs ${sku.unitWeightG} g; change it in Products if it is wrong`);
  const p = proposalFor(ctx, sku.id);
  if (!p && grams === undefined) notFound('weight proposal for SKU', sku.sku);
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
  const p = proposalFor(ctx, sku.id) ?? notFound('weight proposal for SKU', sku.sku);
  prep(ctx.db, `INSERT INTO weight_rejections (sku_id, through_parcel, rejected_by, rejected_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(sku_id) DO UPDATE SET through_parcel = excluded.through_parcel, rejected_by = excluded.rejected_by, rejected_at = excluded.rejected_at`)
    .run(sku.id, p.lastParcel, actor.id, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'sku.weight_rejected', entity: 'sku', entityId: sku.id, actor, reason: reason ?? null, data: { sku: sku.sku, proposedG: p.proposedG, samples: p.samples } });
}
