// Reads of locations: the bins as stored, and the walking path of this shop's bins (pick-path.ts
// over the locations table and the pickPath setting), cached until locations or the setting change.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import { getSettings } from '../settings/queries';
import { buildPath, byWalkingOrder, type PathPoint } from './pick-path';
import type { PathStop } from '../../../contract/locations';
import { locationIdByRef, locationRowsBySequence, locationsFingerprint, pathLocationRows } from './store';

export function listLocations(ctx: CoreContext) {
  const rows = locationRowsBySequence(ctx.db);
  return rows.map((r) => ({
    id: r.id as string, code: r.code as string,
    zone: (r.zone as string) ?? undefined, aisle: (r.aisle as string) ?? undefined, bay: (r.bay as string) ?? undefined, level: (r.level as string) ?? undefined,
    sequence: (r.sequence as number) ?? undefined,
  }));
}

// The path over every location is rebuilt only when locations or the pattern change.
const pathCache = new WeakMap<Db, { key: string; path: Map<string, PathPoint> }>();

export function walkingPath(ctx: CoreContext): Map<string, PathPoint> {
  const settings = getSettings(ctx).pickPath;
  const f = locationsFingerprint(ctx.db);
  const key = `${f.n}|${f.m}|${f.s}|${JSON.stringify(settings)}`;
  const hit = pathCache.get(ctx.db);
  if (hit && hit.key === key) return hit.path;
  const path = buildPath(pathLocationRows(ctx.db), settings);
  pathCache.set(ctx.db, { key, path });
  return path;
}

/** Every bin in walking order (for the settings screen and for checking a layout). */
export function walkingOrder(ctx: CoreContext): PathStop[] {
  return [...walkingPath(ctx).values()].sort(byWalkingOrder)
    .map((p) => ({ code: p.code, zone: p.zone, aisle: p.aisle, bay: p.bay, level: p.level, sequence: p.seq, custom: p.custom }));
}

/** A bin's id by its code or id. */
export function locationIdOf(ctx: CoreContext, ref: string): string | undefined {
  return locationIdByRef(ctx.db, ref);
}
