// Keeps the board's rollups a little behind the writes instead of inside them (like the search
// indexer): the intake path and the bench's parcel write do no board work at all. A few times a
// second, if the event log has grown, the follower applies what is new in batches of BATCH events,
// each its own short job on a writer (the intake thread's while it runs), with a pause between them. After a restart (or an upgrade) it catches up from
// its cursor.
import type { CoreContext } from '../../context';
import type { RunFollowerJob } from '../../follower-jobs';
import { logger } from '../../../lib/log';
import { rekeyDue } from './actions/rekey-days';
import { boardCursor, newestEventId } from './store';

const log = logger('core.board');

/** How often the follower looks for new events (ms): the KPIs lag the writes by about this. */
const EVERY_MS = 250;
/**
 * Events per write job: about a millisecond of the writer. The intake thread waits for the database
 * while a job holds it, so jobs stay short (500 a job moved intake p99 by tens of ms on a loaded machine).
 */
const BATCH = 100;
/** Between two jobs of a catch-up: the intake thread and the benches get the database in between (up to ~5,000 events/s). */
const PAUSE_MS = 20;
/**
 * The log grows by more than this per look (EVERY_MS): orders are pouring in. Then the follower takes
 * one job per look and catches up after the burst, so it never competes with intake for the database
 * and the CPU (the KPIs lag by the burst meanwhile; a quiet floor is current within EVERY_MS).
 */
const BURST = 300;

export interface BoardFollower {
  /** Resolves when every event committed before the call is in the KPIs (and the days are in the shop's time zone). */
  flush(): Promise<void>;
  stop(): void;
  readonly jobs: number;
}

/** `run` runs the follower's jobs on a writer (follower-jobs.ts: the intake thread's, or the core's); `ctx` reads the log's end and the cursor. */
export function startBoardFollower(ctx: CoreContext, run: RunFollowerJob, opts: { everyMs?: number } = {}): BoardFollower {
  let stopped = false;
  let running: Promise<void> | null = null;
  let jobs = 0;

  // A job waiting for the write lock when the core closes fails on the closed database: that is the
  // close, not a failure to report.
  const quietOnceClosed = (e: unknown, what: string) => {
    if (!stopped && ctx.db.open) log.error({ err: (e as Error)?.message }, what);
  };
  const everyMs = opts.everyMs ?? EVERY_MS;
  let last = { newest: 0, at: 0 };
  /**
   * Whether the log grew faster than BURST events per look since the follower last read its end:
   * orders pouring in. Growth one job takes in is never a burst (two reads close together, a flush
   * and a look, would otherwise make a few events a high rate).
   */
  const pouringIn = (newest: number): boolean => {
    const at = performance.now();
    const grown = newest - last.newest;
    const fast = last.newest > 0 && grown > BATCH && grown * everyMs > BURST * (at - last.at);
    last = { newest, at };
    return fast;
  };
  /**
   * Jobs one after the other until the follower is current, or only one while orders pour in. A
   * catch-up begun in a lull (after a burst, or between two rounds of orders) stops when they pour
   * in again: at 50 jobs a second it held the database a few ms in every 20 while intake waited, and
   * took ~30% off ingest's rate (bench/thread-cpu-probe.ts). `all` (flush) goes on to the end.
   */
  const catchUp = async (oneJob: boolean, all: boolean) => {
    while (!stopped && (jobs++, await run('boardEvents', BATCH)) === BATCH && !oneJob) {
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      if (!all && !stopped && ctx.db.open && pouringIn(newestEventId(ctx.db))) return; // the next looks take one job each until the burst is over
    }
  };
  const step = (opts: { all?: boolean } = {}): Promise<void> => {
    if (running || stopped) return running ?? Promise.resolve();
    if (!ctx.db.open) return Promise.resolve();
    const newest = newestEventId(ctx.db);
    const burst = pouringIn(newest) && !opts.all;
    if (newest <= boardCursor(ctx.db)) return Promise.resolve();
    running = catchUp(burst, opts.all ?? false)
      .catch((e: unknown) => quietOnceClosed(e, 'updating the board from the event log failed; trying again shortly'))
      .finally(() => (running = null));
    return running;
  };
  // The shop's time zone changed: the days move to it, a step per write job with a pause between.
  let rekeying: Promise<void> | null = null;
  const rekey = (): Promise<void> => {
    if (rekeying || stopped) return rekeying ?? Promise.resolve();
    if (!ctx.db.open || !rekeyDue(ctx)) return Promise.resolve();
    rekeying = (async () => {
      while (!stopped && (jobs++, await run('boardRekey', 0)) === 'more') await new Promise((r) => setTimeout(r, PAUSE_MS));
    })()
      .catch((e: unknown) => quietOnceClosed(e, "moving the board's days to the shop's time zone failed; trying again shortly"))
      .finally(() => (rekeying = null));
    return rekeying;
  };
  // A read that throws in the timer (the database going away under a closing core) must not end the process.
  const tick = () => {
    try {
      void step();
      void rekey();
    } catch (e) {
      log.error({ err: (e as Error)?.message }, 'reading the event log for the board failed; trying again shortly');
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  void step();

  return {
    async flush() {
      await running;
      await step({ all: true });
      await rekey();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    get jobs() {
      return jobs;
    },
  };
}
