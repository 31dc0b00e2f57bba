// Mettler Toledo MT-SICS: ASCII commands ending CR LF; replies "<cmd> <status> <value> <unit>".
import { showBytes, type CodecError, type WeightReading } from '../types';
import { toGrams } from './units';

export type MtSicsCommand = 'S' | 'SI' | 'SIR' | 'Z' | 'ZI' | 'T' | 'TAC' | '@';

/** Bytes to send for a command (CR LF terminated, as the protocol wants). */
export function encodeMtSics(cmd: MtSicsCommand): Uint8Array {
  return Buffer.from(`${cmd}\r\n`, 'ascii');
}

export type MtSicsReply =
  | ({ kind: 'reading'; command: string } & WeightReading)
  /** acknowledgement without a weight: `Z A`, `T I`, `@` serial reply, ... */
  | { kind: 'ack'; command: string; status: 'done' | 'busy' | 'overload' | 'underload' | 'other'; text: string }
  | CodecError;

const ERRORS: Record<string, string> = {
  ES: 'scale did not understand the command (ES: syntax error)',
  ET: 'scale reports a transmission error (ET): check baud rate, parity and cabling',
  EL: 'scale reports a logical error (EL): the command cannot be executed',
};

const WEIGHT_COMMANDS = new Set(['S', 'SI', 'SIR', 'T', 'TA', 'SU', 'SIU']);

/** Parses one reply line (without its terminator). Never throws. */
export function parseMtSicsLine(line: string): MtSicsReply {
  const text = line.trim();
  if (text === '') return { kind: 'error', message: 'empty MT-SICS line' };
  const fields = text.split(/\s+/);
  const command = fields[0]!;
  if (ERRORS[command]) return { kind: 'error', message: ERRORS[command]!, bytes: showBytes(text) };
  const status = fields[1];
  if (status === undefined) return { kind: 'error', message: `MT-SICS reply "${text}" has no status field`, bytes: showBytes(text) };
  if (!/^[A-Z@][A-Z0-9]{0,3}$/.test(command)) return { kind: 'error', message: `not an MT-SICS reply: "${showBytes(text)}"` };

  if (WEIGHT_COMMANDS.has(command) && (status === 'S' || status === 'D')) {
    // Value and unit may be separated or glued ("100.00g"); the value may carry a sign.
    const rest = fields.slice(2).join(' ');
    const m = /^([+-]?\s*\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(rest);
    if (!m) return { kind: 'error', message: `MT-SICS weight reply without a readable value and unit: "${showBytes(text)}"` };
    const value = Number(m[1]!.replace(/\s+/g, ''));
    const grams = toGrams(value, m[2]!);
    if (grams === undefined) return { kind: 'error', message: `MT-SICS reply uses unit "${m[2]}" that Packline cannot convert to grams` };
    const shown = `${m[1]!.replace(/\s+/g, '')} ${m[2]}`;
    // a negative weight is under zero even when the balance calls it stable: never accept it
    if (grams < 0) return { kind: 'reading', command, grams, status: 'underzero', stable: false, shown };
    const stable = status === 'S';
    return { kind: 'reading', command, grams, status: stable ? 'stable' : 'motion', stable, shown };
  }
  if (WEIGHT_COMMANDS.has(command) && status === '+') return { kind: 'reading', command, grams: null, status: 'overload', stable: false };
  if (WEIGHT_COMMANDS.has(command) && status === '-') return { kind: 'reading', command, grams: null, status: 'underzero', stable: false };
  const ackStatus = status === 'A' ? 'done' : status === 'I' ? 'busy' : status === '+' ? 'overload' : status === '-' ? 'underload' : 'other';
  return { kind: 'ack', command, status: ackStatus, text };
}

/** Formats a reply the way a balance does (for the simulator). */
export function formatMtSicsWeight(command: string, stable: boolean, grams: number): string {
  const v = (grams).toFixed(2).padStart(10, ' ');
  return `${command} ${stable ? 'S' : 'D'} ${v} g\r\n`;
}
