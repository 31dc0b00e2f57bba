// USB HID through node-hid (main process only; never the renderer). Loaded lazily so that code
// paths without HID (tests, the CLI on a serial scale) do not need the native module.
import { ByteTransport, DeviceError } from './transport';
import { hidPermissionHelp } from './udev';

type NodeHid = typeof import('node-hid');
let nodeHid: Promise<NodeHid> | undefined;
const loadHid = () => (nodeHid ??= import('node-hid').then((m) => ((m as unknown as { default?: NodeHid }).default ?? m) as NodeHid));

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
  /** what the usage page says this is */
  kind: 'scale' | 'scanner' | 'other';
}

// Known USB scales (HARDWARE.md), for when the platform does not report the usage page.
const KNOWN_SCALES: [number, number | undefined][] = [
  [0x0922, 0x8003], [0x0922, 0x8004], [0x0922, 0x8009], // Dymo
  [0x2474, undefined], [0x1446, 0x6a73], // Stamps.com
  [0x0eb8, 0xf000], // Mettler Toledo
  [0x0b67, 0x555e], // Fairbanks
  [0x0d8f, 0x0200], // Pitney Bowes
];
export const isKnownScale = (vendorId: number, productId: number): boolean => KNOWN_SCALES.some(([v, p]) => v === vendorId && (p === undefined || p === productId));

/** Honeywell scanners switch to HID POS only after this feature report (UNVERIFIED per model). */
export const HONEYWELL_VENDOR_ID = 0x0c2e;
export const HONEYWELL_HID_POS_FEATURE = [0xfe, 0x01] as const;

export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  const hid = await loadHid();
  const devs = await hid.devicesAsync();
  return devs.map((d) => ({
    vendorId: d.vendorId,
    productId: d.productId,
    path: d.path,
    product: d.product,
    manufacturer: d.manufacturer,
    serialNumber: d.serialNumber,
    usagePage: d.usagePage,
    usage: d.usage,
    kind: d.usagePage === 0x8d || isKnownScale(d.vendorId, d.productId) ? 'scale' : d.usagePage === 0x8c ? 'scanner' : 'other',
  }));
}

type HidHandle = Awaited<ReturnType<NodeHid['HIDAsync']['open']>>;

export class HidTransport extends ByteTransport {
  private dev: HidHandle | undefined;
  readonly description: string;

  constructor(
    private readonly vendorId: number,
    private readonly productId: number,
    private readonly path?: string,
  ) {
    super();
    this.description = `hid ${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}${path ? ` ${path}` : ''}`;
  }

  async open(): Promise<void> {
    const hid = await loadHid();
    const listed = (await hid.devicesAsync(this.vendorId, this.productId)).filter((d) => !this.path || d.path === this.path);
    if (listed.length === 0) throw new DeviceError(`${this.description} is not connected: plug it in (or check the USB cable/hub)`);
    const path = this.path ?? listed[0]!.path;
    let dev: HidHandle;
    try {
      dev = path ? await hid.HIDAsync.open(path) : await hid.HIDAsync.open(this.vendorId, this.productId);
    } catch (err) {
      // hidapi on Linux says "cannot open device" for a permission problem on /dev/hidraw*.
      const msg = err instanceof Error ? err.message : String(err);
      if (process.platform === 'linux') throw new DeviceError(hidPermissionHelp(this.vendorId, this.productId, path), true);
      throw new DeviceError(`${this.description} is listed but cannot be opened: ${msg} (is another program using it?)`, true);
    }
    this.dev = dev;
    dev.on('data', (d: Buffer) => this.emit('data', d));
    dev.on('error', (e: Error) => {
      if (this.dev !== dev) return;
      this.dev = undefined;
      void dev.close().catch(() => undefined);
      this.emit('close', `${this.description} stopped: ${e.message} (unplugged?)`);
    });
  }

  /** Feature report; the first byte is the report id. */
  async sendFeatureReport(bytes: readonly number[]): Promise<void> {
    if (!this.dev) throw new DeviceError(`${this.description} is not open`);
    await this.dev.sendFeatureReport([...bytes]);
  }

  /** Output report; the first byte is the report id. */
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.dev) throw new DeviceError(`${this.description} is not open`);
    await this.dev.write(Buffer.from(bytes));
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    if (dev) await dev.close().catch(() => undefined);
  }
}
