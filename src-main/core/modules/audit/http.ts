// Route handlers of the audit log: a page of entries, the people to filter by, an export.
import type { auditRoutes } from '../../../contract/audit';
import { writeSheet, SHEET_TYPES } from '../../../lib/spreadsheet';
import type { ModuleHandlers } from '../../http/handler-env';
import { auditLog, auditPeople } from './queries';

/** Entries in one export: a year of a busy shop's leads' work, not its every order created. */
const EXPORT_MAX = 100_000;

export const handlers: ModuleHandlers<typeof auditRoutes> = {
  auditLog: ({ query }, { core }) => auditLog(core.ctx, query),
  auditPeople: (_i, { core }) => ({ items: auditPeople(core.ctx) }),
  auditExport: async ({ query }, { core }) => {
    const { items } = auditLog(core.ctx, { ...query, limit: EXPORT_MAX });
    const rows = items.map((e) => [e.at, e.actorName ?? e.actor, e.type, e.entity, e.label ?? e.entityId, e.reason ?? '', e.data ? JSON.stringify(e.data) : '']);
    const bytes = await writeSheet(query.format, ['time (UTC)', 'who', 'what', 'entity', 'id or number', 'why', 'detail'], rows, 'Audit log');
    return { bytes, mime: SHEET_TYPES[query.format].contentType, filename: `audit-log.${SHEET_TYPES[query.format].ext}` };
  },
};
