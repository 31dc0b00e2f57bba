// Failed-login counters kept in memory (no database query per request): per remote address and per
// badge. A key has a few free failures; after them each further attempt waits a delay that doubles
// per failure (5 s, 10 s, 20 s ... up to a cap). Counters are forgotten a while after the last failure.

export interface ThrottlePolicy {
  /** failures allowed before any delay */
  free: number;
  /** delay after the first failure over `free`; doubles with each further one */
  firstDelayMs: number;
  maxDelayMs: number;
  /** a key is forgotten this long after its last failure */
  forgetAfterMs: number;
}

interface Entry { failures: number; lastAt: number }

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
    /** bounds memory when an attacker tries many keys (each address is throttled anyway) */
    private readonly maxKeys = 20_000,
  ) {}

  /** How long this key must wait before its next attempt; 0 when it may try now. */
  waitMs(key: string): number {
    const e = this.live(key);
    if (!e || e.failures < this.policy.free) return 0;
    const delay = Math.min(this.policy.firstDelayMs * 2 ** (e.failures - this.policy.free), this.policy.maxDelayMs);
    return Math.max(0, e.lastAt + delay - this.now());
  }

  /**
   * Counts an attempt as a failure before it is checked, so attempts sent all at once are counted
   * while they run; `succeeded` takes it back.
   */
  attempt(key: string): void {
    const e = this.live(key);
    if (e) {
      e.failures += 1;
      e.lastAt = this.now();
      return;
    }
    if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { failures: 1, lastAt: this.now() });
  }

  /** The attempt was refused: the delay runs from now (not from when the attempt began to be checked). */
  failed(key: string): void {
    const e = this.entries.get(key);
    if (e) e.lastAt = this.now();
  }

  /** The attempt was good: it does not count against the key. */
  succeeded(key: string): void {
    const e = this.entries.get(key);
    if (e) e.failures = Math.max(0, e.failures - 1);
  }

  /** Forgets the key (a good PIN for a badge, a lead's unlock). */
  clear(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && this.now() - e.lastAt > this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
