// SQL of packing: parcels, bench claims, weight samples and rejections (the only tables it writes).
// Reads join the order, its box type, users' names and the order's events where the bench needs them.
import { prep, type Db } from '../../store/db';
import type { WeightProposal } from '../../../contract/packing';

// ---- parcels

export interface ParcelRow {
  id: string; order_id: string; seq: number; box_type_id: string | null; box_code: string | null; tare_g: number; items: string;
  expected_g: number | null; measured_g: number; min_g: number | null; max_g: number | null; override_by: string | null; override_name: string | null;
  override_reason: string | null; carrier: string; waybill: string; bench: string; packed_by: string; state: 'labelled' | 'voided';
  created_at: string; voided_at: string | null; void_reason: string | null;
}

const PARCEL_SELECT = `SELECT p.*, b.code box_code, u.name override_name FROM parcels p
  LEFT JOIN box_types b ON b.id = p.box_type_id LEFT JOIN users u ON u.id = p.override_by`;

export function parcelRow(db: Db, id: string): ParcelRow | undefined {
  return prep(db, `${PARCEL_SELECT} WHERE p.id = ?`).get(id) as ParcelRow | undefined;
}

/** Every parcel of the order, voided ones too, in the order they were made. */
export function parcelRowsOfOrder(db: Db, orderId: string): ParcelRow[] {
  return prep(db, `${PARCEL_SELECT} WHERE p.order_id = ? ORDER BY p.created_at, p.id`).all(orderId) as ParcelRow[];
}

export function labelledParcelRowsOfOrder(db: Db, orderId: string): ParcelRow[] {
  return prep(db, `${PARCEL_SELECT} WHERE p.order_id = ? AND p.state = 'labelled' ORDER BY p.seq`).all(orderId) as ParcelRow[];
}

/** Labelled (live) parcels of an order and their waybills. */
export const LIVE_PARCELS_OF_ORDER = "SELECT id, seq, waybill FROM parcels WHERE order_id = ? AND state = 'labelled' ORDER BY seq";

export function liveParcelRows(db: Db, orderId: string): { id: string; seq: number; waybill: string }[] {
  return prep(db, LIVE_PARCELS_OF_ORDER).all(orderId) as { id: string; seq: number; waybill: string }[];
}

/** Units per SKU in the order's labelled parcels. */
export function packedUnitsBySku(db: Db, orderId: string): { skuId: string; qty: number }[] {
  return prep(db, `SELECT json_extract(j.value, '$.skuId') skuId, SUM(json_extract(j.value, '$.qty')) qty
    FROM parcels p, json_each(p.items) j WHERE p.order_id = ? AND p.state = 'labelled' GROUP BY 1`).all(orderId) as { skuId: string; qty: number }[];
}

/** The labelled parcel a waybill is on, with its order's number. */
export const LABELLED_PARCEL_ON_WAYBILL = `SELECT parcels.id, parcels.seq, orders.number FROM parcels JOIN orders ON orders.id = parcels.order_id
  WHERE parcels.waybill = ? AND parcels.state = 'labelled'`;

export function labelledParcelOnWaybill(db: Db, waybill: string): { id: string; seq: number; number: string } | undefined {
  return prep(db, LABELLED_PARCEL_ON_WAYBILL).get(waybill) as { id: string; seq: number; number: string } | undefined;
}

export function insertParcel(db: Db, p: {
  id: string; orderId: string; seq: number; boxTypeId: string | null; tareG: number; items: string; expectedG: number | null; measuredG: number;
  minG: number | null; maxG: number | null; overrideBy: string | null; overrideReason: string | null; carrier: string; waybill: string; bench: string;
  packedBy: string; createdAt: string;
}): void {
  prep(db, `INSERT INTO parcels (id, order_id, seq, box_type_id, tare_g, items, expected_g, measured_g, min_g, max_g, override_by, override_reason,
      carrier, waybill, bench, packed_by, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'labelled', ?)`).run(
    p.id, p.orderId, p.seq, p.boxTypeId, p.tareG, p.items, p.expectedG, p.measuredG, p.minG, p.maxG, p.overrideBy, p.overrideReason,
    p.carrier, p.waybill, p.bench, p.packedBy, p.createdAt,
  );
}

export function setParcelVoided(db: Db, id: string, at: string, reason: string): void {
  prep(db, "UPDATE parcels SET state = 'voided', voided_at = ?, void_reason = ? WHERE id = ? AND state = 'labelled'").run(at, reason, id);
}

// ---- bench claims

export interface ClaimRow { bench: string; user_id: string; started_at: string; user_name: string | null }

/** The bench that holds an order, with the name of who started it. */
export const CLAIM_OF_ORDER = `SELECT pack_claims.bench, pack_claims.user_id, pack_claims.started_at, users.name user_name
  FROM pack_claims LEFT JOIN users ON users.id = pack_claims.user_id WHERE pack_claims.order_id = ?`;

export function claimRow(db: Db, orderId: string): ClaimRow | undefined {
  return prep(db, CLAIM_OF_ORDER).get(orderId) as ClaimRow | undefined;
}

/** This bench holds the order now (a claim by another bench is taken over). */
export function upsertClaim(db: Db, orderId: string, bench: string, userId: string, at: string): void {
  prep(db, `INSERT INTO pack_claims (order_id, bench, user_id, started_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(order_id) DO UPDATE SET bench = excluded.bench, user_id = excluded.user_id, started_at = excluded.started_at`).run(orderId, bench, userId, at);
}

// ---- what the bench reads of the order, its SKUs and box types, and its history

/** The reason of the latest of these events on an entity. */
export function lastEventReason(db: Db, entityId: string, types: readonly string[]): string | null {
  const r = prep(db, `SELECT reason FROM events WHERE entity_id = ? AND type IN (${types.map(() => '?').join(',')}) ORDER BY id DESC LIMIT 1`)
    .get(entityId, ...types) as { reason: string | null } | undefined;
  return r?.reason ?? null;
}

/** The order's events after `version`, with who did them. */
export function orderEventsSince(db: Db, orderId: string, version: number): { type: string; reason: string | null; data: string; name: string | null }[] {
  return prep(db, `SELECT e.type, e.reason, e.data, u.name FROM events e LEFT JOIN users u ON u.id = e.actor
    WHERE e.entity_id = ? AND e.entity = 'order' AND CAST(json_extract(e.data, '$.version') AS INTEGER) > ? ORDER BY e.id`).all(orderId, version) as { type: string; reason: string | null; data: string; name: string | null }[];
}

/** Look-ups of a SKU's dimensions, picture (`img`: 1 when GET /api/skus/:id/image has one) and barcodes, prepared once for a loop over an order's lines. */
export function skuLookups(db: Db): {
  info: (skuId: string) => { l: number | null; w: number | null; h: number | null; img: number };
  barcodes: (skuId: string) => { code: string; units: number }[];
} {
  const skuInfo = prep(db, 'SELECT length_mm l, width_mm w, height_mm h, image_file IS NOT NULL img FROM skus WHERE id = ?');
  const barcodes = prep(db, 'SELECT code, units FROM barcodes WHERE sku_id = ? ORDER BY units, code');
  return {
    info: (skuId) => skuInfo.get(skuId) as { l: number | null; w: number | null; h: number | null; img: number },
    barcodes: (skuId) => barcodes.all(skuId) as { code: string; units: number }[],
  };
}

/** A box type by id or code. */
export function boxTypeByRef(db: Db, ref: string): { id: string; code: string; tare_g: number } | undefined {
  return prep(db, 'SELECT id, code, tare_g FROM box_types WHERE id = ? OR code = ?').get(ref, ref) as { id: string; code: string; tare_g: number } | undefined;
}

// ---- weight learning

export function insertWeightSample(db: Db, s: { parcelId: string; skuId: string; qty: number; grams: number; createdAt: string }): void {
  prep(db, 'INSERT INTO weight_samples (parcel_id, sku_id, qty, grams, created_at) VALUES (?, ?, ?, ?, ?)').run(s.parcelId, s.skuId, s.qty, s.grams, s.createdAt);
}

// Units-weighted mean: a parcel of 3 says more than a parcel of 1. Tables named in full (no aliases),
// so query plans name them (tests/core/packing/packing-schema.test.ts).
const PROPOSALS = `SELECT weight_samples.sku_id skuId, skus.sku, skus.name,
    CAST(ROUND(1.0 * SUM(weight_samples.grams) / SUM(weight_samples.qty)) AS INTEGER) proposedG, COUNT(*) samples, SUM(weight_samples.qty) units,
    CAST(ROUND(MIN(1.0 * weight_samples.grams / weight_samples.qty)) AS INTEGER) minG, CAST(ROUND(MAX(1.0 * weight_samples.grams / weight_samples.qty)) AS INTEGER) maxG,
    MAX(weight_samples.created_at) lastAt, MAX(weight_samples.parcel_id) lastParcel
  FROM weight_samples JOIN skus ON skus.id = weight_samples.sku_id JOIN parcels ON parcels.id = weight_samples.parcel_id
  LEFT JOIN weight_rejections ON weight_rejections.sku_id = weight_samples.sku_id
  WHERE skus.unit_weight_g IS NULL AND parcels.state = 'labelled'
    AND (weight_rejections.through_parcel IS NULL OR weight_samples.parcel_id > weight_rejections.through_parcel)`;

// the SKU's code and name beside its id in GROUP BY: PostgreSQL takes no bare columns there
const BY_SKU = 'GROUP BY weight_samples.sku_id, skus.sku, skus.name';

/** The proposal for one SKU: its samples by the SKU's key. */
export const PROPOSAL_OF_SKU = `${PROPOSALS} AND weight_samples.sku_id = ? ${BY_SKU}`;

/** A proposal and the newest parcel it counts (a rejection covers samples up to there). */
export type ProposalRow = WeightProposal & { lastParcel: string };

export function proposalRows(db: Db): ProposalRow[] {
  return prep(db, `${PROPOSALS} ${BY_SKU} ORDER BY samples DESC, skus.sku`).all() as ProposalRow[];
}

export function proposalRowOf(db: Db, skuId: string): ProposalRow | undefined {
  return prep(db, PROPOSAL_OF_SKU).get(skuId) as ProposalRow | undefined;
}

/** A lead rejected the SKU's proposal: samples up to this parcel stop counting (a later rejection moves the mark). */
export function upsertWeightRejection(db: Db, r: { skuId: string; throughParcel: string; by: string; at: string }): void {
  prep(db, `INSERT INTO weight_rejections (sku_id, through_parcel, rejected_by, rejected_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(sku_id) DO UPDATE SET through_parcel = excluded.through_parcel, rejected_by = excluded.rejected_by, rejected_at = excluded.rejected_at`)
    .run(r.skuId, r.throughParcel, r.by, r.at);
}
