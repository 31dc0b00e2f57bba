import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './db';
import { logger } from '../../lib/log';

const log = logger('core.store');

// SQLite copies the WAL back into the database file (a checkpoint, with two fsyncs) inside the
// commit that crosses wal_autocheckpoint pages. On the core's event loop that stalled every ~100th
// batch of orders for milliseconds and took most of the time spent committing. Here a worker
// thread with its own connection checkpoints instead, beside the writer (WAL allows that). A
// passive checkpoint never blocks the writer; when the WAL has grown large anyway (a writer that
// never pauses leaves no moment at which the whole WAL is copied and can start over), one
// RESTART checkpoint makes the next commit start the WAL from its beginning.

/** In the worker: plain CommonJS (eval), so it runs the same from source, tests and a bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.restartWaitMs);
let timer = null;
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log >= workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
timer = setTimeout(tick, workerData.intervalMs);
`;

export interface CheckpointerOptions {
  /** How often the worker checkpoints (ms). */
  intervalMs?: number;
  /** WAL frames (pages) above which the worker makes the WAL start over. */
  restartFrames?: number;
}

export interface Checkpointer {
  /** starting: the main connection still checkpoints; running: the worker does; down: failed or stopped. */
  status(): 'starting' | 'running' | 'down';
  /** Stops the worker; the main connection checkpoints by itself again. */
  stop(): void;
}

/**
 * Takes checkpoints off `db`'s thread for the database file `file`. Until the worker is up, and if
 * it ever fails, the main connection keeps checkpointing by itself, so the WAL is always bounded.
 */
export function startCheckpointer(db: Db, file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: opts.intervalMs ?? 100,
      restartFrames: opts.restartFrames ?? 8192,
      restartWaitMs: 1000,
    },
  });
  let stopped = false;
  let running = false;
  worker.on('message', (m: { ready?: boolean; error?: string }) => {
    if (m.ready && !stopped && db.open) {
      db.pragma('wal_autocheckpoint = 0');
      running = true;
    }
    if (m.error) log.warn({ error: m.error }, 'background checkpoint failed');
  });
  const down = (why: string) => {
    if (!stopped) log.warn({ why }, 'checkpoint worker stopped; checkpointing on the main thread again');
    stopped = true;
    restore();
  };
  worker.on('error', (e) => down(e.message));
  worker.on('exit', (code) => down(`exited with code ${code}`));
  worker.unref(); // never keeps the process alive
  return {
    status: () => (stopped ? 'down' : running ? 'running' : 'starting'),
    stop() {
      if (stopped) return;
      stopped = true;
      restore();
      worker.postMessage('stop');
    },
  };
}
