// The bench's mode: its device scanners (serial, HID) serve packing, or the Return bench screen
// that switched them to returns (bench.mode). bench.ts routes each device scan once, on arrival,
// by the mode then: a scan is packed or received, never both. In returns mode the pack workflow
// takes no screen input either, and every device scan is blanked on the other screens (only the
// driving Return bench gets its code, as a `returns.scan` push).
//
// Memory only, like the screen that drives the bench (f.driver), not journaled: the mode belongs to
// a live screen session, which a restart ends; the bench comes back packing, as it was before
// returns mode existed, and the Return bench screen claims the scanners again when it reconnects.
// A closed tab gives them back after RETURNS_GRACE_MS, so scans never go to a screen nobody has open.
import type { PackView } from '../../contract/pack';
import { fail } from '../../lib/errors';
import type { Audience, CallContext } from '../bridge';
import type { Flow } from './flow';
import { whyNotDriver } from './shift';

export interface ReturnsDriver {
  id: string;
  name: string;
  role: string;
  /** the driving screen's session at the core (null for the bench PC's own window) */
  sessionId: string | null;
  via: string;
  /** the driving tab's connection: scans go to it alone */
  conn?: string;
}

export type BenchMode = 'pack' | 'returns';

export const modeView = (f: Flow): PackView['mode'] => {
  const r = f.returns;
  return r ? { kind: 'returns', by: { id: r.id, name: r.name, role: r.role } } : { kind: 'pack', by: null };
};

/** The one screen a returns-mode scan goes to. */
export const returnsAudience = (r: ReturnsDriver): Audience => ({ via: r.via, sessionId: r.sessionId, ...(r.conn ? { conn: r.conn } : {}) });

/** The user of this screen switched the bench to returns (any of their screens, or the bench PC's own window). */
const drivesReturns = (r: ReturnsDriver, ctx: CallContext) => ctx.via === 'ipc' || r.id === ctx.user.id || (!!r.sessionId && r.sessionId === ctx.user.sessionId);

/** A pack input from a screen while the bench receives returns: refused, changing nothing. */
export function returnsRefusal(f: Flow): void {
  const r = f.returns;
  if (r) fail('conflict', `${f.o.bench.name} is receiving returns: ${r.name} has its scanners on the Return bench; they switch it back to packing there, or a lead does it on Pack`);
}

/** Throws why this screen may not switch the bench to `mode` now. */
export function modeRefusal(f: Flow, ctx: CallContext, mode: BenchMode): void {
  const r = f.returns;
  const bench = f.o.bench.name;
  if (mode === 'pack') {
    if (!r || drivesReturns(r, ctx) || ctx.user.role === 'lead') return;
    fail('forbidden', `${r.name} is receiving returns on ${bench}: they switch it back to packing, or a lead does`);
  }
  if (r) {
    if (drivesReturns(r, ctx)) return;
    fail('conflict', `${r.name} is receiving returns on ${bench}: they switch it back to packing first, or a lead does`);
  }
  // the pack bench's model decides who may take its scanners: the operator on it or their screen, or anyone on a free bench
  const why = whyNotDriver(f, ctx);
  if (why) fail('forbidden', why);
  const s = f.s;
  if (s.ticket || s.confirming || s.alert?.needs === 'lead') {
    fail('conflict', `${s.ticket ? `order ${s.ticket.number} is` : 'a stop is'} on ${bench}: finish or skip it on Pack before receiving returns`);
  }
  if (ctx.via !== 'ipc' && !ctx.user.sessionId) fail('forbidden', 'this screen has no session the station can send scans to: log in again');
}

/** Applies a switch modeRefusal allowed; a change of hands is audited. */
export function setMode(f: Flow, ctx: CallContext, mode: BenchMode): void {
  const before = f.returns;
  const u = ctx.user;
  f.returns = mode === 'returns' ? { id: u.id, name: u.name, role: u.role, sessionId: u.sessionId ?? null, via: ctx.via, ...(ctx.conn ? { conn: ctx.conn } : {}) } : null;
  if (!before === !f.returns && before?.id === f.returns?.id) return;
  f.audit({ event: 'bench.mode', mode, by: { id: u.id, name: u.name, role: u.role }, via: ctx.via, ...(before && before.id !== u.id ? { from: { id: before.id, name: before.name } } : {}) });
}

/**
 * How long the bench waits for a Return bench whose connection closed to come back (a dropped
 * WebSocket reconnects within seconds and claims the scanners again) before it packs again.
 */
export const RETURNS_GRACE_MS = 10_000;

/** The driving tab's connection closed and did not come back in time: the bench packs again. */
export function returnsScreenGone(f: Flow, conn: string): void {
  const r = f.returns;
  if (!r || r.conn !== conn) return;
  f.returns = null;
  f.audit({ event: 'bench.mode', mode: 'pack', by: null, why: 'return bench closed', from: { id: r.id, name: r.name } });
}

/** The core ended the session of the Return bench that had the scanners: the bench packs again. */
export function returnsSessionEnded(f: Flow, sessionId: string): void {
  const r = f.returns;
  if (!r || r.sessionId !== sessionId) return;
  f.returns = null;
  f.audit({ event: 'bench.mode', mode: 'pack', by: null, why: 'session ended', from: { id: r.id, name: r.name } });
}
