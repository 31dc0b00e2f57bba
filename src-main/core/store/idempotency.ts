import { prep } from './db';
import { hash as sha } from 'node:crypto';
import type { CoreContext } from '../context';
import { fail } from '../../lib/errors';

// The same Idempotency-Key with the same body returns the first answer; with another body, 409.
// Runs inside the write transaction, so concurrent duplicates serialise and the second sees the first.

export const requestHash = (body: unknown) => jsonHash(JSON.stringify(body));
/** requestHash of a body already serialised with JSON.stringify. */
export const jsonHash = (json: string) => sha('sha256', json, 'hex'); // one call: no Hash object per request

/** The answer stored for a key (a hot look-up: once per request that carries an Idempotency-Key; its plan is tested). */
export const IDEMPOTENT_ANSWER = 'SELECT request_hash, status, response FROM idempotency WHERE scope = ? AND key = ?';

type StoredAnswer = { request_hash: string; status: number; response: string };

export function replay(ctx: CoreContext, scope: string, key: string, hash: string): { status: number; text: string } | null {
  return replayStored(prep(ctx.db, IDEMPOTENT_ANSWER).get(scope, key) as StoredAnswer | undefined, key, hash);
}

/** replay with the key's stored answer read already (storedAnswers). */
export function replayStored(r: StoredAnswer | undefined, key: string, hash: string): { status: number; text: string } | null {
  if (!r) return null;
  if (r.request_hash !== hash) fail('conflict', `Idempotency-Key "${key}" was already used with a different request body`);
  return { status: r.status, text: r.response };
}

/** The stored answers of many keys of one scope in one statement (a batch on PostgreSQL): key -> answer. */
export function storedAnswers(ctx: CoreContext, scope: string, keys: readonly string[]): Map<string, StoredAnswer> {
  const rows = prep(ctx.db, 'SELECT key, request_hash, status, response FROM idempotency WHERE scope = ? AND key IN (SELECT value FROM json_each(?))')
    .all(scope, JSON.stringify(keys)) as (StoredAnswer & { key: string })[];
  return new Map(rows.map((r) => [r.key, r]));
}

export function remember(ctx: CoreContext, scope: string, key: string, hash: string, status: number, text: string): void {
  prep(ctx.db, 'INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(scope, key, hash, status, text, ctx.clock.iso());
}

/** An answer kept for its key: the body as JSON text too, so it is serialised once (stored and sent). */
export interface OnceResult<B = unknown> { status: number; body: B; text: string; replayed: boolean }

/**
 * Runs `fn` once per (scope, key): a repeat with the same body gets the stored answer (replayed),
 * another body is a 409. Call inside the write transaction; without a key it just runs `fn`.
 */
export function once<B>(ctx: CoreContext, scope: string, key: string | null, body: unknown, fn: () => { status: number; body: B }): OnceResult<B> {
  if (!key) {
    const out = fn();
    return { ...out, text: JSON.stringify(out.body), replayed: false };
  }
  const hash = requestHash(body);
  const prior = replay(ctx, scope, key, hash);
  if (prior) return { status: prior.status, body: JSON.parse(prior.text) as B, text: prior.text, replayed: true };
  const out = fn();
  const text = JSON.stringify(out.body);
  remember(ctx, scope, key, hash, out.status, text);
  return { ...out, text, replayed: false };
}
