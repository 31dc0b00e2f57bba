// Brings the board's rollups up to date with the event log: a batch of events after the board's
// cursor, applied in one write job. Orders touched by the batch are read together (their current
// rows and open rows, one statement), so a batch costs about one indexed read per order plus a few
// upserts, whatever the shop's size.
import type { CoreContext } from '../../../context';
import { getSettings } from '../../settings/queries';
import { shopDay } from '../../../../contract/shop-time';
import { utcIso } from '../../../../lib/clock';
import {
  boardCursor, setBoardCursor, eventsFrom, orderFacts, openRow, ordersWithOpenRows, upsertOpen, deleteOpen, insertShipped, addShift, parcelFacts, hasSplitParts, unshippedOfSplit, type LoggedEvent, type ShiftAdd,
} from '../store';
import type { Db } from '../../../store/db';

/** Order states that are no longer open work. */
const CLOSED = new Set(['shipped', 'cancelled', 'returned']);
/** Packed orders wait for the carrier: not backlog, but still late once their ship-by passes. */
const PACKED = 'packed';
/** A hold the customer caused (their request to wait, an address they are changing): not the shop's lateness. */
export const isCustomerHold = (reason: string | null) => !!reason && /^\s*(customer|客户)/i.test(reason);

const unitsOf = (items: unknown) => (Array.isArray(items) ? items.reduce((n: number, i: { qty?: number }) => n + (Number(i?.qty) || 0), 0) : 0);
/** The core's own actors (imports, the demo, the intake) are not people: no per-packer rate for them. */
const isPerson = (actor: string) => !actor.startsWith('system:');
const parse = (e: LoggedEvent): Record<string, unknown> => (e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {});

/** The event types that add to a packer's or bench's day (board_shift). */
export const SHIFT_EVENTS = ['order.start_packing', 'parcel.labelled', 'parcel.voided'] as const;

/**
 * What an event adds to the packers' and benches' days (board_shift), the day by `dayOf`: the
 * follower's rule, and the re-keying's (rekey-days.ts) when the shop's time zone changes.
 */
export function shiftAdds(db: Db, e: LoggedEvent, dayOf: (at: string) => string): ShiftAdd[] {
  const out: ShiftAdd[] = [];
  switch (e.type) {
    case 'order.start_packing': {
      const bench = parse(e).bench as string | undefined;
      const day = dayOf(e.at);
      if (isPerson(e.actor)) out.push({ day, kind: 'packer', who: e.actor, firstAt: e.at, lastAt: null, parcels: 0, units: 0, overrides: 0 });
      if (bench) out.push({ day, kind: 'bench', who: bench, firstAt: e.at, lastAt: null, parcels: 0, units: 0, overrides: 0 });
      break;
    }
    case 'parcel.labelled': {
      const d = parse(e);
      const day = dayOf(e.at);
      const units = unitsOf(d.items);
      const overrides = d.overrideBy ? 1 : 0;
      if (isPerson(e.actor)) out.push({ day, kind: 'packer', who: e.actor, firstAt: e.at, lastAt: e.at, parcels: 1, units, overrides });
      if (typeof d.bench === 'string') out.push({ day, kind: 'bench', who: d.bench, firstAt: e.at, lastAt: e.at, parcels: 1, units, overrides });
      break;
    }
    case 'parcel.voided': {
      // The voided parcel leaves its packer's and bench's count of the day it was labelled.
      const p = parcelFacts(db, parse(e).parcelId as string);
      if (!p) break;
      const day = dayOf(p.created_at);
      const units = -unitsOf(JSON.parse(p.items));
      const overrides = p.override_by ? -1 : 0;
      if (isPerson(p.packed_by)) out.push({ day, kind: 'packer', who: p.packed_by, firstAt: null, lastAt: null, parcels: -1, units, overrides });
      out.push({ day, kind: 'bench', who: p.bench, firstAt: null, lastAt: null, parcels: -1, units, overrides });
      break;
    }
  }
  return out;
}

/** Applies up to `limit` events after the cursor; returns how many it read. */
export function applyBoardEvents(ctx: CoreContext, limit: number): number {
  const db = ctx.db;
  const events = eventsFrom(db, boardCursor(db), limit);
  if (events.length === 0) return 0;
  const timeZone = getSettings(ctx).timeZone; // the rollups' days are the shop's days
  const dayOf = (at: string) => shopDay(Date.parse(at), timeZone);
  const touched = new Set<string>();
  const holdReasons = new Map<string, string>();
  const customerHolds = new Set<string>();
  const shipped: { id: string; at: string }[] = [];

  for (const e of events) {
    if (e.entity === 'order') touched.add(e.entity_id);
    switch (e.type) {
      case 'order.hold':
        holdReasons.set(e.entity_id, e.reason ?? '-');
        if (isCustomerHold(e.reason)) customerHolds.add(e.entity_id);
        break;
      case 'order.ship':
        shipped.push({ id: e.entity_id, at: e.at });
        break;
      case 'order.start_packing':
      case 'parcel.labelled':
      case 'parcel.voided':
        for (const a of shiftAdds(db, e, dayOf)) addShift(db, a);
        break;
    }
  }

  for (const s of shipped) {
    const part = orderFacts(db, s.id);
    if (!part) continue;
    // A split order ships once, as the channel's order, when its last part ships (parcels count per parcel).
    const headId = part.split_of ?? (hasSplitParts(db, s.id) ? s.id : null);
    if (headId && unshippedOfSplit(db, headId) > 0) continue;
    const o = headId && headId !== s.id ? orderFacts(db, headId) ?? part : part;
    const shipBy = utcIso(o.ship_by);
    const customer = customerHolds.has(o.id) || customerHolds.has(s.id) || (openRow(db, o.id)?.customer_hold ?? 0) === 1;
    const at = Date.parse(s.at);
    insertShipped(db, {
      id: o.id, shippedAt: s.at, day: shopDay(at, timeZone), minutes: Math.max(0, Math.round((at - Date.parse(o.created_at)) / 60_000)),
      promised: shipBy && !customer ? 1 : 0, onTime: shipBy && s.at <= shipBy ? 1 : 0, warehouseId: o.warehouse_id,
    });
  }

  const facts = new Map(ordersWithOpenRows(db, [...touched]).map((o) => [o.id, o]));
  for (const id of touched) {
    const o = facts.get(id);
    if (!o || CLOSED.has(o.state)) {
      deleteOpen(db, id);
      continue;
    }
    const before = o.has_open ? o : undefined;
    const holdReason = o.state === 'on_hold' ? (holdReasons.get(id) ?? before?.hold_reason ?? '-') : null;
    upsertOpen(db, {
      id, number: o.number, state: o.state, carrier: o.carrier, createdAt: o.created_at, shipBy: utcIso(o.ship_by), packed: o.state === PACKED ? 1 : 0,
      holdReason, customerHold: customerHolds.has(id) || before?.customer_hold === 1 ? 1 : 0, partOf: o.split_of, warehouseId: o.warehouse_id,
    });
  }
  setBoardCursor(db, events[events.length - 1]!.id);
  return events.length;
}
