// A whole simulated bench for the demo and tests: an MT-SICS scale on a socat pty pair, a ZPL
// network printer on 127.0.0.1, and a serial scanner on another pty pair, wired to a DeviceHub
// whose settings point at them.
import { DeviceHub, type DeviceHubOptions } from '../hub';
import { startPtyPair, type PtyPair } from './socat';
import { ScaleSimulator, type SimScaleProtocol } from './scale-sim';
import { PrinterSimulator } from './printer-sim';
import { SerialScannerSimulator, wedgeScanKeys } from './scanner-sim';
import type { DeviceSettings } from '../settings';

export interface SimulatedBenchOptions {
  /** scale protocol on the wire (default mt-sics) */
  scaleProtocol?: Extract<SimScaleProtocol, 'mt-sics' | 'toledo-8217' | 'continuous'>;
  /** put random parcels on the scale every few seconds so visitors see live weights */
  autoWeigh?: boolean;
  /** passed to the hub (printer timing in tests) */
  hub?: Omit<DeviceHubOptions, 'dataDir'>;
}

export interface SimulatedBench {
  hub: DeviceHub;
  scale: ScaleSimulator;
  printer: PrinterSimulator;
  /** the serial scanner; its scans reach the hub with source "sim-scanner" */
  scanner: SerialScannerSimulator;
  /** keystroke timings for a wedge scan, for feeding a WedgeDetector */
  wedgeKeys: typeof wedgeScanKeys;
  settings: DeviceSettings;
  stop(): Promise<void>;
}

export async function startSimulatedBench(dataDir: string, opts: SimulatedBenchOptions = {}): Promise<SimulatedBench> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const undo = async () => {
    for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined);
  };
  try {
    const scalePty: PtyPair = await startPtyPair();
    cleanup.push(() => scalePty.stop());
    const scannerPty: PtyPair = await startPtyPair();
    cleanup.push(() => scannerPty.stop());

    const protocol = opts.scaleProtocol ?? 'mt-sics';
    const scale = new ScaleSimulator({ path: scalePty.b, protocol });
    await scale.start();
    cleanup.push(() => scale.stop());

    const printer = new PrinterSimulator();
    await printer.start();
    cleanup.push(() => printer.stop());

    const scanner = new SerialScannerSimulator(scannerPty.b, { terminator: '\r\n' });
    await scanner.start();
    cleanup.push(() => scanner.stop());

    const hub = new DeviceHub({ dataDir, ...opts.hub });
    const settings = await hub.updateSettings({
      version: 1,
      scanners: [{ id: 'sim-scanner', name: 'Simulated serial scanner', address: `serial:${scannerPty.a}?baud=9600`, aimPrefix: true }],
      scale: { name: `Simulated ${protocol} scale`, address: `serial:${scalePty.a}?baud=9600${protocol === 'toledo-8217' ? '&dataBits=7&parity=even' : ''}`, protocol },
      labelPrinter: { name: 'Simulated ZPL printer', address: printer.address, language: 'zpl', statusCheck: true },
      documentPrinter: null,
    } satisfies DeviceSettings);
    await hub.start();
    cleanup.push(() => hub.stop());

    if (opts.autoWeigh) {
      let on = false;
      const timer = setInterval(() => {
        on = !on;
        if (on) scale.place(300 + Math.round(Math.random() * 4700), 700 + Math.random() * 800);
        else scale.remove();
      }, 4000);
      timer.unref();
      cleanup.push(async () => clearInterval(timer));
    }

    return { hub, scale, printer, scanner, wedgeKeys: wedgeScanKeys, settings, stop: undo };
  } catch (e) {
    await undo();
    throw e;
  }
}
