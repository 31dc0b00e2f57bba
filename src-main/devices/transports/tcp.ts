// TCP byte stream (scanners / scales on a serial server, printers on port 9100).
import net from 'node:net';
import { ByteTransport, DeviceError } from './transport';

export function explainTcpError(host: string, port: number, err: unknown): DeviceError {
  const e = err as NodeJS.ErrnoException;
  const where = `${host}:${port}`;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new DeviceError(`${where} refused the connection: is it the right port (9100 for raw printing)?`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new DeviceError(`${where} is unreachable: check the network cable and the IP address`);
    case 'ETIMEDOUT':
      return new DeviceError(`${where} did not answer: is it switched on and on this network?`);
    case 'ENOTFOUND':
      return new DeviceError(`host name ${host} is unknown: use the printer's IP address`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new DeviceError(`${where} dropped the connection`);
    default:
      return new DeviceError(`${where}: ${e?.message ?? String(err)}`);
  }
}

export function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      s.destroy();
      reject(explainTcpError(host, port, Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    }, timeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      s.setKeepAlive(true, 5000);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(explainTcpError(host, port, err));
    });
  });
}

export class TcpTransport extends ByteTransport {
  private socket: net.Socket | undefined;
  readonly description: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 3000,
  ) {
    super();
    this.description = `tcp ${host}:${port}`;
  }

  async open(): Promise<void> {
    const s = await connectTcp(this.host, this.port, this.connectTimeoutMs);
    this.socket = s;
    s.on('data', (d) => this.emit('data', d));
    s.on('error', () => undefined);
    s.on('close', () => {
      if (this.socket !== s) return;
      this.socket = undefined;
      this.emit('close', `${this.host}:${this.port} closed the connection`);
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const s = this.socket;
    if (!s) throw new DeviceError(`${this.description} is not connected`);
    await new Promise<void>((resolve, reject) => s.write(bytes, (err) => (err ? reject(explainTcpError(this.host, this.port, err)) : resolve())));
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    s?.destroy();
  }
}
