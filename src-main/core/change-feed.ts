import type { Db } from './store/db';
import { eventsAfter, lastEventId } from './store/events';
import type { ChangeEvent } from '../contract/system';

type Listener = (events: ChangeEvent[]) => void;

/**
 * Publishes committed events to live subscribers (SSE clients, the station) in id order.
 * Called after every commit; reads only what is new since the last publish.
 */
export class ChangeFeed {
  private lastPublished: number;
  /** Commits went by with nobody listening: lastPublished is read again when someone subscribes. */
  private behind = false;
  private listeners = new Set<Listener>();

  constructor(private readonly db: Db) {
    this.lastPublished = this.lastId();
  }

  lastId(): number {
    return lastEventId(this.db);
  }

  /** Events after `afterId`, oldest first, at most `limit` (for replay on reconnect). */
  since(afterId: number, limit = 5000): ChangeEvent[] {
    return eventsAfter(this.db, afterId, limit);
  }

  publish(): void {
    if (this.listeners.size === 0) {
      // Nothing to read for nobody: during ingest this query was ~6% of the core's thread.
      this.behind = true;
      return;
    }
    for (;;) {
      const fresh = this.since(this.lastPublished);
      if (fresh.length === 0) return;
      this.lastPublished = fresh[fresh.length - 1]!.id;
      for (const l of this.listeners) l(fresh);
      if (fresh.length < 5000) return;
    }
  }

  /** Replays what the subscriber missed after `afterId`, then delivers live events. */
  subscribe(afterId: number | null, listener: Listener): () => void {
    if (this.behind) {
      this.lastPublished = this.lastId();
      this.behind = false;
    }
    if (afterId !== null) {
      let cursor = afterId;
      while (cursor < this.lastPublished) {
        const batch = this.since(cursor).filter((e) => e.id <= this.lastPublished);
        if (batch.length === 0) break;
        listener(batch);
        cursor = batch[batch.length - 1]!.id;
      }
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
