// Who writes next, between the core's writer and the order intake thread (two connections to one
// SQLite file in one process). Left to SQLite, the core's writer (the board follower, the search
// indexer, a lead's action) found the database locked by the thread, which takes it again a few
// microseconds after each commit, and slept in SQLite's busy handler (1, 2, 5, 10 ms and more: up
// to 79 ms at a time under ingest, ~3% of the event loop), with every HTTP request waiting behind
// it. Here the core says it wants the database; the thread steps aside before its next batch, and
// the core waits only for the batch in progress, woken the moment it commits. SQLite's lock stays
// what keeps the writes apart (other processes, a checkpoint): the gate only orders the two.
import type { WriteGate } from '../../../write-batcher';

/** [WANT] the core wants to write or is writing; [BUSY] the thread is in a transaction. */
const WANT = 0;
const BUSY = 1;
/** Longest wait on the other side before trying anyway (then SQLite's busy handler decides, as without a gate). */
const MAX_WAIT_MS = 100;

/** The memory both sides share: made by the core, handed to the thread with its start data. */
export const newWriteGate = () => new SharedArrayBuffer(8);

/** The core's side: it goes first, and waits for a transaction the thread has begun. */
export function coreWriteGate(shared: SharedArrayBuffer): WriteGate {
  const a = new Int32Array(shared);
  return {
    enter() {
      Atomics.store(a, WANT, 1);
      const until = performance.now() + MAX_WAIT_MS;
      while (Atomics.load(a, BUSY) === 1 && performance.now() < until) Atomics.wait(a, BUSY, 1, 5);
    },
    leave() {
      Atomics.store(a, WANT, 0);
      Atomics.notify(a, WANT);
    },
    // Mark first, then look, as the thread does: the two cannot both go ahead.
    tryEnter() {
      Atomics.store(a, WANT, 1);
      if (Atomics.load(a, BUSY) === 0) return true;
      this.leave();
      return false;
    },
  };
}

/** The thread stopped (it may have died inside a transaction): the core no longer waits for it. */
export function threadGone(shared: SharedArrayBuffer): void {
  const a = new Int32Array(shared);
  Atomics.store(a, BUSY, 0);
  Atomics.notify(a, BUSY);
}

/** The intake thread's side: it marks its transaction, and steps aside while the core wants the database. */
export function threadWriteGate(shared: SharedArrayBuffer): WriteGate {
  const a = new Int32Array(shared);
  return {
    enter() {
      const until = performance.now() + MAX_WAIT_MS;
      for (;;) {
        // Mark first, then look (both sequentially consistent): the core and the thread cannot both miss the other.
        Atomics.store(a, BUSY, 1);
        if (Atomics.load(a, WANT) === 0 || performance.now() >= until) return;
        Atomics.store(a, BUSY, 0);
        Atomics.notify(a, BUSY);
        Atomics.wait(a, WANT, 1, 5);
      }
    },
    leave() {
      Atomics.store(a, BUSY, 0);
      Atomics.notify(a, BUSY);
    },
  };
}
