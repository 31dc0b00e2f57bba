import { z } from 'zod';
import { freeText } from './common';
import type { Role } from './people';

// What every module's routes are made of: the route shape, who may call, and small shared pieces.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  path: string; // "/api/orders/:id"
  summary: string;
  roles: readonly Role[] | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyKind?: 'json' | 'text'; // text: raw bytes (CSV, a webhook's signed body), any encoding
  /** The body's size limit in bytes, when not the server's default for the route (a public route's is 4 KB). */
  bodyLimit?: number;
  response: z.ZodType;
  /** binary: the handler returns a BinaryFile and the server sends its bytes as they are */
  responseKind?: 'json' | 'binary';
  /** Content types a binary response may have (for the OpenAPI document). */
  produces?: readonly string[];
  idempotent?: boolean; // takes an Idempotency-Key header
  stream?: 'sse'; // a server-sent event stream of `response` items
  tag: string;
}

export const ALL: readonly Role[] = ['operator', 'lead', 'admin', 'finance', 'viewer'];

export const STAFF: readonly Role[] = ['operator', 'lead', 'admin'];

export const MANAGE: readonly Role[] = ['lead', 'admin'];

export const ADMIN: readonly Role[] = ['admin'];

export const WRITE_ORDERS: readonly Role[] = ['lead', 'admin'];

export const IdParam = z.object({ id: z.string().min(1).max(80) });

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });

export const Ok = z.object({ ok: z.literal(true) });

export const ReasonBody = z.object({ reason: freeText(500).optional() });

/**
 * What a handler of a binary route returns: bytes (or, for a long export, what writes them into the
 * response as they are made and ends it), their content type, a file name for downloads.
 */
export interface BinaryFile { bytes: Uint8Array | ((out: import('node:stream').Writable) => Promise<void>); mime: string; filename?: string }

export const BinaryFile = z.custom<BinaryFile>((v) => typeof v === 'object' && v !== null && ((v as BinaryFile).bytes instanceof Uint8Array || typeof (v as BinaryFile).bytes === 'function'), 'a file');

/** Fills ":id" style parameters into a path. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(params[k] ?? ''));
}
