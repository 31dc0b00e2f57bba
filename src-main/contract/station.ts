import { z } from 'zod';
import { deviceMethods, DeviceEvent, ScanInfo } from './devices';
import { packMethods, PackEvent, PackView } from './pack';
import type { Role } from './people';
import { BenchIdentity, PairParams } from './benches';

// The StationBridge: how a screen talks to its bench's station runtime (DESIGN.md "Three runtime
// parts"). One method table, declared once like the HTTP route table; the same messages travel
// over the Electron preload (IPC) and over the headless runtime's WebSocket (/api/station).

export interface MethodDef {
  summary: string;
  params: z.ZodType;
  result: z.ZodType;
}

/**
 * The bench's model (station/pack/station.ts): an operator or a lead operates a bench; every other
 * role only watches it (pack.view). Who on those roles may drive the bench right now is the
 * station's call (the operator on it, from the screen that put them there).
 */
export const BENCH_OPERATORS: readonly Role[] = ['operator', 'lead'];

const benchMethods = {
  ...packMethods,
  'pack.scan': { ...packMethods['pack.scan'], roles: BENCH_OPERATORS },
  'pack.reason': { ...packMethods['pack.reason'], roles: BENCH_OPERATORS },
  'pack.login': {
    ...packMethods['pack.login'],
    roles: BENCH_OPERATORS,
    params: z.object({ takeOver: z.boolean().optional().describe('a lead takes the bench over from the operator on it (audited)') }),
  },
  'bench.mode': {
    summary: "Switch the bench's device scanners between packing and this Return bench screen",
    params: z.object({ mode: z.enum(['pack', 'returns']) }),
    result: PackView,
    roles: BENCH_OPERATORS,
  },
  'bench.identity': {
    summary: 'Which bench this is and the core it is paired with',
    params: z.object({}),
    result: BenchIdentity,
    roles: ['operator', 'lead', 'admin', 'finance', 'viewer'] as readonly Role[],
  },
  'bench.pair': {
    summary: "Pair this bench with the core using a one-time code (the bench keeps its own token)",
    params: PairParams,
    result: BenchIdentity,
    roles: ['lead', 'admin'] as readonly Role[],
  },
} as const;

/** A device scanner's scan in returns mode, pushed only to the Return bench screen that drives the bench. */
export const ReturnsScanEvent = z.object({ type: z.literal('returns.scan'), scan: ScanInfo });

export const stationMethods = { ...deviceMethods, ...benchMethods } as const satisfies Record<string, MethodDef>;
export type StationMethods = typeof stationMethods;
export type StationMethod = keyof StationMethods;
export type MethodParams<M extends StationMethod> = z.input<StationMethods[M]['params']>;
export type MethodResult<M extends StationMethod> = z.infer<StationMethods[M]['result']>;

/** Everything the station pushes to its screens, tagged by `type`. */
export const StationEvent = z.union([DeviceEvent, PackEvent, ReturnsScanEvent]);
export type StationEvent = z.infer<typeof StationEvent>;

// Wire messages. A request carries a number the reply repeats; a push has no id.
export const BridgeRequest = z.object({ id: z.number().int().nonnegative(), method: z.string().min(1).max(80), params: z.unknown().optional() });
export type BridgeRequest = z.infer<typeof BridgeRequest>;
export interface BridgeError {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}
export type BridgeReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: BridgeError };
export interface BridgePush {
  event: StationEvent;
}
export type BridgeMessage = BridgeReply | BridgePush;

/** The WebSocket path of the headless runtime. */
export const STATION_SOCKET_PATH = '/api/station';

/** What a screen holds: the preload implements it in Electron, a WebSocket client in a browser. */
export interface StationBridge {
  call<M extends StationMethod>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  /** every pushed event; returns its unsubscribe */
  subscribe(fn: (event: StationEvent) => void): () => void;
  /** connection state (a WebSocket can drop; IPC is always online); returns its unsubscribe */
  onConnection(fn: (online: boolean) => void): () => void;
}

/** A failed call, carrying the station's error code (e.g. 'validation', 'not_found'). */
export class BridgeCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}
