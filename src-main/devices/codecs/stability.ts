// Stability for streams without a stable flag: accept a weight only when `count` readings in a
// row stay within `bandGrams` of each other and span at least `minMs`.
import type { WeightReading } from '../types';

export interface StabilityRule {
  count: number;
  bandGrams: number;
  minMs: number;
}

export const DEFAULT_STABILITY: StabilityRule = { count: 5, bandGrams: 2, minMs: 400 };

export class StabilityFilter {
  private window: { grams: number; at: number }[] = [];
  constructor(private readonly rule: StabilityRule = DEFAULT_STABILITY) {}

  /**
   * Feeds one reading with its arrival time. Flagged readings pass through untouched (the device
   * decides); unflagged ones come back `stable` only when the rule holds, else as `motion`.
   */
  push(r: WeightReading, at: number): WeightReading {
    if (r.status !== 'unflagged') {
      this.window = [];
      return r;
    }
    if (r.grams === null) {
      this.window = [];
      return { ...r, status: 'motion', stable: false };
    }
    this.window.push({ grams: r.grams, at });
    // drop the oldest readings until the window fits the band again (a fast stream keeps many)
    const outOfBand = () => {
      const ws = this.window.map((w) => w.grams);
      return Math.max(...ws) - Math.min(...ws) > this.rule.bandGrams;
    };
    while (this.window.length > 1 && outOfBand()) this.window.shift();
    if (this.window.length > 500) this.window.shift();
    const full = this.window.length >= this.rule.count;
    const span = this.window[this.window.length - 1]!.at - this.window[0]!.at;
    const stable = full && span >= this.rule.minMs && r.grams >= 0;
    return { ...r, status: stable ? 'stable' : 'motion', stable };
  }

  reset(): void {
    this.window = [];
  }
}
