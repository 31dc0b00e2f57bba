// A network label printer on 127.0.0.1 that speaks raw port 9100: records what arrives, answers
// ~HS, prints ZPL formats (^XA ... ^XZ) and TSPL PRINT commands only once they are complete, and
// can run out of paper (then it does not answer at all), open its head, or drop a connection.
import net from 'node:net';
import { formatZplStatus } from '../codecs/zpl-status';

export interface PrintedLabel {
  language: 'zpl' | 'tspl' | 'epl';
  text: string;
  at: number;
}

export interface PrinterSimOptions {
  port?: number;
  /** close our side after each job once the client half-closes (what Zebra printers do) */
  closeOnEnd?: boolean;
}

export class PrinterSimulator {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  readonly labels: PrintedLabel[] = [];
  /** every connection's raw bytes, in arrival order */
  readonly connections: string[] = [];
  statusQueries = 0;
  paperOut = false;
  headOpen = false;
  paused = false;
  /** a faulted printer answers nothing (true) or answers ~HS with the flags set (false) */
  silentWhenFaulted = true;
  private dropAfter: number | undefined;
  private labelWaiters: { n: number; resolve: () => void }[] = [];

  constructor(private readonly opts: PrinterSimOptions = {}) {}

  async start(): Promise<number> {
    const server = net.createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.server!.address() as net.AddressInfo).port;
  }

  get address(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The next connection is cut (reset) after this many job bytes arrive. */
  dropNextConnectionAfter(bytes: number): void {
    this.dropAfter = bytes;
  }

  private get faulted(): boolean {
    return this.paperOut || this.headOpen || this.paused;
  }

  /** Resolves when `n` labels in total have printed. */
  waitForLabels(n: number, timeoutMs = 5000): Promise<void> {
    if (this.labels.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`printer simulator: ${this.labels.length} of ${n} labels after ${timeoutMs} ms`)), timeoutMs);
      this.labelWaiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
    });
  }

  private accept(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
    const index = this.connections.push('') - 1;
    const dropAfter = this.dropAfter;
    this.dropAfter = undefined;
    let pending = '';
    let jobBytes = 0;
    s.on('data', (chunk: Buffer) => {
      let text = chunk.toString('latin1');
      // ~HS is answered at once and is not part of a job
      while (text.includes('~HS')) {
        this.statusQueries++;
        if (!this.faulted || !this.silentWhenFaulted) s.write(formatZplStatus({ paperOut: this.paperOut, headOpen: this.headOpen, paused: this.paused }));
        text = text.replace(/~HS\r?\n?/, '');
      }
      if (dropAfter !== undefined && jobBytes + text.length >= dropAfter) {
        text = text.slice(0, dropAfter - jobBytes);
        this.connections[index] += text;
        pending += text;
        s.resetAndDestroy();
        return; // the partial format is discarded, as a printer does
      }
      jobBytes += text.length;
      this.connections[index] += text;
      pending += text;
      if (!this.faulted) pending = this.printComplete(pending);
    });
    s.on('end', () => {
      if (this.opts.closeOnEnd !== false) s.end();
    });
  }

  private printComplete(buf: string): string {
    for (;;) {
      const zs = buf.indexOf('^XA');
      const ze = zs >= 0 ? buf.indexOf('^XZ', zs) : -1;
      const tp = /(^|\n)PRINT[^\n]*\r?\n/.exec(buf);
      if (ze >= 0 && (!tp || zs < tp.index)) {
        this.addLabel('zpl', buf.slice(zs, ze + 3));
        buf = buf.slice(ze + 3);
      } else if (tp) {
        this.addLabel('tspl', buf.slice(0, tp.index + tp[0].length));
        buf = buf.slice(tp.index + tp[0].length);
      } else {
        return buf;
      }
    }
  }

  private addLabel(language: PrintedLabel['language'], text: string): void {
    this.labels.push({ language, text, at: Date.now() });
    this.labelWaiters = this.labelWaiters.filter((w) => (this.labels.length >= w.n ? (w.resolve(), false) : true));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
