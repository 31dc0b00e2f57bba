// Reads of merging: the switch, which of a buyer's orders merge with an order, the shipment an order
// is part of (planned, packing or labelled), and the lines a merged parcel carries per order.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import type { Address, OrderState } from '../../../contract/orders';
import { getOrder } from '../orders/queries';
import type { MergedShipment, MergeSettings } from '../../../contract/merges';
import { mayMerge, mergeKey, type MergeSide } from './fingerprint';
import { selectHosts, selectMergeCandidates, selectMergeFacts, selectMembers, selectMergedRow, selectMergeSetting, selectSamePhone, selectSharedPhones, type MergeFactRow } from './store';

/** Only orders with stock reserved and not yet in a wave merge (a wave picks per order; a held, cancelled or packed one is past it). */
export const MERGEABLE: readonly OrderState[] = ['allocated'];
const MERGEABLE_JSON = JSON.stringify(MERGEABLE);
/**
 * At the bench a wave's orders merge too, with mates of the same wave: the planner releases a buyer's
 * mergeable orders into one wave together, so the packer gets them as one parcel. A picked order
 * takes only picked mates (the other's slot is not full yet); an order never takes one of another wave.
 */
const MERGEABLE_AT_BENCH: readonly OrderState[] = ['allocated', 'in_wave', 'picked'];
const MERGEABLE_AT_BENCH_JSON = JSON.stringify(MERGEABLE_AT_BENCH);
/** A buyer's open orders looked at per order (a reseller with hundreds costs no more). */
const SAME_PHONE_CAP = 20;

export function mergeSettings(db: Db): MergeSettings {
  return { enabled: selectMergeSetting(db, 'enabled') === '1', channels: JSON.parse(selectMergeSetting(db, 'channels') ?? '[]') as string[] };
}

const sideOf = (r: MergeFactRow): MergeSide => ({
  id: r.id, channel: r.channel, warehouseId: r.warehouse_id, carrier: r.carrier, key: mergeKey(JSON.parse(r.ship_to) as Address, r.platform_key),
});

/** The buyer's other orders that would merge with this one now (none when merging is off or the order is past it). */
export function mergeMatesOf(ctx: CoreContext, orderId: string): MergeFactRow[] {
  const on = mergeSettings(ctx.db);
  if (!on.enabled) return [];
  const me = selectMergeFacts(ctx.db, orderId);
  if (!me?.phone_digits || !MERGEABLE_AT_BENCH.includes(me.state) || selectMergedRow(ctx.db, orderId)) return [];
  if (on.channels.length && !on.channels.includes(me.channel)) return [];
  const mine = sideOf(me);
  const sameStage = (r: MergeFactRow) => r.wave_id === me.wave_id && (me.state !== 'picked' || r.state === 'picked');
  return selectSamePhone(ctx.db, me.phone_digits, MERGEABLE_AT_BENCH_JSON, SAME_PHONE_CAP)
    .filter((r) => r.id !== orderId && sameStage(r) && !selectMergedRow(ctx.db, r.id) && mayMerge(mine, sideOf(r)));
}

/** The other orders packed in one parcel with this host (not the host itself). */
export const mergedMembersOf = (db: Db, hostId: string): string[] => selectMembers(db, hostId).filter((m) => m.order_id !== hostId).map((m) => m.order_id);
/** The host of the merged parcel this order is in, or null. */
export const mergeHostOf = (db: Db, orderId: string): string | null => selectMergedRow(db, orderId)?.host_id ?? null;

const orderOf = (r: MergeFactRow) => ({ id: r.id, number: r.number, channel: r.channel, externalId: r.external_id, state: r.state, units: r.units });

/** The shipment an order is part of: a packed-together one, or (merging on, order still mergeable) the one it would make. */
export function shipmentOf(ctx: CoreContext, orderId: string): MergedShipment | null {
  const host = mergeHostOf(ctx.db, orderId);
  if (host) {
    const rows = selectMembers(ctx.db, host);
    const facts = rows.map((m) => selectMergeFacts(ctx.db, m.order_id)!).filter(Boolean);
    if (facts.length < 2) return null;
    const hostState = facts[0]!.state;
    return { hostOrderId: host, state: hostState === 'packing' ? 'packing' : 'labelled', by: rows[0]!.by, warehouseId: facts[0]!.warehouse_id, orders: facts.map(orderOf) };
  }
  const mates = mergeMatesOf(ctx, orderId);
  if (!mates.length) return null;
  const me = selectMergeFacts(ctx.db, orderId)!;
  const all = [me, ...mates].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  return { hostOrderId: all[0]!.id, state: 'planned', by: sideOf(me).key.by, warehouseId: me.warehouse_id, orders: all.map(orderOf) };
}

/** Every merged shipment now: packed together, then planned ones (buyers with several mergeable orders). */
export function listMerges(ctx: CoreContext, limit = 200): MergedShipment[] {
  const out: MergedShipment[] = [];
  const seen = new Set<string>();
  const add = (s: MergedShipment | null) => {
    if (!s || s.orders.some((o) => seen.has(o.id))) return;
    for (const o of s.orders) seen.add(o.id);
    out.push(s);
  };
  for (const h of selectHosts(ctx.db, limit)) add(shipmentOf(ctx, h));
  if (mergeSettings(ctx.db).enabled) {
    for (const phone of selectSharedPhones(ctx.db, MERGEABLE_JSON, limit)) {
      for (const r of selectSamePhone(ctx.db, phone, MERGEABLE_JSON, SAME_PHONE_CAP)) if (!seen.has(r.id)) add(shipmentOf(ctx, r.id));
      if (out.length >= limit) break;
    }
  }
  return out;
}

/**
 * The planned merged shipments now, as each order's mates (the other orders it will be packed with):
 * waves take them together or not at all. Empty (one read) when merging is off. One read of the
 * candidates, grouped by what mergeMatesOf compares (phone, key, channel, warehouse, carrier: equal all round).
 */
export function plannedMergeMates(ctx: CoreContext): Map<string, string[]> {
  const mates = new Map<string, string[]>();
  const on = mergeSettings(ctx.db);
  if (!on.enabled) return mates;
  const groups = new Map<string, string[]>();
  for (const r of selectMergeCandidates(ctx.db, MERGEABLE_JSON)) {
    if (on.channels.length && !on.channels.includes(r.channel)) continue;
    const side = sideOf(r);
    const k = `${r.phone_digits}\u0001${side.key.key}\u0001${side.channel}\u0001${side.warehouseId ?? ''}\u0001${side.carrier ?? ''}`;
    const g = groups.get(k);
    if (g) g.push(r.id);
    else groups.set(k, [r.id]);
  }
  for (const ids of groups.values()) if (ids.length > 1) for (const id of ids) mates.set(id, ids.filter((x) => x !== id));
  return mates;
}

/** One order's lines in a merged parcel (the write-back reports each order with its own). */
export interface ParcelShare { orderId: string; items: { skuId: string; qty: number }[] }

/** The orders of the parcel merged under this host, each with its lines; null when it is not a merged host. */
export function mergedShares(ctx: CoreContext, hostId: string): ParcelShare[] | null {
  const rows = selectMembers(ctx.db, hostId);
  if (rows.length < 2) return null;
  return rows.map((r) => {
    const units = new Map<string, number>();
    for (const l of getOrder(ctx, r.order_id).lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + l.qty);
    return { orderId: r.order_id, items: [...units].map(([skuId, qty]) => ({ skuId, qty })) };
  });
}
