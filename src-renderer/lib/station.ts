import {
  BridgeCallError,
  STATION_SOCKET_PATH,
  type BridgeMessage,
  type MethodParams,
  type MethodResult,
  type StationBridge,
  type StationEvent,
  type StationMethod,
} from '../../src-main/contract/station';

// The screen's one door to its bench's station runtime (DESIGN.md "Three runtime parts"):
// the Electron preload's bridge when there is one, else the headless runtime's WebSocket.

/** What the preload exposes in Electron (src-preload/index.ts): named functions only. */
interface Preload {
  stationCall(method: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } }>;
  onStationEvent(fn: (event: StationEvent) => void): () => void;
}
declare global {
  interface Window {
    packline?: Partial<Preload>;
  }
}

function preloadBridge(p: Preload): StationBridge {
  return {
    async call(method, params) {
      const r = await p.stationCall(method, params);
      if (!r.ok) throw new BridgeCallError(r.error.code, r.error.message, r.error.issues);
      return r.result as never;
    },
    subscribe: (fn) => p.onStationEvent(fn),
    onConnection(fn) {
      fn(true); // IPC does not drop
      return () => undefined;
    },
  };
}

const CALL_TIMEOUT_MS = 60_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * The WebSocket client: same origin, the session cookie authenticates it. Reconnects with backoff;
 * calls made while offline wait for the connection, calls in flight when it drops fail at once
 * with a clear error (the station may or may not have run them: the caller decides).
 */
export function webSocketBridge(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${STATION_SOCKET_PATH}`): StationBridge & { close(): void } {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout>; method: string }>();
  const queued: { text: string; id: number }[] = [];
  const listeners = new Set<(e: StationEvent) => void>();
  const connListeners = new Set<(online: boolean) => void>();
  let ws: WebSocket | null = null;
  let online = false;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const setOnline = (v: boolean) => {
    if (v === online) return;
    online = v;
    for (const l of connListeners) l(v);
  };

  const open = () => {
    if (closed || ws) return;
    const sock = new WebSocket(url);
    ws = sock;
    sock.onopen = () => {
      attempt = 0;
      setOnline(true);
      for (const q of queued.splice(0)) if (pending.has(q.id)) sock.send(q.text);
    };
    sock.onmessage = (m) => {
      let msg: BridgeMessage;
      try {
        msg = JSON.parse(String(m.data)) as BridgeMessage;
      } catch {
        return;
      }
      if ('event' in msg) {
        for (const l of [...listeners]) l(msg.event);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new BridgeCallError(msg.error.code, msg.error.message, msg.error.issues));
    };
    sock.onclose = (ev) => {
      ws = null;
      setOnline(false);
      for (const [id, p] of pending) {
        if (queued.some((q) => q.id === id)) continue; // not sent yet: it waits for the next connection
        pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new BridgeCallError('unavailable', `the connection to the station dropped during ${p.method}; check the result and try again`));
      }
      if (closed) return;
      // 4401: the session ended (logged out elsewhere); the app's login takes over, no retry storm
      if (ev.code === 4401) window.dispatchEvent(new Event('pl:logged-out'));
      const wait = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
      retry = setTimeout(() => ((retry = null), open()), wait);
    };
  };

  return {
    call<M extends StationMethod>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      open();
      const id = nextId++;
      const text = JSON.stringify({ id, method, params });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BridgeCallError('unavailable', `the station did not answer ${method} within ${CALL_TIMEOUT_MS / 1000} s`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, method });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
        else queued.push({ text, id });
      });
    },
    subscribe(fn) {
      open();
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    onConnection(fn) {
      open();
      connListeners.add(fn);
      fn(online);
      return () => void connListeners.delete(fn);
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      ws?.close();
      for (const [, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new BridgeCallError('unavailable', 'logged out: the station connection was closed'));
      }
      pending.clear();
      queued.length = 0;
    },
  };
}

let station: (StationBridge & { close?: () => void }) | null = null;

/** The bench's StationBridge (one per window). */
export function getStation(): StationBridge {
  const p = window.packline;
  if (!station) station = p?.stationCall && p.onStationEvent ? preloadBridge(p as Preload) : webSocketBridge();
  return station;
}

/** After logout: the next getStation() connects again with the next session. */
export function closeStation(): void {
  station?.close?.();
  station = null;
}
