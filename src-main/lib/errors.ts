import { describeIssues, type ErrorCode, type FieldIssue, type RowWords } from '../contract/errors';
import { said, type Said, type SaidParams } from '../contract/field-messages';
import type { NotFoundNoun } from '../contract/refusal-messages';

/**
 * The one error type: a code from the contract, a message a person can act on, optional field issues.
 * A message in keyed words (`said('skuExists', { sku })`, contract/field-messages.ts) keeps its key and
 * parameters (`said`), so a screen says it in its own language; the English words are the message.
 */
export class AppError extends Error {
  readonly said?: SaidParams;
  constructor(
    readonly code: ErrorCode,
    message: string | Said,
    readonly issues?: FieldIssue[],
  ) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'AppError';
    if (typeof message !== 'string') this.said = message.params;
  }
}

export const fail = (code: ErrorCode, message: string | Said, issues?: FieldIssue[]): never => {
  throw new AppError(code, message, issues);
};

/** A refusal as plain data, to cross a thread (a worker's postMessage keeps no class): `refusalData(e)` there, `fromRefusal(r)` here. */
export interface RefusalData { code: ErrorCode; message: string; said?: SaidParams; issues?: FieldIssue[] }
export const refusalData = (e: AppError): RefusalData => ({ code: e.code, message: e.message, ...(e.said ? { said: e.said } : {}), ...(e.issues ? { issues: e.issues } : {}) });
export const fromRefusal = (r: RefusalData): AppError => new AppError(r.code, r.said ? { message: r.message, params: r.said } : r.message, r.issues);

/** A field issue in plain words, or in keyed words a screen can translate (`issue('sku', said('exists'))`). */
export const issue = (path: string, words: string | Said): FieldIssue =>
  typeof words === 'string' ? { path, message: words } : { path, message: words.message, ...words.params };

/**
 * The keyed words of a refused row of a report (contract RowWords), beside its message: a refusal's key
 * and values; a refusal whose message is its issues, or a field issue, its issue's key or rule; words said().
 */
export function rowWords(from: AppError | FieldIssue | Said): RowWords {
  if (from instanceof AppError) {
    if (from.said) return from.said;
    const first = from.issues?.[0];
    return first && from.message === describeIssues(from.issues!) ? rowWords(first) : {};
  }
  if ('path' in from) return { ...(from.rule ? { rule: from.rule } : {}), ...(from.key ? { key: from.key } : {}), ...(from.params ? { params: from.params } : {}) };
  return from.params;
}

/** 'order PL1001 does not exist', keyed (notFound, its noun `what`) so a screen says it in its own language. */
export const notFound = (what: NotFoundNoun, id: string): never => fail('not_found', said('notFound', { what, id }));

// A store's integrity failure, by its words (an error that crossed a thread keeps only its message):
// SQLite's "UNIQUE constraint failed: t.c"; PostgreSQL's class 23 (SQLSTATE 23505 unique, 23503
// foreign key, 23514 check): "duplicate key value violates unique constraint "t_c_key"", ...
const SQLITE_CONSTRAINT = /\b(CHECK|UNIQUE|FOREIGN KEY) constraint failed(?:: ?(.*))?$/s;
const POSTGRES_CONSTRAINT = /violates (check|unique|foreign key) constraint "([^"]*)"/;
const POSTGRES_CONSTRAINT_CODES = new Set(['23505', '23503', '23514']);

/** The kind of constraint a store refused a write for (and what it names), or null for any other failure. */
export function constraintFailure(e: unknown): { kind: 'unique' | 'foreign key' | 'check'; detail: string } | null {
  const msg = String((e as Error)?.message ?? e);
  const lite = SQLITE_CONSTRAINT.exec(msg);
  if (lite) return { kind: lite[1]!.toLowerCase() as 'unique', detail: lite[2] ?? '' };
  const pg = POSTGRES_CONSTRAINT.exec(msg);
  const code = (e as { code?: unknown })?.code;
  if (pg && (typeof code !== 'string' || POSTGRES_CONSTRAINT_CODES.has(code))) return { kind: pg[1] as 'unique', detail: pg[2]! };
  return null;
}

/**
 * Any thrown value as an AppError: itself; a store's constraint failure that slipped past
 * validation is the caller's input (conflict); anything else is internal (log the original, show
 * no details).
 */
export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const failed = constraintFailure(e);
  if (failed) return new AppError('conflict', `the change conflicts with stored data (${failed.detail || failed.kind})`);
  return new AppError('internal', 'internal error; see the log in the data folder');
}
