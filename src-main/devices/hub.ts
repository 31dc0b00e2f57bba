/**
 * DeviceHub: the station's one door to bench hardware.
 *
 * - Lists HID and serial devices (vendor/product ids, names, paths, and whether this user may
 *   open them, with the exact fix when not).
 * - Holds the role assignment (scanners, scale, label printer, document printer) in
 *   `<dataDir>/devices.json`, validated with zod; `updateSettings` validates, saves and restarts
 *   only the drivers whose settings changed.
 * - Runs a reconnecting driver per configured role and re-emits everything as typed events:
 *   `scan` (tagged with the scanner id, or "wedge"), `weight`, `state` (per device), `job`
 *   (print queue progress), `problem` (bytes a codec could not use, in words), `settings`.
 * - Test actions for the Devices screen: read a weight once, wait for a test scan, print a test
 *   label, zero/tare.
 *
 * Everything here is plain data in and out (no classes cross the boundary), so an HTTP/WebSocket
 * layer can expose it 1:1: GET = the snapshot methods, POST = the actions, WS = the events.
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { Emitter, type DriverState } from './events';
import { parseAddress } from './address';
import { ScaleDriver, type TimedReading } from './drivers/scale-driver';
import { ScannerDriver, type Scan } from './drivers/scanner-driver';
import { PrintQueue, type JobInfo } from './print-queue';
import { PrintJournal } from './print-journal';
import { sinkFor, type PrintLanguage, type TcpSinkOptions } from './transports/printer-sinks';
import { listHidDevices, type HidDeviceInfo } from './transports/hid';
import { listSerialPorts, type SerialPortInfo } from './transports/serial';
import { hidPermissionHelp, serialPermissionHelp } from './transports/udev';
import { loadDeviceSettings, saveDeviceSettings, type DeviceSettings, type PrinterSetting, type ScaleSetting, type ScannerSetting } from './settings';
import { testLabel } from './test-label';
import { AppError } from '../lib/errors';
import { logger } from '../lib/log';

const log = logger('devices.hub');

export type PrinterRole = 'labelPrinter' | 'documentPrinter';
export type DeviceRole = 'scanner' | 'scale' | PrinterRole;

/** One configured device as the Devices screen shows it. */
export interface DeviceStatus {
  role: DeviceRole;
  /** scanner id, or the role name for the others */
  id: string;
  name?: string;
  address: string;
  state: DriverState;
}

export interface ListedDevice {
  bus: 'hid' | 'serial';
  /** paste-ready address for the settings */
  address: string;
  vendorId?: string;
  productId?: string;
  name: string;
  path?: string;
  /** hid usage page says scale / scanner */
  kind?: 'scale' | 'scanner' | 'other';
  /** false when this user may not open it; `help` says exactly how to fix that */
  accessible: boolean;
  help?: string;
}

export type HubEvents = {
  scan: [Scan];
  weight: [TimedReading];
  state: [DeviceStatus];
  job: [JobInfo & { printer: PrinterRole }];
  problem: [{ id: string; message: string }];
  settings: [DeviceSettings];
};

export interface DeviceHubOptions {
  dataDir: string;
  /** device listing, injectable for tests of one piece */
  listHid?: () => Promise<HidDeviceInfo[]>;
  listSerial?: () => Promise<SerialPortInfo[]>;
  /** printer timing (tests shorten it) */
  printer?: TcpSinkOptions & { probeIntervalMs?: number; backoffMs?: { min: number; max: number } };
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function canOpen(path: string): boolean {
  try {
    accessSync(path, fsConstants.R_OK | fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** HID and serial devices on this machine, with access checks and the fix when denied. */
export async function listDevices(o: Pick<DeviceHubOptions, 'listHid' | 'listSerial'> = {}): Promise<{ devices: ListedDevice[]; errors: string[] }> {
  const errors: string[] = [];
  const devices: ListedDevice[] = [];
  const [hid, serial] = await Promise.all([
    (o.listHid ?? listHidDevices)().catch((e: Error) => (errors.push(`HID devices cannot be listed: ${e.message}`), [] as HidDeviceInfo[])),
    (o.listSerial ?? listSerialPorts)().catch((e: Error) => (errors.push(`serial ports cannot be listed: ${e.message}`), [] as SerialPortInfo[])),
  ]);
  for (const d of hid) {
    const accessible = !d.path || !d.path.startsWith('/dev/') || canOpen(d.path);
    devices.push({
      bus: 'hid',
      address: `hid:${hex(d.vendorId)}:${hex(d.productId)}${d.path ? `?path=${encodeURIComponent(d.path)}` : ''}`,
      vendorId: hex(d.vendorId),
      productId: hex(d.productId),
      name: [d.manufacturer, d.product].filter(Boolean).join(' ') || 'HID device',
      path: d.path,
      kind: d.kind,
      accessible,
      help: accessible ? undefined : hidPermissionHelp(d.vendorId, d.productId, d.path),
    });
  }
  for (const p of serial) {
    const accessible = !p.path.startsWith('/dev/') || canOpen(p.path);
    devices.push({
      bus: 'serial',
      address: `serial:${p.path}?baud=9600`,
      vendorId: p.vendorId,
      productId: p.productId,
      name: p.manufacturer ?? 'serial port',
      path: p.path,
      accessible,
      help: accessible ? undefined : serialPermissionHelp(p.path),
    });
  }
  return { devices, errors };
}

export class DeviceHub extends Emitter<HubEvents> {
  private cfg: DeviceSettings;
  private scale: { setting: ScaleSetting; driver: ScaleDriver } | undefined;
  private scanners = new Map<string, { setting: ScannerSetting; driver: ScannerDriver }>();
  private printers = new Map<PrinterRole, { setting: PrinterSetting; queue: PrintQueue }>();
  private started = false;
  /** settings changes apply one after another, never interleaved */
  private applying: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: DeviceHubOptions) {
    super();
    this.cfg = loadDeviceSettings(o.dataDir);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async start(): Promise<void> {
    this.started = true;
    await this.apply(this.cfg);
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([
      this.scale?.driver.stop(),
      ...[...this.scanners.values()].map((s) => s.driver.stop()),
      ...[...this.printers.values()].map((p) => p.queue.stop()),
    ]);
    this.scale = undefined;
    this.scanners.clear();
    this.printers.clear();
  }

  // ---- settings ----------------------------------------------------------------------------

  settings(): DeviceSettings {
    return structuredClone(this.cfg);
  }

  /** Validates and saves the whole assignment, then restarts only what changed. */
  async updateSettings(input: unknown): Promise<DeviceSettings> {
    const run = this.applying.then(async () => {
      const next = saveDeviceSettings(this.o.dataDir, input);
      this.cfg = next;
      if (this.started) await this.apply(next);
      this.emit('settings', this.settings());
      return this.settings();
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** Sets one role (null clears it); scanners are keyed by id. */
  async assign(role: 'scale', setting: ScaleSetting | null): Promise<DeviceSettings>;
  async assign(role: PrinterRole, setting: PrinterSetting | null): Promise<DeviceSettings>;
  async assign(role: 'scanner', setting: ScannerSetting | { id: string; remove: true }): Promise<DeviceSettings>;
  async assign(role: DeviceRole, setting: unknown): Promise<DeviceSettings> {
    const next = this.settings();
    if (role === 'scanner') {
      const s = setting as ScannerSetting | { id: string; remove: true };
      next.scanners = next.scanners.filter((x) => x.id !== s.id);
      if (!('remove' in s)) next.scanners.push(s);
    } else {
      (next as Record<string, unknown>)[role] = setting;
    }
    return this.updateSettings(next);
  }

  // ---- snapshot ----------------------------------------------------------------------------

  status(): DeviceStatus[] {
    const out: DeviceStatus[] = [];
    if (this.scale) out.push({ role: 'scale', id: 'scale', name: this.scale.setting.name, address: this.scale.setting.address, state: this.scale.driver.state });
    for (const [id, s] of this.scanners) out.push({ role: 'scanner', id, name: s.setting.name, address: s.setting.address, state: s.driver.state });
    for (const [role, p] of this.printers) out.push({ role, id: role, name: p.setting.name, address: p.setting.address, state: p.queue.state });
    return out;
  }

  latestWeight(): TimedReading | undefined {
    return this.scale?.driver.latest;
  }

  jobs(role: PrinterRole): JobInfo[] {
    return this.printers.get(role)?.queue.jobs() ?? [];
  }

  /** HID and serial devices on this machine, with access checks and the fix when denied. */
  listDevices(): Promise<{ devices: ListedDevice[]; errors: string[] }> {
    return listDevices({ listHid: this.o.listHid, listSerial: this.o.listSerial });
  }

  // ---- actions -----------------------------------------------------------------------------

  private needScale(): ScaleDriver {
    if (!this.scale) throw new AppError('conflict', 'no scale is set up: choose one on the Devices screen');
    return this.scale.driver;
  }

  /** The next stable weight (the Devices screen's "read weight"); minGrams: 1 waits for a parcel. */
  readWeightOnce(timeoutMs = 5000, opts: { minGrams?: number } = {}): Promise<TimedReading> {
    return this.needScale().readStable(timeoutMs, opts);
  }

  zeroScale(): Promise<void> {
    return this.needScale().zero();
  }

  tareScale(): Promise<void> {
    return this.needScale().tare();
  }

  /** Resolves with the next scan from that scanner (or any scanner when id is omitted). */
  waitForScan(id?: string, timeoutMs = 15_000): Promise<Scan> {
    if (id && id !== 'wedge' && !this.scanners.has(id)) throw new AppError('not_found', `scanner ${id} is not set up`);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        off();
        reject(new AppError('unavailable', `no scan from ${id ?? 'any scanner'} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const off = this.on('scan', (s) => {
        if (id && s.source !== id) return;
        clearTimeout(t);
        off();
        resolve(s);
      });
    });
  }

  /** Keyboard-wedge scans, recognised in the renderer by WedgeDetector, enter here. */
  reportWedgeScan(code: string, symbology?: string): Scan {
    const scan: Scan = { code, symbology, source: 'wedge', at: performance.now() };
    this.emit('scan', scan);
    return scan;
  }

  private needPrinter(role: PrinterRole): { setting: PrinterSetting; queue: PrintQueue } {
    const p = this.printers.get(role);
    if (!p) throw new AppError('conflict', `no ${role === 'labelPrinter' ? 'label' : 'document'} printer is set up: choose one on the Devices screen`);
    return p;
  }

  /** Queues a job durably and returns its id at once; progress arrives as `job` events. */
  enqueue(role: PrinterRole, data: Uint8Array, opts: { language?: PrintLanguage; label?: string } = {}): string {
    const p = this.needPrinter(role);
    return p.queue.enqueue(data, { language: opts.language ?? p.setting.language, label: opts.label });
  }

  /** Queues and waits until the printer took the job. */
  async print(role: PrinterRole, data: Uint8Array, opts: { language?: PrintLanguage; label?: string } = {}): Promise<string> {
    const id = this.enqueue(role, data, opts);
    await this.needPrinter(role).queue.whenPrinted(id);
    return id;
  }

  printTestLabel(role: PrinterRole = 'labelPrinter'): Promise<string> {
    const p = this.needPrinter(role);
    return this.print(role, testLabel(p.setting.language, `${p.setting.address} ${new Date().toISOString().slice(0, 16)}`), { label: 'test label' });
  }

  /** Asks the printer for its status now (ZPL ~HS over TCP); paper out, head open, paused in words. */
  async checkPrinter(role: PrinterRole = 'labelPrinter'): Promise<{ ready: boolean; problems: string[] }> {
    const p = this.needPrinter(role);
    if (!p.queue.sink.status || p.setting.language !== 'zpl') throw new AppError('validation', `${p.setting.address} cannot report its status (only ZPL printers on tcp:// answer ~HS)`);
    try {
      const st = await p.queue.sink.status();
      return { ready: st.problems.length === 0, problems: st.problems };
    } catch (e) {
      return { ready: false, problems: [(e as Error).message] };
    }
  }

  resolveUncertainJob(role: PrinterRole, id: string, decision: 'reprint' | 'discard'): void {
    this.needPrinter(role).queue.resolveUncertain(id, decision);
  }

  cancelJob(role: PrinterRole, id: string): void {
    this.needPrinter(role).queue.cancel(id);
  }

  // ---- drivers -----------------------------------------------------------------------------

  private async apply(cfg: DeviceSettings): Promise<void> {
    // scale
    if (!same(this.scale?.setting, cfg.scale ?? undefined)) {
      await this.scale?.driver.stop();
      this.scale = undefined;
      if (cfg.scale) {
        const setting = cfg.scale;
        const driver = new ScaleDriver({ address: parseAddress(setting.address), protocol: setting.protocol, unit: setting.unit, pollMs: setting.pollMs, stability: setting.stability });
        const status = (): DeviceStatus => ({ role: 'scale', id: 'scale', name: setting.name, address: setting.address, state: driver.state });
        driver.on('reading', (r) => this.emit('weight', r));
        driver.on('state', () => this.emit('state', status()));
        driver.on('problem', (m) => this.emit('problem', { id: 'scale', message: m }));
        this.scale = { setting, driver };
        driver.start();
      }
    }
    // scanners
    const wanted = new Map(cfg.scanners.map((s) => [s.id, s]));
    for (const [id, s] of this.scanners) {
      if (!same(s.setting, wanted.get(id))) {
        await s.driver.stop();
        this.scanners.delete(id);
      }
    }
    for (const [id, setting] of wanted) {
      if (this.scanners.has(id)) continue;
      const driver = new ScannerDriver({ id, address: parseAddress(setting.address), aimPrefix: setting.aimPrefix });
      driver.on('scan', (s) => this.emit('scan', s));
      driver.on('state', (state) => this.emit('state', { role: 'scanner', id, name: setting.name, address: setting.address, state }));
      driver.on('problem', (m) => this.emit('problem', { id, message: m }));
      this.scanners.set(id, { setting, driver });
      driver.start();
    }
    // printers
    for (const role of ['labelPrinter', 'documentPrinter'] as const) {
      const setting = cfg[role];
      const cur = this.printers.get(role);
      if (same(cur?.setting, setting ?? undefined)) continue;
      await cur?.queue.stop();
      this.printers.delete(role);
      if (!setting) continue;
      const { probeIntervalMs, backoffMs, ...tcp } = this.o.printer ?? {};
      const journal = new PrintJournal(join(this.o.dataDir, 'print-journal', `${role}.jsonl`));
      const queue = new PrintQueue(sinkFor(parseAddress(setting.address), tcp), journal, { statusCheck: setting.statusCheck, probeIntervalMs: probeIntervalMs ?? 10_000, backoffMs });
      queue.on('job', (j) => this.emit('job', { ...j, printer: role }));
      queue.on('state', (state) => this.emit('state', { role, id: role, name: setting.name, address: setting.address, state }));
      this.printers.set(role, { setting, queue });
      queue.start();
    }
    log.info({ scale: !!this.scale, scanners: this.scanners.size, printers: [...this.printers.keys()] }, 'device roles applied');
  }
}
