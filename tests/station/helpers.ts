// A real order core (SQLite file, HTTP server on 127.0.0.1:0, demo users) with a station runtime on
// a simulated bench (socat ptys, TCP printer simulator) attached to the same server, and a small
// WebSocket client that speaks the bridge's wire messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { openCore, type Core } from '../../src-main/core/core';
import { createHttpServer } from '../../src-main/core/http/server';
import { createUser } from '../../src-main/core/modules/people/actions/create-user';
import { DEMO_USERS } from '../../src-main/core/demo/seed';
import { startSimulatedBench, type SimulatedBench, type DeviceHub, type DeviceStatus as HubDeviceStatus, type DriverStatus } from '../../src-main/devices';
import { startStation, type Station, type StationOptions } from '../../src-main/station/runtime';
import { STATION_SOCKET_PATH, type BridgeReply, type BridgeMessage, type StationEvent } from '../../src-main/contract/station';
import type { DeviceRole, DeviceStatus } from '../../src-main/contract/devices';

export interface StationRig {
  dir: string;
  core: Core;
  url: string;
  bench: SimulatedBench;
  station: Station;
  login(badge: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startRig(opts: Partial<StationOptions> = {}): Promise<StationRig> {
  const dir = mkdtempSync(join(tmpdir(), 'packline-station-'));
  const core = openCore({ dataDir: dir });
  core.writes.runNow(() => {
    for (const u of DEMO_USERS) createUser(core.ctx, u, { id: 'system:test', role: 'admin' });
  });
  const http = createHttpServer(core, {});
  const { url } = await http.listen();
  const bench = await startSimulatedBench(join(dir, 'bench'), { hub: { printer: { statusTimeoutMs: 300, probeIntervalMs: 0, backoffMs: { min: 50, max: 200 } } } });
  const station = await startStation({ dataDir: dir, coreUrl: url, hub: bench.hub, ...opts });
  station.attach(http.server);
  return {
    dir,
    core,
    url,
    bench,
    station,
    async login(badge) {
      const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge }) });
      if (!res.ok) throw new Error(`login ${badge}: HTTP ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      await station.stop();
      await bench.stop();
      await http.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const wsUrl = (httpUrl: string, query = '') => `${httpUrl.replace(/^http/, 'ws')}${STATION_SOCKET_PATH}${query}`;

/** The HTTP status and body of a refused upgrade. */
export function refusedUpgrade(url: string, opts: WebSocket.ClientOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts);
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', () => undefined);
  });
}

export interface TestClient {
  ws: WebSocket;
  events: StationEvent[];
  replies: BridgeReply[];
  call(method: string, params?: unknown): Promise<BridgeReply>;
  sendRaw(text: string): void;
  nextReply(): Promise<BridgeReply>;
  waitEvent<T extends StationEvent>(pred: (e: StationEvent) => e is T, timeoutMs?: number): Promise<T>;
  waitEvent(pred: (e: StationEvent) => boolean, timeoutMs?: number): Promise<StationEvent>;
  /**
   * Waits until the device is in `status` as a user's Devices screen knows it: the devices.status
   * snapshot, then the devices.state events pushed after it (a serial device opens its port a moment
   * after the station starts; under load, much later).
   */
  waitDevice(role: DeviceRole, id: string, status?: DeviceStatus['state']['status'], timeoutMs?: number): Promise<DeviceStatus>;
  close(): void;
}

/**
 * TestClient.waitDevice for a test that drives a bench without a screen (the hub in its own hands):
 * waits until the device is in `status` as the station learns it, hub.status() and then the hub's
 * state events after it (a serial device opens its port a moment after the hub starts; under load,
 * much later, and a scan written to the pty before that may never reach the station).
 */
export function waitHubDevice(hub: DeviceHub, role: DeviceRole, id: string, status: DriverStatus = 'connected', timeoutMs = 10_000): Promise<HubDeviceStatus> {
  return new Promise((resolve, reject) => {
    let last: HubDeviceStatus | undefined;
    const seen = (d: HubDeviceStatus | undefined) => {
      last = d;
      if (d?.state.status !== status) return;
      clearTimeout(t);
      off();
      resolve(d);
    };
    const t = setTimeout(() => (off(), reject(new Error(`${role} ${id} not ${status} within ${timeoutMs} ms; last: ${JSON.stringify(last?.state)}`))), timeoutMs);
    // subscribed before the snapshot is read: no state change falls between them
    const off = hub.on('state', (d) => {
      if (d.role === role && d.id === id) seen(d);
    });
    seen(hub.status().find((d) => d.role === role && d.id === id));
  });
}

/** Opens the station's socket with a session token and collects replies and pushes. */
export function connect(httpUrl: string, token: string, opts: WebSocket.ClientOptions = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(httpUrl, `?token=${encodeURIComponent(token)}`), opts);
    const events: StationEvent[] = [];
    const replies: BridgeReply[] = [];
    const waiters = new Set<() => void>();
    let next = 1;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as BridgeMessage;
      if ('event' in m) events.push(m.event);
      else replies.push(m);
      for (const w of [...waiters]) w();
    });
    const until = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
      new Promise<T>((res, rej) => {
        const check = () => {
          const v = find();
          if (v === undefined) return;
          waiters.delete(check);
          clearTimeout(t);
          res(v);
        };
        const t = setTimeout(() => (waiters.delete(check), rej(new Error(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
        waiters.add(check);
        check();
      });
    const client: TestClient = {
      ws,
      events,
      replies,
      call(method, params) {
        const id = next++;
        ws.send(JSON.stringify({ id, method, params }));
        return until(() => replies.find((r) => r.id === id), 10_000, `reply to ${method}`);
      },
      sendRaw: (text) => ws.send(text),
      nextReply() {
        const n = replies.length;
        return until(() => replies[n], 5000, 'reply');
      },
      waitEvent(pred: (e: StationEvent) => boolean, timeoutMs = 5000) {
        const from = events.length;
        return until(() => events.slice(from).find(pred), timeoutMs, 'matching event');
      },
      async waitDevice(role, id, status = 'connected', timeoutMs = 10_000) {
        const callId = next++;
        ws.send(JSON.stringify({ id: callId, method: 'devices.status', params: {} }));
        // the events pushed after the snapshot are the ones that change it (counted as its reply arrives)
        const { reply, after } = await until(() => {
          const r = replies.find((x) => x.id === callId);
          return r && { reply: r, after: events.length };
        }, 10_000, 'reply to devices.status');
        if (!reply.ok) throw new Error(`devices.status refused: ${JSON.stringify(reply)}`);
        const snapshot = (reply.result as { items: DeviceStatus[] }).items.find((d) => d.role === role && d.id === id);
        const now = () =>
          events
            .slice(after)
            .reduce<DeviceStatus | undefined>((d, e) => (e.type === 'devices.state' && e.device.role === role && e.device.id === id ? e.device : d), snapshot);
        return until(() => {
          const d = now();
          return d?.state.status === status ? d : undefined;
        }, timeoutMs, `${role} ${id} ${status}`);
      },
      close: () => ws.close(),
    } as TestClient;
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
