// A scanner that injects scans the three ways real ones arrive: serial lines on a pty, HID POS
// report bytes, or keystroke timings for the keyboard-wedge detector.
import { SerialPort } from 'serialport';
import { encodeHidScanReports } from '../codecs/hid-scanner';
import { scannerKeystrokes, type WedgeKey } from '../wedge';

export class SerialScannerSimulator {
  private port: SerialPort | undefined;
  constructor(
    private readonly path: string,
    private readonly opts: { terminator?: '\r' | '\r\n'; aim?: string } = {},
  ) {}

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    port.on('error', () => undefined);
    this.port = port;
  }

  /** Sends one scan; `aim` overrides the symbology prefix for this scan ('' = none). */
  scan(code: string, aim = this.opts.aim ?? ''): Promise<void> {
    const port = this.port;
    if (!port) throw new Error('scanner simulator not started');
    return new Promise((res, rej) => port.write(Buffer.from(`${aim}${code}${this.opts.terminator ?? '\r\n'}`, 'utf8'), (e) => (e ? rej(e) : port.drain(() => res()))));
  }

  async stop(): Promise<void> {
    const p = this.port;
    this.port = undefined;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }
}

/** HID POS report bytes for one scan (node-hid layout, report id first). */
export const hidScanReports = (code: string, symbology = ']C0'): Uint8Array[] => encodeHidScanReports(code, symbology);

/** Keystroke timings for a wedge scan, starting at `start` ms. */
export const wedgeScanKeys = (code: string, start: number, gapMs = 8, suffix: 'Enter' | 'Tab' = 'Enter'): WedgeKey[] => scannerKeystrokes(code, start, gapMs, suffix);
