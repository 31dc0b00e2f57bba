// Shared shapes of what the device layer reports. Weight is integer grams (DESIGN.md conventions).

/** What the scale says about a reading. Only `stable` (and `zero`, stable at zero) may be accepted. */
export type WeightStatus =
  | 'stable'
  | 'motion'
  | 'overload'
  | 'underzero'
  | 'needs_zero'
  | 'needs_calibration'
  | 'fault'
  /** a stream without a stable flag: the stability rule decides */
  | 'unflagged';

export interface WeightReading {
  /** integer grams; null when the device sent a status without a weight */
  grams: number | null;
  status: WeightStatus;
  /** true only when the device (or the stability rule for unflagged streams) says so */
  stable: boolean;
  /** net weight (tare applied), when the protocol says */
  net?: boolean;
  /** the value and unit as the device sent them, for the technician */
  shown?: string;
}

/** A decoded barcode. `symbology` is the AIM identifier (e.g. "]C0") when the scanner sent one. */
export interface ScanData {
  code: string;
  symbology?: string;
}

/** A codec's complaint about bytes it could not use; `bytes` shows them for the log / technician. */
export interface CodecError {
  kind: 'error';
  message: string;
  bytes?: string;
}

/** Printable form of raw bytes: ASCII as-is, the rest as <XX>. */
export function showBytes(b: Uint8Array | string, max = 80): string {
  const s = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
  let out = '';
  for (let i = 0; i < Math.min(s.length, max); i++) {
    const c = s[i]!;
    out += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `<${c.toString(16).padStart(2, '0').toUpperCase()}>`;
  }
  return s.length > max ? `${out}...(${s.length} bytes)` : out;
}
