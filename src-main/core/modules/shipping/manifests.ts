// End of day: the carrier handover manifest. Every labelled parcel of a packed order that has not
// been handed over yet is listed per carrier; handing over records the manifest (each parcel once)
// and ships the orders through the state machine.
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import type { Actor } from '../../store/events';
import { appendEvent } from '../../store/events';
import { takeCounter } from '../../store/counters';
import { applyOrderAction } from '../orders/actions/apply-action';
import { fail, notFound } from '../../../lib/errors';
import type { HandoverPending, ManifestDetail, ManifestParcel, ManifestSummary } from '../../../contract/shipping';

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

// Driven from the packed orders (the state index), never from every parcel ever labelled.
const PENDING = `FROM orders o JOIN parcels p ON p.order_id = o.id AND p.state = 'labelled'
  WHERE o.state = 'packed' AND NOT EXISTS (SELECT 1 FROM manifest_parcels mp WHERE mp.parcel_id = p.id)`;

/** Parcels waiting for each carrier, with counts and total weight. */
export function pendingHandover(ctx: CoreContext): HandoverPending[] {
  return stmt(ctx, `SELECT p.carrier, COUNT(*) parcels, COUNT(DISTINCT o.id) orders, SUM(p.measured_g) weightG ${PENDING} GROUP BY p.carrier ORDER BY p.carrier`).all() as HandoverPending[];
}

const PARCEL_COLUMNS = `p.id parcelId, p.waybill, o.id orderId, o.number orderNumber, p.seq,
  (SELECT COUNT(*) FROM parcels q WHERE q.order_id = o.id AND q.state = 'labelled') count, p.measured_g weightG,
  COALESCE(json_extract(o.ship_to, '$.city'), '') || ' ' || COALESCE(json_extract(o.ship_to, '$.province'), '') || ' ' || json_extract(o.ship_to, '$.country') destination`;

/** The parcels a handover to this carrier would list, in order number order. */
export function pendingParcels(ctx: CoreContext, carrier: string): ManifestParcel[] {
  return tidy(stmt(ctx, `SELECT ${PARCEL_COLUMNS} ${PENDING} AND p.carrier = ? ORDER BY o.number, p.seq`).all(carrier) as ManifestParcel[]);
}

const tidy = (rows: ManifestParcel[]) => rows.map((r) => ({ ...r, destination: r.destination.replace(/\s+/g, ' ').trim() }));

function nextNumber(ctx: CoreContext): string {
  return `M-${String(takeCounter(ctx.db, 'manifest_number')).padStart(4, '0')}`;
}

/**
 * Hands this carrier's waiting parcels over: one manifest listing each parcel once, and every
 * order on it shipped. Refused (changing nothing) when nothing waits for the carrier, or when an
 * order cannot ship (its stock is still in transit).
 */
export function handOver(ctx: CoreContext, carrier: string, actor: Actor): ManifestDetail {
  const parcels = pendingParcels(ctx, carrier);
  if (parcels.length === 0) fail('conflict', `no packed parcels are waiting for carrier ${carrier}`);
  const id = ctx.ids('manifest');
  const number = nextNumber(ctx);
  const weightG = parcels.reduce((g, p) => g + p.weightG, 0);
  const orders = [...new Set(parcels.map((p) => p.orderId))];
  stmt(ctx, 'INSERT INTO manifests (id, number, carrier, parcels, weight_g, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, number, carrier, parcels.length, weightG, ctx.clock.iso(), actor.id);
  const add = stmt(ctx, 'INSERT INTO manifest_parcels (parcel_id, manifest_id, order_id) VALUES (?, ?, ?)');
  for (const p of parcels) add.run(p.parcelId, id, p.orderId);
  for (const o of orders) applyOrderAction(ctx, o, 'ship', actor, { data: { manifestId: id, manifest: number } });
  appendEvent(ctx.db, ctx.clock, { type: 'manifest.handed_over', entity: 'manifest', entityId: id, actor, data: { number, carrier, parcels: parcels.length, orders: orders.length, weightG } });
  return getManifest(ctx, id);
}

export function listManifests(ctx: CoreContext, limit: number): ManifestSummary[] {
  return stmt(ctx, `SELECT m.id, m.number, m.carrier, m.parcels, (SELECT COUNT(DISTINCT order_id) FROM manifest_parcels WHERE manifest_id = m.id) orders,
      m.weight_g weightG, m.created_at createdAt, m.created_by createdBy FROM manifests m ORDER BY m.created_at DESC, m.id DESC LIMIT ?`).all(limit) as ManifestSummary[];
}

export function getManifest(ctx: CoreContext, id: string): ManifestDetail {
  const m = stmt(ctx, `SELECT m.id, m.number, m.carrier, m.parcels, (SELECT COUNT(DISTINCT order_id) FROM manifest_parcels WHERE manifest_id = m.id) orders,
      m.weight_g weightG, m.created_at createdAt, m.created_by createdBy FROM manifests m WHERE m.id = ? OR m.number = ?`).get(id, id) as ManifestSummary | undefined;
  if (!m) notFound('manifest', id);
  const items = stmt(ctx, `SELECT ${PARCEL_COLUMNS} FROM manifest_parcels mp JOIN parcels p ON p.id = mp.parcel_id JOIN orders o ON o.id = mp.order_id
    WHERE mp.manifest_id = ? ORDER BY o.number, p.seq`).all(m!.id) as ManifestParcel[];
  return { ...m!, items: tidy(items) };
}
