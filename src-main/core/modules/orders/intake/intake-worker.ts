// Worker thread: creates orders with its own connection to the core's database, so the SQLite work
// of ingest runs beside the HTTP work on the core's event loop instead of after it. Orders that
// arrive together commit together (the same group commit as the core's writer), and each request
// is answered only after its commit.
import { parentPort, workerData, receiveMessageOnPort } from 'node:worker_threads';
import { openConnection } from '../../../store/db';
import { followCheckpointer } from '../../../store/checkpointer';
import { WriteBatcher } from '../../../write-batcher';
import { systemClock } from '../../../../lib/clock';
import { ulidIds } from '../../../../lib/ids';
import { AppError } from '../../../../lib/errors';
import { createOrderRequest, createOrderRequests, type CreateOrderResult } from '../actions/order-requests';
import { lastingReads } from '../actions/create-orders';
import type { CoreContext } from '../../../context';
import type { OrderInput } from '../../../../contract/orders';
import { recordRefusal, storeDeliveries } from '../../channels/actions/receive';
import { processPending, type JobReads } from '../../channels/actions/process-delivery';
import { receiveDeliveries } from '../../channels/actions/receive-batch';
import { threadWriteGate } from './write-gate';
import { FOLLOWER_JOBS } from '../../../follower-jobs';
import { packReplies, unpackRequests, type DeliveryMessage, type DeliveryRequest, type FollowerJobMessage, type FollowerJobReply, type IntakeReply, type IntakeRequest, type IntakeStart } from './protocol';

if (!parentPort) throw new Error('intake-worker.ts runs as a worker thread');
const port = parentPort;
const start = workerData as IntakeStart;

const db = openConnection(start.file);
// A small page cache: when a page split reorders pages, SQLite's page cache marks a page number
// near 1 GiB as seen, and the next commit then walks the whole cache (16,000 pages at the core's
// 64 MiB, ~4% of this thread under ingest). Ingest touches few pages besides the ends of its indexes.
db.pragma('cache_size = -8192');
const ctx: CoreContext = { db, clock: systemClock, ids: ulidIds(() => systemClock.now()) };
// The core's checkpoint worker copies the WAL while it runs; otherwise this connection checkpoints.
const writes = new WriteBatcher(db, start.writerHint ? followCheckpointer(db, start.writerHint) : () => {}, undefined, start.gate ? threadWriteGate(start.gate) : undefined);

const answered = (id: number, out: CreateOrderResult): IntakeReply => ({ id, ok: true, ...out });
const refused = (id: number, e: unknown): IntakeReply => e instanceof AppError
  ? { id, ok: false, code: e.code, message: e.message, issues: e.issues }
  : { id, ok: false, code: null, message: (e as Error)?.message ?? String(e) };

// This connection writes no catalog, and stock only through the batches below: what they read of
// SKUs and bins lasts from batch to batch (lastingReads) until another connection commits, a batch
// does not commit, or a write here goes around them.
const reads = lastingReads();

// A batch is every request waiting when the thread is free: it runs at once, in the same turn as
// the message that woke the thread (two turns of the event loop between message and batch were a
// tenth of a millisecond and more, at ten requests in flight). createOrderRequests plans them
// together. If that job fails while writing (it is rolled back), each request runs again in a
// savepoint of its own, so every order still succeeds or fails by itself. The replies of a batch
// go back in one message, after its commit.
function runBatch(batch: IntakeRequest[]) {
  const orders = batch.map((r) => ({ input: JSON.parse(r.json) as OrderInput, actor: r.actor, key: r.key, hash: r.hash }));
  let runs = 0;
  let replies: IntakeReply[];
  try {
    const results = writes.commitNow(() => {
      if (runs++ > 0) reads.forget(); // run again after a rollback: the first run's plans never happened
      return createOrderRequests(ctx, orders, reads.take(ctx));
    });
    replies = results.map((r, i) => (r instanceof AppError ? refused(batch[i]!.id, r) : answered(batch[i]!.id, r)));
  } catch {
    reads.forget();
    try {
      const settled = writes.commitEachNow(orders.map((o) => () => {
        reads.forget(); // it takes stock the lasting reads would not know of
        return createOrderRequest(ctx, o.input, o.actor, o.key);
      }));
      replies = settled.map((s, i) => (s.status === 'fulfilled' ? answered(batch[i]!.id, s.value) : refused(batch[i]!.id, s.reason)));
    } catch (e) {
      replies = batch.map((r) => refused(r.id, e)); // the commit itself failed: nothing of the batch is stored
    }
  }
  port.postMessage(packReplies(replies));
}

// --- sales channel deliveries (the channels module's inbox) ----------------------------------------

/** Inbox rows processed per write job: a webhook arriving meanwhile waits for at most one such job. */
const INBOX_CHUNK = 32;
let inboxDue = false;

/**
 * Stores the deliveries (and counts the refused signatures) of every waiting webhook and processes
 * the new rows in the same commit (each inbox row written once, with its outcome; the batch's new
 * orders made together), then answers them. If the whole job fails, each request is stored alone,
 * pending, and processed after: what was acknowledged is stored.
 */
const fromTheWire = (d: DeliveryRequest['rows'][number]) => ({ deliveryId: d.deliveryId, topic: d.topic, eventAt: d.eventAt, headers: d.headers, body: Buffer.from(d.body, 'latin1') });

function storeBatch(reqs: DeliveryRequest[]) {
  // Field by field: { ...r, rows } (a spread followed by a property) is V8's slow path on Node 20, µs a delivery.
  const toStore = reqs.map((r) => ({ id: r.id, channelId: r.channelId, source: r.source, receivedAt: r.receivedAt, refusal: r.refusal, rows: r.rows.map(fromTheWire) }));
  let stored: { id: number; fresh: number; error?: string }[];
  let processed = 0;
  let runs = 0;
  try {
    const fresh = writes.commitNow(() => {
      if (runs++ > 0) reads.forget(); // run again, each delivery in a savepoint, after a rollback
      for (const r of reqs) if (r.refusal) recordRefusal(ctx, r.channelId, r.refusal.reason, r.refusal.bytes);
      const job: JobReads = { reads: reads.take(ctx) };
      const counts = receiveDeliveries(ctx, toStore.filter((r) => !r.refusal), job, runs > 1);
      if (job.reads === null) reads.forget(); // a delivery that cancels or holds releases stock
      let i = 0;
      return reqs.map((r) => (r.refusal ? 0 : counts[i++]!));
    });
    stored = reqs.map((r, i) => ({ id: r.id, fresh: fresh[i]! }));
    processed = fresh.reduce((a, b) => a + b, 0);
  } catch {
    reads.forget();
    stored = writes.commitEachNow(toStore.map((r) => () => {
      if (!r.refusal) return storeDeliveries(ctx, r.channelId, r.rows, r.source, r.receivedAt);
      recordRefusal(ctx, r.channelId, r.refusal.reason, r.refusal.bytes);
      return 0;
    })).map((s, i) => s.status === 'fulfilled' ? { id: reqs[i]!.id, fresh: s.value } : { id: reqs[i]!.id, fresh: 0, error: (s.reason as Error)?.message ?? String(s.reason) });
    if (stored.some((r) => r.fresh > 0)) inboxDue = true;
  }
  port.postMessage({ stored, processed, idle: !inboxDue } satisfies DeliveryMessage);
}

/** Up to `limit` pending inbox rows in the caller's write job, with the lasting reads of the order batches. */
function processChunk(limit: number, isolated: boolean): number {
  const job: JobReads = { reads: reads.take(ctx) };
  const read = processPending(ctx, limit, job, isolated);
  if (job.reads === null) reads.forget(); // a delivery that cancels or holds releases stock
  return read;
}

/** One chunk of the inbox (what the webhooks' own commits left, or deliveries stored by a poll or a replay). */
function processInboxChunk() {
  let n = 0;
  let runs = 0;
  try {
    n = writes.commitNow(() => {
      if (runs++ > 0) reads.forget(); // run again, each delivery in a savepoint, after a rollback
      return processChunk(INBOX_CHUNK, runs > 1);
    });
  } catch {
    reads.forget(); // nothing of the chunk is stored; the core kicks the inbox again later
  }
  inboxDue = n === INBOX_CHUNK;
  port.postMessage({ inboxProcessed: n, idle: !inboxDue } satisfies DeliveryMessage);
}

// --- the followers' jobs (follower-jobs.ts: the search index, the board) ------------------------------

/** The followers' jobs waiting, oldest first, with when each arrived. */
const followerJobs: (FollowerJobMessage & { at: number })[] = [];
/**
 * A follower's job runs when no request is waiting (the thread's idle moments under load), or once
 * it has waited this long (ms), so a stream of orders that never pauses cannot starve search and the board.
 */
const JOB_PATIENCE_MS = 50;

/** The oldest follower's job, in a commit of its own; its result or error goes back to the core. */
function runFollowerJob() {
  const j = followerJobs.shift()!;
  let reply: FollowerJobReply;
  try {
    reply = { jobDone: j.id, result: writes.commitNow(() => FOLLOWER_JOBS[j.job](ctx, j.n)) };
  } catch (e) {
    reply = { jobDone: j.id, error: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(reply);
}

type WireMessage = Parameters<typeof unpackRequests>[0] | { deliveries: DeliveryRequest[] } | { inbox: true } | FollowerJobMessage | 'stop';
const next = () => receiveMessageOnPort(port)?.message as WireMessage | undefined;

/** Every request message queued now, and whether the core asked the thread to stop. */
function takeQueued(first: WireMessage): { batch: IntakeRequest[]; deliveries: DeliveryRequest[]; stop: boolean } {
  const batch: IntakeRequest[] = [];
  const deliveries: DeliveryRequest[] = [];
  for (let m: WireMessage | undefined = first; m !== undefined; m = next()) {
    if (m === 'stop') return { batch, deliveries, stop: true };
    if (Array.isArray(m)) batch.push(...unpackRequests(m));
    else if ('deliveries' in m) deliveries.push(...m.deliveries);
    else if ('job' in m) followerJobs.push({ job: m.job, n: m.n, id: m.id, at: performance.now() });
    else inboxDue = true;
  }
  return { batch, deliveries, stop: false };
}

/**
 * Batch after batch while requests keep coming, then back to the event loop; at least every 50 ms
 * too, so what waits there (the checkpoint that lets the WAL start over) runs under endless load.
 * Between batches, one chunk of the channel inbox: webhooks are answered first, but a steady
 * stream of them does not starve the processing. A follower's job runs when nothing else waits
 * (or has waited JOB_PATIENCE_MS).
 */
let stopped = false;
function drain(first: WireMessage | undefined) {
  if (stopped) return;
  const until = performance.now() + 50;
  for (let m = first; m !== undefined || inboxDue || followerJobs.length > 0; m = next()) {
    if (m !== undefined) {
      const { batch, deliveries, stop } = takeQueued(m);
      if (deliveries.length) storeBatch(deliveries);
      if (batch.length) runBatch(batch);
      if (stop) {
        stopped = true; // a drain already scheduled (setImmediate below) finds the database closed: it does nothing
        db.close();
        port.close();
        return;
      }
    }
    if (inboxDue) processInboxChunk();
    // after the inbox's chunk too once it has waited long enough: a backlog in the inbox (a poll, a replay) does not starve it either
    if (followerJobs.length > 0 && ((m === undefined && !inboxDue) || performance.now() - followerJobs[0]!.at > JOB_PATIENCE_MS)) runFollowerJob();
    if (performance.now() > until) {
      setImmediate(() => drain(next()));
      return;
    }
  }
}
port.on('message', drain);
port.postMessage('ready');
