// Work a request starts that outlives its call into the core: a backup's copy thread and the
// images it mirrors, a restore putting images back, an import's reader thread. The core's close()
// aborts `signal` (each stops at its next step: a thread is terminated, a file copy loop stops
// between files) and waits until all of it has settled, so nothing of the core writes in the data
// folder once close() has resolved.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../lib/errors';
import { threadEnd } from '../lib/thread-end';

export class CoreWork {
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();
  /** Aborted when the core begins to close. */
  readonly signal: AbortSignal = this.abort.signal;

  /** Runs `work` as the core's: close() waits for it. Refused (unavailable) once the core is closing. */
  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(new AppError('unavailable', 'the core is shutting down'));
    let p: Promise<T>;
    try {
      p = work(this.signal);
    } catch (e) {
      return Promise.reject(e);
    }
    this.keep(p);
    return p;
  }

  /**
   * A thread of the core's: counted until it has exited, terminated when the core closes (at once if
   * it is closing already). For a thread that goes on a moment after its caller has its answer.
   */
  thread(worker: Worker): Worker {
    const end = threadEnd(worker);
    this.keep(end.exited);
    if (this.signal.aborted) void end.stop();
    else {
      const stop = () => void end.stop();
      this.signal.addEventListener('abort', stop, { once: true });
      void end.exited.then(() => this.signal.removeEventListener('abort', stop));
    }
    return worker;
  }

  /** Aborts the signal; resolves once every piece of work and thread has settled. Never rejects. */
  async close(): Promise<void> {
    this.abort.abort();
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private keep(p: Promise<unknown>): void {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }
}
