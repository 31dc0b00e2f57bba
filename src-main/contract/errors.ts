import { z } from 'zod';

/** Every refusal carries one of these codes; the HTTP status for each lives in core/http/errors.ts. */
export const ERROR_CODES = [
  'bad_request', // malformed body, bad JSON, wrong content type
  'validation', // well-formed but a field is wrong
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict', // state does not allow the action, duplicate, idempotency mismatch
  'invalid_transition',
  'insufficient_stock',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldIssue = z.object({
  path: z.string().describe('Dotted path of the field, e.g. "lines.0.qty"'),
  message: z.string(),
  row: z.number().int().optional().describe('1-based data row, for CSV and bulk requests'),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ApiError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(FieldIssue).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
