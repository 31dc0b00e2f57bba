// The core's side of the sender thread: started on the first batch, stopped after a minute without
// one (a shop without write-backs keeps no thread), never keeping the process alive by itself; a
// thread of the core's work (core-work.ts), so the core's close() ends it and waits for it.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../../lib/worker-entry';
import { logger } from '../../../lib/log';
import type { SendBatch, SendOutcome, SenderAnswer, SenderRequest } from './sender';
import type { CoreWork } from '../../core-work';

const log = logger('core.channels');
const IDLE_MS = 60_000;

export class SenderThread {
  private worker: Worker | null = null;
  private waiting = new Map<number, { worker: Worker; resolve: (o: SendOutcome[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly work: CoreWork) {}

  /** The batch's outcomes; rejects when the thread stopped first (nothing of it is known: its items stay due). */
  send(batch: SendBatch): Promise<SendOutcome[]> {
    const w = this.worker ?? this.startWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const batchId = this.nextId++;
    return new Promise<SendOutcome[]>((resolve, reject) => {
      this.waiting.set(batchId, { worker: w, resolve, reject });
      w.postMessage({ batchId, batch } satisfies SenderRequest);
    }).finally(() => {
      if (this.waiting.size === 0 && this.worker === w) {
        this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
        this.idleTimer.unref();
      }
    });
  }

  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
  }

  private startWorker(): Worker {
    const { url, execArgv } = workerEntry(import.meta.url, 'sender-worker');
    const w = this.work.thread(new Worker(url, { execArgv }));
    w.unref();
    w.on('message', (m: SenderAnswer) => {
      this.waiting.get(m.batchId)?.resolve(m.outcomes);
      this.waiting.delete(m.batchId);
    });
    const stopped = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.waiting) {
        if (p.worker !== w) continue;
        p.reject(e);
        this.waiting.delete(id);
      }
    };
    w.on('error', (e) => {
      log.error({ err: e }, 'the write-back sender thread failed');
      stopped(e);
    });
    w.on('exit', (code) => stopped(new Error(`the write-back sender thread stopped (exit code ${code})`)));
    this.worker = w;
    return w;
  }
}
