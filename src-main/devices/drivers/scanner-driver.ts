// A scanner on serial/virtual COM (lines) or HID POS (reports), reconnecting by itself.
// Each scan carries the source id, so several scanners on one bench stay apart.
import type { DeviceAddress } from '../address';
import { Emitter, type DriverState } from '../events';
import type { ScanData } from '../types';
import { LineSplitter, splitAimPrefix } from '../codecs/lines';
import { HidScannerAssembler } from '../codecs/hid-scanner';
import { ConnectionSupervisor, type Backoff } from './supervisor';
import { transportFor } from './transport-for';
import type { ByteTransport } from '../transports/transport';
import { HidTransport, HONEYWELL_VENDOR_ID, HONEYWELL_HID_POS_FEATURE } from '../transports/hid';
import { logger } from '../../lib/log';

const log = logger('devices.scanner');

export interface Scan extends ScanData {
  /** which scanner: the id given in the settings, or "wedge" for keyboard scans */
  source: string;
  /** performance.now() when decoded */
  at: number;
}

export interface ScannerDriverOptions {
  id: string;
  address: DeviceAddress;
  /** serial lines may start with an AIM id ("]C0") when the scanner is set to send it */
  aimPrefix?: boolean;
  backoff?: Backoff;
  transport?: () => ByteTransport;
}

export type ScannerEvents = { scan: [Scan]; state: [DriverState]; problem: [string] };

export class ScannerDriver extends Emitter<ScannerEvents> {
  private readonly sup: ConnectionSupervisor;

  constructor(private readonly o: ScannerDriverOptions) {
    super();
    const make = o.transport ?? (() => transportFor(o.address));
    this.sup = new ConnectionSupervisor(`scanner ${o.id}`, make, (t) => this.onOpen(t), undefined, o.backoff);
    this.sup.on('state', (s) => this.emit('state', s));
  }

  get id(): string {
    return this.o.id;
  }

  get state(): DriverState {
    return this.sup.state;
  }

  start(): void {
    this.sup.start();
  }

  stop(): Promise<void> {
    return this.sup.stop();
  }

  private onOpen(t: ByteTransport): void {
    const emitScan = (s: ScanData) => this.emit('scan', { ...s, source: this.o.id, at: performance.now() });
    if (this.o.address.kind === 'hid') {
      if (t instanceof HidTransport && this.o.address.vendorId === HONEYWELL_VENDOR_ID) {
        void t.sendFeatureReport(HONEYWELL_HID_POS_FEATURE).catch((e: Error) => log.warn({ scanner: this.o.id, err: e.message }, 'Honeywell HID POS mode switch failed'));
      }
      const asm = new HidScannerAssembler(true);
      t.on('data', (d) => {
        const r = asm.push(d);
        if (r.kind === 'scan') emitScan(r.scan);
        else if (r.kind === 'error') this.emit('problem', r.message);
      });
      return;
    }
    const lines = new LineSplitter({ maxLength: 8192 });
    t.on('data', (d) => {
      for (const e of lines.push(d)) {
        if (e.kind === 'error') this.emit('problem', e.message);
        else if (e.line !== '') emitScan(splitAimPrefix(e.line, this.o.aimPrefix ?? true));
      }
    });
  }
}
