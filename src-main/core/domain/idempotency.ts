import { prep } from '../store/db';
import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { fail } from '../../lib/errors';

// The same Idempotency-Key with the same body returns the first answer; with another body, 409.
// Runs inside the write transaction, so concurrent duplicates serialise and the second sees the first.

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export function replay(ctx: CoreContext, scope: string, key: string, hash: string): { status: number; body: unknown } | null {
  const r = prep(ctx.db, 'SELECT request_hash, status, response FROM idempotency WHERE scope = ? AND key = ?').get(scope, key) as
    | { request_hash: string; status: number; response: string }
    | undefined;
  if (!r) return null;
  if (r.request_hash !== hash) fail('conflict', `Idempotency-Key "${key}" was already used with a different request body`);
  return { status: r.status, body: JSON.parse(r.response) };
}

export function remember(ctx: CoreContext, scope: string, key: string, hash: string, status: number, body: unknown): void {
  prep(ctx.db, 'INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(scope, key, hash, status, JSON.stringify(body), ctx.clock.iso());
}

/**
 * Runs `fn` once per (scope, key): a repeat with the same body gets the stored answer (replayed),
 * another body is a 409. Call inside the write transaction; without a key it just runs `fn`.
 */
export function once(ctx: CoreContext, scope: string, key: string | null, body: unknown, fn: () => { status: number; body: unknown }): { status: number; body: unknown; replayed: boolean } {
  if (!key) return { ...fn(), replayed: false };
  const hash = requestHash(body);
  const prior = replay(ctx, scope, key, hash);
  if (prior) return { ...prior, replayed: true };
  const out = fn();
  remember(ctx, scope, key, hash, out.status, out.body);
  return { ...out, replayed: false };
}
