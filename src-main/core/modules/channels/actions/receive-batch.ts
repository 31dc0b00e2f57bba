// Verified webhook deliveries stored and processed in one write job (the intake thread's, beside
// POST /api/orders): each new inbox row is written once, with its outcome, instead of stored as
// pending and updated after; the orders the batch creates are made by one createOrders call, as
// the intake thread makes a batch of POST /api/orders (settings, routing, rules and order numbers
// read once per batch, not once per order).
import type { CoreContext } from '../../../context';
import { AppError } from '../../../../lib/errors';
import { changeCounter } from '../../../store/db';
import { createOrders } from '../../orders/actions/create-orders';
import type { Connection, IncomingDelivery } from '../platforms/types';
import { connectionOf, freshConnections } from '../queries';
import { inboxHas, insertInbox, insertProcessedInbox, noteDelivery, type InboxRow } from '../store';
import { applyChange, channelActor, createFromPlatform, failure, finished, guarded, planChange, readsOf, type JobReads, type Outcome, type ToCreate } from './process-delivery';
import { readDelivery, type ReadDelivery } from './receive';

/** One webhook's verified rows, as the route split them. */
export interface Arriving { channelId: string; source: 'webhook' | 'poll'; receivedAt: string; rows: IncomingDelivery[] }

type NewRow = Pick<InboxRow, 'id' | 'channel_id' | 'delivery_id' | 'order_key' | 'topic' | 'source' | 'headers' | 'body' | 'received_at' | 'event_at'>;

/**
 * Stores and processes the rows of each arriving delivery in the caller's write job; returns how
 * many rows of each were new (a delivery id the connection has is the platform's retry: nothing is
 * written). Without `isolated` (the fast path) a row that fails after writing throws, and the
 * caller's job is rolled back and run again isolated (each row in a savepoint of its own, one by one).
 */
export function receiveDeliveries(ctx: CoreContext, arriving: readonly Arriving[], job: JobReads, isolated: boolean): number[] {
  freshConnections(ctx); // the job runs on the intake thread, which does not see the core's cache being dropped
  const seen = new Set<string>();
  const batch = new CreateBatch(ctx, job);
  const newest = new Map<string, string>(); // each connection's newest delivery of the job: one write per connection
  const counts = arriving.map((a) => {
    const c = connectionOf(ctx, a.channelId);
    let fresh = 0;
    for (const d of a.rows) {
      const isTest = d.headers['x-packline-test'] === '1';
      // Read before the dedupe: the order it names keys it in the inbox (a retry, being the same bytes, names the same).
      const read = readDelivery(c, d.topic, d.body, isTest);
      const key = `${a.channelId}\n${read.key}\n${d.deliveryId}`;
      if (seen.has(key) || inboxHas(ctx.db, a.channelId, read.key, d.deliveryId)) continue;
      seen.add(key);
      fresh++;
      const row: NewRow = { id: ctx.ids('delivery'), channel_id: a.channelId, delivery_id: d.deliveryId, order_key: read.key, topic: d.topic, source: a.source, headers: JSON.stringify(d.headers), body: d.body, received_at: a.receivedAt, event_at: d.eventAt };
      // A test delivery is kept, not processed; a connection gone meanwhile leaves its row pending, as the inbox always did.
      if (isTest || !c) insertInbox(ctx.db, Object.assign({ state: isTest ? 'test' as const : 'pending' as const }, row));
      else if (isolated) insertProcessedInbox(ctx.db, row, finished(ctx, row.event_at, guarded(ctx, job, true, () => applyRead(ctx, read, c, job))));
      else batch.add(row, c, read);
    }
    const before = newest.get(a.channelId);
    if (fresh > 0 && (before === undefined || a.receivedAt > before)) newest.set(a.channelId, a.receivedAt);
    return fresh;
  });
  batch.flush();
  for (const [channelId, at] of newest) noteDelivery(ctx.db, channelId, at);
  return counts;
}

/** A delivery's change applied (its parse's failure, thrown, fails the row as the parse did). */
function applyRead(ctx: CoreContext, read: ReadDelivery, c: Connection, job: JobReads): Outcome {
  if (read.change === null) throw read.error;
  return applyChange(ctx, read.change, c, job);
}

/**
 * The rows of a job in arrival order, the orders they create gathered into one createOrders call.
 * Anything else a row does (a cancel, an update of a known order) first creates the orders gathered
 * before it, so it sees them; so does a second version of an order that is waiting to be created.
 */
class CreateBatch {
  private waiting: { row: NewRow; c: Connection; create: ToCreate }[] = [];
  private orders = new Set<string>(); // channel + external id of the waiting ones
  private changes: () => number;

  constructor(private readonly ctx: CoreContext, private readonly job: JobReads) {
    this.changes = changeCounter(ctx.db);
  }

  add(row: NewRow, c: Connection, read: ReadDelivery): void {
    const change = read.change;
    if (change === null) return this.record(row, failure(read.error));
    const key = 'externalId' in change ? `${c.id}\n${change.externalId}` : '';
    if (change.type !== 'order' || this.orders.has(key)) this.flush();
    const before = this.changes();
    try {
      const step = planChange(this.ctx, c, change, this.job);
      if ('outcome' in step) return this.record(row, step.outcome);
      this.waiting.push({ row, c, create: step.create });
      this.orders.add(key);
    } catch (e) {
      if (this.changes() !== before) throw e; // half done: the caller runs the job again, isolated
      this.job.reads = null;
      this.record(row, failure(e));
    }
  }

  flush(): void {
    if (this.waiting.length === 0) return;
    const waiting = this.waiting.splice(0);
    this.orders.clear();
    const made = createOrders(this.ctx, waiting.map((w) => w.create.input), waiting.map((w) => channelActor(w.c)), readsOf(this.ctx, this.job));
    waiting.forEach((w, i) => {
      let out: Outcome;
      const before = this.changes();
      try {
        out = createFromPlatform(this.ctx, w.c, w.create, made[i]!, this.job);
      } catch (e) {
        // An order refused for its content wrote nothing of its own; anything else undoes the job.
        if (!(e instanceof AppError) || this.changes() !== before) throw e;
        this.job.reads = null;
        out = failure(e);
      }
      this.record(w.row, out);
    });
  }

  private record(row: NewRow, out: Outcome): void {
    insertProcessedInbox(this.ctx.db, row, finished(this.ctx, row.event_at, out));
  }
}
