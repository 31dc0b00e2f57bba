// The write jobs of the core's followers (the search index, the board), named so that either writer
// can run them: the order intake thread when it runs, else the core's own writer. On the core's
// event loop each job held every HTTP request for its milliseconds (search indexes up to 500 orders
// a job) while the intake thread, out of requests and waiting at the write gate, stood idle too. On
// the thread they run between its batches: webhooks end to end at 10 connections went from 2,734 to
// 3,641 orders/s (p99 16.9 -> 10.2 ms, the loop's CPU per webhook 123-160 -> 85-112 µs), the same
// run (bench/channels-wrk.bench.ts); POST /api/orders alone is no faster (its bottleneck is the
// thread). A job reads a cursor and moves it in its own transaction, so running one again (after the
// thread stopped mid-job) repeats nothing.
import type { CoreContext } from './context';
import type { WriteBatcher } from './write-batcher';
import { indexNextOrders } from './modules/orders/store';
import { applyBoardEvents } from './modules/board/actions/apply-events';
import { rekeyStep } from './modules/board/actions/rekey-days';

export const FOLLOWER_JOBS = {
  /** Orders indexed for search by name and city (up to n): how many. */
  searchIndex: (ctx: CoreContext, n: number) => indexNextOrders(ctx.db, n),
  /** Events applied to the board's rollups (up to n): how many read. */
  boardEvents: (ctx: CoreContext, n: number) => applyBoardEvents(ctx, n),
  /** One step of moving the board's days to the shop's time zone. */
  boardRekey: (ctx: CoreContext) => rekeyStep(ctx),
};
export type FollowerJob = keyof typeof FOLLOWER_JOBS;
export type FollowerResult<K extends FollowerJob> = ReturnType<(typeof FOLLOWER_JOBS)[K]>;

/** Runs a follower's job on some writer and settles after its commit. */
export type RunFollowerJob = <K extends FollowerJob>(job: K, n: number) => Promise<FollowerResult<K>>;

/** On the core's writer, as a background job that never waits there for the write lock (runWhenFree). */
export const onCoreWriter = (ctx: CoreContext, writes: WriteBatcher): RunFollowerJob =>
  (job, n) => writes.runWhenFree(() => FOLLOWER_JOBS[job](ctx, n) as FollowerResult<typeof job>);
