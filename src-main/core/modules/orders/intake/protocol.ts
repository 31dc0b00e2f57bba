// Messages between the core's event loop and the order intake thread.
import type { ErrorCode, FieldIssue } from '../../../../contract/errors';
import type { Actor } from '../../../store/events';
import type { CreateOrderResult } from '../actions/order-requests';
import type { FollowerJob } from '../../../follower-jobs';

export interface IntakeStart {
  file: string;
  /**
   * Shared with the core's checkpoint worker (followCheckpointer): whether it runs (then this
   * connection leaves checkpoints to it) and when it asks for the checkpoint that lets the WAL start over.
   */
  writerHint?: SharedArrayBuffer;
  /** Shared with the core's writer: the two take turns at the database (write-gate.ts). */
  gate?: SharedArrayBuffer;
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

// On the wire, the requests and the replies of a batch are each one flat list of strings and
// numbers: a thread clones such a list in one pass, where a list of objects costs a property lookup
// and a shape change per field on each side (~7% of the core's thread went to reading the replies).
type Wire = (string | number | null)[];

export function packRequests(rs: readonly IntakeRequest[]): Wire {
  const w: Wire = [];
  for (const r of rs) w.push(r.id, r.json, r.hash, r.key, r.actor.id, r.actor.role, r.actor.name ?? null);
  return w;
}

export function unpackRequests(w: Wire): IntakeRequest[] {
  const out: IntakeRequest[] = [];
  for (let i = 0; i < w.length; i += 7) {
    const actor: Actor = { id: w[i + 4] as string, role: w[i + 5] as string };
    if (w[i + 6] !== null) actor.name = w[i + 6] as string;
    out.push({ id: w[i] as number, json: w[i + 1] as string, hash: w[i + 2] as string | null, key: w[i + 3] as string | null, actor });
  }
  return out;
}

/** A reply is id, status (0 when refused), then order id, text and 1 if replayed; or code, message and issues as JSON. */
export function packReplies(rs: readonly IntakeReply[]): Wire {
  const w: Wire = [];
  for (const r of rs) {
    if (r.ok) w.push(r.id, r.status, r.orderId, r.text, r.replayed ? 1 : 0);
    else w.push(r.id, 0, r.code, r.message, 'issues' in r && r.issues ? JSON.stringify(r.issues) : null);
  }
  return w;
}

export function unpackReplies(w: Wire): IntakeReply[] {
  const out: IntakeReply[] = [];
  for (let i = 0; i < w.length; i += 5) {
    const id = w[i] as number;
    const status = w[i + 1] as number;
    if (status) out.push({ id, ok: true, status, orderId: w[i + 2] as string, text: w[i + 3] as string, replayed: w[i + 4] === 1 });
    else if (w[i + 2] === null) out.push({ id, ok: false, code: null, message: w[i + 3] as string });
    else out.push({ id, ok: false, code: w[i + 2] as ErrorCode, message: w[i + 3] as string, ...(w[i + 4] ? { issues: JSON.parse(w[i + 4] as string) as FieldIssue[] } : {}) });
  }
  return out;
}

/**
 * Verified deliveries of a sales channel (the channels module) to store in its inbox on the thread:
 * the new rows are processed in the same commit and the webhook answered after it, so a channel's
 * orders are created on the same writer as POST /api/orders instead of on the core's loop.
 */
export interface DeliveryRequest {
  id: number;
  channelId: string;
  source: 'webhook' | 'poll';
  receivedAt: string;
  /**
   * The raw bytes as a latin1 string (one char per byte, lossless): a Buffer from an HTTP body is a
   * view into the socket's read buffer, and cloning it copies that whole buffer (tens of KB) each time.
   */
  rows: { deliveryId: string; topic: string; eventAt: string | null; body: string; headers: Record<string, string> }[];
  /** A refused signature: counted, nothing of the delivery stored (rows is empty). */
  refusal?: { reason: string; bytes: number };
}

/** Thread -> core about channel deliveries: how many of each request's rows were new (or why none were stored), and inbox processing done. */
export type DeliveryMessage =
  | { stored: { id: number; fresh: number; error?: string }[]; processed?: number; idle?: boolean }
  | { inboxProcessed: number; idle: boolean };

/** Core -> thread: a follower's write job to run between the batches (follower-jobs.ts). */
export type FollowerJobMessage = { job: FollowerJob; n: number; id: number };
/** Thread -> core: that job's result, or why it failed. */
export type FollowerJobReply = { jobDone: number; result: unknown } | { jobDone: number; error: string };
