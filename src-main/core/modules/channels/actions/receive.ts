// The inbox: a verified delivery's rows are stored before the platform gets its answer, so what was
// acknowledged is never lost (processing happens after, from the stored raw bytes). A refused
// signature stores nothing of the delivery: it is counted and listed for the health screen.
import type { CoreContext } from '../../../context';
import { countRefusal, insertInbox, noteDelivery, setInboxPending } from '../store';
import type { IncomingDelivery } from '../platforms/types';

/** Stores the rows that are new on this connection; returns how many were new. */
export function storeDeliveries(ctx: CoreContext, channelId: string, rows: IncomingDelivery[], source: 'webhook' | 'poll', receivedAt: string): number {
  let fresh = 0;
  for (const d of rows) {
    const isTest = d.headers['x-packline-test'] === '1';
    if (insertInbox(ctx.db, {
      id: ctx.ids('delivery'), channel_id: channelId, delivery_id: d.deliveryId, topic: d.topic, source, headers: JSON.stringify(d.headers), body: d.body,
      received_at: receivedAt, event_at: d.eventAt, state: isTest ? 'test' : 'pending',
    })) fresh++;
  }
  if (fresh > 0) noteDelivery(ctx.db, channelId, receivedAt);
  return fresh;
}

export function recordRefusal(ctx: CoreContext, channelId: string, reason: string, bytes: number): void {
  countRefusal(ctx.db, channelId, ctx.clock.iso(), reason, bytes);
}

/** A stored delivery goes through processing again (after a SKU was mapped, say); the dedupe still applies. */
export function markForReplay(ctx: CoreContext, id: string): void {
  setInboxPending(ctx.db, id);
}
