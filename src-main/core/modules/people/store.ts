// The users and tokens tables (badge code hashes, PIN hashes, lockout, session and API token hashes).
import { prep, type Db } from '../../store/db';
import type { Role } from '../../../contract/people';

export interface UserBadgeRow { id: string; name: string; role: Role; pin_hash: string | null; active: number; locked_at: string | null; failed_pins: number }
export interface UserListRow { id: string; name: string; role: Role; active: number; locked_at: string | null; has_pin: number }
export interface TokenPrincipalRow { tokenId: string; expires_at: string | null; revoked_at: string | null; id: string; name: string; role: Role; active: number }

export function badgeInUse(db: Db, badgeHash: string): boolean {
  return !!prep(db, 'SELECT 1 FROM users WHERE badge_hash = ?').get(badgeHash);
}

export function userExists(db: Db, userId: string): boolean {
  return !!prep(db, 'SELECT 1 FROM users WHERE id = ?').get(userId);
}

export function countUsers(db: Db): number {
  return prep(db, 'SELECT COUNT(*) FROM users').pluck().get() as number;
}

export function insertUser(db: Db, u: { id: string; name: string; role: Role; badgeHash: string; pinHash: string | null; createdAt: string }): void {
  prep(db, 'INSERT INTO users (id, name, role, badge_hash, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(u.id, u.name, u.role, u.badgeHash, u.pinHash, u.createdAt);
}

export function selectUsers(db: Db): UserListRow[] {
  return prep(db, 'SELECT id, name, role, active, locked_at, pin_hash IS NOT NULL has_pin FROM users ORDER BY role, name').all() as UserListRow[];
}

const BADGE_ROW = 'SELECT id, name, role, pin_hash, active, locked_at, failed_pins FROM users';

export function selectUserByBadgeHash(db: Db, badgeHash: string): UserBadgeRow | undefined {
  return prep(db, `${BADGE_ROW} WHERE badge_hash = ?`).get(badgeHash) as UserBadgeRow | undefined;
}

export function selectUserById(db: Db, userId: string): (UserBadgeRow & { badge_hash: string }) | undefined {
  return prep(db, 'SELECT id, name, role, pin_hash, active, locked_at, failed_pins, badge_hash FROM users WHERE id = ?').get(userId) as (UserBadgeRow & { badge_hash: string }) | undefined;
}

/** One more wrong PIN; returns the count now. */
export function incrementFailedPins(db: Db, userId: string): number {
  return prep(db, 'UPDATE users SET failed_pins = failed_pins + 1 WHERE id = ? RETURNING failed_pins').pluck().get(userId) as number;
}

export function setLocked(db: Db, userId: string, at: string): void {
  prep(db, 'UPDATE users SET locked_at = ? WHERE id = ?').run(at, userId);
}

/** Unlocks and forgets wrong PINs (a lead's unlock, or a good PIN). */
export function clearPinFailures(db: Db, userId: string): void {
  prep(db, 'UPDATE users SET failed_pins = 0, locked_at = NULL WHERE id = ?').run(userId);
}

export function insertToken(db: Db, t: { id: string; tokenHash: string; userId: string; kind: 'session' | 'api' | 'bench'; label: string | null; createdAt: string; expiresAt: string | null }): void {
  prep(db, 'INSERT INTO tokens (id, token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(t.id, t.tokenHash, t.userId, t.kind, t.label, t.createdAt, t.expiresAt);
}

export function markTokenRevoked(db: Db, tokenId: string, at: string): void {
  prep(db, 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, tokenId);
}

export function selectTokenPrincipal(db: Db, tokenHash: string): TokenPrincipalRow | undefined {
  return prep(db, 'SELECT t.id tokenId, t.expires_at, t.revoked_at, u.id, u.name, u.role, u.active FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?')
    .get(tokenHash) as TokenPrincipalRow | undefined;
}

/** The names of these users (an order's history shows who, not a user id). */
export function selectUserNames(db: Db, ids: string[]): { id: string; name: string }[] {
  if (ids.length === 0) return [];
  return prep(db, 'SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: string; name: string }[];
}

export function updateUserRow(db: Db, u: { id: string; name: string; role: Role; active: boolean }): void {
  prep(db, 'UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?').run(u.name, u.role, u.active ? 1 : 0, u.id);
}

/** A new badge code's hash: the old code stops working at once. */
export function setBadgeHash(db: Db, userId: string, hash: string): void {
  prep(db, 'UPDATE users SET badge_hash = ? WHERE id = ?').run(hash, userId);
}

/** A new PIN (or none); wrong PINs are forgotten and the badge unlocked. */
export function setPinHash(db: Db, userId: string, pinHash: string | null): void {
  prep(db, 'UPDATE users SET pin_hash = ?, failed_pins = 0, locked_at = NULL WHERE id = ?').run(pinHash, userId);
}

export function countActiveAdmins(db: Db): number {
  return prep(db, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").pluck().get() as number;
}

/** A user's sessions and tokens still in force (not revoked, not expired at `now`). */
export function liveTokenIdsOf(db: Db, userId: string, now: string): string[] {
  return prep(db, 'SELECT id FROM tokens WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)').pluck().all(userId, now) as string[];
}
