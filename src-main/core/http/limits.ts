// Cheap limits that keep one client from tying up the core: connection timeouts and a cap per
// address (a socket that never finishes its request holds a file descriptor), and a JSON nesting
// check run on the bytes before JSON.parse (deep nesting costs the parser and zod far more than size).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { isLoopbackAddress } from './host-guard';

export interface ConnectionLimits {
  /** all request headers must arrive within this (default 10 s) */
  headersTimeoutMs?: number;
  /** the whole request, body included, must arrive within this (default 120 s: a 64 MB CSV at ~0.5 MB/s) */
  requestTimeoutMs?: number;
  /** a connection that sends nothing at all is closed after this (default 10 s) */
  idleTimeoutMs?: number;
  /** a kept-alive connection with no next request is closed after this (default 65 s) */
  keepAliveTimeoutMs?: number;
  /** open connections per remote address; a new one beyond it is closed at once (default 256) */
  maxConnectionsPerAddress?: number;
  /** the same for loopback, where the bench's station and local tools connect (default 2048) */
  maxLoopbackConnections?: number;
}

/** Node's createServer options for the limits (the timeout checks must run often enough to matter). */
export function serverOptions(l: ConnectionLimits) {
  const headersTimeout = l.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(l.requestTimeoutMs ?? 120_000, headersTimeout);
  return { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1_000, Math.ceil(headersTimeout / 4)) };
}

/**
 * Applies the idle and keep-alive timeouts and the per-address cap to `server`. The idle timeout
 * covers a connection until its request arrives; while a request is handled (a long import, the
 * change feed, the station socket after its upgrade) no idle timeout applies: the headers and
 * request timeouts bound how long the request may take to arrive, the handler the rest.
 */
export function limitConnections(server: Server, l: ConnectionLimits): void {
  const idle = l.idleTimeoutMs ?? 10_000;
  const perAddress = l.maxConnectionsPerAddress ?? 256;
  const perLoopback = l.maxLoopbackConnections ?? 2048;
  server.timeout = idle; // node closes an idle socket that has no request in flight
  server.keepAliveTimeout = l.keepAliveTimeoutMs ?? 65_000;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > (isLoopbackAddress(address) ? perLoopback : perAddress)) return void socket.destroy();
    open.set(address, n);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  // A request in flight is not idle; node sets the keep-alive timeout again when it is answered.
  server.on('request', (req) => req.socket.setTimeout(0));
}

/** Nesting of `[` and `{` outside strings: true once it passes `max`, scanning no further. */
export function jsonNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}
