// Reads of the audit log: entries with the names of the people who acted, filtered by person,
// order, kind and time.
import type { CoreContext } from '../../context';
import type { AuditEntry, AuditQuery } from '../../../contract/audit';
import { listUsers, userNames } from '../people/queries';
import { orderIdOf, orderSummaries } from '../orders/queries';
import { selectAuditEvents, type AuditRow } from './store';

/** Keys of event data the log never shows: personal data and credentials. */
const HIDDEN = /phone|badge|pin|token|secret|password|shipto|address/i;

function entryData(json: string | null): AuditEntry['data'] {
  if (!json) return null;
  const data = JSON.parse(json) as Record<string, unknown>;
  for (const k of Object.keys(data)) if (HIDDEN.test(k)) delete data[k];
  return data;
}

/** Orders' numbers by id, read a slice at a time (an export may name many orders). */
function orderNumbers(ctx: CoreContext, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) for (const o of orderSummaries(ctx, ids.slice(i, i + 500))) out.set(o.id, o.number);
  return out;
}

function toEntries(ctx: CoreContext, rows: AuditRow[]): AuditEntry[] {
  const names = userNames(ctx, rows.map((r) => r.actor));
  const numbers = orderNumbers(ctx, [...new Set(rows.filter((r) => r.entity === 'order').map((r) => r.entity_id))]);
  return rows.map((r) => ({
    id: r.id, at: r.at, type: r.type, entity: r.entity, entityId: r.entity_id, label: numbers.get(r.entity_id) ?? null,
    actor: r.actor, actorName: names.get(r.actor) ?? null, reason: r.reason, data: entryData(r.data),
  }));
}

/** The newest entries matching the query, `limit` at a time from `cursor` (an entry id) on. */
export function auditLog(ctx: CoreContext, q: AuditQuery & { limit: number; cursor?: number }): { items: AuditEntry[]; nextCursor: number | null } {
  // An order by its number as people know it (PL...), or its id; an unknown one has no entries.
  const entityId = q.order ? (orderIdOf(ctx, q.order) ?? q.order) : undefined;
  const rows = selectAuditEvents(ctx.db, { actor: q.actor || undefined, entityId, kind: q.kind, from: q.from, to: q.to, before: q.cursor }, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: toEntries(ctx, page), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

export function auditPeople(ctx: CoreContext): { id: string; name: string; role: string }[] {
  return listUsers(ctx).map((u) => ({ id: u.id, name: u.name, role: u.role }));
}
