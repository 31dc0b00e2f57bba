import type { z } from 'zod';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { loadMeter } from './load-meter';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import type { RouteName } from '../../contract/api';
import type { BinaryFile, RouteDef } from '../../contract/routing';
import type { Role } from '../../contract/people';
import { AppError, fail } from '../../lib/errors';
import { logger } from '../../lib/log';
import { matchRoute } from './router';
import { handlers } from '../modules';
import { headerValue, JsonText, type Reply, type HandlerEnv, type LanIdentity } from './handler-env';
import { benchAuthenticator } from '../modules/benches/bench-auth';
import { authenticate, type Principal } from '../modules/people/queries';
import { toErrorResponse } from './errors';
import { buildOpenApi } from './openapi';
import { zodIssues } from './validate';
import { describeIssues } from '../../contract/errors';
import { serveSse } from './sse';
import { serveStatic } from './static';
import { coreLabels } from '../modules/labels/renderer';
import { foreignRequestRefusal } from './host-guard';
import { jsonNestsDeeperThan, limitConnections, serverOptions, type ConnectionLimits } from './limits';
import { parseOrderInput } from '../modules/orders/order-input-fast';

const log = logger('core.http');

export interface HttpOptions extends ConnectionLimits {
  host?: string; // 127.0.0.1 unless LAN hosting is switched on (DESIGN.md security defaults)
  port?: number;
  webRoot?: string; // the built UI
  version?: string;
  /** Demo mode: the login screen lists these badges. */
  demoBadges?: { name: string; role: Role; badge: string }[];
  /** Extra endpoints (the station's WebSocket, device routes) mounted by the runtime that owns them. */
  onUpgrade?: Parameters<Server['on']>[1];
  /** LAN mode: serve HTTPS with this certificate (made on first start, src-main/core/tls.ts) */
  tls?: { key: string; cert: string };
  /** what pairing codes carry: the certificate's fingerprint and the addresses benches use */
  lan?: LanIdentity;
}

const JSON_LIMIT = 2 * 1024 * 1024;
/** Bodies of routes open without logging in (the badge login) are small; anything more is refused unread. */
const PUBLIC_JSON_LIMIT = 4 * 1024;
const BULK_LIMIT = 32 * 1024 * 1024;
const TEXT_LIMIT = 64 * 1024 * 1024;
/** No API body nests deeper; a deeper one is refused before JSON.parse. */
const MAX_JSON_DEPTH = 64;
/**
 * Bodies checked by a hand-written check first (the same result as the route's zod schema; zod
 * still decides every body the check is not sure of, so refusals are zod's): the order intake.
 */
const FAST_BODY: Partial<Record<RouteName, (json: unknown) => z.ZodSafeParseResult<unknown>>> = { createOrder: parseOrderInput };
/** Routes that read only the start of their text body (the rest is received and dropped). */
const HEAD_ONLY: Partial<Record<RouteName, number>> = { previewCsv: 1024 * 1024 };

/** The client closed the connection before its request body arrived: nothing to answer. */
class ClientAborted extends Error {}

/** Bodies declared at least this long are read into memory of their own as they arrive (readBody). */
const PREALLOCATE_BYTES = 256 * 1024;
/** Of such a body, what is taken in per turn of the event loop. */
const BODY_SLICE_BYTES = 256 * 1024;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * The request body, refused over `limit`; with `head`, only its first `head` bytes are kept (and
 * `complete` says whether that was all) while the rest is received and dropped.
 */
function readBody(req: IncomingMessage, limit: number, head = Infinity): Promise<{ bytes: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new AppError('payload_too_large', `request body is ${declared} bytes; the limit here is ${limit}`));
    const chunks: Buffer[] = [];
    let size = 0;
    let kept = 0;
    // A big body whose length is declared is copied into its own memory as it arrives, a slice per
    // turn of the loop: joined at the end, a 22 MB statement file held the loop 70-95 ms (first
    // touches of fresh pages cost ~3 ms per MB here), and read as fast as the socket gives it (2 MB
    // per turn) 15 ms at a time; every request meanwhile waited. Its own memory also lets it go to a
    // worker without a copy.
    const whole = declared >= PREALLOCATE_BYTES && head === Infinity ? Buffer.allocUnsafeSlow(declared) : null;
    let turn = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (whole) {
        kept += c.copy(whole, kept); // Node's parser hands on no more than Content-Length says
        if ((turn += c.length) >= BODY_SLICE_BYTES) {
          turn = 0;
          req.pause();
          setImmediate(() => req.resume());
        }
      } else if (kept < head) {
        const part = kept + c.length > head ? c.subarray(0, head - kept) : c;
        chunks.push(part);
        kept += part.length;
      }
      if (size > limit) {
        reject(new AppError('payload_too_large', `request body is over the limit of ${limit} bytes`));
        // Drop what the client is still sending so it can read the 413 (destroying the socket here
        // gave it a reset connection instead); a client that goes on far past the limit is cut off.
        req.removeAllListeners('data');
        req.on('data', (d: Buffer) => {
          size += d.length;
          if (size > 2 * limit + 1024 * 1024) req.destroy();
        });
        return;
      }
    });
    req.on('end', () => resolve({ bytes: whole ? whole.subarray(0, kept) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), complete: kept === size }));
    req.on('error', () => reject(new ClientAborted('the client closed the connection before its request body arrived')));
  });
}

// Headers as a flat [name, value, ...] list that writeHead takes as it is: no merged object per
// response. A route's extra headers never repeat these names (a test checks each header once).
const AFTER_LENGTH = ['Cache-Control', 'no-store', ...Object.entries(SECURITY_HEADERS).flat()];

function send(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  const list: (string | number)[] = ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', Buffer.byteLength(text), ...AFTER_LENGTH];
  if (headers) for (const k in headers) list.push(k, headers[k]!);
  res.writeHead(status, list);
  res.end(text);
}

/** A binary route's file (label previews), sent as it is; the one place such responses are written. */
function sendFile(res: ServerResponse, file: BinaryFile) {
  const { bytes } = file;
  const headers: Record<string, string | number> = { 'Content-Type': file.mime, 'Cache-Control': 'no-store', ...SECURITY_HEADERS };
  if (typeof bytes !== 'function') headers['Content-Length'] = bytes.byteLength;
  if (file.filename) headers['Content-Disposition'] = `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`;
  res.writeHead(200, headers);
  if (typeof bytes !== 'function') return void res.end(bytes);
  // Written as it is made (chunked): a failure after the first bytes can only cut the download short.
  return bytes(res).catch((e: unknown) => {
    log.error({ err: (e as Error)?.message }, 'a streamed download failed');
    res.destroy(e as Error);
  });
}

function tokenOf(req: IncomingMessage): string | null {
  const auth = headerValue(req, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = headerValue(req, 'cookie');
  const m = cookie ? /(?:^|;\s*)pl_session=([^;]+)/.exec(cookie) : null;
  return m?.[1] || null;
}

/** Auth lookups are cached briefly: every request is authenticated, most by the same few tokens. */
function authenticator(core: Core) {
  const cache = new Map<string, { who: Principal | null; until: number }>();
  const auth = (token: string): Principal | null => {
    const now = Date.now();
    const hit = cache.get(token);
    if (hit && hit.until > now) return hit.who;
    const who = authenticate(core.ctx, token);
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { who, until: now + 5_000 });
    return who;
  };
  /** A revoked token stops working at once, not when its cache entry runs out. */
  auth.forget = (token: string) => void cache.delete(token);
  return auth;
}

const REPLY_KEYS = new Set(['status', 'body', 'headers']);
/** A handler's `reply(...)`, as opposed to a body that happens to have status and body fields. */
function isReply(out: unknown): out is Reply {
  if (!out || typeof out !== 'object' || !('status' in out) || !('body' in out)) return false;
  for (const k in out) if (!REPLY_KEYS.has(k)) return false;
  return true;
}

/** The part of a parsed request URL the API reads. */
type ApiTarget = Pick<URL, 'pathname' | 'searchParams'>;
const NO_QUERY = new URLSearchParams();
// A plain API path (no query, escapes, dot segments or characters the URL parser rewrites) is the
// pathname `new URL` would give, so most API requests skip the parser (a test checks the two agree).
const PLAIN_API_PATH = /^(?!.*\/\.)\/api\/[\w\-.~:@/]*$/;

/** The request target as a URL; throws on a malformed one, as `new URL` does. */
export function requestTarget(raw: string): URL | ApiTarget {
  return PLAIN_API_PATH.test(raw) ? { pathname: raw, searchParams: NO_QUERY } : new URL(raw, 'http://local');
}

function parseQuery(def: RouteDef, url: ApiTarget) {
  if (!def.query) return undefined;
  const raw: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (raw[k] = v));
  const p = def.query.safeParse(raw);
  if (!p.success) {
    const issues = zodIssues(p.error, 'query');
    fail('validation', describeIssues(issues), issues);
  }
  return p.data;
}

function jsonLimit(def: RouteDef, name: RouteName): number {
  if (def.bodyLimit) return def.bodyLimit;
  if (def.roles === 'public') return PUBLIC_JSON_LIMIT;
  return name === 'bulkOrders' ? BULK_LIMIT : JSON_LIMIT;
}

/** The body as the route takes it: text routes get `{ bytes, complete }`, JSON routes the checked value. */
async function parseBody(def: RouteDef, name: RouteName, req: IncomingMessage) {
  if (!def.body) return undefined;
  // A public text route (a webhook) gets the public limit unless it names its own, bounded one.
  if (def.bodyKind === 'text') return readBody(req, def.bodyLimit ?? (def.roles === 'public' ? PUBLIC_JSON_LIMIT : TEXT_LIMIT), HEAD_ONLY[name]);
  const type = headerValue(req, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) fail('unsupported_media_type', `send the body as application/json (got "${type || 'no content type'}")`);
  const { bytes } = await readBody(req, jsonLimit(def, name));
  if (jsonNestsDeeperThan(bytes, MAX_JSON_DEPTH)) fail('bad_request', `the JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; no request needs that`);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    fail('bad_request', `the body is not valid JSON: ${(e as Error).message}`);
  }
  const fast = FAST_BODY[name];
  const p = fast ? fast(json) : def.body.safeParse(json);
  if (!p.success) {
    const issues = zodIssues(p.error);
    fail('validation', describeIssues(issues), issues);
  }
  return p.data;
}

export function createHttpServer(core: Core, opts: HttpOptions = {}) {
  const version = opts.version ?? '0.1.0';
  const auth = authenticator(core);
  const benches = benchAuthenticator(core);
  const labels = coreLabels(core.dataDir);
  const meter = loadMeter(core);
  let openapi: Record<string, unknown> | null = null;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: ApiTarget) {
    const { match, allowed } = matchRoute(req.method ?? 'GET', url.pathname);
    if (!match) {
      if (allowed?.length) return send(res, 405, { error: { code: 'bad_request', message: `${req.method} is not allowed on ${url.pathname}; use ${allowed.join(', ')}` } }, { Allow: allowed.join(', ') });
      return send(res, 404, { error: { code: 'not_found', message: `no API route ${req.method} ${url.pathname}; see /api/openapi.json` } });
    }
    const { def, name } = match;
    const token = tokenOf(req);
    const who = token ? auth(token) : null;
    if (def.roles !== 'public') {
      if (!who) fail('unauthenticated', token ? 'your session has expired or was revoked: log in again' : 'log in first (scan your badge), or send an API token');
      if (!def.roles.includes(who!.role)) fail('forbidden', `a ${who!.role} may not ${def.summary.toLowerCase()}; ask a ${def.roles.join(' or ')}`);
    }
    if (name === 'openapi') return send(res, 200, (openapi ??= buildOpenApi(version)));
    const params = def.params ? def.params.safeParse(match.params) : null;
    if (params && !params.success) {
      const issues = zodIssues(params.error, 'path');
      fail('validation', describeIssues(issues), issues);
    }
    const query = parseQuery(def, url);
    if (name === 'events') return serveSse(core, req, res, { lastEventId: (query as { lastEventId?: number }).lastEventId, sessionId: who!.tokenId, token: token! });
    const body = await parseBody(def, name, req);
    const bench = benches.of(req);
    const env: HandlerEnv = { core, version, req, who, token, demoBadges: opts.demoBadges, labels, bench, lan: opts.lan, forgetBench: benches.forget };
    const handler = handlers[name as keyof typeof handlers] as (i: unknown, e: HandlerEnv) => unknown;
    const out = await handler({ params: params?.data, query, body }, env);
    if (name === 'logout' && token) auth.forget(token);
    if (def.responseKind === 'binary') return sendFile(res, out as BinaryFile);
    if (isReply(out)) return send(res, out.status, out.body, out.headers);
    send(res, 200, out);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const refusal = foreignRequestRefusal(req);
    if (refusal) return send(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
    let url: URL | ApiTarget;
    try {
      url = requestTarget(req.url ?? '/');
    } catch {
      return send(res, 400, { error: { code: 'bad_request', message: 'malformed URL' } });
    }
    if (url.pathname.startsWith('/api/')) {
      meter.count(res); // the health panel's request and error rate
      handleApi(req, res, url).catch((e) => {
        if (e instanceof ClientAborted) return void log.info({ path: url.pathname, method: req.method }, e.message);
        const { status, body } = toErrorResponse(e);
        if (status >= 500) log.error({ err: e, path: url.pathname }, 'request failed');
        if (!res.headersSent) send(res, status, body, status === 413 ? { Connection: 'close' } : {});
        else res.end();
      });
      return;
    }
    serveStatic(opts.webRoot, req, res, url as URL); // only /api/ paths skip the URL parser
  };
  // LAN mode: HTTPS with the core's own certificate (the same handler; https.Server has http.Server's API)
  const server = (opts.tls ? createTlsServer({ ...serverOptions(opts), ...opts.tls }, onRequest) : createServer(serverOptions(opts), onRequest)) as Server;
  limitConnections(server, opts);
  if (opts.onUpgrade) server.on('upgrade', opts.onUpgrade);

  return {
    server,
    async listen(): Promise<{ url: string; port: number }> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
      });
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      return { url: `${opts.tls ? 'https' : 'http'}://${host}:${port}`, port };
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await labels.close();
    },
  };
}

