// Toledo 8217 (as Odoo's IoT serial scale driver speaks it): 9600 7E1; send `W`, no terminator.
// Weight reply: STX digits[.digits] [N] CR (sent only when the scale is stable).
// Status reply: STX ? <status char> CR, bits: 0 motion, 1 over capacity, 2 under zero,
// 3 outside zero capture, 4 centre of zero, 5 net, 6 bad command.
import { showBytes, type CodecError, type WeightReading } from '../types';
import { toGrams } from './units';

const STX = '\x02';

export const TOLEDO_8217_PORT = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;
export const TOLEDO_COMMANDS = { weigh: 'W', zero: 'Z', tare: 'T', clearTare: 'C' } as const;

export function encodeToledo(cmd: keyof typeof TOLEDO_COMMANDS): Uint8Array {
  return Buffer.from(TOLEDO_COMMANDS[cmd], 'ascii');
}

export type ToledoReply = ({ kind: 'reading' } & WeightReading) | CodecError;

/**
 * Parses one frame (the bytes between STX and CR, STX optional since a line splitter may have
 * dropped it). `unit` is what the scale is configured for; the protocol does not say.
 */
export function parseToledoFrame(frame: string, unit: 'kg' | 'lb' | 'g' = 'kg'): ToledoReply {
  const stripped = stripParity(frame);
  const text = (stripped.startsWith(STX) ? stripped.slice(1) : stripped).replace(/^\s+/, '');
  if (text.startsWith('?')) {
    if (text.length < 2) return { kind: 'error', message: 'Toledo status reply is truncated (no status byte after "?")', bytes: showBytes(frame) };
    const bits = text.charCodeAt(1);
    if (bits & 0x40) return { kind: 'error', message: 'Toledo scale rejected the command (status bit 6: bad command)', bytes: showBytes(frame) };
    if (bits & 0x02) return { kind: 'reading', grams: null, status: 'overload', stable: false };
    if (bits & 0x04) return { kind: 'reading', grams: null, status: 'underzero', stable: false };
    if (bits & 0x01) return { kind: 'reading', grams: null, status: 'motion', stable: false };
    if (bits & 0x08) return { kind: 'reading', grams: null, status: 'needs_zero', stable: false };
    return { kind: 'error', message: `Toledo status reply without weight (status 0x${bits.toString(16)})`, bytes: showBytes(frame) };
  }
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(N)?$/.exec(text.trim());
  if (!m) return { kind: 'error', message: `not a Toledo 8217 weight frame: "${showBytes(frame)}"` };
  const value = Number(m[1]);
  return { kind: 'reading', grams: toGrams(value, unit)!, status: 'stable', stable: true, net: m[2] === 'N', shown: `${m[1]} ${unit}` };
}

// 7-bit even parity on a port opened as 8N1 leaves the top bit set; strip it.
const stripParity = (s: string): string => s.replace(/[\x80-\xff]/g, (c) => String.fromCharCode(c.charCodeAt(0) & 0x7f));

/** A weight frame as the scale sends it (for the simulator). */
export function formatToledoWeight(kg: number, net = false): string {
  return `\x02${kg.toFixed(3).padStart(7, '0')}${net ? 'N' : ''}\r`;
}
export function formatToledoStatus(bits: number): string {
  return `\x02?${String.fromCharCode(bits)}\r`;
}

/**
 * Splits the byte stream into frames. Not a plain line splitter: the status byte after "?" may
 * itself be 0x0D (motion + under zero + outside zero capture), so it is taken verbatim.
 */
export class ToledoFramer {
  private buf = '';
  push(chunk: Uint8Array | string): string[] {
    this.buf += stripParity(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    const frames: string[] = [];
    for (;;) {
      const stx = this.buf.indexOf('\x02');
      if (stx < 0) {
        // noise without a frame start: keep at most a little in case STX is late
        if (this.buf.length > 64) this.buf = '';
        return frames;
      }
      const isStatus = this.buf[stx + 1] === '?';
      const searchFrom = isStatus ? stx + 3 : stx + 1;
      if (isStatus && this.buf.length < searchFrom) { this.buf = this.buf.slice(stx); return frames; }
      const cr = this.buf.indexOf('\r', searchFrom);
      if (cr < 0) {
        this.buf = this.buf.slice(stx);
        if (this.buf.length > 64) this.buf = ''; // a frame is never this long: drop noise
        return frames;
      }
      frames.push(this.buf.slice(stx, cr));
      this.buf = this.buf.slice(cr + 1);
    }
  }
}
