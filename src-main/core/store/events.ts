import { prep } from './db';
import type { Db } from './db';
import type { Clock } from '../../lib/clock';
import type { ChangeEvent } from '../../contract/system';

/** Who did it: a user id, a token id, or a system actor such as "system:import". */
export interface Actor {
  id: string;
  role: string;
  name?: string;
}

export interface EventInput {
  type: string; // e.g. "order.cancelled", "waybill.allocated"
  entity: string; // e.g. "order"
  entityId: string;
  actor: Actor;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends to the change feed / audit log. Call inside the action's transaction. Returns nothing:
 * the new id is not read back (on PostgreSQL that is a round trip of its own per event; the
 * append then goes with the next statement, docs/postgres.md).
 */
export function appendEvent(db: Db, clock: Clock, e: EventInput, at = clock.iso()): void {
  prep(db, 'INSERT INTO events (at, type, entity, entity_id, actor, reason, data) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(at, e.type, e.entity, e.entityId, e.actor.id, e.reason ?? null, e.data ? JSON.stringify(e.data) : null);
}

interface EventRow { id: number; at: string; type: string; entity: string; entity_id: string; actor: string; data: string | null }
const toEvent = (r: EventRow): ChangeEvent => ({ id: r.id, at: r.at, type: r.type, entity: r.entity, entityId: r.entity_id, actor: r.actor, data: r.data ? JSON.parse(r.data) : null });

/** The newest event's id (0 for an empty log). */
export const lastEventId = (db: Db) => (prep(db, 'SELECT COALESCE(MAX(id), 0) id FROM events').get() as { id: number }).id;

/** Events after `afterId`, oldest first, at most `limit` (the change feed's replay and live reads). */
export const EVENTS_AFTER = 'SELECT id, at, type, entity, entity_id, actor, data FROM events WHERE id > ? ORDER BY id LIMIT ?';
export function eventsAfter(db: Db, afterId: number, limit: number): ChangeEvent[] {
  return (prep(db, EVENTS_AFTER).all(afterId, limit) as EventRow[]).map(toEvent);
}

/** An event as the change feed sends it: its JSON text (what JSON.stringify gives for the ChangeEvent). */
export interface EventText { id: number; type: string; json: string; data: string | null }
const q = JSON.stringify;
/**
 * Events after `afterId` as JSON text, for the change feed: the stored data is JSON text already,
 * so it is spliced in, not parsed and written again (half the cost of a replay page).
 */
export function eventTextsAfter(db: Db, afterId: number, limit: number): EventText[] {
  return (prep(db, EVENTS_AFTER).all(afterId, limit) as EventRow[]).map((r) => ({
    id: r.id, type: r.type, data: r.data,
    json: `{"id":${r.id},"at":${q(r.at)},"type":${q(r.type)},"entity":${q(r.entity)},"entityId":${q(r.entity_id)},"actor":${q(r.actor)},"data":${r.data ?? 'null'}}`,
  }));
}
