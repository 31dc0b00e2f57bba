// Serial / USB virtual COM port through serialport.
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../address';
import { ByteTransport, DeviceError } from './transport';
import { serialPermissionHelp } from './udev';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({ path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId }));
}

/** Turns an OS error into what a person should check. */
export function explainSerialError(path: string, err: unknown): DeviceError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/ENOENT|No such file|cannot find/i.test(msg)) return new DeviceError(`serial port ${path} not found: is the device plugged in and switched on?`);
  if (/EACCES|Permission denied|Access denied/i.test(msg)) return new DeviceError(serialPermissionHelp(path), true);
  if (/EBUSY|Resource busy|lock/i.test(msg)) return new DeviceError(`serial port ${path} is in use by another program: close it and try again`);
  return new DeviceError(`serial port ${path}: ${msg}`);
}

export class SerialTransport extends ByteTransport {
  private port: SerialPort | undefined;
  readonly description: string;

  constructor(
    private readonly path: string,
    private readonly settings: SerialSettings,
  ) {
    super();
    this.description = `serial ${path} ${settings.baudRate} ${settings.dataBits}${settings.parity[0]!.toUpperCase()}${settings.stopBits}`;
  }

  async open(): Promise<void> {
    const port = new SerialPort({
      path: this.path,
      baudRate: this.settings.baudRate,
      dataBits: this.settings.dataBits,
      parity: this.settings.parity,
      stopBits: this.settings.stopBits,
      xon: this.settings.flowControl === 'xonxoff',
      xoff: this.settings.flowControl === 'xonxoff',
      rtscts: this.settings.flowControl === 'rtscts',
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(explainSerialError(this.path, err)) : resolve())));
    this.port = port;
    port.on('data', (d: Buffer) => this.emit('data', d));
    port.on('close', (err: Error | null) => {
      if (this.port !== port) return;
      this.port = undefined;
      this.emit('close', err ? `serial port ${this.path} closed: ${err.message} (unplugged?)` : `serial port ${this.path} closed`);
    });
    port.on('error', () => {
      /* reported through close */
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new DeviceError(`serial port ${this.path} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => (err ? reject(explainSerialError(this.path, err)) : port.drain((e) => (e ? reject(explainSerialError(this.path, e)) : resolve()))));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
