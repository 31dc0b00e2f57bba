// The rules at work beside the core: the follower runs them on every order change shortly after its
// commit (whichever path made it: POST /api/orders, bulk and CSV import through the intake thread,
// channels, a lead's action), in small write jobs on the core's writer, as the search indexer does;
// the clock sweep releases timed holds and fills the lead's queue; after a rule change, every open
// order is evaluated again in a worker thread, which also writes the orders whose outcome changed
// (on a SQLite file; else they are applied here). New orders are not followed: the rules run on them
// in the transaction that creates them (actions/on-arrival.ts).
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../../context';
import type { WriteBatcher } from '../../write-batcher';
import type { Reevaluation } from '../../../contract/rules';
import { logger } from '../../../lib/log';
import { workerEntry } from '../../../lib/worker-entry';
import { threadEnd, type ThreadEnd } from '../../../lib/thread-end';
import { followChanges } from './actions/follow-changes';
import { startSweep, type SweepResult } from './actions/sweep';
import { applyChanged, reevaluatePage, type Changed } from './reevaluate';
import { systemClock } from '../../../lib/clock';
import { isPostgresUrl } from '../../store/db';
import type { ReevaluateMessage, ReevaluateStart } from './reevaluate-protocol';
import { activeRules, buyerCounts, needsBuyer } from './queries';
import { countOpenOrders, selectCursor, selectNewestEventId } from './store';
import { getSettings } from '../settings/queries';

const log = logger('core.rules');

/** How often the follower looks for changes (ms): rules act within about this of a change. */
const FOLLOW_EVERY_MS = 100;
/** Changes evaluated per write job: a few milliseconds of the writer under ingest, so benches wait little. */
const FOLLOW_BATCH = 100;
/** Events looked at per write job: under ingest most are creations, passed over in SQL. */
const FOLLOW_WINDOW = 5000;
/** How often the clock sweep runs (ms). */
const SWEEP_EVERY_MS = 15_000;
/** Changed orders applied per write job during a re-evaluation. */
const APPLY_CHUNK = 100;

export interface RulesRuntime {
  /** Resolves when every order change committed before the call has been through the rules. */
  flush(): Promise<void>;
  /** The clock's work now (the lead's "check now", tests with an injected clock). */
  sweep(): Promise<SweepResult>;
  /** Evaluates every open order again (after a rule change); resolves when it is applied. */
  reevaluate(): Promise<Reevaluation>;
  /** Progress of the re-evaluation, and how far the follower is behind the log. */
  reevaluation(): Reevaluation;
  /** Stops the timers and a re-evaluation's thread; resolves once that thread has exited (its connection closed). */
  stop(): Promise<void>;
}

/** `committed`: what the core does after a commit it did not make itself (publish it to its change feed). */
export function startRules(ctx: CoreContext, writes: WriteBatcher, file: string, committed: () => void = () => {}): RulesRuntime {
  let stopped = false;
  let following: Promise<void> | null = null;

  const catchUp = async () => {
    while (!stopped && (await writes.run(() => followChanges(ctx, FOLLOW_BATCH, FOLLOW_WINDOW))).more);
  };
  const follow = (): Promise<void> => {
    if (following || stopped) return following ?? Promise.resolve();
    // No rules: nothing to run, and no write job on the core's writer (the first rule moves the cursor on).
    if (activeRules(ctx.db).length === 0 || selectNewestEventId(ctx.db) <= selectCursor(ctx.db)) return Promise.resolve();
    following = catchUp()
      .catch((e: unknown) => log.error({ err: (e as Error)?.message }, 'running the rules on changed orders failed; trying again shortly'))
      .finally(() => (following = null));
    return following;
  };
  // A read that throws in the timer (the database going away under a closing core) must not end the process.
  const followTimer = setInterval(() => {
    try {
      void follow();
    } catch (e) {
      log.error({ err: (e as Error)?.message }, 'reading the changed orders for the rules failed; trying again shortly');
    }
  }, FOLLOW_EVERY_MS);
  followTimer.unref();
  /**
   * A sweep in short write jobs, one after the other (actions/sweep.ts); a sweep asked for while one
   * runs gets that one's result when it ends, and then runs again (the lead's "check now" sees now).
   */
  let sweeping: Promise<SweepResult> | null = null;
  const sweepInSteps = async (): Promise<SweepResult> => {
    const s = startSweep(ctx);
    while (!stopped && (await writes.run(() => s.step())));
    return s.result;
  };
  const runSweep = async (): Promise<SweepResult> => {
    while (sweeping) await sweeping.catch(() => {});
    sweeping = sweepInSteps();
    try {
      return await sweeping;
    } finally {
      sweeping = null;
    }
  };
  const sweepTimer = setInterval(() => void (sweeping ?? runSweep()).catch((e: unknown) => log.error({ err: (e as Error)?.message }, 'the rules sweep failed')), SWEEP_EVERY_MS);
  sweepTimer.unref();

  // --- re-evaluation after a rule change --------------------------------------------------------
  let state: Omit<Reevaluation, 'followerLag'> = { state: 'idle', total: 0, done: 0, changed: 0, startedAt: null, finishedAt: null, ms: null };
  let run: { promise: Promise<Reevaluation>; again: boolean } | null = null;
  /** The re-evaluation threads not yet exited (one ends a moment after its answer): stop() waits for them. */
  const threads = new Set<ThreadEnd>();

  /** Changed orders applied on the core's writer (an in-memory or PostgreSQL database), a short job each. */
  const applyHere = (changed: Changed[]) => {
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < changed.length; i += APPLY_CHUNK) {
      const chunk = changed.slice(i, i + APPLY_CHUNK);
      jobs.push(writes.run(() => applyChanged(ctx, chunk)));
    }
    state.changed += changed.length;
    return Promise.all(jobs);
  };

  /** One pass: in a worker thread on a database file, else (an in-memory database) here, a page per turn. */
  const pass = (): Promise<void> => {
    if (stopped) return Promise.resolve(); // no thread after stop(): it would open the database of a closed core
    const rules = activeRules(ctx.db);
    const nowMs = ctx.clock.now();
    const { timeZone } = getSettings(ctx);
    const started = performance.now();
    state = { state: 'running', total: countOpenOrders(ctx.db), done: 0, changed: 0, startedAt: ctx.clock.iso(), finishedAt: null, ms: null };
    const finish = () => {
      state = { ...state, state: 'idle', finishedAt: ctx.clock.iso(), ms: Math.round(performance.now() - started) };
    };
    if (file === ':memory:') {
      return (async () => {
        let after = '';
        const buyers = needsBuyer(rules) ? buyerCounts(ctx.db, nowMs) : undefined;
        for (;;) {
          const page = reevaluatePage(ctx.db, rules, after, nowMs, timeZone, 500, buyers);
          state.done += page.read;
          await applyHere(page.changed);
          if (page.lastId === null || page.read < 500) break;
          after = page.lastId;
          await new Promise((r) => setImmediate(r));
        }
        finish();
      })();
    }
    return new Promise<void>((resolve, reject) => {
      const { url, execArgv } = workerEntry(import.meta.url, 'reevaluate-worker');
      // A SQLite file takes writes from another connection; PostgreSQL's goes through the core's writer.
      const apply = !isPostgresUrl(file);
      const worker = new Worker(url, { execArgv, workerData: { file, rules, nowMs, timeZone, clockMoves: ctx.clock === systemClock, apply } satisfies ReevaluateStart });
      const end = threadEnd(worker);
      threads.add(end);
      void end.exited.then(() => threads.delete(end));
      const applying: Promise<unknown>[] = [];
      let finished = false;
      worker.on('message', (m: ReevaluateMessage) => {
        state.done = m.done;
        if ('applied' in m) {
          if (m.applied > state.changed) committed();
          state.changed = m.applied;
        }
        if ('changed' in m && m.changed.length) applying.push(applyHere(m.changed));
        if ('finished' in m) {
          finished = true;
          Promise.all(applying).then(() => (finish(), resolve()), reject);
        }
      });
      worker.on('error', reject);
      // a thread terminated before it ran (stop() while it starts) exits with code 0, without finishing
      worker.on('exit', (code) => !finished && reject(new Error(`the re-evaluation thread exited with code ${code} before it finished`)));
    });
  };

  // With no rule in use nothing waits for the rules: the follower skips the log.
  const status = (): Reevaluation => ({ ...state, followerLag: activeRules(ctx.db).length ? Math.max(0, selectNewestEventId(ctx.db) - selectCursor(ctx.db)) : 0 });

  const reevaluate = (): Promise<Reevaluation> => {
    // A change during a run: this run finishes (its results are still right for the orders it
    // applied), then one more pass with the newest rules.
    if (run) {
      run.again = true;
      return run.promise;
    }
    const current: { promise: Promise<Reevaluation>; again: boolean } = { promise: Promise.resolve(status()), again: false };
    run = current;
    current.promise = (async () => {
      try {
        do {
          current.again = false;
          await pass();
        } while (current.again && !stopped);
      } catch (e) {
        if (!stopped) log.error({ err: (e as Error)?.message }, 'evaluating the open orders again failed'); // else: cut short by stop()
        state = { ...state, state: 'idle', finishedAt: ctx.clock.iso() };
      } finally {
        run = null;
      }
      return status();
    })();
    return current.promise;
  };

  return {
    async flush() {
      await following;
      await follow();
    },
    sweep: runSweep,
    reevaluate,
    reevaluation: status,
    stop() {
      stopped = true;
      clearInterval(followTimer);
      clearInterval(sweepTimer);
      return Promise.all([...threads].map((t) => t.stop())).then(() => undefined);
    },
  };
}
