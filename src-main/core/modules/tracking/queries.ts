// Reads of tracking: the list (stalled first), an order's parcels with their journey, the rules.
import type { StallRule, TrackedParcel, TrackedParcelDetail, TrackingStatus } from '../../../contract/tracking';
import type { Db } from '../../store/db';
import { eventRows, ruleRows, statusCounts, trackedList, trackedOfOrder, trackingRow, type TrackingRow } from './store';

export function listTracked(db: Db, f: { status?: TrackingStatus; stalled?: boolean; carrier?: string; limit: number }): { items: TrackedParcel[]; counts: Record<string, number> } {
  return { items: trackedList(db, f), counts: statusCounts(db) };
}

export function orderTracking(db: Db, orderId: string): TrackedParcelDetail[] {
  return trackedOfOrder(db, orderId).map((p) => ({ ...p, events: eventRows(db, p.waybill) }));
}

/** The row a push names (with its salt: core-internal). */
export const trackedWaybill = (db: Db, waybill: string): TrackingRow | undefined => trackingRow(db, waybill);

export const listStallRules = (db: Db): StallRule[] => ruleRows(db);
