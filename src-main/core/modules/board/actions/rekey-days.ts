// When the shop's time zone changes, the rollups keyed by day move to the new zone's days, so the
// day counts (shipped and on time per day, the packers' and benches' days, the trend) follow it.
// In short steps, each its own write job (the follower runs them, rekeyStep one at a time):
// 1. the shipped orders, a page of board_shipped at a time: a row whose day differs moves, with its
//    day's sums (board_shipped_days);
// 2. the packers' and benches' days, rebuilt from the log into board_shift_next (a window of event
//    ids a step), up to where the follower is; the step that reaches it puts them in place.
// Meanwhile the follower counts new events in the new zone already. A change during a change starts
// over towards the newest zone. Where it got is in board_zone, so a restart goes on from there.
import type { CoreContext } from '../../../context';
import { getSettings } from '../../settings/queries';
import { shopDay } from '../../../../contract/shop-time';
import { SHIFT_EVENTS, shiftAdds } from './apply-events';
import { addShift, boardCursor, clearShiftsNext, moveShippedDay, putShiftsNext, setZoneRow, shiftEventsBetween, shippedAfter, zoneRow } from '../store';

/** Shipped orders looked at per step (a primary-key range; few of them move). */
const SHIPPED_PAGE = 1000;
/** Event ids per step of the rebuild (a range of the log's key; only packing events are read). */
const EVENT_WINDOW = 2000;
/** shipped_after once every shipped order was looked at (ids sort before it). */
const ALL = '~';

/** Whether a step is due: the days are not in the shop's zone, or a move is under way. */
export function rekeyDue(ctx: CoreContext): boolean {
  const z = zoneRow(ctx.db);
  return z.rekey_to !== null || z.time_zone !== getSettings(ctx).timeZone;
}

/** One step (run it as a write job); 'more': call again. `size`: a step's page and window (a test takes small ones). */
export function rekeyStep(ctx: CoreContext, size = { shipped: SHIPPED_PAGE, events: EVENT_WINDOW }): 'idle' | 'more' | 'done' {
  const db = ctx.db;
  const zone = getSettings(ctx).timeZone;
  const z = zoneRow(db);
  if (z.rekey_to === null && z.time_zone === zone) return 'idle';
  if (z.rekey_to === null && z.time_zone === null) {
    // A shop from before board_zone: its days were counted in its zone as it is now.
    setZoneRow(db, { ...z, time_zone: zone });
    return 'idle';
  }
  if (z.rekey_to !== zone) {
    clearShiftsNext(db);
    setZoneRow(db, { time_zone: z.time_zone, rekey_to: zone, shipped_after: '', shifts_upto: 0 });
    return 'more';
  }
  const dayOf = (at: string) => shopDay(Date.parse(at), zone);
  if (z.shipped_after !== ALL) {
    const rows = shippedAfter(db, z.shipped_after, size.shipped);
    for (const r of rows) {
      const day = dayOf(r.shipped_at);
      if (day !== r.day) moveShippedDay(db, r, day);
    }
    setZoneRow(db, { ...z, shipped_after: rows.length < size.shipped ? ALL : rows.at(-1)!.order_id });
    return 'more';
  }
  const cursor = boardCursor(db);
  const upto = Math.min(z.shifts_upto + size.events, cursor);
  for (const e of shiftEventsBetween(db, z.shifts_upto, upto, SHIFT_EVENTS)) for (const a of shiftAdds(db, e, dayOf)) addShift(db, a, 'board_shift_next');
  if (upto < cursor) {
    setZoneRow(db, { ...z, shifts_upto: upto });
    return 'more';
  }
  putShiftsNext(db);
  setZoneRow(db, { time_zone: zone, rekey_to: null, shipped_after: '', shifts_upto: 0 });
  return 'done';
}
