// One print queue per printer: jobs go out in order, failed attempts are retried with backoff,
// every step is journalled before and after (see print-journal.ts), and the printer's state
// (connected / waiting / fault) is reported as it is learnt.
import { withDefaults } from './defaults';
import { randomUUID } from 'node:crypto';
import { Emitter, type DriverState } from './events';
import { PrintJournal } from './print-journal';
import { PrintError, type PrinterSink, type PrintLanguage } from './transports/printer-sinks';
import { logger } from '../lib/log';

const log = logger('devices.print-queue');

export type JobState = 'queued' | 'printing' | 'printed' | 'retrying' | 'uncertain' | 'cancelled';

export interface JobInfo {
  id: string;
  label?: string;
  language: PrintLanguage;
  bytes: number;
  state: JobState;
  attempts: number;
  reason?: string;
}

export type PrintQueueEvents = {
  job: [JobInfo];
  state: [DriverState];
};

export interface PrintQueueOptions {
  /** ask the printer for ~HS before each ZPL job */
  statusCheck?: boolean;
  backoffMs?: { min: number; max: number };
  /** poll the printer's status while idle, so paper-out shows before the next job; 0 = never */
  probeIntervalMs?: number;
}

interface QueuedJob extends JobInfo {
  data: Uint8Array;
  done: { resolve: () => void; reject: (e: Error) => void }[];
}

export class PrintQueue extends Emitter<PrintQueueEvents> {
  private jobsList: QueuedJob[] = [];
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private current: DriverState = { status: 'disconnected', since: Date.now() };
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly opts: Required<PrintQueueOptions>;

  constructor(
    readonly sink: PrinterSink,
    private readonly journal: PrintJournal,
    opts: PrintQueueOptions = {},
  ) {
    super();
    this.opts = withDefaults<Required<PrintQueueOptions>>({ statusCheck: true, backoffMs: { min: 200, max: 5000 }, probeIntervalMs: 0 }, opts);
  }

  get state(): DriverState {
    return this.current;
  }

  /** Opens the journal and picks up jobs left from the last run. */
  start(): void {
    if (this.running) return;
    for (const j of this.journal.open()) {
      this.jobsList.push({ id: j.id, label: j.label, language: j.language, bytes: j.data.length, data: j.data, attempts: j.attempts, done: [],
        state: j.state === 'uncertain' ? 'uncertain' : 'queued',
        reason: j.state === 'uncertain' ? 'the app stopped while this job was being sent: it may have printed. Reprint or discard it.' : undefined });
    }
    if (this.jobsList.length) log.info({ jobs: this.jobsList.length, printer: this.sink.description }, 'print jobs picked up from the journal');
    this.running = true;
    this.setState('waiting', 'checking printer');
    this.loop = this.run().catch((e: Error) => {
      // a bug, not a printer problem: say so instead of crashing the station
      log.error({ err: e.message, printer: this.sink.description }, 'print queue stopped by an internal error');
      this.setState('fault', `print queue stopped by an internal error: ${e.message}`);
    });
    this.scheduleProbe(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.probeTimer);
    this.wake?.();
    await this.loop;
    this.journal.close();
    this.setState('disconnected');
  }

  jobs(): JobInfo[] {
    return this.jobsList.map(({ data: _d, done: _w, ...info }) => ({ ...info }));
  }

  /** Queues a job (durably: it is on disk when this returns) and returns its id. */
  enqueue(data: Uint8Array, opts: { language: PrintLanguage; label?: string }): string {
    const id = `job_${randomUUID()}`;
    this.journal.append({ t: 'queued', id, at: new Date().toISOString(), language: opts.language, data: Buffer.from(data).toString('base64'), label: opts.label });
    const job: QueuedJob = { id, label: opts.label, language: opts.language, bytes: data.length, data, state: 'queued', attempts: 0, done: [] };
    this.jobsList.push(job);
    this.emitJob(job);
    this.wake?.();
    return id;
  }

  /** Resolves when the job has printed; rejects if it is cancelled. */
  whenPrinted(id: string): Promise<void> {
    const job = this.jobsList.find((j) => j.id === id);
    if (!job) return Promise.resolve(); // already printed and gone
    return new Promise((resolve, reject) => job.done.push({ resolve, reject }));
  }

  async print(data: Uint8Array, opts: { language: PrintLanguage; label?: string }): Promise<string> {
    const id = this.enqueue(data, opts);
    await this.whenPrinted(id);
    return id;
  }

  /** A person decides about a job that may have printed before a crash. */
  resolveUncertain(id: string, decision: 'reprint' | 'discard'): void {
    const job = this.jobsList.find((j) => j.id === id && j.state === 'uncertain');
    if (!job) throw new PrintError('fault', `job ${id} is not waiting for a decision`);
    if (decision === 'discard') return this.cancel(id, 'discarded after a restart (it had probably printed)');
    this.journal.append({ t: 'released', id, at: new Date().toISOString() });
    job.state = 'queued';
    job.reason = undefined;
    this.emitJob(job);
    this.wake?.();
  }

  cancel(id: string, reason = 'cancelled'): void {
    const i = this.jobsList.findIndex((j) => j.id === id);
    if (i < 0) return;
    const job = this.jobsList[i]!;
    if (job.state === 'printing') throw new PrintError('fault', `job ${id} is being sent right now and cannot be cancelled`);
    this.journal.append({ t: 'cancelled', id, at: new Date().toISOString(), reason });
    this.jobsList.splice(i, 1);
    job.state = 'cancelled';
    job.reason = reason;
    this.emitJob(job);
    for (const w of job.done) w.reject(new PrintError('fault', `job ${id} ${reason}`));
  }

  private emitJob(j: QueuedJob): void {
    const { data: _d, done: _w, ...info } = j;
    this.emit('job', { ...info });
  }

  private setState(status: DriverState['status'], reason?: string): void {
    if (this.current.status === status && this.current.reason === reason) return;
    this.current = { status, reason, since: Date.now() };
    this.emit('state', this.current);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let backoff = this.opts.backoffMs.min;
    while (this.running) {
      const job = this.jobsList.find((j) => j.state === 'queued' || j.state === 'retrying');
      if (!job) {
        if (this.current.status === 'waiting' && this.current.reason === 'checking printer' && !this.sink.status) this.setState('connected');
        await this.sleep(3_600_000);
        continue;
      }
      job.attempts++;
      job.state = 'printing';
      this.journal.append({ t: 'sending', id: job.id, at: new Date().toISOString(), attempt: job.attempts });
      this.emitJob(job);
      try {
        await this.sink.send(job.data, { language: job.language, statusCheck: this.opts.statusCheck });
      } catch (e) {
        const err = e instanceof PrintError ? e : new PrintError('interrupted', (e as Error).message);
        // Not printed (or only part of a format, which the printer discards): safe to resend.
        this.journal.append({ t: 'retry', id: job.id, at: new Date().toISOString(), reason: err.message });
        job.state = 'retrying';
        job.reason = err.message;
        this.emitJob(job);
        this.setState(err.kind === 'fault' ? 'fault' : 'waiting', err.message);
        log.warn({ job: job.id, attempt: job.attempts, printer: this.sink.description, err: err.message }, 'print attempt failed; will retry');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.opts.backoffMs.max);
        continue;
      }
      this.journal.append({ t: 'done', id: job.id, at: new Date().toISOString() }, false);
      backoff = this.opts.backoffMs.min;
      this.jobsList.splice(this.jobsList.indexOf(job), 1);
      job.state = 'printed';
      job.reason = undefined;
      this.setState('connected');
      this.emitJob(job);
      for (const w of job.done) w.resolve();
    }
  }

  private scheduleProbe(delay: number): void {
    if (!this.sink.status) return;
    if (delay > 0 && !this.opts.probeIntervalMs) return; // only the first probe at start
    this.probeTimer = setTimeout(async () => {
      if (!this.running) return;
      if (!this.jobsList.some((j) => j.state === 'printing')) {
        try {
          const st = await this.sink.status!();
          if (!this.jobsList.some((j) => j.state === 'printing')) this.setState(st.problems.length ? 'fault' : 'connected', st.problems.join('; ') || undefined);
        } catch (e) {
          this.setState(e instanceof PrintError && e.kind === 'fault' ? 'fault' : 'waiting', (e as Error).message);
        }
      }
      if (this.opts.probeIntervalMs) this.scheduleProbe(this.opts.probeIntervalMs);
    }, delay);
    this.probeTimer.unref?.();
  }
}
