// Keeps one transport open: opens it, notices when it goes away, reopens with backoff, and
// reports the state in words. Drivers put their protocol on top through onOpen.
import { Emitter, type DriverState } from '../events';
import { DeviceError, type ByteTransport } from '../transports/transport';
import { logger } from '../../lib/log';

const log = logger('devices.supervisor');

export interface Backoff {
  min: number;
  max: number;
}

export class ConnectionSupervisor extends Emitter<{ state: [DriverState] }> {
  private running = false;
  private loop: Promise<void> | undefined;
  private stopNow: (() => void) | undefined;
  private current: DriverState = { status: 'disconnected', since: Date.now() };
  transport: ByteTransport | undefined;

  constructor(
    private readonly name: string,
    private readonly makeTransport: () => ByteTransport,
    private readonly onOpen: (t: ByteTransport) => void | Promise<void>,
    private readonly onClose: () => void = () => undefined,
    private readonly backoff: Backoff = { min: 250, max: 5000 },
  ) {
    super();
  }

  get state(): DriverState {
    return this.current;
  }

  setState(status: DriverState['status'], reason?: string): void {
    if (this.current.status === status && this.current.reason === reason) return;
    this.current = { status, reason, since: Date.now() };
    log.info({ device: this.name, status, reason }, 'device state');
    this.emit('state', this.current);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((e: Error) => {
      log.error({ device: this.name, err: e.message }, 'device loop stopped by an internal error');
      this.setState('fault', `internal error: ${e.message}`);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopNow?.();
    await this.loop;
    this.setState('disconnected');
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.stopNow = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let delay = this.backoff.min;
    while (this.running) {
      const t = this.makeTransport();
      try {
        await t.open();
      } catch (e) {
        const err = e instanceof DeviceError ? e : new DeviceError((e as Error).message);
        // A permission problem is a fault a person must fix; we still retry, slowly.
        this.setState(err.permanent ? 'fault' : 'waiting', err.message);
        await this.wait(err.permanent ? this.backoff.max : delay);
        delay = Math.min(delay * 2, this.backoff.max);
        continue;
      }
      if (!this.running) {
        await t.close();
        break;
      }
      delay = this.backoff.min;
      this.transport = t;
      const closed = new Promise<string>((resolve) => {
        t.once('close', resolve);
        this.stopNow = () => resolve('stopped');
      });
      this.setState('connected');
      try {
        await this.onOpen(t);
      } catch (e) {
        log.warn({ device: this.name, err: (e as Error).message }, 'device setup after open failed');
      }
      const reason = await closed;
      this.transport = undefined;
      this.onClose();
      await t.close().catch(() => undefined);
      if (this.running) {
        this.setState('waiting', `${reason}; reconnecting`);
        await this.wait(delay);
      }
    }
  }
}
