// One packing bench in its own process, as on the floor (each bench is its own PC): paired with a
// one-time code, a simulated serial scanner and printer, the real PackStation following the
// core's change feed. Driven by its parent over IPC (benches.bench.ts):
//   -> { pack: string[], paceMs?: number }   pack these orders (order scan, item scan, skip), timing
//      each scan; paceMs: an operator's pause after each scan's answer (0.5-1.5 x, so the benches do
//      not scan in step), 0 or none: the next scan at once
//   <- { ready: true } | { done: { scanMs, coreMs, journalMs, scans } }
// Scan -> screen is measured here, from the scanner's bytes to the view that shows the scan.
// coreMs (the station's calls to the core) and journalMs (the journal's write + fsync) say where it went,
// and per scan (`scans`) how much of it was calls to the core, journal saves and GC pauses.
// argv[6] 'two-trips': an order scan as before issue 21's one round trip (lookup, then packStart),
// the same run's baseline.
import { PerformanceObserver } from 'node:perf_hooks';
import { PACK_COMMANDS, type PackView } from '../../src-main/contract/pack';
import { orderToStart } from '../../src-main/contract/packing';
import { AppError } from '../../src-main/lib/errors';
import { startSimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer } from '../../src-main/labels/worker/pool';
import { startPackBench } from '../../src-main/station/pack';
import { httpPackCore } from '../../src-main/station/pack/http-core';
import { BenchJournal } from '../../src-main/station/pack/journal';
import type { PackCore } from '../../src-main/station/pack/core';
import { coreLinkFor, pairBench } from '../../src-main/station/pairing';

const [coreUrl, code, dataDir, badge, trips] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const send = (m: unknown) => process.send!(m);

// where a scan's time goes: each call to the core, each journal save (write + fsync)
const coreMs: number[] = [];
const journalMs: number[] = [];
/** what the scan in progress spent: calls to the core, journal saves, GC pauses (ms) */
const current = { core: 0, journal: 0, gc: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) current.gc += e.duration;
}).observe({ entryTypes: ['gc'] });
const timedCore = (core: PackCore): PackCore =>
  Object.fromEntries(Object.entries(core).map(([name, fn]) => [name, async (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      const ms = performance.now() - t0;
      coreMs.push(ms);
      current.core += ms;
    }
  }])) as unknown as PackCore;
const save = BenchJournal.prototype.save;
BenchJournal.prototype.save = function timedSave(this: BenchJournal, s) {
  const t0 = performance.now();
  save.call(this, s);
  const ms = performance.now() - t0;
  journalMs.push(ms);
  current.journal += ms;
};

/** The order scan as it was before one round trip: lookup, then packStart (the baseline). */
const twoTrips = (core: PackCore): PackCore => ({
  ...core,
  async scanOrder(token, scanned, benchId) {
    const found = await core.lookup(token, scanned);
    const id = found.skus.length ? null : orderToStart(found.orders);
    if (!id || id === 'many') return { ...found, ticket: null, refused: null };
    try {
      return { ...found, ticket: await core.startPack(token, id, benchId), refused: null };
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'unavailable') throw e;
      return { ...found, ticket: null, refused: { code: e.code, message: e.message } };
    }
  },
});

const paired = await pairBench(dataDir, code, { coreUrl });
const sim = await startSimulatedBench(dataDir);
// The loop never weighs (a skip follows the item scan): the scale is left out, since polling the
// simulated one cost each bench ~12 ms of CPU a second, on the two CPUs all eleven processes share
// here (on the floor each bench polls its own scale on its own PC).
await sim.hub.updateSettings({ ...sim.settings, scale: null });
const labels = createLabelRenderer();
const client = coreLinkFor(coreUrl, paired);
const bench = await startPackBench({ dataDir, coreUrl, client, core: trips === 'two-trips' ? twoTrips(timedCore(httpPackCore(client))) : timedCore(httpPackCore(client)), bench: { id: paired.benchId, name: paired.name }, hub: sim.hub, labels });
let latest: PackView = bench.station.view();
const waiters = new Set<() => void>();
bench.onView((v) => {
  latest = v;
  for (const w of [...waiters]) w();
});

/** One timed scan: ms to the screen, and of them in calls to the core, journal saves and GC. */
export interface ScanTimes { ms: number; core: number; journal: number; gc: number }
const scans: ScanTimes[] = [];

/** A scan through the bench's serial scanner; ms until a screen receives its result. */
function timedScan(scanned: string): Promise<number> {
  const seq = latest.lastScan?.seq ?? 0;
  current.core = current.journal = current.gc = 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      if ((latest.lastScan?.seq ?? 0) <= seq) return;
      waiters.delete(check);
      const ms = performance.now() - t0;
      scans.push({ ms, ...current });
      resolve(ms);
    };
    waiters.add(check);
    void sim.scanner.scan(scanned);
  });
}

await timedScan(badge);
coreMs.length = journalMs.length = 0;
send({ ready: true });

const stop = () => {
  bench.stop();
  void Promise.all([sim.stop(), labels.close()]).then(() => process.exit(0));
};
// the bench run ended without saying stop (it failed): stop too, with the simulated devices' socat processes
process.on('disconnect', stop);
/** the same pauses on every run of this bench (its own seed), none with pace 0 */
let seed = process.pid;
const pause = (paceMs: number) => {
  if (!paceMs) return Promise.resolve();
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return new Promise((resolve) => setTimeout(resolve, paceMs * (0.5 + seed / 2147483648)));
};
process.on('message', (m: { pack?: string[]; paceMs?: number; stop?: boolean }) => {
  if (m.stop) return stop();
  void (async () => {
    const scanMs: number[] = [];
    const pace = m.paceMs ?? 0;
    coreMs.length = journalMs.length = scans.length = 0;
    for (const order of m.pack ?? []) {
      scanMs.push(await timedScan(order));
      await pause(pace);
      scanMs.push(await timedScan('6901234567892'));
      await pause(pace);
      await bench.station.scan(PACK_COMMANDS.skip);
      await pause(pace);
    }
    send({ done: { scanMs, coreMs: [...coreMs], journalMs: [...journalMs], scans: [...scans] } });
  })();
});
