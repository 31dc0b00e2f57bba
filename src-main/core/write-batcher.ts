import { savepoint, changeCounter, beginImmediate, tryBeginImmediate, commit, rollback, settleWrites, type Db } from './store/db';

/**
 * Taken around each transaction of a batcher (enter before BEGIN, leave after COMMIT or ROLLBACK):
 * two writers in one process agree who goes next instead of waiting in SQLite's busy handler
 * (orders/intake/write-gate.ts).
 */
export interface WriteGate {
  enter(): void;
  leave(): void;
  /** Enters only if the other side is not in a transaction (then leave() as after enter()); never waits. */
  tryEnter?(): boolean;
}

type Job = { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; v: unknown } | { ok: false; e: unknown };

/**
 * Group commit: writes that arrive together run in one SQLite transaction, and every caller is
 * answered only after the commit. One commit per batch instead of per request is what lifts
 * ingest past a few thousand orders a second.
 *
 * Each job still succeeds or fails on its own. Jobs validate before they write, so a refused job
 * has nothing to undo and the batch runs without a savepoint per job (a savepoint around writes
 * costs about as much as the writes). A job that fails after it has written something is caught
 * by SQLite's change counter: then the whole batch is rolled back and run again with every job in
 * its own savepoint. A job may therefore run twice; it must not change anything outside the
 * database except through what it returns.
 */
export class WriteBatcher {
  private queue: Job[] = [];
  private scheduled = false;
  /** Batches that fell back to one savepoint per job (for tests and diagnostics). */
  isolatedBatches = 0;
  /** Batches committed and jobs run, for diagnostics (jobs / batches is the mean batch size). */
  batches = 0;
  jobs = 0;

  constructor(
    private readonly db: Db,
    private readonly afterCommit: () => void,
    private readonly maxBatch = 1000,
    private readonly gate?: WriteGate,
  ) {}

  /** fn between the gate's enter and leave (no gate: fn). */
  private gated<T>(fn: () => T): T {
    if (!this.gate) return fn();
    this.gate.enter();
    try {
      return fn();
    } finally {
      this.gate.leave();
    }
  }

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * One job per item, `chunk` items at a time (each chunk commits before the next is queued, so
   * other requests are served in between); every item settles on its own.
   */
  async runEach<I, T>(items: readonly I[], fn: (item: I, index: number) => T, chunk: number): Promise<PromiseSettledResult<T>[]> {
    const out: PromiseSettledResult<T>[] = [];
    for (let start = 0; start < items.length; start += chunk) {
      const jobs = items.slice(start, start + chunk).map((item, i) => this.run(() => fn(item, start + i)));
      out.push(...(await Promise.allSettled(jobs)));
    }
    return out;
  }

  /**
   * A batch of one job, run now, synchronously, for a writer that gathers its own batches (the
   * order intake thread): the same rules as a batch, so a job that fails after writing is rolled
   * back and run once more in a savepoint. Returns after the commit; throws what the job threw.
   */
  commitNow<T>(fn: () => T): T {
    const [o] = this.now([fn], true);
    if (!o!.ok) throw o!.e;
    return o!.v as T;
  }

  /** Jobs run now in one transaction, each in a savepoint of its own: every one succeeds or fails by itself. */
  commitEachNow<T>(fns: readonly (() => T)[]): PromiseSettledResult<T>[] {
    return this.now(fns, false).map((o) => (o.ok ? { status: 'fulfilled', value: o.v as T } : { status: 'rejected', reason: o.e }));
  }

  private now(fns: readonly (() => unknown)[], together: boolean): Outcome[] {
    const jobs: Job[] = fns.map((fn) => ({ fn, resolve: () => {}, reject: () => {} }));
    this.batches++;
    this.jobs += jobs.length;
    const outcomes = this.gated(() => (together ? this.runTogether(jobs) : null) ?? this.runIsolated(jobs));
    this.afterCommit();
    return outcomes;
  }

  /**
   * A background job (a follower catching up: the board, the search index) that never waits on
   * this thread for another connection's write lock: waiting there (busy_timeout) stalled every
   * request on the core's loop while the order intake thread wrote. The lock is tried without
   * waiting, again after `retryMs` while it is held (doubling up to 16 ms: a refused BEGIN costs an
   * exception); after `patienceMs` the job queues as run() does, so it is never put off for good.
   * It commits alone; it may not run twice (no retry). With a gate it also says it is writing, so
   * the other writer waits on the gate (woken at this commit) instead of in SQLite's busy handler,
   * whose sleeps (1, 2, 5, 10 ms) kept a webhook's commit waiting 8-19 ms behind a 1 ms job.
   */
  runWhenFree<T>(fn: () => T, retryMs = 2, patienceMs = 2000): Promise<T> {
    const giveUpAt = performance.now() + patienceMs;
    let wait = retryMs;
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        if (performance.now() > giveUpAt) return void this.run(fn).then(resolve, reject);
        const gate = this.gate?.tryEnter ? this.gate : undefined;
        // tryEnter takes its own mark back when the other writer is in a transaction: leave only after entering.
        const entered = !gate || gate.tryEnter!();
        let began: boolean;
        try {
          began = entered && tryBeginImmediate(this.db);
        } catch (e) {
          gate?.leave();
          return reject(e);
        }
        if (!began) {
          if (entered) gate?.leave();
          setTimeout(attempt, wait);
          wait = Math.min(16, wait * 2);
          return;
        }
        this.batches++;
        this.jobs++;
        let v: T;
        try {
          v = fn();
          settleWrites(this.db);
          commit(this.db);
        } catch (e) {
          rollback(this.db);
          return reject(e);
        } finally {
          gate?.leave();
        }
        resolve(v);
        this.afterCommit();
      };
      setImmediate(attempt);
    });
  }

  /** Runs a write now, alone, in its own transaction (for start-up and tests). */
  runNow<T>(fn: () => T): T {
    const r = this.gated(() => savepoint(this.db, fn));
    this.afterCommit();
    return r;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    this.batches++;
    this.jobs += batch.length;
    let outcomes: Outcome[];
    try {
      outcomes = this.gated(() => this.runTogether(batch) ?? this.runIsolated(batch));
    } catch (e) {
      // The commit itself failed: nothing of this batch is stored, so nobody gets a success.
      for (const job of batch) job.reject(e);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.v);
      else job.reject(o.e);
    });
    this.afterCommit();
  }

  /**
   * The fast path: every job in one transaction, no savepoints. Returns null (with the transaction
   * rolled back) when a job failed after writing, or when SQLite itself dropped the transaction.
   */
  private runTogether(batch: Job[]): Outcome[] | null {
    const changes = changeCounter(this.db);
    beginImmediate(this.db);
    const outcomes: Outcome[] = [];
    try {
      for (const job of batch) {
        const before = changes();
        try {
          const v = job.fn();
          // PostgreSQL: a write sent without waiting fails its own job (a lone job's go with the COMMIT: one round trip less)
          if (batch.length > 1) settleWrites(this.db);
          outcomes.push({ ok: true, v });
        } catch (e) {
          // total_changes() also counts rows of a statement that was aborted and undone, so this
          // errs towards the slow path, never towards keeping half a job.
          if (!this.db.inTransaction || changes() !== before) {
            rollback(this.db);
            return null;
          }
          outcomes.push({ ok: false, e });
        }
      }
      commit(this.db);
    } catch (e) {
      rollback(this.db);
      throw e;
    }
    return outcomes;
  }

  /** The slow path: the batch again, each job in its own savepoint, so a failing one leaves nothing. */
  private runIsolated(batch: Job[]): Outcome[] {
    this.isolatedBatches++;
    const outcomes: Outcome[] = [];
    savepoint(this.db, () => {
      for (const job of batch) {
        try {
          outcomes.push({ ok: true, v: savepoint(this.db, job.fn) });
        } catch (e) {
          outcomes.push({ ok: false, e });
        }
      }
    });
    return outcomes;
  }
}
