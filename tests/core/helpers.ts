// Shared helpers for the order-core tests: a real core on a real SQLite file in a fresh temp
// folder, the real HTTP server on 127.0.0.1 port 0, users for every role, a few SKUs with stock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { openCore, type Core, type CoreOptions } from '../../src-main/core/core';
import { onTestPostgres, freshPgDatabase, pgDatabaseFor, reuseAfterClose, releasePgDatabase } from '../pg-store';
import { createHttpServer, type HttpOptions } from '../../src-main/core/http/server';
import { createUser } from '../../src-main/core/modules/people/actions/create-user';
import { createSku } from '../../src-main/core/modules/catalog/actions/skus';
import { ensureLocation } from '../../src-main/core/modules/locations/actions/create-location';
import { adjustStock } from '../../src-main/core/modules/inventory/actions/adjust-stock';
import { putSettings } from '../../src-main/core/modules/settings/actions/put-settings';
import type { Actor } from '../../src-main/core/store/events';
import { DEMO_USERS } from '../../src-main/core/demo/seed';
import { expect } from 'vitest';
import { AppError } from '../../src-main/lib/errors';
import { fixedClock } from '../../src-main/lib/clock';
import { sequentialIds } from '../../src-main/lib/ids';
import type { OrderInput } from '../../src-main/contract/orders';
import type { Role } from '../../src-main/contract/people';
import type { Settings } from '../../src-main/contract/settings';

export const SYSTEM: Actor = { id: 'system:test', role: 'admin' };
export const LEAD: Actor = { id: 'usr_lead', role: 'lead', name: 'Lead' };

/** Badge per role (from the demo seed's users). */
export const BADGE: Record<Role, string> = Object.fromEntries(
  (['operator', 'lead', 'admin', 'finance', 'viewer'] as const).map((r) => [r, DEMO_USERS.find((u) => u.role === r)!.badge]),
) as Record<Role, string>;

/** A fresh temp folder; `cleanup` removes it (a core on it first: `await core.close()`, which waits for its threads). */
export function tempDir(prefix = 'packline-core-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core with a fixed clock and sequential ids; in memory unless a file or folder is given. */
export function openTestCore(opts: CoreOptions = {}): Core {
  if (onTestPostgres && !opts.dataDir && (!opts.file || opts.file === ':memory:')) {
    const file = freshPgDatabase();
    return reuseAfterClose(openTestCore({ ...opts, file }), file);
  }
  if (onTestPostgres && opts.dataDir && !opts.file) opts = { ...opts, file: pgDatabaseFor(opts.dataDir) };
  return openCore({ file: opts.dataDir ? undefined : (opts.file ?? ':memory:'), clock: fixedClock('2026-11-20T08:00:00Z', 1000), ids: sequentialIds(), ...opts });
}

export function seedUsers(core: Core): void {
  core.writes.runNow(() => {
    for (const u of DEMO_USERS) createUser(core.ctx, u, SYSTEM);
  });
}

export interface SkuSpec {
  onHand?: number;
  inTransit?: number;
  location?: string;
  barcodes?: { code: string; units: number }[];
  safetyStock?: number;
}

/** Creates a SKU (with barcodes and a bin) and its opening stock; returns the SKU id. */
export function addSku(core: Core, sku: string, spec: SkuSpec = {}): string {
  return core.writes.runNow(() => {
    const location = spec.location ?? 'A-01-01-1';
    const s = createSku(core.ctx, { sku, name: `Product ${sku}`, barcodes: spec.barcodes ?? [], unitWeightG: 100, location, safetyStock: spec.safetyStock }, SYSTEM);
    if (spec.onHand || spec.inTransit) {
      adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, location), onHandDelta: spec.onHand ?? 0, inTransitDelta: spec.inTransit ?? 0, reason: 'opening stock' }, SYSTEM);
    }
    return s.id;
  });
}

export function setSettings(core: Core, patch: Partial<Settings>): void {
  core.writes.runNow(() => putSettings(core.ctx, patch, SYSTEM));
}

let ext = 0;
/** A valid order for `sku` (qty 1 unless lines are given), with a fresh external id. */
export function orderInput(over: Partial<OrderInput> & { sku?: string; qty?: number } = {}): OrderInput {
  const { sku = 'SKU-A', qty = 1, ...rest } = over;
  return {
    channel: 'shop',
    externalId: `EXT-${process.pid}-${++ext}`,
    shipTo: { name: '张三丰', phone: '13812345678', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号3栋501室', postcode: '518000' },
    lines: [{ sku, qty }],
    ...rest,
  };
}

export const count = (core: Core, table: string, where = ''): number =>
  core.db.prepare(`SELECT COUNT(*) FROM ${table} ${where}`).pluck().get() as number;

/** Counts that must not move when a request is refused. */
export function snapshot(core: Core) {
  return {
    orders: count(core, 'orders'),
    lines: count(core, 'order_lines'),
    events: count(core, 'events'),
    reserved: core.db.prepare('SELECT COALESCE(SUM(reserved),0) FROM inventory').pluck().get() as number,
    onHand: core.db.prepare('SELECT COALESCE(SUM(on_hand),0) FROM inventory').pluck().get() as number,
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface TestServer {
  url: string;
  dir: string;
  file: string;
  core: Core;
  tokenFor(role: Role): Promise<string>;
  /** JSON body when `body` is an object; raw when a string or Buffer (set content-type in headers). */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Like api, authenticated as `role`. */
  as<T = any>(role: Role, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * Opens a core in a fresh temp folder (a real SQLite file), seeds a user per role, lets `setup`
 * add catalog and stock, and starts the real HTTP server on 127.0.0.1 port 0.
 */
export async function startCore(opts: { setup?: (core: Core) => void; core?: Partial<CoreOptions>; http?: HttpOptions; dir?: string } = {}): Promise<TestServer> {
  // `dir`: a data folder of the caller's, kept on close (a restart on the same folder)
  const { dir, cleanup } = opts.dir ? { dir: opts.dir, cleanup: () => undefined } : tempDir();
  // As the app runs it: orders posted over HTTP are created in the intake thread (which needs the
  // system clock and ids, so a test that fixes them runs createOrder on the core's thread).
  const pgUrl = onTestPostgres ? pgDatabaseFor(dir) : undefined;
  const core = openCore({ dataDir: dir, file: pgUrl, intakeThread: !opts.core?.clock && !opts.core?.ids, ...opts.core });
  if (count(core, 'users') === 0) seedUsers(core); // a restarted folder has them
  opts.setup?.(core);
  const http = createHttpServer(core, { port: 0, ...opts.http });
  const { url } = await http.listen();
  const tokens = new Map<Role, string>();

  async function api<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    let payload: string | Buffer | undefined;
    if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(url + path, { method, headers: h, body: payload as BodyInit | undefined });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  async function tokenFor(role: Role): Promise<string> {
    const hit = tokens.get(role);
    if (hit) return hit;
    const r = await api('POST', '/api/session', { badge: BADGE[role] });
    if (r.status !== 200) throw new Error(`login as ${role} failed: ${r.status} ${r.text}`);
    tokens.set(role, r.body.token);
    return r.body.token as string;
  }

  return {
    url, dir, file: pgUrl ?? join(dir, 'packline.db'), core, api, tokenFor,
    async as(role, method, path, body, headers = {}) {
      const r = await api(method, path, body, { Authorization: `Bearer ${await tokenFor(role)}`, ...headers });
      if (r.status !== 401 || headers.Authorization) return r;
      // sessions last 12 h of the core's clock, which a test may move on by days: the person logs in
      // again (while the server's 5 s cache of a lookup lasted, the old session still answered)
      tokens.delete(role);
      return api(method, path, body, { Authorization: `Bearer ${await tokenFor(role)}`, ...headers });
    },
    async close() {
      await http.close();
      await core.close();
      cleanup();
      if (pgUrl && !opts.dir) releasePgDatabase(pgUrl);
    },
  };
}

/** A raw HTTP request (for chunked bodies and other things fetch will not send). */
export function rawRequest(url: string, opts: { method: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(opts.path, url);
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method, headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    (async () => {
      for (const c of opts.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(c)) await new Promise<void>((r) => req.once('drain', () => r()).once('close', () => r()));
      }
      req.end();
    })().catch(reject);
  });
}

/** An answer to requestFrom: the body parsed when it is JSON, Retry-After, and how long it took. */
export interface AnswerFrom { status: number; body: any; text: string; retryAfter: string | undefined; ms: number }

/** A request from a given loopback address (the core throttles by the address it sees), JSON in and out. */
export function requestFrom(baseUrl: string, method: string, path: string, from: string, body?: unknown, headers: Record<string, string> = {}): Promise<AnswerFrom> {
  const url = new URL(baseUrl + path);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, localAddress: from, agent: false, headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode!, body: parsed, text, retryAfter: res.headers['retry-after'] as string | undefined, ms: performance.now() - t0 });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface SseEvent {
  id: number;
  event: string;
  data: any;
}

/** A server-sent-event client: collects change events; `until(n)` waits for n of them. */
export function sseClient(url: string, token: string, lastEventId?: number) {
  const events: SseEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let buf = '';
  let status = 0;
  let closeReq: () => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    const u = new URL('/api/events', url);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let id: number | undefined;
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = Number(line.slice(4));
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (id !== undefined) events.push({ id, event, data: JSON.parse(data) });
        }
        for (const w of [...waiters]) {
          if (events.length >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        }
      });
      // The first comment line arrives at once: the subscription is live from here on.
      res.once('data', () => resolve());
    });
    let closed = false;
    req.on('error', (e) => (closed ? undefined : reject(e)));
    req.end();
    closeReq = () => {
      closed = true;
      req.destroy();
    };
  });
  return {
    events,
    opened,
    get status() {
      return status;
    },
    until(n: number, timeoutMs = 5000): Promise<SseEvent[]> {
      if (events.length >= n) return Promise.resolve(events);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`got ${events.length} SSE events, wanted ${n}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve(events)) });
      });
    },
    close: () => closeReq(),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `fn` returns a truthy value (or fails after `timeoutMs`). */
export async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The AppError an action refuses with; fails the test when the action was applied instead. */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal, but the action was applied');
}
