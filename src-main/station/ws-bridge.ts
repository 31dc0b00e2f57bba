// The StationBridge over a WebSocket at /api/station, on the core's HTTP server (headless mode and
// a shop running a bench from a browser). The upgrade is authenticated with the HTTP API's session
// (pl_session cookie, Bearer, or ?token=) by asking the core, and refused with 401 before upgrading.
// A logout closes the sockets of that session at once: the core's change feed says `session.ended`.
import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { STATION_SOCKET_PATH, type BridgeReply, type StationEvent } from '../contract/station';
import { isAudience, type Bridge, type CallContext } from './bridge';
import { followFeed, type CoreClient, type FeedFollower } from './core-client';
import { SESSION_ENDED } from '../contract/people';
import { sessionResolver, tokenOfRequest, isAuthRefusal } from './session';
import { logger } from '../lib/log';
import { foreignRequestRefusal } from '../core/http/host-guard';

const log = logger('station.ws');

export interface WsBridgeOptions {
  bridge: Bridge;
  core: CoreClient;
  /** a larger request gets a payload_too_large reply (default 64 KiB) */
  maxRequestBytes?: number;
  /** a frame beyond this closes the socket (1009) without reading it (default 1 MiB) */
  maxFrameBytes?: number;
  /** ping every this often; a socket that did not answer the last ping is closed (default 15 s) */
  heartbeatMs?: number;
  /** re-check the session this often, so a revoked token ends the socket even while the feed is down (default 60 s) */
  recheckMs?: number;
  /** skip a weight push to a socket with this much unsent (a slow link gets the next one) */
  backlogBytes?: number;
}

export interface WsBridge {
  /** An `upgrade` listener; returns false when the path is not the station's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<boolean>;
  /** Listens for upgrades on the server; returns the detach. */
  attach(server: Server): () => void;
  /** open sockets */
  clients(): number;
  close(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  ctx: CallContext;
  alive: boolean;
}

/** Writes a plain HTTP refusal on a socket that asked to upgrade. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function createWsBridge(o: WsBridgeOptions): WsBridge {
  const maxRequest = o.maxRequestBytes ?? 64 * 1024;
  const backlog = o.backlogBytes ?? 256 * 1024;
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes ?? 1024 * 1024, perMessageDeflate: false });
  const sessions = sessionResolver(o.core);
  const conns = new Set<Conn>();

  const send = (c: Conn, msg: BridgeReply | { event: StationEvent }) => {
    if (c.ws.readyState === WebSocket.OPEN) c.ws.send(JSON.stringify(msg));
  };

  const offEvents = o.bridge.onEvent((event, to) => {
    const text = JSON.stringify({ event });
    for (const c of conns) {
      if (c.ws.readyState !== WebSocket.OPEN || !isAudience(to, c.ctx)) continue;
      // weights come ten times a second and each supersedes the last; everything else is kept
      if (event.type === 'devices.weight' && c.ws.bufferedAmount > backlog) continue;
      c.ws.send(text);
    }
  });

  async function onMessage(c: Conn, data: RawData, isBinary: boolean) {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not accepted; send JSON text');
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      return send(c, { id: -1, ok: false, error: { code: 'bad_request', message: `not JSON: ${(e as Error).message}` } });
    }
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
    if (bytes.length > maxRequest) {
      return send(c, { id, ok: false, error: { code: 'payload_too_large', message: `a station request is ${bytes.length} bytes; the limit is ${maxRequest}` } });
    }
    send(c, await o.bridge.handle(json, c.ctx));
  }

  function onConnection(ws: WebSocket, ctx: CallContext) {
    const c: Conn = { ws, ctx, alive: true };
    conns.add(c);
    ws.on('pong', () => (c.alive = true));
    ws.on('message', (data, isBinary) => {
      onMessage(c, data, isBinary).catch((err) => log.error({ err }, 'station message failed'));
    });
    ws.on('error', (err) => log.warn({ err: err.message, user: ctx.user.id }, 'station socket error'));
    ws.on('close', () => {
      conns.delete(c);
      followSessions();
      o.bridge.left(ctx);
    });
    log.info({ user: ctx.user.id, role: ctx.user.role }, 'screen connected');
    followSessions();
  }

  // While a screen is connected the feed is read with a connected screen's session: a logout
  // anywhere (`session.ended`) closes that session's sockets within a moment, not a minute.
  let feed: FeedFollower | null = null;
  let stopped = false;
  const feedToken = () => [...conns].find((c) => c.ws.readyState === WebSocket.OPEN)?.ctx.token ?? null;
  function followSessions() {
    if (stopped || conns.size === 0) {
      feed?.close();
      feed = null;
      return;
    }
    feed ??= followFeed(o.core, feedToken, {
      onEvent: (e) => {
        const sessionId = e.type === SESSION_ENDED ? e.data?.sessionId : undefined;
        if (typeof sessionId === 'string') endSession(sessionId);
      },
    });
  }
  function endSession(sessionId: string) {
    sessions.forgetSession(sessionId);
    for (const c of conns) if (c.ctx.user.sessionId === sessionId) c.ws.close(4401, 'your session has ended: log in again');
  }

  // Dead sockets (a laptop lid closed, a cable out) close after one missed ping.
  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        conns.delete(c);
        followSessions();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, o.heartbeatMs ?? 15_000);
  heartbeat.unref();

  // The fallback while the feed is down: a logout or a revoked token ends the socket within this period.
  const recheck = setInterval(() => {
    for (const c of conns) {
      sessions.forget(c.ctx.token);
      sessions.resolve(c.ctx.token).then(
        (user) => (c.ctx.user = user),
        (e) => isAuthRefusal(e) && c.ws.close(4401, 'your session has ended: log in again'),
      );
    }
  }, o.recheckMs ?? 60_000);
  recheck.unref();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<boolean> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://local');
    } catch {
      return false;
    }
    if (url.pathname !== STATION_SOCKET_PATH) return false;
    socket.on('error', () => socket.destroy());
    // A page from another site (or another port, or a rebound DNS name) must not drive this bench with the operator's cookie.
    const foreign = foreignRequestRefusal(req, { always: true });
    if (foreign) {
      refuse(socket, foreign.status, foreign.code, foreign.message);
      return true;
    }
    const token = tokenOfRequest(req.headers, url);
    if (!token) {
      refuse(socket, 401, 'unauthenticated', 'log in first (scan your badge): the station needs the same session as the order core');
      return true;
    }
    let user;
    try {
      user = await sessions.resolve(token);
    } catch (e) {
      if (isAuthRefusal(e)) refuse(socket, 401, 'unauthenticated', 'your session has expired or was revoked: log in again');
      else refuse(socket, 503, 'unavailable', `the station cannot check your session: ${(e as Error).message}`);
      return true;
    }
    if (socket.destroyed) return true;
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, { user, token, via: 'ws', conn: randomUUID() }));
    return true;
  }

  return {
    handleUpgrade,
    attach(server) {
      const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        handleUpgrade(req, socket, head)
          .then((mine) => {
            // nobody else serves upgrades on this server: say so instead of leaving it hanging
            if (!mine && server.listenerCount('upgrade') === 1) refuse(socket, 404, 'not_found', `no WebSocket endpoint at ${req.url}; the station is at ${STATION_SOCKET_PATH}`);
          })
          .catch((err) => {
            log.error({ err }, 'upgrade failed');
            socket.destroy();
          });
      };
      server.on('upgrade', listener);
      return () => void server.off('upgrade', listener);
    },
    clients: () => conns.size,
    async close() {
      clearInterval(heartbeat);
      clearInterval(recheck);
      offEvents();
      stopped = true;
      feed?.close();
      feed = null;
      for (const c of conns) c.ws.close(1001, 'the station is stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const c of conns) c.ws.terminate();
      conns.clear();
    },
  };
}
