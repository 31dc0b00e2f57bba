// Where a print job's bytes go. Each sink sends one whole job and resolves only once the printer
// (or spooler) took it; it rejects with a PrintError saying whether anything may have been sent.
import { withDefaults } from '../defaults';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { open as openFile } from 'node:fs/promises';
import type { DeviceAddress } from '../address';
import { ZPL_STATUS_QUERY, ZplStatusReader, type ZplStatus } from '../codecs/zpl-status';
import { connectTcp, explainTcpError } from './tcp';
import { SerialTransport } from './serial';

export type PrintLanguage = 'zpl' | 'tspl' | 'epl' | 'pdf' | 'raw';

export const NOT_ANSWERING = 'printer not answering: check paper and that the head is closed';

/**
 * `fault`: the printer is not ready (paper out, head open, no answer); nothing was sent.
 * `unreachable`: could not connect; nothing was sent.
 * `interrupted`: the connection broke while sending; the printer got at most part of the job
 *   (a ZPL/TSPL printer prints a format only once it is complete, so resending is safe).
 */
export class PrintError extends Error {
  constructor(
    readonly kind: 'fault' | 'unreachable' | 'interrupted',
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

export interface SendOptions {
  language: PrintLanguage;
  /** ask ~HS before the job (ZPL over TCP/serial) */
  statusCheck: boolean;
}

export interface PrinterSink {
  readonly description: string;
  send(data: Uint8Array, opts: SendOptions): Promise<void>;
  /** ~HS where the transport can answer; undefined when it cannot */
  status?(): Promise<ZplStatus>;
}

export interface TcpSinkOptions {
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** how long to wait for the printer to close its side after we finished sending */
  ackTimeoutMs?: number;
}

function readStatus(s: net.Socket, timeoutMs: number): Promise<ZplStatus> {
  return new Promise((resolve, reject) => {
    const reader = new ZplStatusReader();
    const done = (fn: () => void) => {
      clearTimeout(timer);
      s.off('data', onData);
      s.off('close', onClose);
      fn();
    };
    const onData = (d: Buffer) => {
      const r = reader.push(d);
      if (!r) return;
      if (r.kind === 'error') done(() => reject(new PrintError('fault', `printer status unreadable: ${r.message}`)));
      else done(() => resolve(r));
    };
    const onClose = () => done(() => reject(new PrintError('fault', NOT_ANSWERING)));
    const timer = setTimeout(() => done(() => reject(new PrintError('fault', NOT_ANSWERING))), timeoutMs);
    s.on('data', onData);
    s.on('close', onClose);
    s.write(ZPL_STATUS_QUERY);
  });
}

export class TcpPrinterSink implements PrinterSink {
  readonly description: string;
  private readonly o: Required<TcpSinkOptions>;

  constructor(
    private readonly host: string,
    private readonly port: number,
    opts: TcpSinkOptions = {},
  ) {
    this.description = `tcp://${host}:${port}`;
    this.o = withDefaults<Required<TcpSinkOptions>>({ connectTimeoutMs: 3000, statusTimeoutMs: 2000, ackTimeoutMs: 5000 }, opts);
  }

  private async connect(): Promise<net.Socket> {
    try {
      return await connectTcp(this.host, this.port, this.o.connectTimeoutMs);
    } catch (e) {
      throw new PrintError('unreachable', (e as Error).message);
    }
  }

  async status(): Promise<ZplStatus> {
    const s = await this.connect();
    s.on('error', () => undefined);
    try {
      return await readStatus(s, this.o.statusTimeoutMs);
    } finally {
      s.destroy();
    }
  }

  async send(data: Uint8Array, opts: SendOptions): Promise<void> {
    const s = await this.connect();
    let sockErr: Error | undefined;
    s.on('error', (e) => (sockErr = e));
    try {
      if (opts.statusCheck && opts.language === 'zpl') {
        const st = await readStatus(s, this.o.statusTimeoutMs);
        if (st.problems.length) throw new PrintError('fault', `printer not ready: ${st.problems.join('; ')}`);
      }
      // Done = every byte handed over and the printer closed its side in answer to our FIN.
      // A reset or error before that means the job did not (completely) arrive.
      await new Promise<void>((resolve, reject) => {
        let finished = false;
        const timer = setTimeout(() => {
          // Printer keeps the connection open after a complete, error-free transfer: accepted.
          if (finished && !sockErr) resolve();
          else reject(new PrintError('interrupted', `${this.description} stopped taking data`));
        }, this.o.ackTimeoutMs);
        s.once('end', () => {
          clearTimeout(timer);
          if (finished && !sockErr) resolve();
          else reject(new PrintError('interrupted', `${this.description} closed the connection before the job was complete`));
        });
        s.once('close', () => {
          clearTimeout(timer);
          reject(new PrintError('interrupted', `${this.description} dropped the connection mid-job${sockErr ? ` (${explainTcpError(this.host, this.port, sockErr).message})` : ''}`));
        });
        s.end(data, () => {
          finished = true;
        });
      });
    } finally {
      s.destroy();
    }
  }
}

/** CUPS: `lp -d <printer> -o raw` for label languages, plain `lp -d <printer>` for PDF. */
export class SpoolPrinterSink implements PrinterSink {
  readonly description: string;
  constructor(
    private readonly printer: string,
    private readonly lpCommand = 'lp',
  ) {
    this.description = `spool:${printer}`;
  }

  send(data: Uint8Array, opts: SendOptions): Promise<void> {
    const args = ['-d', this.printer, ...(opts.language === 'pdf' ? [] : ['-o', 'raw'])];
    return new Promise((resolve, reject) => {
      const child = spawn(this.lpCommand, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('error', (e) => {
        const code = (e as NodeJS.ErrnoException).code;
        reject(new PrintError('unreachable', code === 'ENOENT' ? `the CUPS "${this.lpCommand}" command is not installed: install cups-client (apt install cups-client)` : `cannot run ${this.lpCommand}: ${e.message}`));
      });
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new PrintError(/not exist|unknown/i.test(err) ? 'fault' : 'unreachable', `CUPS refused the job for "${this.printer}" (lp exit ${code}): ${err.trim() || 'no message'}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(Buffer.from(data));
    });
  }
}

/** A printer device node such as /dev/usb/lp0 (or any file, for a test). */
export class FilePrinterSink implements PrinterSink {
  readonly description: string;
  constructor(private readonly path: string) {
    this.description = `file:${path}`;
  }

  async send(data: Uint8Array): Promise<void> {
    let fh;
    try {
      fh = await openFile(this.path, 'a');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist: is the USB printer plugged in and switched on?' : code === 'EACCES' ? 'is not writable: add the user to the lp group (sudo usermod -aG lp $USER) and log in again' : (e as Error).message;
      throw new PrintError('unreachable', `${this.path} ${why}`);
    }
    try {
      await fh.write(data);
    } catch (e) {
      throw new PrintError('interrupted', `writing to ${this.path} failed: ${(e as Error).message}`);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }
}

/** A serial printer: open, write, drain, close. */
export class SerialPrinterSink implements PrinterSink {
  readonly description: string;
  constructor(private readonly addr: Extract<DeviceAddress, { kind: 'serial' }>) {
    this.description = `serial:${addr.path}`;
  }
  async send(data: Uint8Array): Promise<void> {
    const t = new SerialTransport(this.addr.path, this.addr);
    try {
      await t.open();
    } catch (e) {
      throw new PrintError('unreachable', (e as Error).message);
    }
    try {
      await t.write(data);
    } catch (e) {
      throw new PrintError('interrupted', (e as Error).message);
    } finally {
      await t.close();
    }
  }
}

export function sinkFor(addr: DeviceAddress, tcp: TcpSinkOptions = {}): PrinterSink {
  switch (addr.kind) {
    case 'tcp':
      return new TcpPrinterSink(addr.host, addr.port, tcp);
    case 'spool':
      return new SpoolPrinterSink(addr.printer);
    case 'file':
      return new FilePrinterSink(addr.path);
    case 'serial':
      return new SerialPrinterSink(addr);
    case 'hid':
      throw new PrintError('unreachable', 'printers are not driven over HID: use tcp://, spool:, file: or serial:');
  }
}
