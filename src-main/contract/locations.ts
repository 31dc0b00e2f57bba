import { z } from 'zod';
import { line, trimmed } from './common';
import { ADMIN, ALL, IdParam, MANAGE, type RouteDef } from './routing';
import { matching, said } from './field-messages';

// Locations: bins, their code pattern and the walking path through them.

export const LocationInput = z.object({
  code: matching(z.string().trim(), /^[A-Za-z0-9-]{1,32}$/, 'locationCode'),
  zone: line(16).optional(), aisle: line(16).optional(), bay: line(16).optional(), level: line(16).optional(),
  sequence: z.number().int().optional(),
  warehouse: z.string().trim().max(80).optional().describe('the warehouse (code or id) the bin is in; the default warehouse when left out'),
});

export const Location = LocationInput.extend({ id: z.string(), warehouseId: z.string().nullable() });

// Warehouses: a shop has one or more; bins, benches, stock, waves and manifests belong to one.

/** Last hand-over time per carrier code, local "HH:MM": the shop's (Settings), and a warehouse's own overrides. */
export const CarrierCutoffs = z.record(z.string().min(1).max(32), matching(z.string(), /^([01]\d|2[0-3]):[0-5]\d$/, 'cutoffTime'));
export type CarrierCutoffs = z.infer<typeof CarrierCutoffs>;

export const WarehouseCode = matching(z.string().trim(), /^[A-Za-z0-9-]{1,16}$/, 'warehouseCode');

export const WarehouseInput = z.object({
  code: WarehouseCode,
  name: trimmed(100),
  province: line(40).optional().describe('省, e.g. 广东'),
  city: line(40).optional(),
  address: line(300).optional(),
  active: z.boolean().default(true),
  isDefault: z.boolean().optional().describe('the warehouse orders go to when routing is off or nothing else fits; only one is'),
  benches: z.array(trimmed(64)).max(200).optional().describe(
    'the benches (names or ids, as on Settings -> Benches) that work in this warehouse: kept for older callers, the benches API (PATCH /api/benches/:id) is the way now. '
    + 'A name no bench has becomes a bench waiting for its pairing code (its id is that name: an unpaired station names itself so); a bench left out returns to the default warehouse',
  ),
  carrierCutoffs: CarrierCutoffs.optional().describe('this warehouse\'s own last hand-over time per carrier code (local HH:MM), overriding the shop\'s (Settings) there; a carrier left out keeps the shop\'s'),
});
export type WarehouseInput = z.infer<typeof WarehouseInput>;

export const Warehouse = z.object({
  id: z.string(), code: z.string(), name: z.string(),
  province: z.string().nullable(), city: z.string().nullable(), address: z.string().nullable(),
  active: z.boolean(), isDefault: z.boolean(), benches: z.array(z.string()).describe('the names of the benches (not revoked) that work here'),
  bins: z.number().int().describe('bins in this warehouse'),
  carrierCutoffs: CarrierCutoffs.describe('the cut-offs this warehouse overrides (carrier -> HH:MM); the others are the shop\'s'),
  createdAt: z.string(), updatedAt: z.string(),
});
export type Warehouse = z.infer<typeof Warehouse>;

/** The query a per-warehouse screen sends: a warehouse's code or id; left out (or "all") for every warehouse. */
export const WarehouseFilter = z.object({ warehouse: z.string().trim().max(80).optional().describe('a warehouse code or id; every warehouse when left out or "all"') });

function isLocationPattern(p: string): boolean {
  try {
    new RegExp(p);
  } catch {
    return false;
  }
  return /\(\?<(aisle|bay)>/.test(p);
}

/** A bin code is at most this long (LocationInput.code): the pattern only ever reads such codes. */
export const MAX_BIN_CODE = 32;

/**
 * A group that repeats (+, *, {n,}) and has a repetition or alternatives inside, as in (a+)+ or
 * (a|ab)*: the engine may try every way to split the text between them, exponential in its length.
 * Also back-references, which bin codes never need. Returns what is wrong, or null.
 */
function nestedRepetition(p: string): string | null {
  const frames: { repeats: boolean; alternatives: boolean }[] = [{ repeats: false, alternatives: false }];
  let closed: { repeats: boolean; alternatives: boolean } | null = null; // the group just closed, if the next token is its quantifier
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    const top = frames[frames.length - 1]!;
    const q = /^(?:[+*]|\{(\d+)(,(\d*))?\})/.exec(p.slice(i));
    if (q) {
      const repeats = q[0] === '+' || q[0] === '*' || (q[2] !== undefined && (q[3] === '' || Number(q[3]) > 1)) || (q[2] === undefined && q[1] !== undefined && Number(q[1]) > 1);
      if (repeats && closed && (closed.repeats || closed.alternatives)) return `it repeats a group that has ${closed.repeats ? 'a repetition' : 'alternatives'} inside (a nested quantifier such as (a+)+): reading a bin code could take minutes`;
      if (repeats) top.repeats = true;
      i += q[0].length - 1;
      if (p[i + 1] === '?') i++; // lazy: the same risk
      closed = null;
      continue;
    }
    if (closed) {
      top.repeats ||= closed.repeats;
      closed = null;
    }
    if (c === '\\') {
      if (/[1-9k]/.test(p[i + 1] ?? '')) return 'it uses a back-reference, which a bin code never needs';
      i++;
    } else if (c === '[') {
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
    } else if (c === '(') {
      frames.push({ repeats: false, alternatives: false });
    } else if (c === ')' && frames.length > 1) {
      closed = frames.pop()!;
    } else if (c === '|') {
      top.alternatives = true;
    }
  }
  return null;
}

/**
 * Why a walking-path pattern may not be used, as far as its text tells (not a regular expression, a
 * nested quantifier, a back-reference), or null. The core also times it on bin codes
 * (core/modules/locations/pattern-trial.ts), which needs a timer that can stop a running match.
 */
export function locationPatternProblem(p: string): string | null {
  try {
    new RegExp(p);
  } catch (e) {
    return `not a regular expression: ${(e as Error).message}`;
  }
  return nestedRepetition(p);
}

/** How a refused walking-path pattern is reported on its field (pickPath.pattern). */
export const patternRefused = (why: string) => `this pattern is refused: ${why}`;

/**
 * A walking-path pattern as an admin sets it: valid, with its named groups, and not refused by its
 * text; the core also times it on bin codes (core/modules/locations/pattern-trial.ts) before storing it.
 */
export const LocationPattern = z.string().min(1).max(300).refine(isLocationPattern, said('locationPattern'))
  .superRefine((p, ctx) => {
    const why = locationPatternProblem(p);
    if (why) ctx.addIssue({ code: 'custom', message: patternRefused(why) });
  })
  .describe('regular expression with named groups zone, aisle, bay, level');

/** Walking path settings: how bin codes are read and how far apart things are. */
export const PickPathSettings = z.object({
  // As stored: the safety checks run where a pattern is set (PickPathInput, then PUT /api/settings
  // times it) and before one is run (locations/pick-path.ts), so a pattern stored by an older
  // version never makes settings unreadable.
  pattern: z.string().min(1).max(300).refine(isLocationPattern, said('locationPattern'))
    .describe('regular expression with named groups zone, aisle, bay, level'),
  aisleSpacingM: z.number().min(0.5).max(50),
  bayWidthM: z.number().min(0.1).max(20),
  zoneGapM: z.number().min(0).max(500),
});
export type PickPathSettings = z.infer<typeof PickPathSettings>;

/** Walking path settings as an admin sets them: the pattern must also pass the checks of its text. */
export const PickPathInput = PickPathSettings.extend({ pattern: LocationPattern });

export const DEFAULT_PICK_PATH: PickPathSettings = {
  pattern: '^(?<zone>[A-Za-z]+)-(?<aisle>\\d+)-(?<bay>\\d+)(?:-(?<level>\\w+))?$',
  aisleSpacingM: 3,
  bayWidthM: 1.2,
  zoneGapM: 15,
};

/** One bin on the walking path (Settings -> walking order). */
export const PathStop = z.object({
  code: z.string(),
  zone: z.string().nullable(),
  aisle: z.string().nullable(),
  bay: z.string().nullable(),
  level: z.string().nullable(),
  sequence: z.number().int().describe('walking sequence: the custom one when set, else the serpentine position x 10'),
  custom: z.boolean(),
});
export type PathStop = z.infer<typeof PathStop>;

export const locationsRoutes = {
  listLocations: { method: 'GET', path: '/api/locations', summary: 'Bin locations in walking order', roles: ALL, response: z.object({ items: z.array(Location) }), tag: 'inventory' },
  createLocation: { method: 'POST', path: '/api/locations', summary: 'Create a bin location', roles: MANAGE, body: LocationInput, response: Location, tag: 'inventory' },
  listWarehouses: { method: 'GET', path: '/api/warehouses', summary: 'Warehouses with their benches and bin counts (inactive ones too)', roles: ALL, response: z.object({ items: z.array(Warehouse) }), tag: 'inventory' },
  createWarehouse: { method: 'POST', path: '/api/warehouses', summary: 'Create a warehouse', roles: ADMIN, body: WarehouseInput, response: Warehouse, tag: 'inventory' },
  updateWarehouse: {
    method: 'PATCH', path: '/api/warehouses/:id', summary: 'Change a warehouse (name, address, active, default, benches)', roles: ADMIN,
    params: IdParam, body: WarehouseInput.partial().omit({ code: true }), response: Warehouse, tag: 'inventory',
  },
  walkingOrder: { method: 'GET', path: '/api/locations/walking-order', summary: 'Every bin in walking order with its sequence (custom or from the serpentine path)', roles: ALL, response: z.object({ items: z.array(PathStop) }), tag: 'waves' },
  setLocationSequence: {
    method: 'PUT', path: '/api/locations/:code/sequence', summary: 'Set (or clear with null) the custom walking sequence of a bin', roles: MANAGE,
    params: z.object({ code: z.string().min(1).max(32) }), body: z.object({ sequence: z.number().int().min(0).max(1e9).nullable() }), response: PathStop, tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;
