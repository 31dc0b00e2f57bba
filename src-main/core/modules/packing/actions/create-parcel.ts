// Labelling a parcel at the bench (DESIGN.md "Packing", "Cancellation and changes in flight"). It
// validates (order state and version, the bench that holds the order, items, weight, a lead's badge),
// applies (parcel, waybill, order state, stock) and records events on the order, all in the caller's
// write transaction: a refusal changes nothing, and a label exists only for a parcel the core has confirmed.
import type { CoreContext } from '../../../context';
import type { CreateParcelBody, ParcelResult } from '../../../../contract/packing';
import { AppError, fail } from '../../../../lib/errors';
import { weightBand, insideBand } from '../../../../contract/weight-band';
import { appendEvent, type Actor } from '../../../store/events';
import { getSettings } from '../../settings/queries';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { assertOnHand, getOrder } from '../../orders/queries';
import { touchOrder } from '../../orders/actions/touch-order';
import { takeOrderStock } from '../../inventory/actions/packed-stock';
import { allocateWaybill, linkWaybillToParcel } from '../../shipping/actions/issue-waybill';
import { raiseException } from '../../exceptions/actions/raise-exception';
import { labelData } from '../../labels/queries';
import { boxTypeByRef, insertParcel } from '../store';
import { liveParcelsOf, linesToPack, mergedOrdersOf, orderRef, parcelById, remainingBySku, sumOf, toParcel } from '../queries';
import { assertStillYours, authorizeOverride, checkItems } from './checks';
import { recordWeightSample } from './weight-learning';
import { mergedShares } from '../../merges/queries';

/** The lowest parcel number not taken by a live parcel of the order. */
const nextSeq = (ctx: CoreContext, orderId: string): number => {
  const used = new Set(liveParcelsOf(ctx, orderId).map((p) => p.seq));
  let n = 1;
  while (used.has(n)) n++;
  return n;
};

/**
 * Labels one parcel. Checks, in this order: the order (packing, version, bench), the items (in the
 * order, not more than left), the weight (expected = unit weights + tare; out of tolerance only
 * with a lead's badge), the final flag. Then allocates a waybill, records the parcel and, when
 * nothing is left, moves the order to packed and takes its stock off the shelf.
 */
export function createParcel(ctx: CoreContext, orderId: string, input: CreateParcelBody, actor: Actor, opts: { waybill?: string } = {}): ParcelResult {
  const { o, merged, box, tare, expected, minG, maxG, override, want, complete, known, unknown } = checkParcel(ctx, orderId, input);
  const id = ctx.ids('parcel');
  const seq = nextSeq(ctx, orderId);
  // A carrier's e-waybill was issued before this write (shipping's flow); otherwise the next number of a range.
  let alloc: { number: string; lowWarning?: string };
  if (opts.waybill) {
    alloc = { number: opts.waybill };
    linkWaybillToParcel(ctx.db, opts.waybill, orderId, id);
  } else {
    try {
      alloc = allocateWaybill(ctx.db, ctx.clock, { carrier: o.carrier!, orderId, parcelId: id }, actor);
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') fail('waybill_unavailable', `${e.message}; no label was made`);
      throw e;
    }
  }
  const items = [...want].map(([skuId, qty]) => ({ skuId, qty }));
  insertParcel(ctx.db, {
    id, orderId, seq, boxTypeId: box?.id ?? null, tareG: tare, items: JSON.stringify(items), expectedG: expected, measuredG: input.measuredG, minG, maxG,
    overrideBy: override?.id ?? null, overrideReason: override?.reason ?? null, carrier: o.carrier!, waybill: alloc.number, bench: input.bench, packedBy: actor.id,
    createdAt: ctx.clock.iso(),
  });
  const version = touchOrder(ctx, orderId);
  appendEvent(ctx.db, ctx.clock, {
    type: 'parcel.labelled', entity: 'order', entityId: orderId, actor, reason: override?.reason ?? null,
    data: {
      parcelId: id, seq, waybill: alloc.number, carrier: o.carrier, bench: input.bench, items, expectedG: expected, measuredG: input.measuredG, overrideBy: override?.id ?? null, version, number: o.number,
      // a merged parcel: each order's own lines (the write-back tells each platform its own order)
      ...(merged.length ? { mergedOrders: mergedShares(ctx, o.id) } : {}),
    },
  });
  if (override) {
    raiseException(ctx, {
      kind: 'weight_override', orderId, parcelId: id, bench: input.bench, reason: override.reason,
      detail: { expectedG: expected, measuredG: input.measuredG, minG, maxG, waybill: alloc.number, approvedBy: override.id, approvedByName: override.name },
      resolved: { resolution: `approved at the bench by ${override.name}`, by: override.id },
    }, actor);
  }
  if (unknown.length === 1) {
    const s = unknown[0]!;
    recordWeightSample(ctx, { parcelId: id, skuId: s, qty: want.get(s)!, grams: input.measuredG - tare - known });
  }
  if (complete) {
    takeOrderStock(ctx, orderId, actor);
    applyOrderAction(ctx, orderId, 'mark_packed', actor, { data: { bench: input.bench, parcels: liveParcelsOf(ctx, orderId).length } });
    for (const m of merged) {
      takeOrderStock(ctx, m.id, actor);
      applyOrderAction(ctx, m.id, 'mark_packed', actor, { data: { bench: input.bench, parcels: 1, mergedInto: o.number, waybill: alloc.number } });
    }
  }
  const parcel = toParcel(parcelById(ctx, id), complete ? liveParcelsOf(ctx, orderId).length : null);
  return {
    parcel,
    order: orderRef(ctx, orderId),
    label: labelData(ctx, getOrder(ctx, orderId), { parcel, fullPhone: true }),
    warnings: alloc.lowWarning ? [alloc.lowWarning] : [],
  };
}

/**
 * Every check of labelling a parcel, with no write: the order (packing, version, bench), the items,
 * the weight, the final flag, the carrier. Run before a carrier is asked for an e-waybill, so a
 * refusal costs the carrier nothing, and again inside the write.
 */
export function checkParcel(ctx: CoreContext, orderId: string, input: CreateParcelBody) {
  const o = getOrder(ctx, orderId);
  assertStillYours(ctx, o, input.bench, input.expectedVersion);
  // a merged parcel: every order in it is still packing at this bench (a cancelled one stops the label)
  const merged = mergedOrdersOf(ctx, o);
  for (const m of merged) assertStillYours(ctx, m, input.bench);
  const lines = linesToPack(ctx, o, merged);
  const left = remainingBySku(ctx, o);
  const want = checkItems({ ...o, lines }, input.items, left, 'items');
  const box = input.boxTypeId ? boxTypeByRef(ctx.db, input.boxTypeId) : null;
  if (input.boxTypeId && !box) fail('validation', `unknown box type ${input.boxTypeId}`, [{ path: 'boxTypeId', message: 'unknown' }]);
  const tare = box?.tare_g ?? 0;

  // Expected weight and tolerance: the larger of the gram and the percent allowance (settings).
  const weightOf = new Map(lines.map((l) => [l.skuId, l.unitWeightG]));
  const unknown = [...want.keys()].filter((s) => weightOf.get(s) === null);
  const known = [...want].reduce((g, [s, n]) => g + (weightOf.get(s) ?? 0) * n, 0);
  const expected = unknown.length ? null : known + tare;
  const settings = getSettings(ctx);
  const band = expected === null ? null : weightBand(expected, { toleranceG: settings.weightToleranceG, tolerancePct: settings.weightTolerancePct });
  const minG = band?.minG ?? null;
  const maxG = band?.maxG ?? null;
  let override: { id: string; name: string; reason: string } | null = null;
  if (band && !insideBand(band, input.measuredG)) {
    const msg = `parcel weighs ${input.measuredG} g but should weigh ${expected} g (${minG}-${maxG} g): check the items and the box`;
    if (!input.override) fail('weight_out_of_tolerance', `${msg}, or a lead may let it pass`, [{ path: 'measuredG', message: `${input.measuredG} g outside ${minG}-${maxG} g` }]);
    override = { ...authorizeOverride(ctx, input.override!, 'let a weight out of tolerance pass'), reason: input.override!.reason };
  }

  const after = new Map(left);
  for (const [s, n] of want) after.set(s, (after.get(s) ?? 0) - n);
  const complete = sumOf(after) === 0;
  if (merged.length && !complete) {
    fail('validation', `orders ${[o, ...merged].map((m) => m.number).join(' + ')} are merged into one parcel: scan every item of them before labelling`, [{ path: 'items', message: 'a merged parcel is one box' }]);
  }
  if (input.final && !complete) {
    const rest = lines.filter((l) => (after.get(l.skuId) ?? 0) > 0).map((l) => `${after.get(l.skuId)} x ${l.sku}`);
    fail('validation', `this cannot be the last parcel of order ${o.number}: ${[...new Set(rest)].join(', ')} still to pack (report them short if they are missing)`, [{ path: 'final', message: 'items left' }]);
  }
  if (complete) for (const m of [o, ...merged]) assertOnHand(ctx, m.id, m.number, 'pack');
  if (!o.carrier) fail('waybill_unavailable', `order ${o.number} has no carrier: no waybill can be allocated; ask the office to set one`, [{ path: 'carrier', message: 'none' }]);

  return { o, merged, box, tare, expected, minG, maxG, override, want, complete, known, unknown };
}
