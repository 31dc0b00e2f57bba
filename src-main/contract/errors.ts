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
  'order_state', // the order's state does not allow packing it (cancelled, on hold, shipped, ...): the message says what to do
  'weight_out_of_tolerance', // the scale disagrees with the expected parcel weight; a lead's badge may override
  'waybill_unavailable', // no waybill number can be had for the carrier (no range, used up, no carrier on the order)
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const SaidValues = z.record(z.string(), z.union([z.string(), z.number()]));

export const FieldIssue = z.object({
  path: z.string().describe('Dotted path of the field, e.g. "lines.0.qty"'),
  message: z.string(),
  row: z.number().int().optional().describe('1-based data row, for CSV and bulk requests'),
  rule: z.object({
    code: z.enum(['too_small', 'too_big', 'invalid_type', 'invalid_format', 'invalid_value']),
    origin: z.string().optional().describe('string, number, array...'),
    limit: z.number().optional().describe('the minimum or maximum (characters, a number, items)'),
    expected: z.string().optional(),
    format: z.string().optional().describe('invalid_format: the form the value lacks (email, url, datetime, date, regex...)'),
    values: z.array(z.string()).optional().describe('invalid_value: the values it may be (an enum\'s options, a literal)'),
  }).optional().describe('the check the value failed, so a screen can say it in its own language; `message` says it in English'),
  key: z.string().optional().describe('a check of the shop\'s own, so a screen can say it in its own language: a key of FIELD_MESSAGES_EN (contract/field-messages.ts); `message` says it in English'),
  params: SaidValues.optional().describe('the values the words of `key` name ({{kind}}, {{max}})'),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/**
 * A refused row of a file's report in words a screen can say in its own language (the check it failed,
 * or a key with its values), beside its English `message`: a report's row schema extends it.
 */
export const RowWords = FieldIssue.pick({ rule: true, key: true, params: true });
export type RowWords = z.infer<typeof RowWords>;

/** A refusal's message when its field issues are all it has to say ("name: required; lines.0.qty: at least 1"). */
export function describeIssues(issues: FieldIssue[]): string {
  const head = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues.length > 5 ? `${head}; and ${issues.length - 5} more` : head;
}

/** A refusal as the API answers it: an error body, and a refusal inside an answer (a bulk request's failed entry, a pack scan's). */
export const Refusal = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().describe('what was refused, in English words (for API clients, logs and the audit)'),
  key: z.string().optional().describe('a refusal of the core\'s own rules, so a screen can say `message` in its own language: a key of FIELD_MESSAGES_EN (contract/field-messages.ts)'),
  params: SaidValues.optional().describe('the values the words of `key` name ({{sku}}, {{code}})'),
  issues: z.array(FieldIssue).optional(),
});
export type Refusal = z.infer<typeof Refusal>;

export const ApiError = z.object({ error: Refusal });
export type ApiError = z.infer<typeof ApiError>;
