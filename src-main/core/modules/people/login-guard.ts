// Checking a badge (and its PIN) at login and for a lead's override at the bench, and whose badge a
// code scanned at a bench is, against guessing:
// - throttled per remote address and per badge, in memory, before any lookup or hashing; the bench's
//   check of a scanned code (whoseBadge) on a throttle of its own, per user, that never touches these;
// - one answer for every refusal (LOGIN_REFUSED), and the same scrypt work whether the badge exists
//   or not, so neither the answer nor its timing says which badges exist;
// - a badge locks after LOCK_AFTER wrong PINs (stored, audited) until a lead or admin unlocks it;
// - PINs are checked with async scrypt (thread pool), never on the core's event loop.
import type { Core } from '../../core';
import { LOGIN_REFUSED, USER_LOCKED, type BadgeCheck, type User } from '../../../contract/people';
import { AppError } from '../../../lib/errors';
import { appendEvent } from '../../store/events';
import { getSettings } from '../settings/queries';
import { pinRequiredFor } from '../../../contract/settings';
import { badgeHash, dummyPinCheck, pinMatches } from './credentials';
import { Throttle, type ThrottlePolicy } from './throttle';
import { clearPinFailures, incrementFailedPins, selectUserByBadgeHash, setLocked, type UserBadgeRow } from './store';

/** Wrong PINs in a row that lock a badge. */
export const LOCK_AFTER = 5;

// A bench PC (or the station process) is one address for everyone logging in there, so an address
// gets more free tries than a typo-prone shift needs; a guesser pays doubling delays after them.
const BY_ADDRESS: ThrottlePolicy = { free: 10, firstDelayMs: 5000, maxDelayMs: 5 * 60_000, forgetAfterMs: 15 * 60_000 };
// Above LOCK_AFTER, so an existing badge locks before it is throttled; unknown badges are throttled alike.
const BY_BADGE: ThrottlePolicy = { free: LOCK_AFTER + 3, firstDelayMs: 5000, maxDelayMs: 5 * 60_000, forgetAfterMs: 15 * 60_000 };
// The bench's check of a scanned code (whoseBadge), per user (not per address: on a one-PC shop every
// login comes from one address, and a bench's damaged labels must not slow them; not per session, so
// logging in again starts no new budget): 60 codes that are not the person's own badge (a busy bench
// scans a wrong label now and then all shift), then waits of 2 minutes doubling up to 10; all forgotten
// 10 minutes after the last one.
const CHECKS_BY_USER: ThrottlePolicy = { free: 60, firstDelayMs: 2 * 60_000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };

/** Too many failed attempts: try again after `retryAfterS` (the Retry-After header). */
export class Throttled extends AppError {
  constructor(readonly retryAfterS: number) {
    super('rate_limited', `too many failed badge attempts: try again in ${retryAfterS} s`, [{ path: 'badge', message: `retry in ${retryAfterS} s` }]);
  }
}

export const loginRefused = () => new AppError('unauthenticated', LOGIN_REFUSED, [{ path: 'badge', message: 'not accepted' }]);

// One set per core, on wall-clock time (not the core's injectable clock): the throttle limits how
// fast an attacker can try, in real seconds. byAddress and byBadge are the login's (and the
// override's); checksByUser is the bench's badge check's alone.
interface Throttles { byAddress: Throttle; byBadge: Throttle; checksByUser: Throttle }
const throttles = new WeakMap<Core, Throttles>();
function throttlesOf(core: Core): Throttles {
  let t = throttles.get(core);
  if (!t) throttles.set(core, (t = { byAddress: new Throttle(BY_ADDRESS), byBadge: new Throttle(BY_BADGE), checksByUser: new Throttle(CHECKS_BY_USER) }));
  return t;
}

export interface BadgeAttempt {
  badge: string;
  pin?: string;
  /** the remote address of the request */
  address: string;
  /** where the badge was scanned, for the lock event */
  via: 'login' | 'override';
}

/**
 * Lets one badge attempt through, or throws Throttled while the address or the badge waits; the
 * attempt counts as a failure until the caller says it succeeded.
 */
function admit(t: Throttles, address: string, badgeKey: string): void {
  const wait = Math.max(t.byAddress.waitMs(address), t.byBadge.waitMs(badgeKey));
  if (wait > 0) throw new Throttled(Math.ceil(wait / 1000));
  t.byAddress.attempt(address);
  t.byBadge.attempt(badgeKey);
}

/** The user of this badge when it may sign (login or override); throws Throttled or loginRefused(). */
export async function verifyBadge(core: Core, a: BadgeAttempt): Promise<User> {
  const t = throttlesOf(core);
  const badgeKey = badgeHash(a.badge);
  admit(t, a.address, badgeKey);

  const u = selectUserByBadgeHash(core.db, badgeKey);
  const usable = !!u && !!u.active && !u.locked_at;
  const needsPin = usable && (u.pin_hash !== null || pinRequiredFor(getSettings(core.ctx), u.role));
  const pinGuessed = needsPin && !!a.pin && u.pin_hash !== null;
  // Every refusal costs one scrypt, like a wrong PIN; only a badge without a PIN is answered at once.
  const ok = !usable ? await dummyPinCheck(a.pin) : !needsPin ? true : pinGuessed ? await pinMatches(u.pin_hash!, a.pin!) : await dummyPinCheck(a.pin);

  if (ok) {
    t.byAddress.succeeded(a.address);
    t.byBadge.clear(badgeKey);
    if (u!.failed_pins > 0) await core.writes.run(() => clearPinFailures(core.db, u!.id));
    return { id: u!.id, name: u!.name, role: u!.role, active: true };
  }
  t.byAddress.failed(a.address);
  t.byBadge.failed(badgeKey);
  // A missing PIN is no guess (the bench sends badges alone): only wrong PINs count towards the lock.
  if (pinGuessed) await core.writes.run(() => countWrongPin(core, u!, a));
  throw loginRefused();
}

function countWrongPin(core: Core, u: UserBadgeRow, a: BadgeAttempt): void {
  const { ctx } = core;
  const n = incrementFailedPins(ctx.db, u.id);
  if (n < LOCK_AFTER) return;
  // Attempts that ran at the same time may count past LOCK_AFTER: lock (and record it) once.
  const now = selectUserByBadgeHash(ctx.db, badgeHash(a.badge));
  if (now?.locked_at) return;
  setLocked(ctx.db, u.id, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, {
    type: USER_LOCKED, entity: 'user', entityId: u.id, actor: { id: 'system:login-guard', role: 'admin' },
    reason: `${n} wrong PINs in a row`, data: { failedPins: n, via: a.via, address: a.address },
  });
}

/**
 * Whose badge a code scanned by a logged-in person is (BadgeCheck): their own, someone else's, or
 * none; it opens no session and asks for no PIN. It says what a login with a PIN does not (that a
 * code is somebody's badge), so it is throttled, on a throttle of its own per asking user
 * (CHECKS_BY_USER), never on the login's counters: the bench's unknown codes slow no login, and no
 * throttled login refuses the check. Only the person's own badge does not count. A user who waits
 * is refused before the lookup, whatever the code, so the refusal says nothing of it.
 */
export function whoseBadge(core: Core, code: string, userId: string): BadgeCheck['badge'] {
  const checks = throttlesOf(core).checksByUser;
  const wait = checks.waitMs(userId);
  if (wait > 0) throw new Throttled(Math.ceil(wait / 1000));
  const u = selectUserByBadgeHash(core.db, badgeHash(code));
  if (u?.id === userId) return 'own';
  checks.attempt(userId); // a failure, counted at once (nothing here awaits)
  return u ? 'other' : 'none';
}

/** A lead's unlock also forgets the badge's throttle on this core. */
export function forgetBadgeThrottle(core: Core, storedBadgeHash: string): void {
  throttlesOf(core).byBadge.clear(storedBadgeHash);
}

/** The request's remote address, the key of the per-address throttle. */
export const remoteAddress = (req: { socket: { remoteAddress?: string } }) => req.socket.remoteAddress ?? 'unknown';
