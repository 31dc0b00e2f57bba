// What every piece of the packing flow works on: the journaled state, the bench's options, the
// live scale reading, and the few things only the coordinator (station.ts) can do.
import type { LabelRenderer } from '../../labels/worker/pool';
import type { PackCore } from './core';
import type { Persisted } from './state';
import type { ReturnsDriver } from './bench-mode';

export interface StationWeight {
  grams: number | null;
  stable: boolean;
  status: string;
}

/** The devices the bench uses (DeviceHub implements it; tests of one piece may fake it). */
export interface BenchDevices {
  labelPrinterLanguage(): 'zpl' | 'tspl' | 'epl' | 'pdf' | 'raw' | null;
  enqueueLabel(bytes: Uint8Array, label: string): string;
  /** labels of jobs still queued on the label printer (to never queue one twice) */
  queuedLabels(): string[];
}

export interface PackStationOptions {
  dataDir: string;
  bench: { id: string; name: string };
  core: PackCore;
  devices: BenchDevices;
  labels: LabelRenderer;
  /** log the operator out after this long without a scan (default 15 min; 0: never) */
  idleLogoutMs?: number;
  now?: () => number;
  /** dots per inch of the label printer */
  dpi?: 203 | 300;
}

export interface Flow {
  /** mutated in place; journaled after every input */
  readonly s: Persisted;
  readonly o: PackStationOptions;
  readonly now: () => number;
  /** the scale's last reading: live, not journaled (the scale sends a new one at once) */
  weight: (StationWeight & { at: number }) | null;
  /** journals the state now, before a step that may not return (the core's confirm) */
  persist(): void;
  /**
   * Set by a step whose whole change the core already holds (an order started at this bench): the
   * journal line after it is written but not fsync'd. A kill -9 keeps it (the OS has it); a power
   * cut may lose it, and then the bench shows the state before and the order's slip scanned again
   * resumes it from the core's claim, with nothing the operator verified lost. The next scan's
   * fsync makes it durable too. Cleared after each input.
   */
  heldByCore: boolean;
  /** handles a reading as if it just came from the scale */
  weighed(r: StationWeight): void;
  /** (re)starts the idle logout timer */
  armIdle(): void;
  /** the session id of the screen that put the operator on the bench (it drives; others watch); memory only */
  driver: string | null;
  /** the warehouse the bench packs in, as the core said at the last login; memory only */
  warehouse: { code: string; name: string } | null;
  /** the Return bench that has the bench's device scanners (returns mode), or null (packing); memory only */
  returns: ReturnsDriver | null;
  /** records who did what to the bench (a take-over) in its audit file */
  audit(entry: Record<string, unknown>): void;
  /** the core did not answer (`lost`) or answered again: the screen says since when; a waiting label is retried */
  coreReached(reached: boolean): void;
}
