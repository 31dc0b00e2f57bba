// Badge PINs and tokens as they are kept: PINs hashed with scrypt and a salt, tokens by their SHA-256.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

export function pinMatches(stored: string, pin: string): boolean {
  const [, saltHex, hashHex] = stored.split(':');
  const got = scryptSync(pin, Buffer.from(saltHex!, 'hex'), 32);
  return timingSafeEqual(got, Buffer.from(hashHex!, 'hex'));
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new bearer token as handed out once (only its hash is stored). */
export const newToken = () => `pl_${randomBytes(24).toString('base64url')}`;
