// Badge codes, PINs and tokens as they are kept. Badge codes are credentials printed on a card: only
// their SHA-256 is stored (deterministic, so a scanned badge is found by an index lookup; no salt
// can be used for that). PINs are hashed with scrypt and a salt, on libuv's thread pool (async
// scrypt) so a burst of wrong PINs does not stall the core's event loop. Tokens by their SHA-256.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../contract/people';

const KEY_LEN = 32;

/** The stored form of a badge code; the prefix keeps it apart from a token hash of the same text. */
export const badgeHash = (code: string) => createHash('sha256').update(`packline-badge:${code}`).digest('hex');

const scryptAsync = (pin: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) => scrypt(pin, salt, KEY_LEN, (err, key) => (err ? reject(err) : resolve(key))));

const encode = (salt: Buffer, key: Buffer) => `scrypt:${salt.toString('hex')}:${key.toString('hex')}`;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await scryptAsync(pin, salt));
}

/** For users created at start (first admin, demo seed, tests), where nothing else is waiting. */
export function hashPinNow(pin: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(pin, salt, KEY_LEN));
}

export async function pinMatches(stored: string, pin: string): Promise<boolean> {
  const [, saltHex, hashHex] = stored.split(':');
  const got = await scryptAsync(pin, Buffer.from(saltHex!, 'hex'));
  return timingSafeEqual(got, Buffer.from(hashHex!, 'hex'));
}

const DUMMY_SALT = randomBytes(16);
/** The same scrypt work as a real PIN check, for a refusal that must not answer faster (unknown badge). */
export async function dummyPinCheck(pin: string | undefined): Promise<false> {
  await scryptAsync(pin ?? '', DUMMY_SALT);
  return false;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new bearer token as handed out once (only its hash is stored). */
export const newToken = () => `pl_${randomBytes(24).toString('base64url')}`;

const BADGE_PREFIX: Record<Role, string> = { operator: 'OP', lead: 'LD', admin: 'AD', finance: 'FN', viewer: 'VW' };

/** A new random badge code, e.g. OP-3F9A12C4 (prefixed by role, so a person can tell cards apart); printed as Code 128. */
export const newBadgeCode = (role: Role) => `${BADGE_PREFIX[role]}-${randomBytes(4).toString('hex').toUpperCase()}`;
