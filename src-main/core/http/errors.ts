import type { ErrorCode, ApiError, Refusal } from '../../contract/errors';
import { asAppError, type AppError } from '../../lib/errors';

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

/** A refusal as the API says it (an error body, or a refusal inside an answer): code, message, its key and values, issues. */
export const refusalOf = (a: AppError): Refusal => ({ code: a.code, message: a.message, ...a.said, ...(a.issues ? { issues: a.issues } : {}) });

/** The answer for an error; the caller logs a 5xx once, with the request it belongs to. */
export function toErrorResponse(e: unknown): { status: number; body: ApiError } {
  const a = asAppError(e);
  return { status: STATUS[a.code], body: { error: refusalOf(a) } };
}
