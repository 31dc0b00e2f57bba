import { Worker } from 'node:worker_threads';
import { fstatSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Db } from './db';
import { logger } from '../../lib/log';
import { threadEnd } from '../../lib/thread-end';

const log = logger('core.store');

// SQLite copies the WAL back into the database file (a checkpoint, with two fsyncs) inside the
// commit that crosses wal_autocheckpoint pages. On the core's event loop that stalled every ~100th
// batch of orders for milliseconds and took most of the time spent committing. Here a worker
// thread with its own connection checkpoints instead, beside the writer (WAL allows that). A
// passive checkpoint never blocks the writer; when the WAL has grown large anyway (a writer that
// never pauses leaves no moment at which the whole WAL is copied and can start over), one
// RESTART checkpoint makes the next commit start the WAL from its beginning.
//
// A RESTART blocks writers while it waits and fsyncs; under sustained ingest it ran every few
// hundred milliseconds and was the worst of the latency. Given a `writerHint` (the core always
// gives one), the worker asks instead: the next writer (finishCheckpointIfAsked) checkpoints the
// few frames left right after one of its commits, so its next transaction starts the WAL over by
// itself (SQLite resets a WAL that is fully copied when a write begins). RESTART stays the last
// resort for a WAL that still grows past `hardLimitFrames`.
//
// SQLite syncs the database file only in a checkpoint that copies the whole WAL: under ingest that
// is the writer's finishing one, which then flushed every page the worker had copied since the last
// start-over (~9 ms of its ~11 ms, with every order in flight waiting). The worker now syncs the
// file after each copy, beside the writer, so the finishing checkpoint flushes only its own pages.

/** In the worker: plain CommonJS (eval), so it runs the same from source, tests and a bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.restartWaitMs);
const hint = workerData.writerHint ? new Int32Array(workerData.writerHint) : null;
const synced = new Int32Array(workerData.synced);
const { fdatasyncSync } = require('node:fs');
let copied = 0; // frames of the WAL in the database file after the last pass
let timer = null;
/** Copies what the WAL holds now into the database file and syncs it; returns the WAL's frames. */
const pass = () => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  if (workerData.syncFd >= 0 && r.checkpointed > 0 && r.checkpointed !== copied) {
    fdatasyncSync(workerData.syncFd);
    Atomics.add(synced, 0, 1);
  }
  copied = r.checkpointed;
  return r.log;
};
const tick = () => {
  try {
    let log = pass();
    if (log >= workerData.restartFrames) {
      if (hint && log < workerData.hardLimitFrames) {
        // Catch up before asking: each pass copies what was written during the one before, so the
        // writer's finishing checkpoint is left a few frames to copy, not a tick's worth.
        for (let n = 0, before = log; n < 4; n++, before = log) if ((log = pass()) - before < workerData.catchUpFrames) break;
        Atomics.add(hint, 0, 1); // ASKED: how many times, unanswered
      } else db.pragma('wal_checkpoint(RESTART)');
    }
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
  /**
   * Shared with the writers (newWriterHint, finishCheckpointIfAsked, followCheckpointer): the worker
   * counts its unanswered asks for the WAL to start over there. Without it the worker runs a
   * RESTART checkpoint itself.
   */
  writerHint?: SharedArrayBuffer;
  /** With a writer hint: WAL frames above which the worker runs a RESTART anyway. */
  hardLimitFrames?: number;
}

export interface Checkpointer {
  /** starting: the main connection still checkpoints; running: the worker does; down: failed or stopped. */
  status(): 'starting' | 'running' | 'down';
  /** How often the worker synced the database file after copying WAL frames into it. */
  syncs(): number;
  /** Stops the worker (the main connection checkpoints by itself again); resolves once it has exited, its connection closed. */
  stop(): Promise<void>;
}

// The writer hint's two slots: the worker asks for a finishing checkpoint (ASKED, read by the
// writers), and whether the worker is running (WORKER_RUNS, for the writers other than the core's).
const ASKED = 0;
const WORKER_RUNS = 1;

/** A writer hint for startCheckpointer and the writing connections (followCheckpointer). */
export const newWriterHint = () => new SharedArrayBuffer(8);

/**
 * In a writing thread, after a commit: when the checkpoint worker asked (at least `minAsks` times
 * in a row, one ask per worker tick), copy the WAL's last frames (soon after the commit, once its
 * answers are out), so the next write transaction starts the WAL from its beginning. Costs a few
 * frames and two fsyncs, once per WAL's worth of writes. The core's own writer waits for a few
 * asks: while the intake thread is writing, that thread takes the cost, not the event loop.
 */
export function finishCheckpointIfAsked(db: Db, hint: Int32Array, minAsks = 1): void {
  if (Atomics.load(hint, ASKED) < minAsks) return;
  setImmediate(() => {
    if (db.open && !db.inTransaction && Atomics.exchange(hint, ASKED, 0) >= minAsks) db.pragma('wal_checkpoint(PASSIVE)');
  });
}

/**
 * For a connection other than the core's that writes (the intake thread), after each commit: it
 * leaves checkpoints to the worker only while the worker runs, and checkpoints by itself (SQLite's
 * autocheckpoint) while the worker is starting, failed or stopped, so its writes alone never grow
 * the WAL without bound; and it finishes a checkpoint the worker asked for.
 */
export function followCheckpointer(db: Db, writerHint: SharedArrayBuffer): () => void {
  const hint = new Int32Array(writerHint);
  const own = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  let workerRuns = false;
  const follow = () => {
    const runs = Atomics.load(hint, WORKER_RUNS) === 1;
    if (runs !== workerRuns && db.open) db.pragma(`wal_autocheckpoint = ${runs ? 0 : own}`);
    workerRuns = runs;
  };
  follow();
  return () => {
    follow();
    finishCheckpointIfAsked(db, hint);
  };
}

// The descriptor the worker syncs the database file with, one per file for the life of the process.
// Closing any descriptor of a file drops every POSIX lock this process holds on it, and SQLite's
// connections (this thread's, the intake's) hold theirs for as long as they are open; SQLite defers
// closing its own descriptors for that reason, which a descriptor of ours cannot join.
// A file replaced at the same path (a restored backup) gets a descriptor of its own.
const syncFds = new Map<string, number>();
function syncFdOf(file: string): number {
  try {
    const known = syncFds.get(file);
    if (known !== undefined && fstatSync(known).ino === statSync(file).ino) return known;
    const fd = openSync(file, 'r+'); // r+: Windows flushes only a writable handle
    syncFds.set(file, fd);
    return fd;
  } catch {
    return -1; // no such file: the worker cannot open it either, and the main connection checkpoints
  }
}

/**
 * Takes checkpoints off `db`'s thread for the database file `file`. Until the worker is up, and if
 * it ever fails, the main connection keeps checkpointing by itself, so the WAL is always bounded.
 */
export function startCheckpointer(db: Db, file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const shared = opts.writerHint ? new Int32Array(opts.writerHint) : null;
  const restore = () => {
    if (shared) Atomics.store(shared, WORKER_RUNS, 0); // the other writers checkpoint by themselves again
    if (db.open) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  };
  const synced = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: opts.intervalMs ?? 100,
      restartFrames: opts.restartFrames ?? 16_384, // 64 MiB of WAL: a start-over about twice a second under ingest
      restartWaitMs: 1000,
      writerHint: opts.writerHint,
      hardLimitFrames: opts.hardLimitFrames ?? 262_144, // 1 GiB of WAL
      catchUpFrames: 256,
      syncFd: syncFdOf(file),
      synced: synced.buffer,
    },
  });
  const end = threadEnd(worker);
  let stopped = false;
  let running = false;
  worker.on('message', (m: { ready?: boolean; error?: string }) => {
    if (m.ready && !stopped && db.open) {
      db.pragma('wal_autocheckpoint = 0');
      running = true;
      if (shared) Atomics.store(shared, WORKER_RUNS, 1);
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
    syncs: () => Atomics.load(synced, 0),
    stop() {
      if (stopped) return end.exited;
      stopped = true;
      restore();
      // a worker still starting is terminated: it would open the database after the core closed it
      return running ? end.stop(() => worker.postMessage('stop')) : end.stop();
    },
  };
}
