// What the API server puts on the wire: the exact header list of a JSON answer (each header once,
// security headers on every answer, errors included), 404 and 405 with Allow, the 413 that closes
// the connection, and paths the URL parser rewrites (dot segments, escapes) routed as it reads them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';
import { requestTarget } from '../../../src-main/core/http/server';
import { matchRoute } from '../../../src-main/core/http/router';
import { routes, type RouteName } from '../../../src-main/contract/api';
import { routePath } from '../../../src-main/contract/routing';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(() => s.close());

interface Raw { status: number; headers: [string, string][]; text: string }

/** A request whose path goes out exactly as written (fetch would normalise it) and the raw header list. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const u = new URL(s.url);
    const req = httpRequest({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, text: Buffer.concat(parts).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Header names and values, without the ones node adds that change per request or connection. */
const stable = (r: Raw) => r.headers.filter(([k]) => !['Date', 'Connection', 'Keep-Alive'].includes(k));
const SECURITY: [string, string][] = [['X-Content-Type-Options', 'nosniff'], ['Referrer-Policy', 'no-referrer'], ['X-Frame-Options', 'DENY']];
const jsonHead = (r: Raw): [string, string][] => [
  ['Content-Type', 'application/json; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(r.text))], ['Cache-Control', 'no-store'], ...SECURITY,
];

describe('API answers on the wire', () => {
  it('a created order: JSON headers, Content-Length of the UTF-8 body, security headers, Location, each once', async () => {
    const token = await s.tokenFor('lead');
    const body = JSON.stringify(orderInput());
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': 'wire-1' };
    const r = await raw('POST', '/api/orders', headers, body);
    expect(r.status).toBe(201);
    const id = JSON.parse(r.text).id as string;
    expect(stable(r)).toEqual([...jsonHead(r), ['Location', `/api/orders/${id}`]]);
    const again = await raw('POST', '/api/orders', headers, body);
    expect(again.text).toBe(r.text);
    expect(stable(again)).toEqual([...jsonHead(again), ['Location', `/api/orders/${id}`], ['Idempotent-Replayed', 'true']]);
  });

  it("serves the labels' font to the screens (for Chinese text on a PC without a Chinese font), cached a day", async () => {
    const r = await fetch(`${s.url}/fonts/NotoSansSC.otf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('font/otf');
    expect(r.headers.get('cache-control')).toBe('public, max-age=86400');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OTTO'); // an OpenType (CFF) font
  });

  it('errors carry the same headers', async () => {
    const r = await raw('GET', '/api/orders');
    expect(r.status).toBe(401);
    expect(stable(r)).toEqual(jsonHead(r));
  });

  it('an unknown route is 404 naming it; a known path with another method is 405 with Allow', async () => {
    const nf = await raw('GET', '/api/nope');
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.text)).toEqual({ error: { code: 'not_found', message: 'no API route GET /api/nope; see /api/openapi.json' } });
    const na = await raw('DELETE', '/api/orders');
    expect(na.status).toBe(405);
    expect(JSON.parse(na.text).error).toEqual({ code: 'bad_request', message: 'DELETE is not allowed on /api/orders; use GET, POST' });
    expect(stable(na)).toEqual([...jsonHead(na), ['Allow', 'GET, POST']]);
  });

  it('a body over the limit is 413 and the server closes the connection', async () => {
    const token = await s.tokenFor('lead');
    const r = await raw('POST', '/api/orders', { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': String(3 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.headers).toContainEqual(['Connection', 'close']);
    expect(stable(r)).toEqual(jsonHead(r));
  });

  it('paths are routed as the URL parser reads them: dot segments, escapes, queries', async () => {
    expect((await raw('GET', '/api/../api/health')).status).toBe(200);
    expect((await raw('GET', '/api/./health')).status).toBe(200);
    expect((await raw('GET', '/api/%68ealth')).status).toBe(404); // an escaped letter is not decoded for routing
    expect((await raw('GET', '/api/health?x=1')).status).toBe(200);
    expect((await raw('GET', '/api/openapiXjson')).status).toBe(404); // the dot in a route path is a dot
    const q = await s.as('lead', 'GET', '/api/orders?limit=0');
    expect(q.status).toBe(422);
    expect(q.body.error.issues[0].path).toBe('query.limit');
  });
});

describe('requestTarget (skips the URL parser for plain API paths)', () => {
  it('gives the pathname new URL gives, or throws where it throws', () => {
    const part = fc.constantFrom('a', 'Z', '0', '_', '-', '.', '..', '~', ':', '@', '/', '//', '%2e', '%', '?', '#', '\\', ' ', 'é', 'orders', 'health');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), (parts) => {
        const target = `/api/${parts.join('')}`;
        const read = (f: () => { pathname: string }) => { try { return f().pathname; } catch { return 'throws'; } };
        expect(read(() => requestTarget(target))).toBe(read(() => new URL(target, 'http://local')));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('matchRoute', () => {
  it('finds every route by its method and path, with its parameters decoded', () => {
    for (const [name, def] of Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][]) {
      const params = Object.fromEntries([...def.path.matchAll(/:(\w+)/g)].map(([, k]) => [k!, `${k}/é 1`]));
      const { match } = matchRoute(def.method, routePath(def.path, params));
      expect(match?.name, name).toBe(name);
      expect(match?.params, name).toEqual(params);
    }
  });

  it('lists the methods a path takes when the method is not one of them', () => {
    expect(matchRoute('PUT', '/api/orders')).toEqual({ allowed: ['GET', 'POST'] });
    expect(matchRoute('GET', '/api/nope')).toEqual({ allowed: [] });
  });
});
