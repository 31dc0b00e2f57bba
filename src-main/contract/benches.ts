import { z } from 'zod';
import { line, trimmed } from './common';
import { ALL, MANAGE, type RouteDef } from './routing';

// Benches: each packing bench PC is paired once with the core and then acts with its own long-lived
// bench token (the `X-Packline-Bench` header), so every parcel, event and figure names the bench,
// beside the operator whose badge was scanned on it. Pairing: a lead or admin creates the bench and
// a one-time code valid for minutes; the code travels (typed, pasted or as a QR) with the core's
// address and its certificate's SHA-256 fingerprint, which the bench pins.

/** How long a pairing code may be used, once. */
export const PAIRING_CODE_MINUTES = 10;
/** The header a paired bench sends its bench token in (beside the operator's session). */
export const BENCH_HEADER = 'x-packline-bench';

// A bench works in one warehouse (DESIGN.md): this table is the one list of benches, also for
// Settings -> Warehouses (whose `benches` are the names of the benches in each warehouse).

export const BenchInput = z.object({
  name: trimmed(60).describe('what people call the bench, e.g. "Bench 3 (returns corner)"'),
  warehouse: z.string().trim().min(1).max(80).optional().describe('the warehouse (code or id) the bench stands in; the default warehouse when left out'),
  printer: line(200).optional().describe('the label printer address it starts with, e.g. tcp://192.168.1.50:9100'),
  scale: line(200).optional().describe('the scale address it starts with, e.g. serial:/dev/ttyUSB0'),
});
export type BenchInput = z.infer<typeof BenchInput>;

export const Bench = z.object({
  id: z.string().describe('bch_...: the identity in every parcel and event the bench makes'),
  name: z.string(),
  warehouseId: z.string().describe('the warehouse the bench stands in'),
  warehouseCode: z.string(),
  warehouseName: z.string(),
  printer: z.string().nullable(),
  scale: z.string().nullable(),
  createdAt: z.string(),
  pairedAt: z.string().nullable().describe('when a bench PC took its code (null: waiting for a code to be used)'),
  lastContactAt: z.string().nullable().describe('the last request the bench made (to the minute)'),
  revokedAt: z.string().nullable(),
  status: z.enum(['waiting', 'paired', 'revoked']),
});
export type Bench = z.infer<typeof Bench>;

export const PairingCode = z.object({
  code: z.string().describe('the one-time code, e.g. K7M2-9QXD (shown once)'),
  expiresAt: z.string(),
  fingerprint: z.string().nullable().describe("SHA-256 of the core's certificate (LAN mode); null on plain loopback HTTP"),
  coreUrls: z.array(z.string()).describe('where benches reach this core'),
  pairing: z.string().describe('everything a bench needs in one line (the QR holds it): packline-pair:<code>@<url>#<fingerprint>'),
});
export type PairingCode = z.infer<typeof PairingCode>;

export const PairBody = z.object({ code: trimmed(40).describe('the one-time code from Settings -> Benches') });
export const Paired = z.object({ bench: Bench, token: z.string().describe('the bench token: kept by the bench, never shown again') });
export type Paired = z.infer<typeof Paired>;

const BenchId = z.object({ id: z.string().min(1).max(80) });

export const BenchPatch = z.object({
  name: trimmed(60).optional(),
  warehouse: z.string().trim().min(1).max(80).optional().describe('move the bench to this warehouse (code or id)'),
  printer: line(200).optional(), scale: line(200).optional(),
});
export type BenchPatch = z.infer<typeof BenchPatch>;

/** The warehouse a bench works in, as a station and the Pack screen ask for it by the bench's id. */
export const BenchWarehouse = z.object({
  benchId: z.string(),
  bench: Bench.nullable().describe('null: a bench the core has no row for (an unpaired station naming itself); it works in the default warehouse'),
  warehouse: z.object({ id: z.string(), code: z.string(), name: z.string() }),
});
export type BenchWarehouse = z.infer<typeof BenchWarehouse>;

export const benchesRoutes = {
  listBenches: { method: 'GET', path: '/api/benches', summary: 'List the benches with their last contact', roles: MANAGE, response: z.object({ items: z.array(Bench) }), tag: 'benches' },
  createBench: { method: 'POST', path: '/api/benches', summary: 'Create a bench and its first pairing code', roles: MANAGE, body: BenchInput, response: z.object({ bench: Bench, code: PairingCode }), tag: 'benches' },
  benchCode: {
    method: 'POST', path: '/api/benches/:id/code', summary: 'Make a new one-time pairing code for a bench (an earlier unused one stops working)', roles: MANAGE,
    params: BenchId, response: PairingCode, tag: 'benches',
  },
  updateBench: {
    method: 'PATCH', path: '/api/benches/:id', summary: 'Rename a bench, move it to another warehouse, or change its device defaults', roles: MANAGE,
    params: BenchId, body: BenchPatch, response: Bench, tag: 'benches',
  },
  benchWarehouse: {
    method: 'GET', path: '/api/benches/:id/warehouse', summary: 'The bench and the warehouse it works in (a station and its Pack screen read this)', roles: ALL,
    params: BenchId, response: BenchWarehouse, tag: 'benches',
  },
  revokeBench: { method: 'POST', path: '/api/benches/:id/revoke', summary: 'Revoke a bench: its token stops working at once', roles: MANAGE, params: BenchId, response: Bench, tag: 'benches' },
  pairBench: {
    method: 'POST', path: '/api/benches/pair', summary: 'A bench PC takes its one-time code and gets its bench token', roles: 'public',
    body: PairBody, response: Paired, tag: 'benches',
  },
} as const satisfies Record<string, RouteDef>;

/** `packline-pair:K7M2-9QXD@https://192.168.1.5:5170#AB:CD:...` -> its parts, or null when it is not one. */
export function parsePairing(text: string): { code: string; url: string; fingerprint: string | null } | null {
  const m = /^packline-pair:([A-Z0-9-]{4,40})@(https?:\/\/[^\s#]+)(?:#([0-9A-F:]{95}))?$/i.exec(text.trim());
  if (!m) return null;
  return { code: m[1]!.toUpperCase(), url: m[2]!.replace(/\/$/, ''), fingerprint: m[3]?.toUpperCase() ?? null };
}

export function pairingText(code: string, url: string, fingerprint: string | null): string {
  return `packline-pair:${code}@${url}${fingerprint ? `#${fingerprint}` : ''}`;
}

/** What a bench's station says about itself (Settings -> Benches, "This bench"). */
export const BenchIdentity = z.object({
  id: z.string(),
  name: z.string(),
  paired: z.boolean().describe('false: an unpaired bench, the core records the id it names'),
  coreUrl: z.string(),
  fingerprint: z.string().nullable().describe('the pinned certificate of an HTTPS core'),
  pairedAt: z.string().nullable(),
});
export type BenchIdentity = z.infer<typeof BenchIdentity>;

export const PairParams = z.object({ pairing: trimmed(400).describe('the pairing line (packline-pair:CODE@URL#FINGERPRINT) or just the code for this core') });
