// Splits a byte stream into lines ending CR or CR LF (LF alone also ends a line). Partial data is
// kept across reads, and a CR at the end of one read followed by LF at the start of the next is one
// terminator, never an empty line. Split strictly: two fast scans never merge.

export interface LineSplitterOptions {
  /** longer lines are dropped and reported: noise on the line, or a wrong baud rate */
  maxLength?: number;
}

export type LineEvent = { kind: 'line'; line: string } | { kind: 'error'; message: string };

export class LineSplitter {
  private buf = '';
  private lastWasCr = false;
  private readonly maxLength: number;

  constructor(opts: LineSplitterOptions = {}) {
    this.maxLength = opts.maxLength ?? 4096;
  }

  push(chunk: Uint8Array | string): LineEvent[] {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    const out: LineEvent[] = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = c === '\r';
      if (c === '\r' || c === '\n') {
        out.push({ kind: 'line', line: this.buf });
        this.buf = '';
        continue;
      }
      if (this.buf.length >= this.maxLength) {
        out.push({ kind: 'error', message: `line longer than ${this.maxLength} bytes without CR: dropped (wrong baud rate or a device without a line ending?)` });
        this.buf = '';
        // skip the rest of this over-long line
      }
      this.buf += c;
    }
    return out;
  }

  /** Bytes received since the last terminator. */
  get pending(): string {
    return this.buf;
  }
}

/** Splits a scanner line into AIM symbology id (when present: "]" + 2 chars) and code. */
export function splitAimPrefix(line: string, expectAim: boolean): { code: string; symbology?: string } {
  if (expectAim && /^\][A-Za-z][0-9A-Za-z]/.test(line)) return { code: line.slice(3), symbology: line.slice(0, 3) };
  return { code: line };
}
