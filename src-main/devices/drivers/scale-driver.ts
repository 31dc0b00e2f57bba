// A scale: transport + protocol codec + polling + stability, reconnecting by itself.
import type { DeviceAddress } from '../address';
import { Emitter, type DriverState } from '../events';
import type { WeightReading } from '../types';
import { LineSplitter } from '../codecs/lines';
import { parseMtSicsLine, encodeMtSics } from '../codecs/mt-sics';
import { ToledoFramer, parseToledoFrame, encodeToledo } from '../codecs/toledo-8217';
import { parseContinuousLine } from '../codecs/continuous';
import { parseHidScaleReport, HID_SCALE_ZERO_REPORT } from '../codecs/hid-scale';
import { StabilityFilter, type StabilityRule } from '../codecs/stability';
import { ConnectionSupervisor, type Backoff } from './supervisor';
import { transportFor } from './transport-for';
import type { ByteTransport } from '../transports/transport';
import { AppError } from '../../lib/errors';
import { SCALE_PROTOCOLS } from '../../contract/devices';

export { SCALE_PROTOCOLS };
export type ScaleProtocol = (typeof SCALE_PROTOCOLS)[number];

export interface TimedReading extends WeightReading {
  /** performance.now() when the bytes were decoded */
  at: number;
}

export interface ScaleDriverOptions {
  address: DeviceAddress;
  protocol: ScaleProtocol;
  /** how often to ask a polled scale (MT-SICS `SI`, Toledo `W`) */
  pollMs?: number;
  /** no reply (or, for streams, no data) for this long is a fault */
  silenceMs?: number;
  stability?: StabilityRule;
  /** the unit a Toledo 8217 or an unlabelled stream is set to */
  unit?: 'kg' | 'lb' | 'g';
  backoff?: Backoff;
  /** transport override, for tests of one piece */
  transport?: () => ByteTransport;
}

export type ScaleEvents = {
  reading: [TimedReading];
  state: [DriverState];
  /** bytes the codec could not use, in words */
  problem: [string];
};

export class ScaleDriver extends Emitter<ScaleEvents> {
  private readonly sup: ConnectionSupervisor;
  private readonly o: Required<Omit<ScaleDriverOptions, 'stability' | 'transport' | 'backoff'>> & Pick<ScaleDriverOptions, 'stability' | 'backoff'>;
  private pollTimer: NodeJS.Timeout | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private lastData = 0;
  private skipNextHid = false;
  latest: TimedReading | undefined;

  constructor(opts: ScaleDriverOptions) {
    super();
    this.o = { ...opts, pollMs: opts.pollMs ?? (opts.protocol === 'toledo-8217' ? 250 : 100), silenceMs: opts.silenceMs ?? 2000, unit: opts.unit ?? 'kg' };
    if (opts.protocol === 'hid' && opts.address.kind !== 'hid') throw new AppError('validation', 'protocol hid needs a hid: address such as hid:0922:8003');
    if (opts.protocol !== 'hid' && opts.address.kind === 'hid') throw new AppError('validation', `a hid: address speaks the HID POS protocol; use --protocol hid, not ${opts.protocol}`);
    const make = opts.transport ?? (() => transportFor(opts.address));
    this.sup = new ConnectionSupervisor(`scale ${opts.protocol}`, make, (t) => this.onOpen(t), () => this.onClose(), opts.backoff);
    this.sup.on('state', (s) => this.emit('state', s));
  }

  get state(): DriverState {
    return this.sup.state;
  }

  start(): void {
    this.sup.start();
  }

  async stop(): Promise<void> {
    this.onClose();
    await this.sup.stop();
  }

  private onOpen(t: ByteTransport): void {
    const stability = new StabilityFilter(this.o.stability);
    const accept = (r: WeightReading) => {
      const reading = { ...stability.push(r, performance.now()), at: performance.now() };
      this.latest = reading;
      this.emit('reading', reading);
    };
    this.lastData = performance.now();
    const onBytes = this.decoder(accept);
    t.on('data', (d) => {
      this.lastData = performance.now();
      if (this.sup.state.status === 'fault') this.sup.setState('connected');
      onBytes(d);
    });
    if (this.o.protocol === 'hid') this.skipNextHid = true; // the first report after open can be stale
    if (this.o.protocol === 'mt-sics' || this.o.protocol === 'toledo-8217') {
      const cmd = this.o.protocol === 'mt-sics' ? encodeMtSics('SI') : encodeToledo('weigh');
      this.pollTimer = setInterval(() => void t.write(cmd).catch(() => undefined), this.o.pollMs);
      void t.write(cmd).catch(() => undefined);
    }
    // HID scales report only on change, so silence there is not a fault.
    if (this.o.protocol !== 'hid') {
      this.silenceTimer = setInterval(() => {
        if (performance.now() - this.lastData > this.o.silenceMs && this.sup.state.status === 'connected') {
          this.sup.setState('fault', this.o.protocol === 'continuous'
            ? 'scale sends nothing: check the cable, the baud rate and that continuous output is on'
            : 'scale not answering: check the cable, baud rate and parity, and that the scale is on');
        }
      }, Math.min(500, this.o.silenceMs));
    }
  }

  private onClose(): void {
    clearInterval(this.pollTimer);
    clearInterval(this.silenceTimer);
    this.pollTimer = this.silenceTimer = undefined;
  }

  private decoder(accept: (r: WeightReading) => void): (d: Uint8Array) => void {
    const problem = (m: string) => this.emit('problem', m);
    switch (this.o.protocol) {
      case 'mt-sics': {
        const lines = new LineSplitter({ maxLength: 256 });
        return (d) => {
          for (const e of lines.push(d)) {
            if (e.kind === 'error') { problem(e.message); continue; }
            if (e.line.trim() === '') continue;
            const r = parseMtSicsLine(e.line);
            if (r.kind === 'reading') accept(r);
            else if (r.kind === 'error') problem(r.message);
          }
        };
      }
      case 'toledo-8217': {
        const framer = new ToledoFramer();
        return (d) => {
          for (const f of framer.push(d)) {
            const r = parseToledoFrame(f, this.o.unit);
            if (r.kind === 'reading') accept(r);
            else problem(r.message);
          }
        };
      }
      case 'continuous': {
        const lines = new LineSplitter({ maxLength: 256 });
        return (d) => {
          for (const e of lines.push(d)) {
            if (e.kind === 'error') { problem(e.message); continue; }
            const r = parseContinuousLine(e.line, this.o.unit);
            if (r.kind === 'reading') accept(r);
            else if (r.kind === 'error') problem(r.message);
          }
        };
      }
      case 'hid':
        return (d) => {
          const r = parseHidScaleReport(d);
          if (r.kind === 'error') return problem(r.message);
          if (this.skipNextHid) { this.skipNextHid = false; return; }
          accept(r);
        };
    }
  }

  /**
   * Waits for the next reading the device (or the stability rule) calls stable. `minGrams` skips
   * an empty platter (a reply already on the wire when the parcel went on says 0 g, stable).
   */
  readStable(timeoutMs = 5000, opts: { minGrams?: number } = {}): Promise<TimedReading> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        off();
        const why = this.state.status !== 'connected' ? `scale is ${this.state.status}: ${this.state.reason ?? ''}` : this.latest ? `last reading: ${this.latest.status}` : 'no reading at all';
        reject(new AppError('unavailable', `no stable weight within ${timeoutMs} ms (${why})`));
      }, timeoutMs);
      const off = this.on('reading', (r) => {
        if (!r.stable || r.grams === null) return;
        if (opts.minGrams !== undefined && r.grams < opts.minGrams) return;
        clearTimeout(t);
        off();
        resolve(r);
      });
    });
  }

  async zero(): Promise<void> {
    await this.command('zero');
  }

  async tare(): Promise<void> {
    await this.command('tare');
  }

  private async command(what: 'zero' | 'tare'): Promise<void> {
    const t = this.sup.transport;
    if (!t) throw new AppError('unavailable', `scale is ${this.state.status}: ${this.state.reason ?? 'not connected'}`);
    switch (this.o.protocol) {
      case 'mt-sics':
        return t.write(encodeMtSics(what === 'zero' ? 'Z' : 'T'));
      case 'toledo-8217':
        return t.write(encodeToledo(what));
      case 'hid':
        if (what === 'tare') throw new AppError('validation', 'HID POS scales have no tare command: use the button on the scale');
        return t.write(Uint8Array.from(HID_SCALE_ZERO_REPORT));
      case 'continuous':
        throw new AppError('validation', `continuous-output scales take no commands: use the ${what} button on the scale`);
    }
  }
}
