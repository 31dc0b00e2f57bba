// One packing bench, wired: the device hub's scans and weights and printer states go into the
// PackStation, the core's change feed too, and the station's view goes out to every screen.
import type { DeviceHub } from '../../devices/hub';
import type { Scan } from '../../devices';
import { returnsAudience, type ReturnsDriver } from './bench-mode';
import { toScan } from '../device-handlers';
import { createLabelRenderer, type LabelRenderer } from '../../labels/worker/pool';
import type { ScaleSimulator } from '../../devices/simulators/scale-sim';
import { startStation, type Station, type StationOptions, type StationParts } from '../runtime';
import { demoWeigher } from '../demo-weigher';
import type { PackView } from '../../contract/pack';
import { createCoreClient, followFeed, type CoreClient, type FeedFollower } from '../core-client';
import { httpPackCore } from './http-core';
import { PackStation, type BenchDevices } from './station';
import type { PackCore } from './core';
import type { StationHandlers } from '../bridge';

export interface PackBenchOptions {
  dataDir: string;
  coreUrl: string;
  hub: DeviceHub;
  labels: LabelRenderer;
  bench?: { id: string; name: string };
  idleLogoutMs?: number;
  /** tests of the workflow alone may put something else here; the app always speaks HTTP */
  core?: PackCore;
  /** the station's link to the core (pinned HTTPS, the bench token); else one to coreUrl */
  client?: CoreClient;
  /** scanners in test scans (the Devices screen's): a device scan they claim is never packed nor received */
  testScans?: StationParts['testScans'];
}

export interface PackBench {
  station: PackStation;
  /** device scans in returns mode, each with the one Return bench screen it is for (never also packed) */
  onReturnsScan(fn: (scan: Scan, to: ReturnsDriver) => void): () => void;
  /** bridge handlers for the pack.* methods */
  handlers: StationHandlers;
  onView(fn: (v: PackView) => void): () => void;
  stop(): void;
}

export function hubDevices(hub: DeviceHub): BenchDevices {
  return {
    labelPrinterLanguage: () => hub.settings().labelPrinter?.language ?? null,
    enqueueLabel: (bytes, label) => hub.enqueue('labelPrinter', bytes, { label }),
    queuedLabels: () => hub.jobs('labelPrinter').map((j) => j.label ?? ''),
  };
}

export async function startPackBench(o: PackBenchOptions): Promise<PackBench> {
  const client = o.client ?? createCoreClient(o.coreUrl);
  const core = o.core ?? httpPackCore(client);
  const station = new PackStation({
    dataDir: o.dataDir, bench: o.bench ?? { id: 'B1', name: 'Bench 1' }, core, devices: hubDevices(o.hub), labels: o.labels, idleLogoutMs: o.idleLogoutMs,
  });

  // each device scan goes to exactly one workflow, chosen here as it arrives: a test scan (the
  // Devices screen's alone), else by the mode
  const returnsScans = new Set<(scan: Scan, to: ReturnsDriver) => void>();
  const offs = [
    o.hub.on('scan', (scan) => {
      if (o.testScans?.claim(scan)) return;
      const to = station.returnsDriver();
      if (!to) return void station.scan(scan.code, scan.source);
      for (const fn of returnsScans) fn(scan, to);
    }),
    o.hub.on('weight', (r) => station.weighed({ grams: r.grams, stable: r.stable, status: r.status })),
    o.hub.on('state', (d) => {
      if (d.role === 'scale' && (d.state.status === 'disconnected' || d.state.status === 'fault')) station.scaleProblem(d.state.reason);
      if (d.role === 'labelPrinter') {
        if (d.state.status === 'connected') station.printerReady();
        else if (d.state.status === 'fault' || d.state.status === 'disconnected') station.printerProblem('printerProblem', d.state.reason);
      }
    }),
    o.hub.on('job', (j) => {
      if (j.printer !== 'labelPrinter') return;
      if (j.state === 'retrying' || j.state === 'uncertain') station.printerProblem('labelNotPrintedYet', j.reason);
      if (j.state === 'printed') station.printerReady();
    }),
  ];

  // The feed is followed with the operator's session; after a logout and a new login it resumes
  // from the last event seen, so a cancel made meanwhile still reaches the bench.
  let feed: FeedFollower | null = null;
  let fromId = -1;
  let token: string | null = null;
  const syncFeed = () => {
    const t = station.operatorToken();
    if (t === token) return;
    token = t;
    if (feed) fromId = feed.lastId();
    feed?.close();
    feed = t
      ? followFeed(client, () => token, { onEvent: (e) => station.changed(e), onOnline: (on) => station.setOnline(on) }, { fromId })
      : null;
  };
  const offView = station.onView(syncFeed);
  await station.resume();
  syncFeed();

  return {
    station,
    handlers: {
      'pack.view': async () => station.view(),
      // a screen drives the bench only as the model in station.ts allows; the bridge checked the role
      'pack.scan': (p, ctx) => station.scanFrom(ctx, p.code),
      'pack.login': (p, ctx) => station.loginFrom(ctx, p.takeOver ?? false),
      'pack.reason': (p, ctx) => station.reasonFrom(ctx, p.reason),
      'bench.mode': (p, ctx) => station.modeFrom(ctx, p.mode),
    },
    onReturnsScan(fn) {
      returnsScans.add(fn);
      return () => void returnsScans.delete(fn);
    },
    onView: (fn) => station.onView(fn),
    stop() {
      offs.forEach((off) => off());
      offView();
      feed?.close();
      station.close();
    },
  };
}

/**
 * The packing workflow as the station runtime's extra handlers: started with the runtime's hub
 * and bench, its view pushed to every screen. `stop` goes to the runtime's onClose.
 */
function packExtension(o: { coreUrl: string; labels: LabelRenderer; idleLogoutMs?: number; onBench?: (b: PackBench) => void }) {
  let bench: PackBench | null = null;
  return {
    handlers: async (parts: StationParts): Promise<StationHandlers> => {
      bench = await startPackBench({
        dataDir: parts.dataDir, coreUrl: o.coreUrl, client: parts.core, hub: parts.hub, labels: o.labels, bench: parts.bench, idleLogoutMs: o.idleLogoutMs, testScans: parts.testScans,
      });
      bench.onView((view) => parts.bridge.publish({ type: 'pack.view', view }));
      const station = bench.station;
      parts.hideScans((code) => station.hidesScan(code));
      bench.onReturnsScan((scan, to) => parts.bridge.publish({ type: 'returns.scan', scan: toScan(scan) }, returnsAudience(to)));
      parts.bridge.onLeft((ctx) => station.screenLeft(ctx));
      o.onBench?.(bench);
      return bench.handlers;
    },
    stop: () => bench?.stop(),
  };
}

/**
 * The whole bench station (devices + packing workflow + bridge), as both `npm run serve` and the
 * Electron main process start it. `demoScale`: the demo's simulated scale weighs each parcel.
 */
export async function startPackingStation(
  o: Omit<StationOptions, 'extraHandlers' | 'onClose'> & { demoScale?: ScaleSimulator; idleLogoutMs?: number; onBench?: (b: PackBench) => void },
): Promise<Station> {
  const labels = createLabelRenderer();
  let stopWeigher = () => {};
  const pack = packExtension({
    coreUrl: o.coreUrl,
    labels,
    idleLogoutMs: o.idleLogoutMs,
    onBench: (b) => {
      if (o.demoScale) stopWeigher = demoWeigher((fn) => b.onView(fn), o.demoScale, b.station.view());
      o.onBench?.(b);
    },
  });
  try {
    return await startStation({
      ...o,
      extraHandlers: pack.handlers,
      onClose: async () => {
        stopWeigher();
        pack.stop();
        await labels.close();
      },
    });
  } catch (e) {
    await labels.close();
    throw e;
  }
}
