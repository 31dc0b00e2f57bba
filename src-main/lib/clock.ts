/** Injected wherever time matters, so tests can fix it. */
export interface Clock {
  now(): number; // ms since epoch
  iso(): string; // UTC ISO-8601
}

export const systemClock: Clock = { now: () => Date.now(), iso: () => new Date().toISOString() };

export function fixedClock(startIso: string, stepMs = 0): Clock {
  let t = Date.parse(startIso);
  return {
    now: () => (t += stepMs) - stepMs,
    iso: () => new Date((t += stepMs) - stepMs).toISOString(),
  };
}
