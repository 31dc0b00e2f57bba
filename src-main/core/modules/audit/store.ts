// The audit log's reads of the shared event log (core/store/events.ts): this module owns no table.
import { prep, type Db } from '../../store/db';

export interface AuditRow { id: number; at: string; type: string; entity: string; entity_id: string; actor: string; reason: string | null; data: string | null }

export interface AuditFilter { actor?: string; entityId?: string; kind?: string; from?: string; to?: string; before?: number }

/**
 * Events matching the filter, newest first. Read backwards along the id (the order they were
 * written), so the newest page costs little; an order's events use the events_entity index. No new
 * index on events: every order taken in writes one, and intake must stay fast.
 */
export function selectAuditEvents(db: Db, f: AuditFilter, limit: number): AuditRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const and = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (f.before !== undefined) and('id < ?', f.before);
  if (f.actor) and('actor = ?', f.actor);
  if (f.entityId) and('entity_id = ?', f.entityId);
  // An exact type, or every type under the prefix: a range, no LIKE (its % and _ are wildcards).
  if (f.kind) {
    if (f.kind.includes('.')) and('type = ?', f.kind);
    else and('(type = ? OR (type >= ? AND type < ?))', f.kind, `${f.kind}.`, `${f.kind}/`);
  }
  if (f.from) and('at >= ?', f.from);
  if (f.to) and('at < ?', f.to);
  const sql = `SELECT id, at, type, entity, entity_id, actor, reason, data FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return prep(db, sql).all(...args, limit) as AuditRow[];
}
