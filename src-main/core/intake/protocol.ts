// Messages between the core's event loop and the order intake thread.
import type { ErrorCode, FieldIssue } from '../../contract/errors';
import type { Actor } from '../domain/events';
import type { CreateOrderResult } from '../domain/orders';

export interface IntakeStart {
  file: string;
  /**
   * Shared with the core's checkpoint worker (followCheckpointer): whether it runs (then this
   * connection leaves checkpoints to it) and when it asks for the checkpoint that lets the WAL start over.
   */
  writerHint?: SharedArrayBuffer;
}

/**
 * An order for the thread: its validated input as JSON text (a string crosses between threads as
 * one copy, where an object is cloned field by field on both sides) and, with a key, its requestHash.
 */
export interface IntakeRequest { id: number; json: string; hash: string | null; actor: Actor; key: string | null }

export type IntakeReply =
  | ({ id: number; ok: true } & CreateOrderResult)
  | { id: number; ok: false; code: ErrorCode; message: string; issues?: FieldIssue[] }
  /** Not an AppError (a SQLite failure, a bug): the core maps it as it maps its own (asAppError). */
  | { id: number; ok: false; code: null; message: string };
