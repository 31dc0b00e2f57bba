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

/** Sends one unit (a write-back, or a platform's group of them), a thrown error as a failed result. */
async function sendUnit(c: Connection, unit: SendItem[]): Promise<SendResult> {
  const platform = PLATFORMS[c.kind];
  try {
    const group = unit.map((i) => ({ p: JSON.parse(i.payload) as WriteBackPayload, idemKey: i.idemKey }));
    if (platform.writeBackGroup) return await platform.writeBackGroup(c, group);
    if (!platform.writeBack) return { ok: false, status: null, detail: `${c.kind} write-back is not built` };
    return await platform.writeBack(c, group[0]!.p, group[0]!.idemKey);
  } catch (e) {
    return { ok: false, status: null, detail: (e as Error).message };
  }
}

/** A connection's items as units of work: one each, or per order for a platform that takes an order's parcels in one call. */
function unitsOf(c: Connection, items: SendItem[]): SendItem[][] {
  if (!PLATFORMS[c.kind].writeBackGroup) return items.map((i) => [i]);
  const byOrder = new Map<string, SendItem[]>();
  for (const i of items) {
    let key: string;
    try {
      key = String((JSON.parse(i.payload) as WriteBackPayload).externalId);
    } catch {
      key = i.id;
    }
    const g = byOrder.get(key);
    if (g) g.push(i);
    else byOrder.set(key, [i]);
  }
  return [...byOrder.values()];
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
  await Promise.all([...queues].map(async ([channelId, items]) => {
    const c = batch.connections[channelId]!;
    const queue = unitsOf(c, items);
    let failuresLeft = batch.failuresLeft[channelId] ?? Infinity;
    const lane = async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        if (failuresLeft <= 0) {
          for (const i of unit) outcomes.push({ id: i.id, result: null });
          continue;
        }
        const result = await sendUnit(c, unit);
        failuresLeft = result.ok ? batch.breakerAfter : failuresLeft - 1;
        for (const i of unit) outcomes.push({ id: i.id, result });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, batch.concurrency) }, lane));
  }));
  return outcomes;
}
