// Continuous-output scales (CAS, A&D and many Chinese bench scales) stream one line per reading,
// e.g. "ST,GS,+  4.876kg", "US,NT,-0000.120 kg", "OL,GS,+99999 kg", or just "  4.876 kg".
// Field widths vary by model, so the parse is tolerant: flags anywhere before the number.
import { showBytes, type CodecError, type WeightReading, type WeightStatus } from '../types';
import { toGrams } from './units';

export type ContinuousResult = ({ kind: 'reading' } & WeightReading) | CodecError | { kind: 'ignored'; reason: string };

const NUMBER_AND_UNIT = /([+-])?\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]{1,4})?\s*$/;

export function parseContinuousLine(line: string, defaultUnit?: string): ContinuousResult {
  // eslint-disable-next-line no-control-regex -- stripping control bytes from device noise is the point
  const text = line.replace(/[\x00-\x1f\x7f]/g, '').trim();
  if (text === '') return { kind: 'ignored', reason: 'empty line' };
  const upper = text.toUpperCase();
  const flags = new Set(upper.split(/[,\s]+/).filter((f) => /^[A-Z]{2}$/.test(f)));
  let status: WeightStatus = 'unflagged';
  if (flags.has('OL')) status = 'overload';
  else if (flags.has('US')) status = 'motion';
  else if (flags.has('ST')) status = 'stable';
  // A&D counting / percent modes ("QT", "PC") are not weights.
  if (flags.has('QT') || flags.has('PC')) return { kind: 'ignored', reason: `not a weight (mode ${[...flags].join(',')})` };
  const m = NUMBER_AND_UNIT.exec(text);
  if (!m) {
    if (status === 'overload') return { kind: 'reading', grams: null, status, stable: false };
    return { kind: 'error', message: `continuous scale line has no number: "${showBytes(text)}"` };
  }
  const unit = m[3] ?? defaultUnit;
  if (!unit) return { kind: 'error', message: `continuous scale line has no unit and none is configured: "${showBytes(text)}"` };
  const value = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const grams = toGrams(value, unit);
  if (grams === undefined) return { kind: 'error', message: `continuous scale sends unit "${unit}" that Packline cannot convert to grams` };
  if (status === 'overload') return { kind: 'reading', grams: null, status, stable: false };
  // Negative weight is under zero whatever the flag says; never accept it.
  if (grams < 0) status = 'underzero';
  return { kind: 'reading', grams, status, stable: status === 'stable', net: flags.has('NT') || undefined, shown: `${m[1] ?? ''}${m[2]} ${unit}` };
}
