// ZPL `~HS` host status: three STX ... ETX CR LF lines.
// Line 1 fields: 2 paper out, 3 pause, 5 formats in buffer, 6 buffer full, 11 under temp, 12 over temp.
// Line 2 fields: 3 head up, 4 ribbon out, 5 thermal transfer mode, 8 label waiting, 9 labels remaining.
import { showBytes, type CodecError } from '../types';

export const ZPL_STATUS_QUERY = '~HS\r\n';

export interface ZplStatus {
  kind: 'status';
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  bufferFull: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  formatsInBuffer: number;
  labelsRemaining: number;
  /** what stops printing, in words for the operator; empty when ready */
  problems: string[];
}

const flag = (f: string | undefined) => f !== undefined && /^\s*1\s*$/.test(f);

/** Parses the three lines (their text between STX and ETX). */
export function parseZplStatusLines(lines: string[]): ZplStatus | CodecError {
  if (lines.length < 2) return { kind: 'error', message: `~HS answer has ${lines.length} of 3 lines` };
  const l1 = lines[0]!.split(',');
  const l2 = lines[1]!.split(',');
  if (l1.length < 12 || l2.length < 9) {
    return { kind: 'error', message: `~HS answer is not in the expected format (line 1 has ${l1.length} of 12 fields, line 2 ${l2.length} of 11)`, bytes: showBytes(lines.join('|')) };
  }
  const s: ZplStatus = {
    kind: 'status',
    paperOut: flag(l1[1]),
    paused: flag(l1[2]),
    formatsInBuffer: Number(l1[4]) || 0,
    bufferFull: flag(l1[5]),
    underTemperature: flag(l1[10]),
    overTemperature: flag(l1[11]),
    headOpen: flag(l2[2]),
    // a ribbon-out flag means nothing on a direct thermal printer (field 5 = 0)
    ribbonOut: flag(l2[3]) && flag(l2[4]),
    labelsRemaining: Number(l2[8]) || 0,
    problems: [],
  };
  if (s.paperOut) s.problems.push('paper out: load labels');
  if (s.headOpen) s.problems.push('print head open: close it');
  if (s.ribbonOut) s.problems.push('ribbon out: load a ribbon');
  if (s.paused) s.problems.push('printer paused: press the pause button');
  if (s.bufferFull) s.problems.push('printer buffer full');
  if (s.overTemperature) s.problems.push('print head too hot: wait for it to cool');
  if (s.underTemperature) s.problems.push('print head too cold');
  return s;
}

/** Collects STX...ETX frames from a byte stream until three have arrived. */
export class ZplStatusReader {
  private buf = '';
  private frames: string[] = [];

  push(chunk: Uint8Array | string): ZplStatus | CodecError | undefined {
    this.buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    for (;;) {
      const stx = this.buf.indexOf('\x02');
      if (stx < 0) { this.buf = ''; break; }
      const etx = this.buf.indexOf('\x03', stx);
      if (etx < 0) { this.buf = this.buf.slice(stx); break; }
      this.frames.push(this.buf.slice(stx + 1, etx));
      this.buf = this.buf.slice(etx + 1);
    }
    if (this.buf.length > 1024) return { kind: 'error', message: '~HS answer too long without ETX: is this a ZPL printer?' };
    if (this.frames.length >= 3) {
      const frames = this.frames;
      this.frames = [];
      return parseZplStatusLines(frames);
    }
    return undefined;
  }
}

export interface ZplStatusFlags {
  paperOut?: boolean;
  paused?: boolean;
  headOpen?: boolean;
  formatsInBuffer?: number;
}

/** The answer a printer gives (for the simulator). */
export function formatZplStatus(f: ZplStatusFlags = {}): string {
  const b = (x?: boolean) => (x ? '1' : '0');
  const l1 = `030,${b(f.paperOut)},${b(f.paused)},1218,${String(f.formatsInBuffer ?? 0).padStart(3, '0')},0,0,0,000,0,0,0`;
  const l2 = `000,0,${b(f.headOpen)},0,0,2,4,0,00000000,1,000`;
  const l3 = '1234,0';
  return `\x02${l1}\x03\r\n\x02${l2}\x03\r\n\x02${l3}\x03\r\n`;
}
