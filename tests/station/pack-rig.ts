// A whole bench for the station tests: the real core (SQLite file, HTTP server), a simulated scale
// on a socat pty, a simulated serial scanner, the printer simulator on TCP, the label workers.
import { startCore, addSku, SYSTEM, orderInput, tempDir, setSettings, BADGE, type TestServer } from '../core/helpers';
import { waitHubDevice } from './helpers';
import { PACK_COMMANDS } from '../../src-main/contract/pack';
import { createBoxType } from '../../src-main/core/modules/catalog/actions/create-box-type';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { startSimulatedBench, type SimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer, type LabelRenderer } from '../../src-main/labels/worker/pool';
import { createServer, type Server } from 'node:http';
import { startPackBench, startPackingStation, type PackBench } from '../../src-main/station/pack';
import type { Station } from '../../src-main/station/runtime';
import type { WsBridgeOptions } from '../../src-main/station/ws-bridge';
import type { PackView } from '../../src-main/contract/pack';
import type { OrderInput } from '../../src-main/contract/orders';

export const TEA = { sku: 'TEA-100', barcode: '6901234567892', case6: 'CASE-TEA-6', weight: 100 };
export const CUP = { sku: 'CUP-1', barcode: '6909876543210', weight: 250 };
export const BOX = { code: 'BOX-S', tare: 80 };

export interface BenchRig {
  server: TestServer;
  sim: SimulatedBench;
  labels: LabelRenderer;
  bench: PackBench;
  dataDir: string;
  /** with `station`: the whole station runtime, its WebSocket at `stationUrl` (/api/station) */
  station?: Station;
  stationUrl?: string;
  /** creates an allocated order and returns its number */
  order(over?: Partial<OrderInput> & { sku?: string; qty?: number }): Promise<{ id: string; number: string }>;
  /** waits for a view that passes `pred` (the latest view is checked first) */
  until(pred: (v: PackView) => boolean, what: string, timeoutMs?: number): Promise<PackView>;
  /** a scan through the simulated serial scanner, as an operator would do it */
  scan(code: string): Promise<void>;
  /** takes everything off the simulated scale and waits until the bench has seen it empty */
  clearScale(): Promise<void>;
  /** an operator in, no order and no stop on the bench (a lead's badge lifts an order's stop), an empty scale */
  freeBench(): Promise<void>;
  /** drops the station and opens a new one on the same journal, as after a crash */
  restartBench(): Promise<void>;
  close(): Promise<void>;
}

/** `station`: the bench runs inside the station runtime, as `npm run serve` runs it, its screens on a real WebSocket. */
export async function startRig(opts: { idleLogoutMs?: number; station?: Omit<WsBridgeOptions, 'bridge' | 'core'>; testScansMs?: number } = {}): Promise<BenchRig> {
  const server = await startCore({
    setup: (core) => {
      addSku(core, TEA.sku, { onHand: 500, barcodes: [{ code: TEA.barcode, units: 1 }, { code: TEA.case6, units: 6 }], location: 'A-01-01-1' });
      addSku(core, CUP.sku, { onHand: 500, barcodes: [{ code: CUP.barcode, units: 1 }], location: 'B-02-01-1' });
      setSettings(core, { shopName: '茶叶小铺 Tea Corner', sender: { name: '李店长', phone: '13900001111', address: '浙江省杭州市西湖区龙井路8号' } });
      core.writes.runNow(() => {
        core.db.prepare('UPDATE skus SET unit_weight_g = ? WHERE sku = ?').run(CUP.weight, CUP.sku);
        createBoxType(core.ctx, { code: BOX.code, name: 'Small box', tareG: BOX.tare, lengthMm: 300, widthMm: 200, heightMm: 150 }, SYSTEM);
        addWaybillRange(core.db, core.ctx.clock, { carrier: 'SF', scheme: 'mod10', prefix: 'SF', width: 11, first: 10000000000, last: 10000099999 }, SYSTEM);
      });
    },
  });
  const devDir = tempDir('packline-bench-');
  const sim = await startSimulatedBench(devDir.dir, { hub: { printer: { backoffMs: { min: 50, max: 200 }, probeIntervalMs: 100 } } });
  const labels = createLabelRenderer();
  let bench!: PackBench;
  let station: Station | undefined;
  let http: Server | undefined;
  let stationUrl: string | undefined;
  if (opts.station) {
    station = await startPackingStation({
      dataDir: devDir.dir, coreUrl: server.url, hub: sim.hub, benchId: 'B1', benchName: 'Bench 1', idleLogoutMs: opts.idleLogoutMs, ws: opts.station, testScansMs: opts.testScansMs, onBench: (b) => (bench = b),
    });
    http = createServer((_req, res) => res.writeHead(404).end());
    station.attach(http);
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    stationUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  } else bench = await startPackBench({ dataDir: devDir.dir, coreUrl: server.url, hub: sim.hub, labels, idleLogoutMs: opts.idleLogoutMs });
  // the station has the scanner's and the scale's ports open before a test scans or weighs
  await Promise.all([waitHubDevice(sim.hub, 'scanner', 'sim-scanner'), waitHubDevice(sim.hub, 'scale', 'scale')]);
  let latest: PackView = bench.station.view();
  const waiters = new Set<() => void>();
  const watch = (b: PackBench) =>
    b.onView((v) => {
      latest = v;
      for (const w of [...waiters]) w();
    });
  let offWatch = watch(bench);

  const rig: BenchRig = {
    server, sim, labels, get bench() { return bench; }, dataDir: devDir.dir, station, stationUrl,
    async order(over = {}) {
      const r = await server.as('lead', 'POST', '/api/orders', orderInput({ carrier: 'SF', ...over }), { 'Idempotency-Key': `k-${Math.random()}` });
      if (r.status !== 201 && r.status !== 200) throw new Error(`order not created: ${r.status} ${r.text}`);
      return { id: r.body.id, number: r.body.number };
    },
    until,
    async scan(code) {
      const seq = latest.lastScan?.seq ?? 0;
      await sim.scanner.scan(code);
      await until((v) => (v.lastScan?.seq ?? 0) > seq, `a result for the scan of ${code}`);
    },
    async clearScale() {
      sim.scale.remove(50);
      await until((v) => v.weight !== null && (v.weight.grams ?? 0) < 20, 'an empty scale');
    },
    async freeBench() {
      const v = bench.station.view();
      if (!v.operator) await rig.scan(BADGE.operator);
      if (v.alert?.needs === 'lead' && ['cancelled', 'on_hold', 'intercept'].includes(v.alert.kind)) await rig.scan(BADGE.lead);
      const w = bench.station.view();
      if (w.alert || w.order) await rig.scan(PACK_COMMANDS.skip);
      await rig.clearScale();
    },
    async restartBench() {
      if (station) throw new Error('restartBench: not with the station runtime');
      offWatch();
      bench.stop();
      bench = await startPackBench({ dataDir: devDir.dir, coreUrl: server.url, hub: sim.hub, labels, idleLogoutMs: opts.idleLogoutMs });
      latest = bench.station.view();
      offWatch = watch(bench);
    },
    async close() {
      offWatch();
      if (station) {
        http!.closeAllConnections();
        await new Promise((resolve) => http!.close(resolve));
        await station.stop();
      } else bench.stop();
      await labels.close();
      await sim.stop();
      await server.close();
      devDir.cleanup();
    },
  };
  return rig;

  function until(pred: (v: PackView) => boolean, what: string, timeoutMs = 5000): Promise<PackView> {
      if (pred(latest)) return Promise.resolve(latest);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`bench never showed ${what}; last view: phase ${latest.phase}, alert ${JSON.stringify(latest.alert)}, last scan ${JSON.stringify(latest.lastScan)}`));
        }, timeoutMs);
        const check = () => {
          if (!pred(latest)) return;
          clearTimeout(t);
          waiters.delete(check);
          resolve(latest);
        };
        waiters.add(check);
      });
  }
}
