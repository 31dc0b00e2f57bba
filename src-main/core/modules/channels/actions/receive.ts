// The inbox: a verified delivery's rows are stored before the platform gets its answer, so what was
// acknowledged is never lost (processing happens after, from the stored raw bytes). A refused
// signature stores nothing of the delivery: it is counted and listed for the health screen.
import type { CoreContext } from '../../../context';
import { countRefusal, insertInbox, noteDelivery, setInboxPending } from '../store';
import { PLATFORMS } from '../platforms';
import type { Connection, IncomingDelivery, PlatformChange } from '../platforms/types';
import { connectionOf, freshConnections } from '../queries';

/**
 * A delivery read as its platform's change (or the error reading it), and the inbox's order key:
 * the platform's order id it names, '' when it names none, cannot be read, is a test delivery or
 * its connection is gone. A function of the delivery's bytes alone, so a retry has the key of its
 * first copy (the inbox dedupes on order key, connection and delivery id).
 */
export type ReadDelivery = { change: PlatformChange; error?: undefined; key: string } | { change: null; error: unknown; key: string };
export function readDelivery(c: Connection | null | undefined, topic: string, body: Buffer, isTest: boolean): ReadDelivery {
  if (isTest || !c) return { change: null, error: null, key: '' };
  try {
    const change = PLATFORMS[c.kind].parse(topic, body.toString('utf8'));
    return { change, key: 'externalId' in change ? change.externalId : '' };
  } catch (e) {
    return { change: null, error: e, key: '' };
  }
}

/** Stores the rows that are new on this connection; returns how many were new. */
export function storeDeliveries(ctx: CoreContext, channelId: string, rows: IncomingDelivery[], source: 'webhook' | 'poll', receivedAt: string): number {
  freshConnections(ctx); // it may run on the intake thread, which does not see the core's cache being dropped
  const c = connectionOf(ctx, channelId);
  let fresh = 0;
  for (const d of rows) {
    const isTest = d.headers['x-packline-test'] === '1';
    if (insertInbox(ctx.db, {
      id: ctx.ids('delivery'), channel_id: channelId, delivery_id: d.deliveryId, order_key: readDelivery(c, d.topic, d.body, isTest).key, topic: d.topic, source, headers: JSON.stringify(d.headers), body: d.body,
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
