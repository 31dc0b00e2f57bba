// Keyboard-wedge scanner detection, pure and DOM-free so the renderer and Node both import it.
// A scanner "types" a code far faster than a person and ends it with a suffix key (Enter or Tab).
// Feed every keydown (key, timestamp, isComposing) and get scans, human typing, or an IME warning.
// Do not import node: modules here (the renderer imports this file).

export interface WedgeKey {
  /** KeyboardEvent.key: one character for printable keys, "Enter", "Tab", "Shift", "Process", ... */
  key: string;
  /** milliseconds (KeyboardEvent.timeStamp or performance.now()) */
  at: number;
  /** KeyboardEvent.isComposing */
  isComposing?: boolean;
  /** KeyboardEvent.keyCode; 229 means an input method took the key */
  keyCode?: number;
}

export interface WedgeOptions {
  /** a larger gap between two keys ends the burst (Odoo documents 100 ms) */
  maxGapMs: number;
  /** average gap of a scanner burst; people type much slower (public detectors use ~30 ms) */
  maxAvgGapMs: number;
  /** shorter bursts are treated as typing */
  minLength: number;
  suffixKeys: readonly string[];
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 100, maxAvgGapMs: 30, minLength: 6, suffixKeys: ['Enter', 'Tab'] };

export type WedgeEvent =
  | { type: 'scan'; code: string; suffix: string; startedAt: number; endedAt: number; avgGapMs: number }
  /** keys that were a person typing (or a burst too slow/short for a scanner): let them through */
  | { type: 'typing'; text: string; reason: string }
  /** an input method (e.g. Chinese IME) is composing: it swallows or rewrites scanner keys */
  | { type: 'ime'; message: string };

export const IME_MESSAGE =
  'An input method (IME) is active and is composing the scanner\'s keystrokes, so scans get lost or changed. ' +
  'Switch the keyboard to English (ABC) input while scanning, or set the scanner to HID POS or serial mode.';

// Keys a scanner may send inside a burst without meaning anything (it emulates Shift for capitals).
const NEUTRAL = new Set(['Shift', 'CapsLock', 'Unidentified']);

export class WedgeDetector {
  private readonly opts: WedgeOptions;
  private chars: string[] = [];
  private times: number[] = [];
  private imeReported = false;

  constructor(opts: Partial<WedgeOptions> = {}) {
    // keys given as undefined keep their default
    const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
    this.opts = { ...DEFAULT_WEDGE, ...given };
  }

  /** Feeds one keydown; returns what it completed (usually nothing). */
  push(k: WedgeKey): WedgeEvent[] {
    const out: WedgeEvent[] = [];
    if (k.isComposing || k.key === 'Process' || k.keyCode === 229) {
      if (!this.imeReported) out.push({ type: 'ime', message: IME_MESSAGE });
      this.imeReported = true;
      this.drop(out, 'input method composing');
      return out;
    }
    this.imeReported = false;
    if (NEUTRAL.has(k.key)) return out;

    const last = this.times[this.times.length - 1];
    if (last !== undefined && k.at - last > this.opts.maxGapMs) this.drop(out, `gap of ${Math.round(k.at - last)} ms`);

    if (this.opts.suffixKeys.includes(k.key)) {
      out.push(this.close(k));
      return out;
    }
    if ([...k.key].length !== 1) {
      // Arrow keys, Backspace, F-keys: a person is editing
      this.drop(out, `key ${k.key}`);
      return out;
    }
    this.chars.push(k.key);
    this.times.push(k.at);
    return out;
  }

  /** Call from a timer: a burst that stopped without a suffix is typing. */
  flush(now: number): WedgeEvent[] {
    const out: WedgeEvent[] = [];
    const last = this.times[this.times.length - 1];
    if (last !== undefined && now - last > this.opts.maxGapMs) this.drop(out, 'no suffix key');
    return out;
  }

  /** True while keys are buffered that may still become a scan (the renderer holds them back). */
  get pending(): boolean {
    return this.chars.length > 0;
  }

  private close(suffix: WedgeKey): WedgeEvent {
    const chars = this.chars;
    const times = this.times;
    this.chars = [];
    this.times = [];
    const text = chars.join('');
    if (chars.length < this.opts.minLength) return { type: 'typing', text: text + (suffix.key === 'Enter' ? '\n' : '\t'), reason: `only ${chars.length} characters` };
    // the suffix gap counts too: a person pressing Enter after pasting is not a scanner
    const span = suffix.at - times[0]!;
    const avg = span / chars.length;
    if (avg > this.opts.maxAvgGapMs) return { type: 'typing', text: text + (suffix.key === 'Enter' ? '\n' : '\t'), reason: `average gap ${avg.toFixed(1)} ms is typing speed` };
    return { type: 'scan', code: text, suffix: suffix.key, startedAt: times[0]!, endedAt: suffix.at, avgGapMs: Math.round(avg * 10) / 10 };
  }

  private drop(out: WedgeEvent[], reason: string): void {
    if (this.chars.length) out.push({ type: 'typing', text: this.chars.join(''), reason });
    this.chars = [];
    this.times = [];
  }
}

/** Keystroke timings a scanner produces for a code (for simulators, tests and benches). */
export function scannerKeystrokes(code: string, start: number, gapMs = 8, suffix = 'Enter'): WedgeKey[] {
  const keys: WedgeKey[] = [...code].map((key, i) => ({ key, at: start + i * gapMs }));
  keys.push({ key: suffix, at: start + [...code].length * gapMs });
  return keys;
}
