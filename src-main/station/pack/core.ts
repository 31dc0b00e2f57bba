// What the packing bench asks of the order core, in the bench's words. The one implementation
// speaks the core's HTTP API (httpPackCore); keeping it behind this interface keeps the workflow
// readable and lets a unit test of the workflow alone stand in for the core.
import type { LabelData } from '../../contract/labels';
import type { BadgeCheck } from '../../contract/people';
import type { Ticket } from './rules';

export interface BenchUser {
  id: string;
  name: string;
  role: string;
}

export interface ParcelRequest {
  orderId: string;
  bench: string;
  expectedVersion: number;
  boxTypeId: string | null;
  items: { skuId: string; qty: number }[];
  measuredG: number;
  final: boolean;
  override?: { badge: string; reason: string };
}

export interface ParcelConfirmed {
  parcelId: string;
  seq: number;
  waybill: string;
  orderVersion: number;
  /** everything the label shows: recipient, sender, waybill, sorting code, bag point, items */
  label: LabelData;
}

export interface ScannedOrder {
  orders: { id: string; state: string }[];
  skus: { id: string; sku: string }[];
  ticket: Ticket | null;
  refused: { code: string; message: string } | null;
}

export interface SortedItem {
  orderId: string;
  orderNumber: string;
  waveNumber: string;
  slot: number;
  remainingInSlot: number;
  /** this unit completed the order: it is picked and goes to the box now */
  complete: boolean;
}

export interface PackCore {
  loginBadge(badge: string): Promise<{ user: BenchUser; token: string }>;
  me(token: string): Promise<BenchUser>;
  logout(token: string): Promise<void>;
  /** whose badge a scanned code is for this session (its own, another person's, none): opens no session; throttled per user, apart from the login */
  whoseBadge(token: string, code: string): Promise<BadgeCheck['badge']>;
  lookup(token: string, code: string): Promise<{ orders: { id: string; state: string }[]; skus: { id: string; sku: string }[] }>;
  startPack(token: string, orderId: string, bench: string): Promise<Ticket>;
  /**
   * An order scan in one round trip: lookup, then startPack of the one order the code names (the
   * contract's orderToStart). `ticket` when it started; `refused` (what startPack would have thrown,
   * nothing changed) when it could not; neither when the code names no one order (or is a product).
   */
  scanOrder(token: string, code: string, bench: string): Promise<ScannedOrder>;
  /** `key` is the Idempotency-Key: the same key after a crash returns the same parcel and waybill */
  confirmParcel(token: string, key: string, req: ParcelRequest): Promise<ParcelConfirmed>;
  voidParcel(token: string, parcelId: string, reason: string): Promise<void>;
  /** audited; returns the label to print again */
  reprintParcel(token: string, parcelId: string, reason: string): Promise<LabelData>;
  reportShort(token: string, orderId: string, bench: string, reason: string, missing: { skuId: string; qty: number }[]): Promise<void>;
  /** the warehouse the bench packs in (the core's default one for a bench it has no row for) */
  benchWarehouse(token: string, bench: string): Promise<{ code: string; name: string }>;
  /** put wall / single-item waves: records the item in the slot of the next order needing it */
  sortItem(token: string, code: string, bench: string): Promise<SortedItem>;
}
