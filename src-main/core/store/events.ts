import { prep } from './db';
import type { Db } from './db';
import type { Clock } from '../../lib/clock';

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

/** Appends to the change feed / audit log. Call inside the action's transaction. */
export function appendEvent(db: Db, clock: Clock, e: EventInput, at = clock.iso()): number {
  const r = prep(db, 
      'INSERT INTO events (at, type, entity, entity_id, actor, reason, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(at, e.type, e.entity, e.entityId, e.actor.id, e.reason ?? null, e.data ? JSON.stringify(e.data) : null);
  return Number(r.lastInsertRowid);
}
