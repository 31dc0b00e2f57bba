/** Injected wherever time matters, so tests can fix it. */
export interface Clock {
  now(): number; // ms since epoch
  iso(): string; // UTC ISO-8601
}

// The ISO string is formatted once per millisecond: an order write asks for it several times.
let lastMs = NaN;
let lastIso = '';
export const systemClock: Clock = {
  now: () => Date.now(),
  iso: () => {
    const t = Date.now();
    if (t !== lastMs) {
      lastMs = t;
      lastIso = new Date(t).toISOString();
    }
    return lastIso;
  },
};

export function fixedClock(startIso: string, stepMs = 0): Clock {
  let t = Date.parse(startIso);
  return {
    now: () => (t += stepMs) - stepMs,
    iso: () => new Date((t += stepMs) - stepMs).toISOString(),
  };
}

/**
 * A date-time with any offset as the UTC ISO form the core stores and compares as text
 * ('2026-12-04T18:00:00+08:00' -> '2026-12-04T10:00:00.000Z'); null for null or unreadable text.
 */
export function utcIso(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
