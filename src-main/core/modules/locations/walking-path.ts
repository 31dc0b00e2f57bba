// The walking path of this shop's bins (pick-path.ts over the locations table and the pickPath
// setting), cached until locations or the setting change; custom walking sequences per bin.
import type { CoreContext } from '../../context';
import { prep } from '../../store/db';
import type { Db } from '../../store/db';
import type { Actor } from '../../store/events';
import { appendEvent } from '../../store/events';
import { getSettings } from '../settings/queries';
import { buildPath, byWalkingOrder, type LocationRow, type PathPoint } from './pick-path';
import { notFound } from '../../../lib/errors';
import type { PathStop } from '../../../contract/locations';

const stmt = (ctx: CoreContext, sql: string) => prep(ctx.db, sql);

// The path over every location is rebuilt only when locations or the pattern change.
const pathCache = new WeakMap<Db, { key: string; path: Map<string, PathPoint> }>();

export function walkingPath(ctx: CoreContext): Map<string, PathPoint> {
  const settings = getSettings(ctx).pickPath;
  const f = stmt(ctx, 'SELECT COUNT(*) n, COALESCE(MAX(rowid), 0) m, COALESCE(SUM(COALESCE(sequence, 0) * (rowid % 9973 + 1)), 0) s FROM locations').get() as { n: number; m: number; s: number };
  const key = `${f.n}|${f.m}|${f.s}|${JSON.stringify(settings)}`;
  const hit = pathCache.get(ctx.db);
  if (hit && hit.key === key) return hit.path;
  const rows = stmt(ctx, 'SELECT id, code, zone, aisle, bay, level, sequence FROM locations').all() as LocationRow[];
  const path = buildPath(rows, settings);
  pathCache.set(ctx.db, { key, path });
  return path;
}

/** Every bin in walking order (for the settings screen and for checking a layout). */
export function walkingOrder(ctx: CoreContext): PathStop[] {
  return [...walkingPath(ctx).values()].sort(byWalkingOrder)
    .map((p) => ({ code: p.code, zone: p.zone, aisle: p.aisle, bay: p.bay, level: p.level, sequence: p.seq, custom: p.custom }));
}

/** Sets or clears (null) the custom walking sequence of a bin. */
export function setLocationSequence(ctx: CoreContext, code: string, sequence: number | null, actor: Actor): PathStop {
  const loc = stmt(ctx, 'SELECT id FROM locations WHERE code = ? OR id = ?').get(code, code) as { id: string } | undefined;
  if (!loc) notFound('location', code);
  stmt(ctx, 'UPDATE locations SET sequence = ? WHERE id = ?').run(sequence, loc!.id);
  appendEvent(ctx.db, ctx.clock, { type: 'location.sequence_set', entity: 'location', entityId: loc!.id, actor, data: { code, sequence } });
  const at = walkingPath(ctx).get(loc!.id)!.code;
  return walkingOrder(ctx).find((p) => p.code === at)!;
}
