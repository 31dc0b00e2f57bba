import { join } from 'node:path';
import { openDatabase } from './database';
import { schemaVersion, isPostgresUrl, type Db } from './store/db';
import { WriteBatcher } from './write-batcher';
import { startCheckpointer, newWriterHint, finishCheckpointIfAsked } from './store/checkpointer';
import { ChangeFeed } from './change-feed';
import { listenForCommits } from './store/pg/notify';
import type { CoreContext } from './context';
import { systemClock, type Clock } from '../lib/clock';
import { ulidIds, type IdGenerator } from '../lib/ids';
import { AppError } from '../lib/errors';
import { startOrderIntake, type OrderIntake } from './modules/orders/intake/order-intake';
import { coreWriteGate, newWriteGate } from './modules/orders/intake/write-gate';
import { createOrderRequest, type CreateOrderResult } from './modules/orders/actions/order-requests';
import type { OrderInput } from '../contract/orders';
import type { Actor } from './store/events';
import { MIGRATIONS } from './modules';
import { applyPendingRestore } from './modules/backup/backup-files';
import { startSearchIndexer, type SearchIndexer } from './modules/orders/search-indexer';
import { startBoardFollower, type BoardFollower } from './modules/board/follower';
import { onCoreWriter, type RunFollowerJob } from './follower-jobs';
import { startRules, type RulesRuntime } from './modules/rules/rules-runtime';
import { CoreWork } from './core-work';

export interface Core {
  ctx: CoreContext;
  db: Db;
  writes: WriteBatcher;
  feed: ChangeFeed;
  schema: number;
  startedAt: number;
  /** The order intake thread (createOrder over HTTP), when started with `intakeThread`. */
  intake: OrderIntake | null;
  /** POST /api/orders: through the intake thread when there is one, else on this core's writer. */
  submitOrder(input: OrderInput, actor: Actor, key: string | null): Promise<CreateOrderResult>;
  /** Indexes new orders for search by name and city shortly after their commit; `flush()` waits for it. */
  search: SearchIndexer;
  /** Keeps the command centre's KPIs up to date from the event log; `flush()` waits for it. */
  board: BoardFollower;
  /** Runs the rules on every order change, the clock sweep, and re-evaluation after a rule change (modules/rules). */
  rules: RulesRuntime;
  /** The data folder (database, logs, the shop's label templates); null for a database file alone. */
  dataDir: string | null;
  /** Work of a request that outlives its call (a backup, a restore's files, an import's thread): close() stops it and waits for it. */
  work: CoreWork;
  /**
   * Closes the core: its database at once (a caller may open the folder again right after), its
   * threads and work asked to stop. Resolves once every thread has exited and all work has settled:
   * from then on nothing of this core touches the data folder (await it before removing the folder).
   * Never rejects; a second call gets the same promise.
   */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Data folder; the database is <dataDir>/packline.db. Or pass `file` (":memory:" in unit tests, or a postgres:// URL). */
  dataDir?: string;
  file?: string;
  clock?: Clock;
  ids?: IdGenerator;
  /**
   * Create orders posted over HTTP in a worker thread with its own connection, beside the HTTP work
   * on this thread (the app, `npm run serve` and the ingest bench). Needs a database file and the
   * system clock and ids, so unit tests with a fixed clock leave it off.
   */
  intakeThread?: boolean;
}

/** Opens the order core: database (migrated), group-commit writer, change feed. No network. */
export function openCore(opts: CoreOptions): Core {
  const file = opts.file ?? join(opts.dataDir ?? '.', 'packline.db');
  if (opts.dataDir && !isPostgresUrl(file)) applyPendingRestore(opts.dataDir, MIGRATIONS.map((m) => m.version)); // a restore chosen before this start
  const db = openDatabase(file);
  const clock = opts.clock ?? systemClock;
  const ctx: CoreContext = { db, clock, ids: opts.ids ?? ulidIds(() => clock.now()) };
  const feed = new ChangeFeed(db);

  if (opts.intakeThread && (file === ':memory:' || opts.clock || opts.ids)) throw new Error('the order intake thread needs a database file and the system clock and ids');
  // Whichever connection writes next finishes the checkpoint that lets the WAL start over, instead
  // of the worker blocking writers with a RESTART. With an intake thread, that thread does it; this
  // connection only when the ask stayed unanswered for three worker ticks (no ingest going on).
  // (SQLite's WAL only: PostgreSQL checkpoints by itself.)
  const writerHint = file === ':memory:' || isPostgresUrl(file) ? undefined : newWriterHint();
  const hint = writerHint && new Int32Array(writerHint);
  // On PostgreSQL other core processes may share the database: they hear of each commit (NOTIFY)
  // and this one of theirs, so a cancel at one reaches the benches of all.
  const signal = isPostgresUrl(file) ? listenForCommits(file, db, () => feed.publish()) : null;
  const published = signal ? () => (feed.publish(), signal.committed()) : () => feed.publish();
  // The intake thread and this writer take turns at the database (orders/intake/write-gate.ts).
  const gate = opts.intakeThread && writerHint ? newWriteGate() : undefined;
  const writes = new WriteBatcher(db, () => {
    published();
    if (hint) finishCheckpointIfAsked(db, hint, opts.intakeThread ? 3 : 1);
  }, undefined, gate && coreWriteGate(gate));
  const checkpoints = writerHint ? startCheckpointer(db, file, { writerHint }) : null;
  const onThisWriter = (input: OrderInput, actor: Actor, key: string | null) => writes.run(() => createOrderRequest(ctx, input, actor, key));
  const intake = opts.intakeThread ? startOrderIntake({ start: { file, writerHint, gate }, committed: published, fallback: onThisWriter }) : null;
  // The followers' jobs go to the intake thread while it runs (follower-jobs.ts). One it could not
  // finish (it stopped: unavailable) runs here, a job repeats nothing; one that failed there fails.
  const here = onCoreWriter(ctx, writes);
  const runFollowerJob: RunFollowerJob = (job, n) =>
    intake?.runJob(job, n)?.catch((e: unknown) => (e instanceof AppError && e.code === 'unavailable' ? here(job, n) : Promise.reject(e))) ?? here(job, n);
  const search = startSearchIndexer(db, runFollowerJob);
  const board = startBoardFollower(ctx, runFollowerJob);
  const rules = startRules(ctx, writes, file, published);
  const work = new CoreWork();
  let closed: Promise<void> | null = null;
  return {
    ctx, db, writes, feed, intake, search, board, rules, work, submitOrder: intake ? intake.submit : onThisWriter, schema: schemaVersion(db), startedAt: Date.now(), dataDir: opts.dataDir ?? (opts.file ? null : '.'),
    close() {
      if (closed) return closed;
      const threads = [work.close(), intake?.close(), rules.stop(), checkpoints?.stop()];
      search.stop();
      board.stop();
      signal?.stop();
      db.close();
      closed = Promise.all(threads).then(() => undefined);
      return closed;
    },
  };
}
