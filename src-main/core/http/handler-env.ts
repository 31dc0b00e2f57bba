import type { IncomingMessage } from 'node:http';
import type { Address, Order } from '../../contract/orders';
import type { Role } from '../../contract/people';
import type { RouteName, RouteInput, RouteOutput } from '../../contract/api';
import { maskPhone } from '../../contract/privacy';
import type { Core } from '../core';
import type { Principal } from '../modules/people/queries';
import type { CoreLabels } from '../modules/labels/renderer';
import type { Bench } from '../../contract/benches';
import { fail } from '../../lib/errors';

// What every route handler gets and the small helpers they share (each module's http.ts).

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
export const reply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

export interface HandlerEnv {
  core: Core;
  version: string;
  req: IncomingMessage;
  who: Principal | null;
  token: string | null;
  demoBadges?: { name: string; role: Role; badge: string }[];
  labels: CoreLabels;
  /** the paired bench the request comes from (its X-Packline-Bench token), beside the operator in `who` */
  bench?: Bench | null;
  /** LAN mode: the certificate's SHA-256 fingerprint and the addresses benches reach the core at (pairing codes carry them) */
  lan?: LanIdentity;
  /** a revoked bench's token stops working at once */
  forgetBench?: (benchId: string) => void;
}

export interface LanIdentity {
  fingerprint: string | null;
  urls: string[];
}

export type Handler<K extends RouteName> = (input: RouteInput<K>, env: HandlerEnv) => RouteOutput<K> | Reply | Promise<RouteOutput<K> | Reply>;
/** Routes the server answers itself (the change feed stream and the OpenAPI document). */
type ServedByServer = 'events' | 'openapi';
export type Handlers = { [K in Exclude<RouteName, ServedByServer>]: Handler<K> };
/** A module's handlers: one for each route of its contract, no more, no fewer. */
export type ModuleHandlers<R> = { [K in Exclude<keyof R & RouteName, ServedByServer>]: Handler<K> };

export const actorOf = (env: HandlerEnv) => env.who ?? fail('unauthenticated', 'log in first');

/** The bench a record names: the paired bench's own id (its token says which) over the one the body claims. */
export const benchOf = <B extends { bench: string }>(env: HandlerEnv, body: B): B => (env.bench ? { ...body, bench: env.bench.id } : body);

/** Roles that may read full phone numbers (GB/T 41833-2022 masking for everyone else). */
export const SEES_FULL_PHONE: readonly Role[] = ['lead', 'admin'];
export function shipToFor(shipTo: Address, role: Role): Address {
  return SEES_FULL_PHONE.includes(role) ? shipTo : { ...shipTo, phone: maskPhone(shipTo.phone) };
}
/** A body that is already JSON text (an answer stored for its Idempotency-Key): sent as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The order as this role may see it, from its stored JSON text (parsed only when a field is masked). */
export function orderTextForRole(text: string, role: Role): JsonText | Order {
  return SEES_FULL_PHONE.includes(role) ? new JsonText(text) : forRole(JSON.parse(text) as Order, role);
}

export function forRole(order: Order, role: Role): Order {
  return { ...order, shipTo: shipToFor(order.shipTo, role) };
}

export function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** The Idempotency-Key header, checked; `required` refuses a request without one. */
export function idempotencyKey(req: IncomingMessage, required: boolean): string | null {
  const key = headerValue(req, 'idempotency-key');
  if (key === null && required) fail('validation', 'send an Idempotency-Key header (one per parcel, reused on every retry) so a retry never makes a second waybill', [{ path: 'Idempotency-Key', message: 'required' }]);
  if (key !== null && (key.length === 0 || key.length > 200)) fail('validation', 'Idempotency-Key must be 1 to 200 characters', [{ path: 'Idempotency-Key', message: 'bad length' }]);
  return key;
}
