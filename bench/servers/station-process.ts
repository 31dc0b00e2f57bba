// One packing bench in its own process, as on the floor (each bench is its own PC): paired with a
// one-time code, a simulated serial scanner and printer, the real PackStation following the
// core's change feed. Driven by its parent over IPC (benches.bench.ts):
//   -> { pack: string[] }   pack these orders (order scan, item scan, skip), timing each scan
//   <- { ready: true } | { done: { scanMs, coreMs, journalMs } }
// Scan -> screen is measured here, from the scanner's bytes to the view that shows the scan.
// coreMs (the station's calls to the core) and journalMs (the journal's write + fsync) say where it went.
import { PACK_COMMANDS, type PackView } from '../../src-main/contract/pack';
import { startSimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer } from '../../src-main/labels/worker/pool';
import { startPackBench } from '../../src-main/station/pack';
import { httpPackCore } from '../../src-main/station/pack/http-core';
import { BenchJournal } from '../../src-main/station/pack/journal';
import type { PackCore } from '../../src-main/station/pack/core';
import { coreLinkFor, pairBench } from '../../src-main/station/pairing';

const [coreUrl, code, dataDir, badge] = process.argv.slice(2) as [string, string, string, string];
const send = (m: unknown) => process.send!(m);

// where a scan's time goes: each call to the core, each journal save (write + fsync)
const coreMs: number[] = [];
const journalMs: number[] = [];
const timedCore = (core: PackCore): PackCore =>
  Object.fromEntries(Object.entries(core).map(([name, fn]) => [name, async (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      coreMs.push(performance.now() - t0);
    }
  }])) as unknown as PackCore;
const save = BenchJournal.prototype.save;
BenchJournal.prototype.save = function timedSave(this: BenchJournal, s) {
  const t0 = performance.now();
  save.call(this, s);
  journalMs.push(performance.now() - t0);
};

const paired = await pairBench(dataDir, code, { coreUrl });
const sim = await startSimulatedBench(dataDir);
// The loop never weighs (a skip follows the item scan): the scale is left out, since polling the
// simulated one cost each bench ~12 ms of CPU a second, on the two CPUs all eleven processes share
// here (on the floor each bench polls its own scale on its own PC).
await sim.hub.updateSettings({ ...sim.settings, scale: null });
const labels = createLabelRenderer();
const client = coreLinkFor(coreUrl, paired);
const bench = await startPackBench({ dataDir, coreUrl, client, core: timedCore(httpPackCore(client)), bench: { id: paired.benchId, name: paired.name }, hub: sim.hub, labels });
let latest: PackView = bench.station.view();
const waiters = new Set<() => void>();
bench.onView((v) => {
  latest = v;
  for (const w of [...waiters]) w();
});

/** A scan through the bench's serial scanner; ms until a screen receives its result. */
function timedScan(scanned: string): Promise<number> {
  const seq = latest.lastScan?.seq ?? 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      if ((latest.lastScan?.seq ?? 0) <= seq) return;
      waiters.delete(check);
      resolve(performance.now() - t0);
    };
    waiters.add(check);
    void sim.scanner.scan(scanned);
  });
}

await timedScan(badge);
coreMs.length = journalMs.length = 0;
send({ ready: true });

process.on('message', (m: { pack?: string[]; stop?: boolean }) => {
  if (m.stop) {
    bench.stop();
    void Promise.all([sim.stop(), labels.close()]).then(() => process.exit(0));
    return;
  }
  void (async () => {
    const scanMs: number[] = [];
    coreMs.length = journalMs.length = 0;
    for (const order of m.pack ?? []) {
      scanMs.push(await timedScan(order));
      scanMs.push(await timedScan('6901234567892'));
      await bench.station.scan(PACK_COMMANDS.skip);
    }
    send({ done: { scanMs, coreMs: [...coreMs], journalMs: [...journalMs] } });
  })();
});
