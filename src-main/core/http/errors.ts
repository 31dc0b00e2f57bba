import type { ErrorCode, ApiError } from '../../contract/errors';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/log';

const log = logger('core.http');

/** The one place where an error code becomes an HTTP status. */
export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  insufficient_stock: 409,
  order_state: 409,
  weight_out_of_tolerance: 422,
  waybill_unavailable: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function toErrorResponse(e: unknown): { status: number; body: ApiError } {
  if (e instanceof AppError) {
    return { status: STATUS[e.code], body: { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } } };
  }
  const msg = String((e as Error)?.message ?? e);
  // SQLite constraint failures that slipped past validation are still the caller's input, not a crash.
  if (msg.includes('CHECK constraint failed') || msg.includes('UNIQUE constraint failed') || msg.includes('FOREIGN KEY constraint failed')) {
    return { status: 409, body: { error: { code: 'conflict', message: `the change conflicts with stored data (${msg.replace(/^.*constraint failed: ?/, '')})` } } };
  }
  log.error({ err: e }, 'unhandled error');
  return { status: 500, body: { error: { code: 'internal', message: 'internal error; see the log in the data folder' } } };
}
