// A scale on the far end of a serial line (one end of a socat pty pair), speaking MT-SICS,
// Toledo 8217 or a continuous stream, with believable weights: a parcel put on the platter
// swings and settles before the scale calls it stable.
import { SerialPort } from 'serialport';
import { LineSplitter } from '../codecs/lines';
import { formatMtSicsWeight } from '../codecs/mt-sics';
import { formatToledoWeight, formatToledoStatus } from '../codecs/toledo-8217';

export type SimScaleProtocol = 'mt-sics' | 'toledo-8217' | 'continuous' | 'continuous-unflagged';

/** Weight over time: a damped swing towards the target, stable once settled. */
export class WeightModel {
  private target = 0;
  private from = 0;
  private placedAt = -Infinity;
  private settleMs = 0;
  private tareG = 0;
  private zeroG = 0;
  fault: 'overload' | 'underzero' | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  place(grams: number, settleMs = 900): void {
    this.from = this.gross();
    this.target = grams;
    this.placedAt = this.now();
    this.settleMs = settleMs;
  }

  /** what the load cell sees, before zero and tare */
  private gross(): number {
    const t = this.now() - this.placedAt;
    if (t >= this.settleMs) return this.target;
    const k = t / this.settleMs;
    const swing = (this.target - this.from) * Math.exp(-4 * k) * Math.cos(9 * k);
    return this.target - swing + (Math.random() - 0.5) * 6 * (1 - k);
  }

  read(): { grams: number; stable: boolean } {
    const stable = this.now() - this.placedAt >= this.settleMs;
    return { grams: Math.round((this.gross() - this.zeroG - this.tareG) * 10) / 10, stable };
  }

  zero(): void {
    this.zeroG = this.gross();
    this.tareG = 0;
  }

  tare(): number {
    this.tareG = this.gross() - this.zeroG;
    return this.tareG;
  }

  clearTare(): void {
    this.tareG = 0;
  }
}

export interface ScaleSimOptions {
  path: string;
  protocol: SimScaleProtocol;
  baudRate?: number;
  /** continuous protocols: one line per interval */
  intervalMs?: number;
}

export class ScaleSimulator {
  readonly model = new WeightModel();
  private port: SerialPort | undefined;
  private stream: NodeJS.Timeout | undefined;
  private sirTimer: NodeJS.Timeout | undefined;
  /** false: the scale ignores commands (switched off, wrong baud rate) */
  answering = true;
  /** called with performance.now() just before each reply is written (for latency benches) */
  onReply: ((at: number, text: string) => void) | undefined;

  constructor(private readonly o: ScaleSimOptions) {}

  place(grams: number, settleMs?: number): void {
    this.model.place(grams, settleMs);
  }

  remove(settleMs = 500): void {
    this.model.place(0, settleMs);
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate ?? 9600, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    port.on('error', () => undefined);
    this.port = port;
    if (this.o.protocol === 'continuous' || this.o.protocol === 'continuous-unflagged') {
      this.stream = setInterval(() => this.sendContinuous(), this.o.intervalMs ?? 100);
      return;
    }
    if (this.o.protocol === 'toledo-8217') {
      port.on('data', (d: Buffer) => {
        for (const c of d.toString('latin1')) this.toledo(c);
      });
      return;
    }
    const lines = new LineSplitter();
    port.on('data', (d: Buffer) => {
      for (const e of lines.push(d)) if (e.kind === 'line' && e.line.trim() !== '') this.mtSics(e.line.trim());
    });
  }

  private write(text: string): void {
    if (!this.port?.isOpen) return;
    this.onReply?.(performance.now(), text);
    this.port.write(Buffer.from(text, 'latin1'));
  }

  private weightLine(cmd: string): string {
    if (this.model.fault === 'overload') return `${cmd} +\r\n`;
    if (this.model.fault === 'underzero') return `${cmd} -\r\n`;
    const r = this.model.read();
    return formatMtSicsWeight(cmd, r.stable, r.grams);
  }

  private mtSics(cmd: string): void {
    if (!this.answering) return;
    clearInterval(this.sirTimer);
    switch (cmd) {
      case 'SI':
        return this.write(this.weightLine('S'));
      case 'S': {
        // S waits for a stable weight
        const tryStable = () => (this.model.read().stable ? this.write(this.weightLine('S')) : setTimeout(tryStable, 50));
        return void tryStable();
      }
      case 'SIR':
        this.sirTimer = setInterval(() => this.write(this.weightLine('S')), 100);
        return;
      case 'Z':
        this.model.zero();
        return this.write('Z A\r\n');
      case 'T': {
        const t = this.model.tare();
        return this.write(`T S ${t.toFixed(2).padStart(10)} g\r\n`);
      }
      case '@':
        return this.write('I4 A "SIM0001"\r\n');
      default:
        return this.write('ES\r\n');
    }
  }

  private toledo(c: string): void {
    if (!this.answering) return;
    switch (c) {
      case 'W': {
        if (this.model.fault === 'overload') return this.write(formatToledoStatus(0x02));
        if (this.model.fault === 'underzero') return this.write(formatToledoStatus(0x04));
        const r = this.model.read();
        if (!r.stable) return this.write(formatToledoStatus(0x01));
        return this.write(formatToledoWeight(r.grams / 1000));
      }
      case 'Z':
        return this.model.zero();
      case 'T':
        return void this.model.tare();
      case 'C':
        return this.model.clearTare();
      default:
        return this.write(formatToledoStatus(0x40));
    }
  }

  private sendContinuous(): void {
    if (!this.answering) return;
    const r = this.model.read();
    const kg = (Math.abs(r.grams) / 1000).toFixed(3).padStart(7, ' ');
    const sign = r.grams < 0 ? '-' : '+';
    if (this.o.protocol === 'continuous-unflagged') return this.write(`${sign}${kg} kg\r\n`);
    if (this.model.fault === 'overload') return this.write('OL,GS,+9999.999kg\r\n');
    this.write(`${r.stable ? 'ST' : 'US'},GS,${sign}${kg}kg\r\n`);
  }

  async stop(): Promise<void> {
    clearInterval(this.stream);
    clearInterval(this.sirTimer);
    const p = this.port;
    this.port = undefined;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }
}
