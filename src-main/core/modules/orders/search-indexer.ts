// Keeps the name and city index (order_search) a little behind order intake instead of inside it:
// every order indexed in the writer's transaction cost intake 60% more CPU per order (FTS5 writes
// its pending terms out at every commit, and intake commits every few orders). Here new orders are
// indexed in batches of up to BATCH, each its own short write job on a writer (the intake thread's while it runs), a few
// times a second: search finds an order within about half a second of its commit. On start it
// catches up with whatever was written without it (a restored backup, another process).
import type { Db } from '../../store/db';
import type { RunFollowerJob } from '../../follower-jobs';
import { logger } from '../../../lib/log';
import { selectSearchLag } from './store';

const log = logger('core.search');

/** How often the indexer looks for new orders (ms): search may lag intake by this and a batch. */
const EVERY_MS = 200;
/** Orders per write job: a few milliseconds of the writer, so other writes wait little. */
const BATCH = 500;
/**
 * Between two jobs of a catch-up (a restored backup, another process's orders): the loop is free for
 * requests most of the time. Back to back, catching up on 1M orders held the loop ~7 s in jobs of a
 * few ms, each commit writing FTS5 segments, and a lookup then took up to ~18 ms at p99 (bench/payouts).
 */
const PAUSE_MS = 10;

export interface SearchIndexer {
  /** Resolves when every order committed before the call is searchable by name and city. */
  flush(): Promise<void>;
  stop(): void;
  /** how many write jobs the indexer has run (so a test can tell its jobs from others) */
  readonly jobs: number;
}

/** `run` runs the indexing jobs on a writer (follower-jobs.ts: the intake thread's, or the core's); `db` reads how far behind the index is. */
export function startSearchIndexer(db: Db, run: RunFollowerJob): SearchIndexer {
  let stopped = false;
  let running: Promise<void> | null = null;
  let jobs = 0;

  const catchUp = async () => {
    // Each batch commits before the next is queued, and a pause follows a full one, so requests are served in between.
    while (!stopped && (jobs++, await run('searchIndex', BATCH)) === BATCH) await new Promise((r) => setTimeout(r, PAUSE_MS));
  };
  const step = (): Promise<void> => {
    if (running || stopped) return running ?? Promise.resolve();
    const lag = selectSearchLag(db);
    if (lag.newest <= lag.indexedUpto) return Promise.resolve();
    running = catchUp()
      // a job waiting for the write lock when the core closes fails on the closed database: not a failure to report
      .catch((e: unknown) => { if (!stopped && db.open) log.error({ err: (e as Error)?.message }, 'indexing orders for search failed; trying again shortly'); })
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(step, EVERY_MS);
  timer.unref();
  void step();

  return {
    async flush() {
      // A run in progress may have started before the orders the caller waits for.
      await running;
      await step();
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
