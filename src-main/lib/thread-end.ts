import type { Worker } from 'node:worker_threads';

/** How long a thread asked to end may take before it is terminated (ms). */
const GRACE_MS = 5000;

export interface ThreadEnd {
  /** Resolves once the thread has gone, whatever ended it: its SQLite connections are closed with it. */
  exited: Promise<void>;
  /**
   * Ends the thread: `ask` asks it to end by itself (a message it answers by closing its database),
   * and it is terminated if it is still there `graceMs` later; without `ask` it is terminated now
   * (a thread still starting, or one whose work may be cut short). Resolves when it has gone; never rejects.
   */
  stop(ask?: () => void, graceMs?: number): Promise<void>;
}

/**
 * Follows a worker thread's end from when it is started (an 'exit' listened for later may have
 * happened already), so the code that started it can wait until the thread no longer touches its
 * files: the core's close() resolves only then (core.ts).
 */
export function threadEnd(worker: Worker): ThreadEnd {
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  return {
    exited,
    stop(ask, graceMs = GRACE_MS) {
      if (gone) return exited;
      worker.ref(); // the process waits for the thread to let go of its files (an idle one is unref'd)
      if (!ask) {
        void worker.terminate();
        return exited;
      }
      ask();
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      return exited.then(() => clearTimeout(timer));
    },
  };
}
