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
