// USB HID POS scale (usage page 0x8D) data reports, as read by usbscale (erjiang/usbscale):
// [report id 3|4] [status] [unit] [int8 exponent] [uint16 LE raw]; weight = raw x 10^exponent.
import { showBytes, type CodecError, type WeightReading, type WeightStatus } from '../types';
import { toGrams } from './units';

/** Unit byte is a 1-based index into this list (HID POS usage tables). */
const HID_UNITS = ['mg', 'g', 'kg', 'ct', 'tael', 'gr', 'dwt', 't', 'ton', 'ozt', 'oz', 'lb'] as const;

const HID_STATUS: Record<number, WeightStatus> = {
  1: 'fault',
  2: 'stable', // stable at zero
  3: 'motion',
  4: 'stable',
  5: 'underzero',
  6: 'overload',
  7: 'needs_calibration',
  8: 'needs_zero',
};

const REPORT_LEN = 6;
/** Real scales scale by 10^-4 .. 10^2; anything wider is a corrupt byte, not a weight. */
const MAX_EXPONENT = 9;

export type HidScaleResult = ({ kind: 'reading' } & WeightReading) | CodecError;

/**
 * Decodes one input report. Some scales prepend 0x00 or use report id 4, so we scan forward
 * for a report id followed by a plausible status and unit rather than trusting offset 0.
 */
export function parseHidScaleReport(bytes: Uint8Array): HidScaleResult {
  for (let i = 0; i + REPORT_LEN <= bytes.length; i++) {
    const id = bytes[i]!;
    if (id !== 3 && id !== 4) continue;
    const statusByte = bytes[i + 1]!;
    const unitByte = bytes[i + 2]!;
    const status = HID_STATUS[statusByte];
    if (!status) continue;
    const unit = HID_UNITS[unitByte - 1];
    // A scale at zero or in fault may report unit 0; only a weight needs a unit.
    const exponent = (bytes[i + 3]! << 24) >> 24; // int8
    const raw = bytes[i + 4]! | (bytes[i + 5]! << 8);
    if (!unit && (statusByte === 3 || statusByte === 4)) {
      return { kind: 'error', message: `HID scale report has unknown unit code ${unitByte}`, bytes: showBytes(bytes) };
    }
    if (Math.abs(exponent) > MAX_EXPONENT) {
      return { kind: 'error', message: `HID scale report has an impossible exponent ${exponent} (byte 0x${bytes[i + 3]!.toString(16).padStart(2, '0')})`, bytes: showBytes(bytes) };
    }
    const value = raw * 10 ** exponent;
    let grams: number | null = unit ? toGrams(value, unit) ?? null : null;
    if (statusByte === 2) grams = 0;
    // Under zero: usbscale shows the magnitude; report it negative so nobody mistakes it for a parcel.
    if (status === 'underzero' && grams !== null) grams = -Math.abs(grams);
    return {
      kind: 'reading',
      grams,
      status,
      stable: status === 'stable',
      shown: unit ? `${Number(value.toFixed(Math.max(0, -exponent)))} ${unit}` : undefined,
    };
  }
  return { kind: 'error', message: `not a HID scale report (no report id 3/4 with a known status in ${bytes.length} bytes)`, bytes: showBytes(bytes) };
}

/** Output report that zeroes a HID POS scale: report id 2, value 2. node-hid wants the id first. */
export const HID_SCALE_ZERO_REPORT = [0x02, 0x02] as const;

/** Builds a report the way a scale would, for the simulator and tests. */
export function encodeHidScaleReport(status: number, unitIndex: number, exponent: number, raw: number, reportId = 3): Uint8Array {
  return Uint8Array.from([reportId, status, unitIndex, exponent & 0xff, raw & 0xff, (raw >> 8) & 0xff]);
}
export const HID_UNIT_INDEX = (unit: (typeof HID_UNITS)[number]): number => HID_UNITS.indexOf(unit) + 1;
