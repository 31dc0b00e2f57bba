// Who packs on the bench: a badge scan or a screen session logs an operator in, the logout
// command or a quiet spell logs them out, and so does the core ending their session.
import type { AppError } from '../../lib/errors';
import { coreRefusal, msg, type PackMessage } from '../../contract/pack-messages';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { moveTo } from './phases';
import type { Operator } from './state';

export async function badgeLogin(f: Flow, code: string): Promise<void> {
  try {
    const r = await f.o.core.loginBadge(code);
    startShift(f, { id: r.user.id, name: r.user.name, role: r.user.role, token: r.token });
    note(f, code, 'ok', msg('packingOn', { name: r.user.name, bench: f.o.bench.name }));
  } catch (e) {
    refuse(f, code, 'not_allowed', msg('notABadge', { code }, (e as Error).message), msg('scanOwnBadge'));
  }
}

/** The operator of a screen session steps onto the bench (the session token proves who). */
export async function tokenLogin(f: Flow, token: string): Promise<void> {
  const user = await f.o.core.me(token);
  startShift(f, { ...user, token });
  note(f, user.name, 'ok', msg('packingOn', { name: user.name, bench: f.o.bench.name }));
}

function startShift(f: Flow, op: Operator): void {
  const s = f.s;
  const same = s.operator?.id === op.id;
  s.operator = op;
  if (!same) s.counters = { parcels: 0, items: 0, errors: 0 };
  if (s.phase === 'login') moveTo(s, s.ticket ? 'operatorBackToOrder' : 'operatorIn');
  f.armIdle();
}

export function logout(f: Flow, message: PackMessage): void {
  const s = f.s;
  const token = s.operator?.token;
  if (token) void f.o.core.logout(token).catch(() => undefined);
  s.operator = null;
  moveTo(s, 'logout');
  s.alert = null;
  note(f, '', 'info', message);
}

/** The core refused or did not answer. */
export function coreTrouble(f: Flow, code: string, e: unknown): void {
  const err = e as AppError;
  // the session the bench acted with ended (logged out elsewhere, expired): the next operator scans in
  if (err.code === 'unauthenticated') return logout(f, msg('sessionEnded'));
  refuse(f, code, 'core', coreRefusal(err), msg(err.code === 'unavailable' ? 'coreNotAnswering' : 'askLead'), true);
}
