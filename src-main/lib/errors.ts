import type { ErrorCode, FieldIssue } from '../contract/errors';

/** The one error type: a code from the contract, a message a person can act on, optional field issues. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): never => {
  throw new AppError(code, message, issues);
};

export const notFound = (what: string, id: string): never => fail('not_found', `${what} ${id} does not exist`);

/**
 * Any thrown value as an AppError: itself; a SQLite constraint failure that slipped past validation
 * is the caller's input (conflict); anything else is internal (log the original, show no details).
 */
export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const msg = String((e as Error)?.message ?? e);
  if (msg.includes('CHECK constraint failed') || msg.includes('UNIQUE constraint failed') || msg.includes('FOREIGN KEY constraint failed')) {
    return new AppError('conflict', `the change conflicts with stored data (${msg.replace(/^.*constraint failed: ?/, '')})`);
  }
  return new AppError('internal', 'internal error; see the log in the data folder');
}
