// Who packs on the bench: a badge scan or a screen session logs an operator in, the logout
// command or a quiet spell logs them out, and so does the core ending their session. A badge
// scanned by someone already on the bench is told apart from an unknown code. Who may drive the
// bench from a screen, and a lead's take-over, are here too (the model: station.ts).
import { BENCH_OPERATORS } from '../../contract/station';
import { mayBeBadge, type Role } from '../../contract/people';
import { mayEchoScan } from '../../contract/pack';
import { fail, type AppError } from '../../lib/errors';
import { coreRefusal, msg, type PackMessage } from '../../contract/pack-messages';
import type { CallContext } from '../bridge';
import type { Flow } from './flow';
import { block, note, refuse } from './feedback';
import { confirmAndPrint } from './label';
import { moveTo } from './phases';
import { orderView, type Operator } from './state';

export const mayOperate = (role: string): boolean => BENCH_OPERATORS.includes(role as Role);

export async function badgeLogin(f: Flow, code: string): Promise<void> {
  let r;
  try {
    r = await f.o.core.loginBadge(code);
  } catch (e) {
    // the code is never echoed: it may be someone's badge
    return refuse(f, '', 'not_allowed', msg('notABadge', undefined, (e as Error).message), msg('scanOwnBadge'));
  }
  if (!mayOperate(r.user.role)) {
    void f.o.core.logout(r.token).catch(() => undefined);
    return refuse(f, '', 'not_allowed', msg('roleWatchesOnly', { name: r.user.name, role: r.user.role }), msg('scanOperatorBadge'));
  }
  startShift(f, { id: r.user.id, name: r.user.name, role: r.user.role, token: r.token, issuedHere: true });
  await learnWarehouse(f, r.token);
  note(f, '', 'ok', msg('packingOn', { name: r.user.name, bench: f.o.bench.name }));
  await finishConfirm(f);
}

/**
 * A code the shop knows as nothing (no order, tote, slot or item) scanned by the operator on the
 * bench may be a staff badge. The core says whose, without opening a session and throttled per
 * person (apart from the login): their own is a calm notice, another person's says to log out
 * first; neither is a wrong scan, and the code is neither shown nor journaled. Anything else is
 * refused with `message`.
 */
export async function unknownCode(f: Flow, code: string, message: PackMessage, action: PackMessage): Promise<void> {
  const op = f.s.operator!;
  if (!mayBeBadge(code)) return refuse(f, code, 'unknown_code', message, action);
  let whose;
  try {
    whose = await f.o.core.whoseBadge(op.token, code);
  } catch (e) {
    // not checked (throttled, the core away): said without the code, which may be a badge
    return coreTrouble(f, '', e);
  }
  if (whose === 'none') return refuse(f, code, 'unknown_code', message, action);
  note(f, '', 'info', whose === 'own' ? msg('ownBadge', { name: op.name }) : msg('otherBadge'));
}

/**
 * Why this screen may not drive the bench now, or null when it may: an operator or a lead, on a
 * free bench, or the operator on it, or the screen that put them there (or the bench PC's own window).
 */
export function whyNotDriver(f: Flow, ctx: CallContext): string | null {
  const u = ctx.user;
  if (!mayOperate(u.role)) return `a ${u.role} watches the bench: only an operator or a lead packs on it`;
  const op = f.s.operator;
  if (!op || op.id === u.id || ctx.via === 'ipc') return null;
  if (u.sessionId && f.driver === u.sessionId) return null;
  return busy(f, op, u.role);
}

const busy = (f: Flow, op: Operator, role: string) =>
  `${op.name} is packing on ${f.o.bench.name}: this screen watches until they log out${role === 'lead' ? ', or you take the bench over' : ', or a lead takes the bench over'}`;

/** Throws why this screen's user may not step onto the bench: a role that only watches, or someone on it (a lead may take over). */
export function loginRefusal(f: Flow, ctx: CallContext, takeOver: boolean): void {
  const u = ctx.user;
  if (!mayOperate(u.role)) fail('forbidden', `a ${u.role} watches the bench: only an operator or a lead packs on it`);
  const prev = f.s.operator;
  if (!prev || prev.id === u.id) return;
  if (!takeOver) fail('conflict', busy(f, prev, u.role));
  if (u.role !== 'lead') fail('forbidden', `only a lead may take over ${f.o.bench.name}: ${prev.name} logs out first`);
}

/** The screen session's user steps onto the bench (loginRefusal said they may); a lead's take-over is audited. */
export async function screenLogin(f: Flow, ctx: CallContext): Promise<void> {
  const s = f.s;
  const u = ctx.user;
  const prev = s.operator;
  if (prev && prev.id !== u.id) {
    f.audit({ event: 'bench.taken_over', from: { id: prev.id, name: prev.name }, by: { id: u.id, name: u.name, role: u.role }, via: ctx.via, order: s.ticket?.number ?? null });
    endShift(f, prev);
  } else if (prev?.issuedHere && prev.token !== ctx.token) {
    // the same person, now with their screen's session: the one the bench opened for their badge ends
    void f.o.core.logout(prev.token).catch(() => undefined);
  }
  startShift(f, { id: u.id, name: u.name, role: u.role, token: ctx.token, issuedHere: false, ...(u.sessionId ? { sessionId: u.sessionId } : {}) });
  await learnWarehouse(f, ctx.token);
  f.driver = u.sessionId ?? null;
  const takenOver = prev && prev.id !== u.id;
  note(f, u.name, 'ok', takenOver ? msg('takenOver', { name: u.name, bench: f.o.bench.name, from: prev.name }) : msg('packingOn', { name: u.name, bench: f.o.bench.name }));
  await finishConfirm(f);
}

/** Asks the core which warehouse the bench packs in, for the screen; without an answer the screen shows the bench alone. */
async function learnWarehouse(f: Flow, token: string): Promise<void> {
  try {
    f.warehouse = await f.o.core.benchWarehouse(token, f.o.bench.id);
  } catch {
    // shown again at the next login; the core refuses another warehouse's order either way
  }
}

function startShift(f: Flow, op: Operator): void {
  const s = f.s;
  const same = s.operator?.id === op.id;
  s.operator = op;
  if (!same) s.counters = { parcels: 0, items: 0, errors: 0 };
  // a code refused at the login (not a badge, a role that only watches) was the last person's business
  if (s.alert?.kind === 'not_allowed' && s.alert.needs === 'scan') s.alert = null;
  if (s.phase === 'login') moveTo(s, s.ticket ? 'operatorBackToOrder' : 'operatorIn');
  // a weight waiting for a lead waits on the scale still
  if (s.phase === 'verify' && s.pendingWeightG !== null) moveTo(s, 'itemsIn');
  f.armIdle();
}

/** A crash mid-confirm left the parcel waiting for a session to confirm it with (same key: one waybill). */
async function finishConfirm(f: Flow): Promise<void> {
  const c = f.s.confirming;
  if (f.s.phase !== 'label' || !c) return;
  // a lead's badge is not journaled: they scan it again, and the same key with the same badge confirms once
  if (c.override && !c.override.badge) return block(f, 'not_allowed', msg('overrideCutShort'), msg('leadScanAgain'), 'lead');
  await confirmAndPrint(f);
}

/** The operator leaves the bench; a session the bench opened for their badge ends with it. */
function endShift(f: Flow, op: Operator, revoke = op.issuedHere): void {
  if (revoke && op.token) void f.o.core.logout(op.token).catch(() => undefined);
  f.s.operator = null;
  f.driver = null;
}

/** `revoke`: the logout command ends the operator's session, the screen's too when they stepped on with it. */
export function logout(f: Flow, message: PackMessage, revoke = true): void {
  const s = f.s;
  if (s.operator) endShift(f, s.operator, revoke);
  if (s.phase !== 'label') moveTo(s, 'logout');
  // a stop only a lead may lift outlasts the operator: the next one finds it
  if (s.alert?.needs !== 'lead') s.alert = null;
  note(f, '', 'info', message);
}

/** The core ended a session (a logout elsewhere): the bench's operator of it, or of the screen driving it, is out. */
export function sessionEnded(f: Flow, sessionId: string): boolean {
  const op = f.s.operator;
  if (!op || (op.sessionId !== sessionId && f.driver !== sessionId)) return false;
  logout(f, msg('loggedOut', { name: op.name }), op.issuedHere);
  return true;
}

/** The core refused or did not answer. */
export function coreTrouble(f: Flow, code: string, e: unknown): void {
  const err = e as AppError;
  // the session the bench acted with ended (logged out elsewhere, expired): the next operator scans in
  if (err.code === 'unauthenticated') return logout(f, msg('sessionEnded'));
  // the core could not say what the code is: one that may be a staff badge is not written down
  const said = mayEchoScan(code, orderView(f.s)) ? code : '';
  refuse(f, said, 'core', coreRefusal(err), msg(err.code === 'unavailable' ? 'coreNotAnswering' : 'askLead'), true);
}
