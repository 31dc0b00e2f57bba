// Sending a batch of write-backs to the platforms: what the sender thread does (sender-worker.ts),
// and what the core does itself when asked to send on its own thread (the bench's baseline). It
// reads and writes nothing of the core's: the core picks the due entries, checks holds and the
// breaker, and records every outcome in one write job per batch.
import { PLATFORMS } from './platforms';
import type { Connection, SendResult, WriteBackPayload } from './platforms/types';

export interface SendItem { id: string; channelId: string; idemKey: string; payload: string }

export interface SendBatch {
  items: SendItem[];
  connections: Record<string, Connection>;
  /** failures in a row a connection may still have in this batch before its breaker opens: the rest of its items wait */
  failuresLeft: Record<string, number>;
  /** what a success gives back: the breaker opens after this many failures in a row */
  breakerAfter: number;
  /** sends in flight at once per connection */
  concurrency: number;
}

/** An item's outcome; result null: not tried (its connection failed too often in this batch). */
export interface SendOutcome { id: string; result: SendResult | null }

export type SenderRequest = { batchId: number; batch: SendBatch };
export type SenderAnswer = { batchId: number; outcomes: SendOutcome[] };

/** Sends one write-back, a thrown error as a failed result. */
async function sendOne(c: Connection, item: SendItem): Promise<SendResult> {
  const platform = PLATFORMS[c.kind];
  if (!platform.writeBack) return { ok: false, status: null, detail: `${c.kind} write-back is not built` };
  try {
    return await platform.writeBack(c, JSON.parse(item.payload) as WriteBackPayload, item.idemKey);
  } catch (e) {
    return { ok: false, status: null, detail: (e as Error).message };
  }
}

/**
 * Sends the batch, `concurrency` at a time per connection (kept-alive sockets, platforms/types.ts),
 * connections side by side. Outcomes come in the order the answers came, so the core counts a
 * connection's failures in a row as they happened.
 */
export async function sendBatch(batch: SendBatch): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  const queues = new Map<string, SendItem[]>();
  for (const item of batch.items) {
    const q = queues.get(item.channelId);
    if (q) q.push(item);
    else queues.set(item.channelId, [item]);
  }
  await Promise.all([...queues].map(async ([channelId, queue]) => {
    const c = batch.connections[channelId]!;
    let failuresLeft = batch.failuresLeft[channelId] ?? Infinity;
    const lane = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (failuresLeft <= 0) {
          outcomes.push({ id: item.id, result: null });
          continue;
        }
        const result = await sendOne(c, item);
        failuresLeft = result.ok ? batch.breakerAfter : failuresLeft - 1;
        outcomes.push({ id: item.id, result });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, batch.concurrency) }, lane));
  }));
  return outcomes;
}
