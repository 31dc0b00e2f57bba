// Ten paired benches on one core, each a station with its own simulated scanner, scale and label
// printer, pack one released wave at the same time, each going through the wave's orders in its
// own order: every order is packed exactly once (one parcel, one label), by the bench that got it
// first, and every parcel names its paired bench.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, SYSTEM, orderInput, tempDir, BADGE, setSettings, LEAD, type TestServer } from '../core/helpers';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { releaseWaves } from '../../src-main/core/modules/waves/actions/release-waves';
import { WaveRule } from '../../src-main/contract/waves';
import { createBench, newPairingCode } from '../../src-main/core/modules/benches/actions/pairing';
import { startSimulatedBench, type SimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer, type LabelRenderer } from '../../src-main/labels/worker/pool';
import { startPackBench, type PackBench } from '../../src-main/station/pack';
import { coreLinkFor, pairBench } from '../../src-main/station/pairing';
import type { PackView } from '../../src-main/contract/pack';
import { waitHubDevice } from './helpers';

const BENCHES = 10;
const ORDERS = 30;
let server: TestServer;
let labels: LabelRenderer;
const numbers: string[] = [];
const dirs = Array.from({ length: BENCHES }, () => tempDir('packline-10b-'));

interface Rig { id: string; sim: SimulatedBench; bench: PackBench; latest: PackView; waiters: Set<() => void> }
const rigs: Rig[] = [];

function until(r: Rig, pred: (v: PackView) => boolean, what: string, ms = 10_000): Promise<PackView> {
  if (pred(r.latest)) return Promise.resolve(r.latest);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => (r.waiters.delete(check), reject(new Error(`bench ${r.id} never showed ${what}; phase ${r.latest.phase}, alert ${JSON.stringify(r.latest.alert)}`))), ms);
    const check = () => {
      if (!pred(r.latest)) return;
      clearTimeout(t);
      r.waiters.delete(check);
      resolve(r.latest);
    };
    r.waiters.add(check);
  });
}

async function scan(r: Rig, code: string): Promise<PackView> {
  const seq = r.latest.lastScan?.seq ?? 0;
  await r.sim.scanner.scan(code);
  return until(r, (v) => (v.lastScan?.seq ?? 0) > seq, `a result for ${code}`);
}

beforeAll(async () => {
  server = await startCore({
    setup: (core) => {
      setSettings(core, { sender: { name: '李店长', phone: '13900001111', address: '浙江省杭州市西湖区龙井路8号' } });
      addSku(core, 'TEA-100', { onHand: 1000, barcodes: [{ code: '6901234567892', units: 1 }] });
      core.writes.runNow(() => {
        core.db.prepare('UPDATE skus SET unit_weight_g = 100').run();
        addWaybillRange(core.db, core.ctx.clock, { carrier: 'SF', scheme: 'mod10', prefix: 'SF', width: 11, first: 10000000000, last: 10000099999 }, SYSTEM);
        for (let i = 0; i < ORDERS; i++) numbers.push(createOrder(core.ctx, orderInput({ sku: 'TEA-100', carrier: 'SF' }), LEAD).order!.number);
        releaseWaves(core.ctx, { rule: WaveRule.parse({ caps: { slots: 40 } }), name: 'One wave for ten benches' }, SYSTEM);
      });
    },
  });
  labels = createLabelRenderer();
  for (let i = 0; i < BENCHES; i++) {
    const { code } = server.core.writes.runNow(() => newPairingCode(server.core.ctx, createBench(server.core.ctx, { name: `Bench ${i + 1}` }, LEAD).id, LEAD));
    const paired = await pairBench(dirs[i]!.dir, code, { coreUrl: server.url });
    const sim = await startSimulatedBench(dirs[i]!.dir, { hub: { printer: { backoffMs: { min: 50, max: 200 }, probeIntervalMs: 100 } } });
    const bench = await startPackBench({ dataDir: dirs[i]!.dir, coreUrl: server.url, client: coreLinkFor(server.url, paired), bench: { id: paired.benchId, name: paired.name }, hub: sim.hub, labels });
    // each station has its scanner's and scale's ports open before the benches scan and weigh
    await Promise.all([waitHubDevice(sim.hub, 'scanner', 'sim-scanner'), waitHubDevice(sim.hub, 'scale', 'scale')]);
    const r: Rig = { id: paired.benchId, sim, bench, latest: bench.station.view(), waiters: new Set() };
    bench.onView((v) => {
      r.latest = v;
      for (const w of [...r.waiters]) w();
    });
    rigs.push(r);
  }
}, 120_000);

afterAll(async () => {
  for (const r of rigs) {
    r.bench.stop();
    await r.sim.stop();
  }
  await labels?.close();
  await server?.close();
  dirs.forEach((d) => d.cleanup());
});

/** One bench goes through the wave's orders from its own starting point, packing each one it gets. */
async function packAll(r: Rig, offset: number): Promise<string[]> {
  const packed: string[] = [];
  await scan(r, BADGE.operator);
  for (let k = 0; k < ORDERS; k++) {
    const number = numbers[(offset + k) % ORDERS]!;
    const v = await scan(r, number);
    if (v.phase !== 'verify' || v.order?.number !== number) continue; // another bench has it, or it is packed
    await scan(r, '6901234567892');
    const labelsBefore = r.latest.counters.parcels;
    r.sim.scale.place(100, 60);
    await until(r, (x) => x.counters.parcels > labelsBefore || (x.alert !== null && x.alert.needs !== 'scan'), `order ${number} labelled`);
    expect(r.latest.alert).toBeNull();
    packed.push(number);
    r.sim.scale.remove(30);
    await until(r, (x) => x.weight !== null && (x.weight.grams ?? 0) < 20, 'an empty scale');
  }
  return packed;
}

describe('ten paired benches on one core', () => {
  it('pack one wave together without packing any order twice; each parcel names its bench', async () => {
    const results = await Promise.all(rigs.map((r, i) => packAll(r, i * 3)));
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length); // no order packed by two benches
    expect(all.sort()).toEqual([...numbers].sort()); // every order packed
    const parcels = server.core.db.prepare('SELECT o.number, p.bench FROM parcels p JOIN orders o ON o.id = p.order_id').all() as { number: string; bench: string }[];
    expect(parcels).toHaveLength(ORDERS);
    expect(new Set(parcels.map((p) => p.number)).size).toBe(ORDERS);
    const ids = new Set(rigs.map((r) => r.id));
    for (const p of parcels) expect(ids.has(p.bench)).toBe(true);
    expect(new Set(parcels.map((p) => p.bench)).size).toBeGreaterThan(1); // the work was shared
    for (const [i, r] of rigs.entries()) {
      await r.sim.printer.waitForLabels(results[i]!.length);
      expect(r.sim.printer.labels).toHaveLength(results[i]!.length); // one label per parcel, on its own bench
    }
  }, 180_000);
});
