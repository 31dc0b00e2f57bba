import { z } from 'zod';
import { ALL, MANAGE, type RouteDef } from './routing';

// Locations: bins, their code pattern and the walking path through them.

export const LocationInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and dashes, e.g. A-03-12-2'),
  zone: z.string().max(16).optional(), aisle: z.string().max(16).optional(), bay: z.string().max(16).optional(), level: z.string().max(16).optional(),
  sequence: z.number().int().optional(),
});

export const Location = LocationInput.extend({ id: z.string() });

function isLocationPattern(p: string): boolean {
  try {
    new RegExp(p);
  } catch {
    return false;
  }
  return /\(\?<(aisle|bay)>/.test(p);
}

/** Walking path settings: how bin codes are read and how far apart things are. */
export const PickPathSettings = z.object({
  pattern: z.string().min(1).max(300).refine(isLocationPattern, 'a regular expression with named groups, at least (?<aisle>...) or (?<bay>...); zone and level are optional')
    .describe('regular expression with named groups zone, aisle, bay, level'),
  aisleSpacingM: z.number().min(0.5).max(50),
  bayWidthM: z.number().min(0.1).max(20),
  zoneGapM: z.number().min(0).max(500),
});
export type PickPathSettings = z.infer<typeof PickPathSettings>;

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
  walkingOrder: { method: 'GET', path: '/api/locations/walking-order', summary: 'Every bin in walking order with its sequence (custom or from the serpentine path)', roles: ALL, response: z.object({ items: z.array(PathStop) }), tag: 'waves' },
  setLocationSequence: {
    method: 'PUT', path: '/api/locations/:code/sequence', summary: 'Set (or clear with null) the custom walking sequence of a bin', roles: MANAGE,
    params: z.object({ code: z.string().min(1).max(32) }), body: z.object({ sequence: z.number().int().min(0).max(1e9).nullable() }), response: PathStop, tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;
