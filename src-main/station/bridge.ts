// The station side of the StationBridge: one dispatcher for every method of the contract's table
// and one broadcaster for events, whatever carries them (WebSocket in a browser, IPC in Electron).
//   validate params (zod) -> check the caller's role -> run the handler -> a reply, never a throw.
import type { z } from 'zod';
import { stationMethods, BridgeRequest, type StationMethods, type StationMethod, type MethodResult, type StationEvent, type BridgeReply, type BridgeError } from '../contract/station';
import type { Role } from '../contract/people';
import { AppError } from '../lib/errors';
import { logger } from '../lib/log';
import { zodIssues } from '../core/http/validate';
import { describeIssues } from '../contract/errors';

const log = logger('station.bridge');

/** Who is calling: the screen's logged-in user, as the core knows them. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
  /** the session's id at the core (never its token): `session.ended` names it at logout */
  sessionId?: string;
}

export interface CallContext {
  user: Caller;
  /** the caller's session token at the core (handlers acting on the core for them use it) */
  token: string;
  /** which transport carried the call: 'ws', 'ipc' or 'test' */
  via: string;
  /** the one connection (a browser tab's socket) that carried it; the bench PC's window has none */
  conn?: string;
}

export type MethodHandler<M extends StationMethod> = (
  params: z.output<StationMethods[M]['params']>,
  ctx: CallContext,
) => Promise<MethodResult<M>> | MethodResult<M>;
export type StationHandlers = Partial<{ [M in StationMethod]: MethodHandler<M> }>;

/** One screen an event is for: the bench PC's own window (via 'ipc') or a screen session over 'ws'. */
export interface Audience {
  via: string;
  sessionId: string | null;
  /** only this connection of the session (another tab of the same login is another screen) */
  conn?: string;
}

/** Whether a screen connected with `ctx` is the audience `to` (no audience: every screen). */
export const isAudience = (to: Audience | undefined, ctx: Pick<CallContext, 'via' | 'conn'> & { user?: Pick<Caller, 'sessionId'> }): boolean =>
  !to || (to.via === ctx.via && (to.via === 'ipc' || (!!to.sessionId && ctx.user?.sessionId === to.sessionId && (!to.conn || to.conn === ctx.conn))));

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: BridgeError };

export interface Bridge {
  /** Runs one call; every failure comes back as an error outcome with a code, nothing throws. */
  call(method: string, params: unknown, ctx: CallContext): Promise<CallOutcome>;
  /** A raw wire request (parsed JSON): checks its shape, then `call`; the reply repeats its id. */
  handle(message: unknown, ctx: CallContext): Promise<BridgeReply>;
  /** Sends an event to every connected screen, or only to `to`. */
  publish(event: StationEvent, to?: Audience): void;
  /** Transports listen here to forward events (each only to the screens `isAudience` says); returns its unsubscribe. */
  onEvent(fn: (event: StationEvent, to?: Audience) => void): () => void;
  /** Transports say when a screen's connection closed (its tab closed, its link dropped). */
  left(ctx: CallContext): void;
  /** Listens for closed connections; returns its unsubscribe. */
  onLeft(fn: (ctx: CallContext) => void): () => void;
  /** Adds (or replaces) handlers, e.g. the packing workflow's once it is ready. */
  use(handlers: StationHandlers): void;
}

const methodRoles = (m: StationMethod): readonly Role[] | undefined => (stationMethods[m] as { roles?: readonly Role[] }).roles;
const isMethod = (m: string): m is StationMethod => Object.prototype.hasOwnProperty.call(stationMethods, m);

/** An error as it travels: AppError keeps its code and issues; anything else is logged and 'internal'. */
export function toBridgeError(e: unknown, method: string): BridgeError {
  if (e instanceof AppError) return { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues.map(({ path, message }) => ({ path, message })) } : {}) };
  log.error({ err: e, method }, 'station call failed');
  return { code: 'internal', message: `${method} failed inside the station (${(e as Error)?.message ?? String(e)}); see the log in the data folder` };
}

export function createBridge(initial: StationHandlers = {}): Bridge {
  const handlers: StationHandlers = { ...initial };
  const listeners = new Set<(event: StationEvent, to?: Audience) => void>();
  const leaving = new Set<(ctx: CallContext) => void>();

  async function call(method: string, params: unknown, ctx: CallContext): Promise<CallOutcome> {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'not_found', message: `the station has no method "${method}"; known: ${Object.keys(stationMethods).join(', ')}` } };
    }
    const def = stationMethods[method];
    const parsed = def.params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return { ok: false, error: { code: 'validation', message: `${method}: ${describeIssues(issues)}`, issues } };
    }
    const roles = methodRoles(method);
    if (roles && !roles.includes(ctx.user.role)) {
      return { ok: false, error: { code: 'forbidden', message: `a ${ctx.user.role} may not ${def.summary.toLowerCase()}; ask a ${roles.join(' or ')}` } };
    }
    const handler = handlers[method] as ((p: unknown, c: CallContext) => unknown) | undefined;
    if (!handler) {
      return { ok: false, error: { code: 'unavailable', message: `${method} (${def.summary.toLowerCase()}) is not available on this station yet` } };
    }
    try {
      return { ok: true, result: await handler(parsed.data, ctx) };
    } catch (e) {
      return { ok: false, error: toBridgeError(e, method) };
    }
  }

  return {
    call,
    async handle(message, ctx) {
      const req = BridgeRequest.safeParse(message);
      if (!req.success) {
        const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
        const issues = zodIssues(req.error);
        return { id, ok: false, error: { code: 'bad_request', message: `not a station request ({id, method, params}): ${describeIssues(issues)}`, issues } };
      }
      const out = await call(req.data.method, req.data.params, ctx);
      return { id: req.data.id, ...out };
    },
    publish(event, to) {
      for (const fn of [...listeners]) {
        try {
          fn(event, to);
        } catch (err) {
          log.error({ err, type: event.type }, 'event listener failed');
        }
      }
    },
    onEvent(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    left(ctx) {
      for (const fn of [...leaving]) fn(ctx);
    },
    onLeft(fn) {
      leaving.add(fn);
      return () => void leaving.delete(fn);
    },
    use(more) {
      Object.assign(handlers, more);
    },
  };
}
