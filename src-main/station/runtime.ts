// The station runtime of one bench: the device hub, the bridge its screens call, and the link to
// the order core. Runs in the Electron main process (IPC) or headless next to the core (WebSocket).
import type { Server, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { DeviceHub } from '../devices';
import { createBridge, type Bridge, type StationHandlers } from './bridge';
import type { CoreClient } from './core-client';
import { coreLinkFor, identityOf, loadPairedBench, pairBench } from './pairing';
import type { Pin } from './pinned-tls';
import { deviceHandlers, LastScans, toJob, toScan, toWeight } from './device-handlers';
import { createWsBridge, type WsBridge, type WsBridgeOptions } from './ws-bridge';
import { TestScans } from './test-scans';
import { appendBenchAudit, benchAuditPath } from './bench-audit';
import type { ScanInfo } from '../contract/devices';
import { logger } from '../lib/log';

const log = logger('station');

export interface StationParts {
  bridge: Bridge;
  core: CoreClient;
  hub: DeviceHub;
  bench: { id: string; name: string };
  dataDir: string;
  /** scans `isBadge` says may be badges are pushed and listed as one dot per character (the packing workflow knows) */
  hideScans(isBadge: (code: string) => boolean): void;
  /** scanners a lead put in test scans: a device scan they `claim` is the Devices screen's, never the bench's */
  testScans: Pick<TestScans, 'claim'>;
}

export interface StationOptions {
  dataDir: string;
  /** the order core's base URL (this process, a utility process or another PC) */
  coreUrl: string;
  /** a hub the caller owns (the simulated bench's); without it the station opens and closes its own */
  hub?: DeviceHub;
  /** an unpaired bench's name for itself (tests); a paired bench is who its pairing says */
  benchId?: string;
  benchName?: string;
  /** the certificate of an HTTPS core this process trusts (serve --lan's own station); a paired bench pins its own */
  pin?: Pin | null;
  /** more methods (the packing workflow), given the station's parts */
  extraHandlers?: StationHandlers | ((station: StationParts) => StationHandlers | Promise<StationHandlers>);
  /** runs first on stop (the packing workflow closes its change feed) */
  onClose?: () => void | Promise<void>;
  /**
   * on average at most one weight push per this many ms, the newest (default 50: a polled scale's
   * 10 readings a second pass undelayed, also when two come close together; a continuous stream
   * at 20+ Hz is thinned to 20 a second)
   */
  weightIntervalMs?: number;
  ws?: Omit<WsBridgeOptions, 'bridge' | 'core'>;
  /** how long test scans stay on (default TEST_SCANS_MS, 5 minutes; tests shorten it) */
  testScansMs?: number;
}

export interface Station extends StationParts {
  /** the WebSocket endpoint (headless); IPC transports use `bridge` directly */
  ws: WsBridge;
  /** listen for /api/station upgrades on an HTTP server; returns the detach */
  attach(server: Server): () => void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Latest-value throttle as a token bucket: on average at most one value per interval, but up to
 * `burst` at once, so a reading that arrives early (poll replies bunched by a busy machine) is not
 * held back; beyond that the newest value waits for the next token and older ones are dropped.
 */
export function throttleLatest<T>(intervalMs: number, send: (v: T) => void, burst = 2): { push(v: T): void; cancel(): void } {
  let tokens = burst;
  let refilledAt = performance.now();
  let pending: { v: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refill = () => {
    const now = performance.now();
    tokens = intervalMs <= 0 ? burst : Math.min(burst, tokens + (now - refilledAt) / intervalMs);
    refilledAt = now;
  };
  const flush = () => {
    timer = null;
    refill();
    if (!pending) return;
    if (tokens < 1) {
      timer = setTimeout(flush, (1 - tokens) * intervalMs);
      return;
    }
    tokens -= 1;
    const { v } = pending;
    pending = null;
    send(v);
  };
  return {
    push(v) {
      pending = { v };
      if (!timer) flush();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}

export async function startStation(o: StationOptions): Promise<Station> {
  const ownsHub = !o.hub;
  const hub = o.hub ?? new DeviceHub({ dataDir: o.dataDir });
  if (ownsHub) await hub.start();
  let paired = loadPairedBench(o.dataDir);
  const core = coreLinkFor(o.coreUrl, paired, o.pin);
  // a badge is a credential: no screen gets its code, also not on the Devices screen
  let isBadge: (code: string) => boolean = () => false;
  const hidden = (code: string) => isBadge(code);
  const lastScans = new LastScans();
  // test scans (Devices screen): published as the core answers; never the bench's (packing asks `claim`)
  // one object: pairing renames it in place, so the packing workflow's records name the new bench
  const bench = { id: paired?.benchId ?? o.benchId ?? 'bench-1', name: paired?.name ?? o.benchName ?? o.benchId ?? 'Bench 1' };
  const testScans = new TestScans({
    core, scanners: () => hub.settings().scanners.map((s) => s.id), durationMs: o.testScansMs, changed: (items) => bridge.publish({ type: 'devices.testScans', items }),
    audit: (entry) => {
      appendBenchAudit(benchAuditPath(o.dataDir, bench.id), { bench: bench.id, ...entry });
      log.info({ bench: bench.id, ...entry }, 'bench audit');
    },
  });
  const bridge = createBridge(deviceHandlers(hub, lastScans, testScans));
  const scanShown = (scan: ScanInfo) => {
    lastScans.add(scan);
    bridge.publish({ type: 'devices.scan', scan });
  };
  bridge.use({
    'bench.identity': async () => identityOf(bench, o.coreUrl, paired),
    'bench.pair': async (p) => {
      paired = await pairBench(o.dataDir, p.pairing, { coreUrl: o.coreUrl, pin: o.pin });
      core.useBench(paired.token);
      Object.assign(bench, { id: paired.benchId, name: paired.name });
      log.info({ bench: bench.id, core: paired.coreUrl }, 'bench paired');
      return identityOf(bench, o.coreUrl, paired);
    },
  });
  const parts: StationParts = { bridge, core, hub, bench, dataDir: o.dataDir, hideScans: (fn) => void (isBadge = fn), testScans };

  // hub events -> pushes to every screen
  const weights = throttleLatest(o.weightIntervalMs ?? 50, (reading: ReturnType<typeof toWeight>) => bridge.publish({ type: 'devices.weight', reading }));
  const offs = [
    hub.on('weight', (r) => weights.push(toWeight(r))),
    hub.on('state', (device) => bridge.publish({ type: 'devices.state', device })),
    hub.on('scan', (s) => {
      const test = testScans.claim(s);
      // shown at once as "checking…", then again with the core's verdict (which may take up to its timeout)
      if (test) {
        scanShown(testScans.checking(s));
        void testScans.check(s, test).then(scanShown);
      }
      else scanShown(toScan(s, hidden(s.code)));
    }),
    bridge.onLeft((ctx) => testScans.left(ctx)),
    hub.on('job', (j) => bridge.publish({ type: 'devices.job', job: toJob(j, j.printer) })),
    hub.on('problem', (p) => bridge.publish({ type: 'devices.problem', ...p })),
    hub.on('settings', (settings) => bridge.publish({ type: 'devices.settings', settings })),
  ];

  if (o.extraHandlers) bridge.use(typeof o.extraHandlers === 'function' ? await o.extraHandlers(parts) : o.extraHandlers);
  const ws = createWsBridge({ bridge, core, ...o.ws });
  log.info({ bench: bench.id, core: o.coreUrl }, 'station started');

  let stopped: Promise<void> | null = null;
  return {
    ...parts,
    ws,
    attach: (server) => ws.attach(server),
    handleUpgrade: (req, socket, head) => ws.handleUpgrade(req, socket, head),
    stop() {
      stopped ??= (async () => {
        try {
          await o.onClose?.();
        } catch (err) {
          log.error({ err }, 'station onClose failed');
        }
        weights.cancel();
        offs.forEach((off) => off());
        testScans.close();
        await ws.close();
        if (ownsHub) await hub.stop();
      })();
      return stopped;
    },
  };
}
