// The shop's clock: its calendar day, midnight and wall times in the shop's own time zone (the
// `timeZone` setting), never the machine's. A core on a UTC server and a bench in Shanghai count the
// same "today" and the same cut-offs. Platform-neutral: the core and the screens both use it.

const HOUR = 3_600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

// Making a formatter costs more than the rest of a reading; the offset holds for a quarter hour at
// least (every zone changes its offset on a quarter hour), so one look-up serves a batch of events.
const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>(); // "zone quarter" -> offset; a few dozen entries at most
const QUARTER = HOUR / 4;

/** The shop's offset from UTC (ms, east positive) at the moment `ms`. */
export function shopOffset(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER);
  const key = `${timeZone} ${quarter}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })));
  const at = quarter * QUARTER;
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  const offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
  if (offsets.size >= 64) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The shop's wall clock of a moment, as a Date whose UTC fields are the shop's local fields. */
const wall = (ms: number, timeZone: string) => new Date(ms + shopOffset(ms, timeZone));

/** The moment the shop's clock shows this wall time (a time skipped by a DST change counts as the hour after). */
function atWall(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number {
  const guess = Date.UTC(y, mo, d, h, mi);
  const first = guess - shopOffset(guess, timeZone);
  return guess - shopOffset(first, timeZone);
}

/** The shop-local day and time ("2026-12-03", "09:00") of a moment. */
export function shopLocal(ms: number, timeZone: string): { day: string; time: string } {
  const w = wall(ms, timeZone);
  return { day: `${w.getUTCFullYear()}-${p2(w.getUTCMonth() + 1)}-${p2(w.getUTCDate())}`, time: `${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}` };
}

/** The shop's calendar day "YYYY-MM-DD" of a moment (the board's days are the shop's days). */
export const shopDay = (ms: number, timeZone: string): string => shopLocal(ms, timeZone).day;

/** The shop's day `n` days before the day of `now`. */
export function shopDayBefore(now: number, n: number, timeZone: string): string {
  const w = wall(now, timeZone);
  const d = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() - n));
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/** The shop's midnight starting the day `now` falls in (the board's "today"). */
export function shopMidnight(now: number, timeZone: string): number {
  const w = wall(now, timeZone);
  return atWall(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), 0, 0, timeZone);
}

/** The moment the shop's calendar day "YYYY-MM-DD" begins (its midnight), or of the day `plusDays` after it. */
export function shopDayStart(day: string, timeZone: string, plusDays = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`"${day}" is not a day (YYYY-MM-DD)`);
  return atWall(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays, 0, 0, timeZone);
}

/**
 * Days picked on a screen's filter ("from" and "to", both included, either left empty) as the UTC
 * instants a list query takes: from the shop's midnight starting `from` to the one ending `to`. The
 * shop's days, not the browser's: a bench set to another zone filters the same orders.
 */
export function shopDayRange(from: string, to: string, timeZone: string): { from?: string; to?: string } {
  return {
    from: from ? new Date(shopDayStart(from, timeZone)).toISOString() : undefined,
    to: to ? new Date(shopDayStart(to, timeZone, 1)).toISOString() : undefined,
  };
}

/**
 * The next pickup of a daily cut-off "HH:MM" (shop time): today's while `now` is before it, else
 * tomorrow's. A card never says "passed 5 h ago"; it rolls to the pickup that can still be made.
 */
export function nextPickup(hhmm: string, now: number, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const w = wall(now, timeZone);
  const today = atWall(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), h, m, timeZone);
  return now < today ? today : atWall(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + 1, h, m, timeZone);
}

/** The shop's wall time "2026-11-21 08:05" of a moment, for printouts (pick lists, manifests). */
export function shopStamp(ms: number, timeZone: string): string {
  const l = shopLocal(ms, timeZone);
  return `${l.day} ${l.time}`;
}
