// Reads of packing: parcels (with "n of N" once the order is fully packed), what is left to pack,
// the bench's ticket for an order, bench claims, and weight proposals.
import type { CoreContext } from '../../context';
import type { Order } from '../../../contract/orders';
import type { PackLineInfo, PackOrderRef, PackScanResult, PackTicket, Parcel, WeightProposal } from '../../../contract/packing';
import { fail, notFound } from '../../../lib/errors';
import { getSettings } from '../settings/queries';
import { getOrder, onHandShortfall, orderIdsByNumber, orderRecord } from '../orders/queries';
import { getSku, listBoxTypes, resolveSkuCode } from '../catalog/queries';
import { waveOfOrder } from '../waves/queries';
import { waybillNumbersLeft } from '../shipping/queries';
import { mergedMembersOf } from '../merges/queries';
import { orderRules } from '../rules/queries';
import { suggestBox } from './box-suggestion';
import {
  claimRow, labelledParcelOnWaybill, labelledParcelRowsOfOrder, liveParcelRows, packedUnitsBySku, parcelRow, parcelRowsOfOrder, proposalRowOf, proposalRows,
  skuLookups, type ClaimRow, type ParcelRow, type ProposalRow,
} from './store';

export const toParcel = (r: ParcelRow, of: number | null): Parcel => ({
  id: r.id, orderId: r.order_id, seq: r.seq, of: r.state === 'labelled' ? of : null, state: r.state, boxTypeId: r.box_type_id, boxCode: r.box_code,
  tareG: r.tare_g, items: JSON.parse(r.items), expectedG: r.expected_g, measuredG: r.measured_g, minG: r.min_g, maxG: r.max_g,
  override: r.override_by ? { by: r.override_by, byName: r.override_name ?? r.override_by, reason: r.override_reason ?? '' } : null,
  carrier: r.carrier, waybill: r.waybill, bench: r.bench, packedBy: r.packed_by, createdAt: r.created_at, voidedAt: r.voided_at, voidReason: r.void_reason,
});

/** Orders a scanned code names at most (a reused pick slip); as the lookup route lists them. */
const SCANNED_ORDERS_MAX = 50;

/**
 * What a code scanned at a free bench is, as the lookup route says it for a bench: a product's
 * barcode (its SKU; its orders are left out, an item scan is never an order scan) or the orders
 * whose number, channel number or waybill it is. Only what the bench decides on: id, number, state.
 */
export function scannedCode(ctx: CoreContext, code: string): Pick<PackScanResult, 'orders' | 'skus'> {
  const sku = resolveSkuCode(ctx, code);
  if (sku) {
    const s = getSku(ctx, sku.skuId);
    return { orders: [], skus: [{ id: s.id, sku: s.sku, name: s.name }] };
  }
  const orders = orderIdsByNumber(ctx, code).slice(0, SCANNED_ORDERS_MAX).map((id) => {
    const o = orderRecord(ctx, id);
    return { id: o.id, number: o.number, state: o.state };
  });
  return { orders, skus: [] };
}

/** A parcel's row as stored (the actions check its state); not found is a 404. */
export function parcelById(ctx: CoreContext, id: string): ParcelRow {
  return parcelRow(ctx.db, id) ?? notFound('parcel', id);
}

/** Labelled (live) parcels of an order and their waybills. */
export function liveParcelsOf(ctx: CoreContext, orderId: string): { id: string; seq: number; waybill: string }[] {
  return liveParcelRows(ctx.db, orderId);
}

/** Units per SKU in the order's labelled parcels. */
export function packedBySku(ctx: CoreContext, orderId: string): Map<string, number> {
  return new Map(packedUnitsBySku(ctx.db, orderId).map((r) => [r.skuId, r.qty]));
}

/** The orders packed in this order's parcel with it (merges): none for most orders. */
export const mergedOrdersOf = (ctx: CoreContext, order: Order): Order[] => mergedMembersOf(ctx.db, order.id).map((id) => getOrder(ctx, id));

/** The lines that go into the order's parcels: its own, and those of orders merged into it. */
export function linesToPack(ctx: CoreContext, order: Order, merged = mergedOrdersOf(ctx, order)): Order['lines'] {
  return merged.length ? [...order.lines, ...merged.flatMap((m) => m.lines)] : order.lines;
}

/** Units per SKU still to go into a parcel (the order's lines, and merged orders' lines, minus labelled parcels). */
export function remainingBySku(ctx: CoreContext, order: Order): Map<string, number> {
  const packed = packedBySku(ctx, order.id);
  const left = new Map<string, number>();
  for (const l of linesToPack(ctx, order)) left.set(l.skuId, (left.get(l.skuId) ?? 0) + l.qty);
  for (const [sku, n] of packed) left.set(sku, (left.get(sku) ?? 0) - n);
  return left;
}

export const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** N of "n of N": known once nothing is left to pack. */
export function parcelCountIfComplete(ctx: CoreContext, order: Order): number | null {
  return sumOf(remainingBySku(ctx, order)) === 0 ? liveParcelsOf(ctx, order.id).length : null;
}

export function listParcels(ctx: CoreContext, orderId: string): Parcel[] {
  const order = getOrder(ctx, orderId);
  const of = parcelCountIfComplete(ctx, order);
  return parcelRowsOfOrder(ctx.db, orderId).map((r) => toParcel(r, of));
}

export function orderRef(ctx: CoreContext, orderId: string): PackOrderRef {
  const o = getOrder(ctx, orderId);
  return { id: o.id, number: o.number, state: o.state, version: o.version, remainingUnits: Math.max(0, sumOf(remainingBySku(ctx, o))) };
}

/** Which bench holds an order being packed, who started it and when. */
export function claimOf(ctx: CoreContext, orderId: string): ClaimRow | undefined {
  return claimRow(ctx.db, orderId);
}

/** What the bench shows for an order it packs: lines with what is packed and left, parcels, boxes, tolerance, warnings. */
export function packTicket(ctx: CoreContext, orderId: string, bench: string): PackTicket {
  const o = getOrder(ctx, orderId);
  const merged = mergedOrdersOf(ctx, o);
  const numberOfLine = new Map(merged.length ? [o, ...merged].flatMap((x) => x.lines.map((l) => [l.id, x.number] as const)) : []);
  const packed = packedBySku(ctx, orderId);
  const sku = skuLookups(ctx.db);
  const lines: PackLineInfo[] = linesToPack(ctx, o, merged).map((l) => {
    const done = Math.min(l.qty, packed.get(l.skuId) ?? 0);
    packed.set(l.skuId, (packed.get(l.skuId) ?? 0) - done);
    const d = sku.info(l.skuId);
    return {
      lineId: l.id, skuId: l.skuId, sku: l.sku, name: l.name, qty: l.qty, packed: done, remaining: l.qty - done,
      barcodes: sku.barcodes(l.skuId), unitWeightG: l.unitWeightG, location: l.location,
      dimensionsMm: d.l && d.w && d.h ? { length: d.l, width: d.w, height: d.h } : null, hasImage: d.img === 1,
      ...(merged.length ? { orderNumber: numberOfLine.get(l.id) } : {}),
    };
  });
  const notes = [o, ...merged].map((x) => orderRules(ctx, x.id).packerNote).filter((n): n is string => !!n);
  const boxTypes = listBoxTypes(ctx);
  const settings = getSettings(ctx);
  const of = parcelCountIfComplete(ctx, o);
  const wave = waveOfOrder(ctx, orderId);
  return {
    bench,
    order: {
      id: o.id, number: o.number, channel: o.channel, externalId: o.externalId, state: o.state, version: o.version,
      carrier: o.carrier, service: o.service, shipBy: o.shipBy, priority: o.priority, note: o.note, shipTo: o.shipTo,
    },
    lines,
    parcels: labelledParcelRowsOfOrder(ctx.db, orderId).map((r) => toParcel(r, of)),
    boxTypes,
    suggestedBox: suggestBox(boxTypes, lines.filter((l) => l.remaining > 0)),
    tolerance: { weightToleranceG: settings.weightToleranceG, weightTolerancePct: settings.weightTolerancePct },
    wave: wave ? { waveNumber: wave.waveNumber, slot: wave.slot } : null,
    warnings: packWarnings(ctx, o),
    mergedOrders: merged.map((m) => ({ id: m.id, number: m.number, channel: m.channel, externalId: m.externalId })),
    packerNote: notes.length ? [...new Set(notes)].join(' / ') : null,
  };
}

/** What will stop this order later, said before the operator has scanned anything. */
function packWarnings(ctx: CoreContext, o: Order): string[] {
  const out: string[] = [];
  if (!o.carrier) out.push(`order ${o.number} has no carrier: no waybill can be allocated until one is set`);
  else if (waybillNumbersLeft(ctx.db, o.carrier) === 0) out.push(`no waybill numbers left for carrier "${o.carrier}": add a number range before labelling`);
  for (const x of onHandShortfall(ctx, o.id)) out.push(`${x.sku} at ${x.location}: ${x.qty} reserved but ${x.onHand} on hand (the rest is in transit): receive it before the last parcel`);
  for (const l of o.lines) if (l.unitWeightG === null) out.push(`${l.sku} has no unit weight: parcels with it are not weight-checked (the weight is learned from the scale)`);
  return out;
}

/** A waybill on a labelled parcel is voided with its parcel (so the order and stock follow), never alone. */
export function assertNotOnParcel(ctx: CoreContext, waybill: string): void {
  const p = labelledParcelOnWaybill(ctx.db, waybill);
  if (p) fail('conflict', `waybill ${waybill} is on parcel ${p.seq} of order ${p.number}: void the parcel (POST /api/parcels/${p.id}/void) so the order follows`, [{ path: 'number', message: `on parcel ${p.id}` }]);
}

const strip = ({ lastParcel: _l, ...p }: ProposalRow): WeightProposal => p;

/** Unit weights learned from the scale for SKUs that have none, most samples first. */
export function listWeightProposals(ctx: CoreContext): WeightProposal[] {
  return proposalRows(ctx.db).map(strip);
}

/** The current proposal for one SKU, with the newest parcel it counts. */
export function proposalFor(ctx: CoreContext, skuId: string): ProposalRow | undefined {
  return proposalRowOf(ctx.db, skuId);
}
