// The walking path through the warehouse: bin codes are read with a configurable pattern (zone,
// aisle, bay, level), zones are walked in order, and within a zone the path snakes through the
// aisles: up the first (bays ascending), down the next, and so on. Narrow aisles with a cart are
// often one-way, so the direction of each aisle is fixed by its place in the layout, not by the
// wave. Every bin gets a walking sequence: its place on that path x 10, or the custom sequence a
// person gave the location, which overrides it (25 walks a bin between the 2nd and the 3rd).
import type { PickPathSettings } from '../../../contract/locations';
import { walkingPatternProblem } from './pattern-trial';
import { fail } from '../../../lib/errors';

export interface BinParts {
  zone: string | null;
  aisle: string | null;
  bay: string | null;
  level: string | null;
}

export interface LocationRow extends BinParts {
  id: string;
  code: string;
  sequence: number | null;
}

export interface PathPoint extends BinParts {
  id: string;
  code: string;
  /** the sequence the pick list sorts by */
  seq: number;
  custom: boolean;
  /** position along the serpentine (x 10), for ties */
  pathSeq: number;
  /** geometry for the distance estimate; null when the code could not be read */
  at: { zone: number; aisle: number; bay: number; depth: number } | null;
}

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

/** A bin code reader from the pattern's named groups; null for a code the pattern does not fit. */
export function binParser(pattern: string): (code: string) => BinParts | null {
  // A pattern stored before patterns were checked is refused here rather than left to stall the core.
  const why = walkingPatternProblem(pattern);
  if (why) fail('validation', `the bin location pattern is refused: ${why}; set another in Settings`, [{ path: 'pickPath.pattern', message: why }]);
  const re = new RegExp(pattern);
  return (code) => {
    const g = re.exec(code)?.groups;
    if (!g || (g.aisle === undefined && g.bay === undefined)) return null;
    return { zone: g.zone ?? null, aisle: g.aisle ?? null, bay: g.bay ?? null, level: g.level ?? null };
  };
}

/** Every location on the walking path, keyed by location id. */
export function buildPath(locations: LocationRow[], settings: PickPathSettings): Map<string, PathPoint> {
  const parse = binParser(settings.pattern);
  const placed: { loc: LocationRow; parts: BinParts }[] = [];
  const unplaced: LocationRow[] = [];
  for (const loc of locations) {
    const parsed = parse(loc.code);
    const stored = loc.aisle !== null || loc.bay !== null ? { zone: loc.zone, aisle: loc.aisle, bay: loc.bay, level: loc.level } : null;
    const parts = parsed ?? stored;
    if (parts) placed.push({ loc, parts });
    else unplaced.push(loc);
  }

  // Index zones, aisles within a zone, and bays (numeric bays keep their number as a position).
  const zones = [...new Set(placed.map((p) => p.parts.zone ?? ''))].sort(natural);
  const aislesOf = new Map<string, string[]>();
  const baysOf = new Map<string, string[]>();
  for (const z of zones) {
    const inZone = placed.filter((p) => (p.parts.zone ?? '') === z);
    aislesOf.set(z, [...new Set(inZone.map((p) => p.parts.aisle ?? ''))].sort(natural));
    baysOf.set(z, [...new Set(inZone.map((p) => p.parts.bay ?? ''))].sort(natural));
  }
  const bayPos = (zone: string, bay: string) => (/^\d+$/.test(bay) ? Number(bay) : baysOf.get(zone)!.indexOf(bay) + 1);
  const depthOf = new Map(zones.map((z) => [z, Math.max(1, ...baysOf.get(z)!.map((b) => bayPos(z, b)))]));

  const keyed = placed.map(({ loc, parts }) => {
    const zone = parts.zone ?? '';
    const zi = zones.indexOf(zone);
    const ai = aislesOf.get(zone)!.indexOf(parts.aisle ?? '');
    const bay = bayPos(zone, parts.bay ?? '');
    return { loc, parts, at: { zone: zi, aisle: ai, bay, depth: depthOf.get(zone)! }, dirBay: ai % 2 === 0 ? bay : -bay };
  });
  keyed.sort((a, b) => a.at.zone - b.at.zone || a.at.aisle - b.at.aisle || a.dirBay - b.dirBay
    || natural(a.parts.level ?? '', b.parts.level ?? '') || natural(a.loc.code, b.loc.code));
  unplaced.sort((a, b) => natural(a.code, b.code));

  const out = new Map<string, PathPoint>();
  let pos = 0;
  const add = (loc: LocationRow, parts: BinParts, at: PathPoint['at']) => {
    const pathSeq = ++pos * 10;
    out.set(loc.id, { id: loc.id, code: loc.code, ...parts, pathSeq, seq: loc.sequence ?? pathSeq, custom: loc.sequence !== null, at });
  };
  for (const k of keyed) add(k.loc, k.parts, k.at);
  for (const loc of unplaced) add(loc, { zone: loc.zone, aisle: loc.aisle, bay: loc.bay, level: loc.level }, null);
  return out;
}

/** Walking order: by sequence, then by the place on the serpentine. */
export function byWalkingOrder(a: PathPoint, b: PathPoint): number {
  return a.seq - b.seq || a.pathSeq - b.pathSeq;
}

/**
 * Estimated metres from the depot (front of the first aisle), through the stops in the order
 * given, and back. Between aisles the picker takes the front or the back cross-aisle, whichever
 * is shorter; changing zones costs the zone gap. A bin the pattern cannot read costs a zone gap.
 */
export function walkingDistance(stops: PathPoint[], s: PickPathSettings): number {
  type At = NonNullable<PathPoint['at']>;
  const depot: At = { zone: 0, aisle: 0, bay: 0, depth: 1 };
  const leg = (a: At, b: At): number => {
    if (a.zone !== b.zone) return (a.bay + b.bay) * s.bayWidthM + (a.aisle + b.aisle) * s.aisleSpacingM + s.zoneGapM * Math.abs(a.zone - b.zone);
    if (a.aisle === b.aisle) return Math.abs(a.bay - b.bay) * s.bayWidthM;
    const depth = Math.max(a.depth, b.depth) + 1;
    return Math.abs(a.aisle - b.aisle) * s.aisleSpacingM + Math.min(a.bay + b.bay, 2 * depth - a.bay - b.bay) * s.bayWidthM;
  };
  let total = 0;
  let here = depot;
  for (const p of stops) {
    if (!p.at) {
      total += s.zoneGapM;
      continue;
    }
    total += leg(here, p.at);
    here = p.at;
  }
  total += leg(here, depot);
  return Math.round(total * 10) / 10;
}
