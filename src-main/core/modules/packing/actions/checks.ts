// The checks packing's actions share: is the order packable, still this bench's at the version it saw,
// are the items in the order and not more than left, and is a lead's badge good for an override.
// Each refuses with words the person at the bench can act on.
import type { CoreContext } from '../../../context';
import type { Core } from '../../../core';
import type { Order } from '../../../../contract/orders';
import type { BadgeOverride, PackItem } from '../../../../contract/packing';
import { LOGIN_REFUSED, type User } from '../../../../contract/people';
import { AppError, fail } from '../../../../lib/errors';
import { userMaySign } from '../../people/queries';
import { verifyBadge } from '../../people/login-guard';
import { lastEventReason, orderEventsSince, type ClaimRow } from '../store';
import { claimOf, liveParcelsOf } from '../queries';
import { warehouseLabels, warehouseOfBench } from '../../locations/queries';

const LEADS = ['lead', 'admin'];

// Overrides whose badge (and PIN) verifyOverride accepted, by the request's override object.
const verified = new WeakMap<BadgeOverride, User>();
const overrideRefused = (): never => fail('validation', `override: ${LOGIN_REFUSED}`, [{ path: 'override.badge', message: 'not accepted' }]);

/**
 * Checks an override's badge before the write that uses it, like a login: throttled, locked after
 * wrong PINs, the PIN hashed off the event loop (the write batcher's jobs must stay synchronous).
 */
export async function verifyOverride(core: Core, o: BadgeOverride | undefined, address: string): Promise<void> {
  if (!o) return;
  try {
    verified.set(o, await verifyBadge(core, { badge: o.badge, pin: o.pin, address, via: 'override' }));
  } catch (e) {
    if (e instanceof AppError && e.code === 'unauthenticated') overrideRefused();
    throw e;
  }
}

/** A lead's or admin's badge scanned at the bench: verified by verifyOverride, never trusted from the station. */
export function authorizeOverride(ctx: CoreContext, o: BadgeOverride, what: string): { id: string; name: string; role: string } {
  const user = verified.get(o);
  if (!user || !userMaySign(ctx, user.id)) return overrideRefused();
  if (!LEADS.includes(user.role)) {
    return fail('forbidden', `${user.name} is ${user.role === 'admin' || user.role === 'operator' ? 'an' : 'a'} ${user.role}: only a lead or admin badge may ${what}`, [{ path: 'override.badge', message: `a ${user.role}'s badge` }]);
  }
  return user;
}

export function busyElsewhere(o: Order, c: ClaimRow): string {
  return `order ${o.number} is being packed at bench ${c.bench} (by ${c.user_name ?? c.user_id} since ${c.started_at}): finish it there, or scan a lead's badge to take it over`;
}

/** Why an order in this state cannot be packed, and what the person at the bench should do. */
export function notPackable(ctx: CoreContext, o: Order): string {
  // The reason of the latest event that put the order where it is (hold, cancel, exception).
  const why = (types: string[]) => {
    const r = lastEventReason(ctx.db, o.id, types);
    return r ? ` (${r})` : '';
  };
  switch (o.state) {
    case 'cancelled': return `order ${o.number} is cancelled${why(['order.cancel'])}: put the items back`;
    case 'on_hold': return `order ${o.number} is on hold${why(['order.hold'])}: put it aside for a lead`;
    case 'exception': return `order ${o.number} has an open exception${why(['order.raise_exception'])}: put it aside until a lead clears it`;
    case 'packed': return `order ${o.number} is already packed (${liveParcelsOf(ctx, o.id).length} parcel(s)): void a parcel to pack it again`;
    case 'shipped': return `order ${o.number} has already shipped`;
    case 'returned': return `order ${o.number} was returned`;
    case 'new':
    case 'ready': return `order ${o.number} has no stock reserved yet (${o.state}): put it aside for the office`;
    default: return `order ${o.number} is ${o.state}: it cannot be packed now`;
  }
}

/** What happened to the order after `version`, in words (for a 409 the bench shows as is). */
function changesSince(ctx: CoreContext, orderId: string, version: number): string {
  const rows = orderEventsSince(ctx.db, orderId, version);
  const words = rows.map((r) => {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    const what = r.type === 'order.cancel' ? 'cancelled' : r.type === 'order.hold' ? 'put on hold' : r.type === 'order.raise_exception' ? 'sent to exception'
      : r.type === 'parcel.labelled' ? `parcel ${d.seq} labelled at bench ${d.bench}` : r.type === 'parcel.voided' ? `parcel ${d.seq} voided`
      : r.type.startsWith('order.') ? `${r.type.slice(6).replace(/_/g, ' ')}${d.to ? ` (now ${d.to})` : ''}` : r.type;
    return `${what}${r.name ? ` by ${r.name}` : ''}${r.reason ? `: ${r.reason}` : ''}`;
  });
  return words.length ? words.join('; ') : 'changed';
}

/** The order must still be packing, at the version the bench saw, and held by this bench. */
export function assertStillYours(ctx: CoreContext, o: Order, bench: string, expectedVersion?: number): void {
  if (o.state !== 'packing') {
    const msg = o.state === 'cancelled' || o.state === 'on_hold' || o.state === 'exception' ? notPackable(ctx, o) : `order ${o.number} is ${o.state} now, not packing`;
    fail('conflict', `${msg}; no label was made`, [{ path: 'state', message: o.state }]);
  }
  if (expectedVersion !== undefined && expectedVersion !== o.version) {
    fail('conflict', `order ${o.number} changed since version ${expectedVersion}: ${changesSince(ctx, o.id, expectedVersion)}. Start it again (version ${o.version}); no label was made`, [{ path: 'expectedVersion', message: `now ${o.version}` }]);
  }
  const c = claimOf(ctx, o.id);
  if (c && c.bench !== bench) fail('conflict', busyElsewhere(o, c), [{ path: 'bench', message: `held by ${c.bench}` }]);
}

/** Merges items of the same SKU; refuses SKUs not in the order and more units than are left. */
export function checkItems(o: Order, items: PackItem[], left: Map<string, number>, field: string): Map<string, number> {
  const want = new Map<string, number>();
  const issues: { path: string; message: string }[] = [];
  items.forEach((it, i) => {
    if (!left.has(it.skuId)) issues.push({ path: `${field}.${i}.skuId`, message: `${it.skuId} is not in order ${o.number}` });
    want.set(it.skuId, (want.get(it.skuId) ?? 0) + it.qty);
  });
  for (const [skuId, n] of want) {
    const l = left.get(skuId);
    if (l === undefined || n <= l) continue;
    const line = o.lines.find((x) => x.skuId === skuId)!;
    const total = o.lines.filter((x) => x.skuId === skuId).reduce((a, x) => a + x.qty, 0);
    issues.push({ path: `${field}.${items.findIndex((x) => x.skuId === skuId)}.qty`, message: `${n} x ${line.sku} but only ${Math.max(0, l)} left (the order has ${total}, ${total - l} already in parcels)` });
  }
  if (issues.length) fail('validation', `order ${o.number}: ${issues.map((x) => x.message).join('; ')}`, issues);
  return want;
}

/**
 * A bench packs its own warehouse's orders (a bench the core has no row for works in the default one):
 * another warehouse's order is refused, naming both, before anything changes.
 */
export function checkBenchWarehouse(ctx: CoreContext, o: Order, bench: string): void {
  if (!o.warehouseId) return;
  const benchWh = warehouseOfBench(ctx, bench);
  if (benchWh === o.warehouseId) return;
  const labels = warehouseLabels(ctx);
  const name = (id: string) => { const w = labels.get(id); return w ? `${w.name} ${w.code}` : id; };
  fail('conflict', `order ${o.number} is for warehouse ${name(o.warehouseId)}; this bench packs in ${name(benchWh)}: take it to a bench of ${name(o.warehouseId)}`,
    [{ path: 'bench', message: `warehouse ${labels.get(benchWh)?.code ?? benchWh}` }]);
}
