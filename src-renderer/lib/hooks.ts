import { useEffect, useRef, useState, useCallback } from 'react';
import type { ChangeEvent } from '../../src-main/contract/system';
import type { StationEvent } from '../../src-main/contract/station';
import { getStation } from './station';
import { call } from './api';

/** Current hash route, e.g. "#/orders/ord_..." -> ["orders", "ord_..."]. */
export function useRoute(): [string[], (path: string) => void] {
  const parse = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [parts, setParts] = useState(parse);
  useEffect(() => {
    const on = () => setParts(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((path: string) => {
    window.location.hash = `#/${path}`;
  }, []);
  return [parts, go];
}

type Listener = (e: ChangeEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let online = false;
const onlineListeners = new Set<(v: boolean) => void>();

/** One EventSource for the whole UI; EventSource resumes with Last-Event-ID by itself. */
function ensureSource() {
  if (source) return;
  source = new EventSource('/api/events');
  source.addEventListener('change', (m) => {
    const e = JSON.parse((m as MessageEvent).data) as ChangeEvent;
    for (const l of listeners) l(e);
  });
  source.onopen = () => onlineListeners.forEach((l) => l((online = true)));
  source.onerror = () => onlineListeners.forEach((l) => l((online = false)));
}

export function closeChangeFeed() {
  source?.close();
  source = null;
}

/** Calls back on each change event (debounced per animation frame by the caller's state). */
export function useChangeFeed(onEvent: Listener) {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    ensureSource();
    const l: Listener = (e) => ref.current(e);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
}

/**
 * Reloads when matching changes arrive, at most once per `ms`: a released wave or a busy bench
 * sends many events a second, and one reload covers them all.
 */
export function useLiveReload(match: (e: ChangeEvent) => boolean, reload: () => void, ms = 700) {
  const timer = useRef(0);
  const ref = useRef(reload);
  ref.current = reload;
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useChangeFeed((e) => {
    if (!match(e) || timer.current) return;
    timer.current = window.setTimeout(() => {
      timer.current = 0;
      ref.current();
    }, ms);
  });
}

export function useFeedOnline(): boolean {
  const [v, setV] = useState(online);
  useEffect(() => {
    ensureSource();
    onlineListeners.add(setV);
    return () => void onlineListeners.delete(setV);
  }, []);
  return v;
}

/** Runs an async loader, keeps its result, and lets callers reload. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; reload: () => void; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: Error) => live && setState({ data: null, error: e.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

/** Calls back on each event the bench's station pushes (device states, weights, scans, the pack view). */
export function useStationEvents(onEvent: (e: StationEvent) => void) {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => getStation().subscribe((e) => ref.current(e)), []);
}

/** Whether the station is reachable (a browser's WebSocket can drop; Electron's IPC cannot). */
export function useStationOnline(): boolean {
  const [v, setV] = useState(true);
  useEffect(() => getStation().onConnection(setV), []);
  return v;
}

// One read of the shop's time zone for every screen, read again after an admin changes it.
let shopZone: Promise<string> | null = null;
let zoneChangedAt = 0; // the change event that last made shopZone stale

/**
 * The shop's time zone (its `timeZone` setting), null until read. A screen's day filters count the
 * shop's days with it (contract/shop-time), never the browser's: a bench set to another zone, or a
 * back-office PC abroad, filters the same orders as the shop.
 */
export function useShopTimeZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    (shopZone ??= call('getSettings').then((s) => s.timeZone)).then(
      (z) => live && setZone(z),
      () => void (shopZone = null), // read again by the next screen that asks
    );
    return () => void (live = false);
  }, [n]);
  useChangeFeed((e) => {
    if (e.type !== 'settings.changed' || !(e.data?.keys as unknown[] | undefined)?.includes('timeZone')) return;
    if (e.id > zoneChangedAt) {
      zoneChangedAt = e.id;
      shopZone = null;
    }
    setN((x) => x + 1);
  });
  return zone;
}
