import { useEffect, useRef, useState } from 'react';
import { WedgeDetector, DEFAULT_WEDGE, type WedgeOptions, type WedgeKey } from '../../src-main/devices/wedge';

// Keyboard-wedge scanners in the renderer: one global keydown listener feeds the DOM-free
// WedgeDetector (timing + suffix key) and hands each scan to the screen that listens (useScans).
// - A scan made while a text field has focus stays that field's (the Orders search reads it like
//   typing); useScans gets the scans made anywhere else, the keys of which are held back so a
//   focused button is not pressed by the scanner's Space or Enter.
// - An input method (Chinese IME) composing the scanner's keys is detected and explained.

export interface WedgeScan {
  code: string;
  /** the suffix key that ended it */
  suffix: string;
  /** ms since epoch */
  at: number;
  avgGapMs: number;
  /** it was typed into a focused text field (which received it as well) */
  intoField: boolean;
}

type ScanListener = { fn: (s: WedgeScan) => void; includeFields: boolean };
const scanListeners = new Set<ScanListener>();
const imeListeners = new Set<(warning: boolean) => void>();
let imeWarning = false;
let detector = new WedgeDetector();
let opts: WedgeOptions = { ...DEFAULT_WEDGE };
/** composing keydowns in a text field, to tell a scanner (fast) from a person typing pinyin */
let composing: number[] = [];

const isImeKey = (e: KeyboardEvent) => e.isComposing || e.key === 'Process' || e.keyCode === 229;

function isEditable(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

function setIme(v: boolean) {
  if (v === imeWarning) return;
  imeWarning = v;
  for (const l of imeListeners) l(v);
}

function deliver(scan: WedgeScan) {
  setIme(false);
  for (const l of [...scanListeners]) if (!scan.intoField || l.includeFields) l.fn(scan);
}

/** timeStamp of the last key fed to the detector */
let lastKeyAt = -Infinity;

function onKeyDown(e: KeyboardEvent) {
  if (e.ctrlKey || e.metaKey || (e.altKey && !e.getModifierState?.('AltGraph'))) return; // shortcuts, not scanner keys
  const editable = isEditable(e.target);
  const ime = isImeKey(e);
  if (ime && editable) {
    // a person may type Chinese into a field; a scanner's keys come far faster
    composing.push(e.timeStamp);
    composing = composing.slice(-4);
    const avg = composing.length === 4 ? (composing[3]! - composing[0]!) / 3 : Infinity;
    if (avg <= opts.maxAvgGapMs * 1.5) setIme(true);
  } else if (!ime) composing = [];
  // this key continues a burst (a scanner mid-code), as opposed to a person pressing one key
  const inBurst = detector.pending && e.timeStamp - lastKeyAt <= opts.maxGapMs;
  lastKeyAt = e.timeStamp;
  const key: WedgeKey = { key: e.key, at: e.timeStamp, isComposing: e.isComposing, keyCode: e.keyCode };
  for (const ev of detector.push(key)) {
    if (ev.type === 'ime' && !editable) setIme(true);
    if (ev.type === 'scan') {
      if (!editable) {
        e.preventDefault();
        e.stopPropagation();
      }
      deliver({ code: ev.code, suffix: ev.suffix, at: Date.now(), avgGapMs: ev.avgGapMs, intoField: editable });
    }
  }
  // Outside a field a burst's keys go nowhere anyway; holding them keeps a scanned Space from
  // pressing a focused button. A single key a person presses (Space on a button) goes through.
  // No flush timer: the next key's timestamp ends a stale burst, so a busy renderer cannot cut a
  // scan whose keys are still queued.
  if (!editable && inBurst && [...e.key].length === 1) e.preventDefault();
}

let installed = 0;

/** Installs the global listener (once per window, however many callers). */
function install(): () => void {
  if (installed++ === 0) window.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    if (--installed === 0) window.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}

/** Timing from the device settings (devices.json `wedge`); unset keys keep their defaults. */
export function configureWedge(o: Partial<WedgeOptions> | undefined): void {
  detector = new WedgeDetector(o ?? {});
  opts = { ...DEFAULT_WEDGE, ...Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) };
}

/** Keeps the wedge listener installed while the app shell is mounted. */
export function useWedge(): void {
  useEffect(() => install(), []);
}

/**
 * Calls back with each keyboard-wedge scan. By default only scans made while no text field had
 * focus (a field keeps its own); `includeFields` gets those too.
 */
export function useScans(fn: (scan: WedgeScan) => void, o: { includeFields?: boolean } = {}): void {
  const ref = useRef(fn);
  ref.current = fn;
  const includeFields = !!o.includeFields;
  useEffect(() => {
    const off = install();
    const l: ScanListener = { fn: (s) => ref.current(s), includeFields };
    scanListeners.add(l);
    return () => {
      scanListeners.delete(l);
      off();
    };
  }, [includeFields]);
}

/** True while an input method is eating the scanner's keys; `dismiss` hides the warning. */
export function useImeWarning(): { active: boolean; dismiss: () => void } {
  const [active, setActive] = useState(imeWarning);
  useEffect(() => {
    imeListeners.add(setActive);
    return () => void imeListeners.delete(setActive);
  }, []);
  return { active, dismiss: () => setIme(false) };
}
