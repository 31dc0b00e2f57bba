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
