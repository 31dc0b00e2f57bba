// A bench that loses the core: the core (its own process) is killed with kill -9 mid-parcel and
// started again. The bench says since when it lost the core, keeps scanning and weighing the parcel
// in hand (journaled), prints nothing without the core's confirmation, and labels the parcel by
// itself within a second of the core's return: one parcel, one waybill, one label.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { startCore, addSku, SYSTEM, orderInput, tempDir, BADGE, setSettings, LEAD } from '../core/helpers';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { startSimulatedBench, type SimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer, type LabelRenderer } from '../../src-main/labels/worker/pool';
import { startPackBench, type PackBench } from '../../src-main/station/pack';
import type { PackView } from '../../src-main/contract/pack';
import { waitHubDevice } from './helpers';

const root = join(__dirname, '..', '..');
const coreDir = tempDir('packline-core-kill-');
const benchDir = tempDir('packline-bench-kill-');
const running: ChildProcess[] = [];
let port = 0;
let order = { id: '', number: '' };
let sim: SimulatedBench;
let labels: LabelRenderer;
let bench: PackBench;
let latest: PackView;
const waiters = new Set<() => void>();

function until(pred: (v: PackView) => boolean, what: string, ms = 5000): Promise<PackView> {
  if (pred(latest)) return Promise.resolve(latest);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => (waiters.delete(check), reject(new Error(`bench never showed ${what}; phase ${latest.phase}, alert ${JSON.stringify(latest.alert)}`))), ms);
    const check = () => {
      if (!pred(latest)) return;
      clearTimeout(t);
      waiters.delete(check);
      resolve(latest);
    };
    waiters.add(check);
  });
}

async function startCoreProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'core-process.ts'), coreDir.dir, String(port)], { cwd: root, env: { ...process.env, PACKLINE_LOG: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  for await (const line of createInterface({ input: child.stdout! })) if (line.startsWith('READY ')) return { child, url: line.slice(6) };
  throw new Error('the core process did not start');
}

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});

beforeAll(async () => {
  // the shop, made once in this process; the core process then opens the same folder
  const seed = await startCore({
    dir: coreDir.dir,
    setup: (core) => {
      setSettings(core, { sender: { name: '李店长', phone: '13900001111', address: '浙江省杭州市西湖区龙井路8号' } });
      addSku(core, 'TEA-100', { onHand: 100, barcodes: [{ code: '6901234567892', units: 1 }] });
      core.writes.runNow(() => {
        core.db.prepare('UPDATE skus SET unit_weight_g = 100').run();
        addWaybillRange(core.db, core.ctx.clock, { carrier: 'SF', scheme: 'mod10', prefix: 'SF', width: 11, first: 10000000000, last: 10000099999 }, SYSTEM);
        const o = createOrder(core.ctx, orderInput({ sku: 'TEA-100', carrier: 'SF' }), LEAD).order!;
        order = { id: o.id, number: o.number };
      });
    },
  });
  await seed.close();
  port = await freePort();
  const { url } = await startCoreProcess();
  sim = await startSimulatedBench(benchDir.dir, { hub: { printer: { backoffMs: { min: 50, max: 200 }, probeIntervalMs: 100 } } });
  labels = createLabelRenderer();
  bench = await startPackBench({ dataDir: benchDir.dir, coreUrl: url, hub: sim.hub, labels });
  // the station has the scanner's and the scale's ports open before the test scans and weighs
  await Promise.all([waitHubDevice(sim.hub, 'scanner', 'sim-scanner'), waitHubDevice(sim.hub, 'scale', 'scale')]);
  latest = bench.station.view();
  bench.onView((v) => {
    latest = v;
    for (const w of [...waiters]) w();
  });
}, 60_000);

afterAll(async () => {
  bench?.stop();
  await labels?.close();
  await sim?.stop();
  for (const c of running) c.kill('SIGKILL');
  coreDir.cleanup();
  benchDir.cleanup();
});

/** Every file the bench wrote (its journal, its audit, its log). */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

async function scan(code: string) {
  const seq = latest.lastScan?.seq ?? 0;
  await sim.scanner.scan(code);
  await until((v) => (v.lastScan?.seq ?? 0) > seq, `a result for ${code}`);
}

describe('the core killed (kill -9) and restarted mid-parcel', () => {
  it('keeps the parcel in hand, says since when, labels nothing until the core is back, then exactly once within a second', async () => {
    await scan(BADGE.operator);
    await scan(order.number);
    expect(latest.phase).toBe('verify');

    running.at(-1)!.kill('SIGKILL');
    const lost = await until((v) => v.coreLostAt !== null, 'core unreachable since ...', 3000);
    expect(lost.online).toBe(false);
    expect(Date.now() - lost.coreLostAt!).toBeLessThan(3000);

    // a colleague's badge scanned now cannot be told from a damaged label (the core is away): it is
    // refused without its code, on the screen and in the journal
    await scan(BADGE.lead);
    expect(latest.lastScan).toMatchObject({ result: 'error', code: '' });
    expect(latest.alert?.kind).toBe('core');
    expect(JSON.stringify(latest)).not.toContain(BADGE.lead);
    expect(filesUnder(benchDir.dir).some((f) => readFileSync(f, 'utf8').includes(BADGE.lead))).toBe(false);

    // what still works: the item scan is counted and journaled, the parcel is weighed
    await scan('6901234567892');
    expect(latest.order!.lines[0]!.scanned).toBe(1);
    expect(latest.phase).toBe('weigh');
    sim.scale.place(100 + 15, 100); // the tea and a box without tare in this shop: in tolerance
    const waiting = await until((v) => v.alert?.kind === 'core', 'the label waiting for the core');
    expect(waiting.phase).toBe('label');
    expect(waiting.alert!.message.key).toBe('labelWaitsForCore');
    expect(waiting.alert!.action.key).toBe('labelWaitsAction');
    await new Promise((r) => setTimeout(r, 1000));
    expect(sim.printer.labels).toHaveLength(0); // nothing labelled without the core's confirmation
    expect(latest.lastLabel).toBeNull();

    await startCoreProcess();
    const back = Date.now(); // the core listens again (READY)
    const labelled = await until((v) => v.lastLabel !== null, 'a label after the core came back', 3000);
    const resumedMs = Date.now() - back;
    expect(resumedMs).toBeLessThan(1000);
    expect(labelled.alert).toBeNull();
    expect(labelled.coreLostAt).toBeNull();
    await sim.printer.waitForLabels(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(sim.printer.labels).toHaveLength(1);
    const db = new Database(join(coreDir.dir, 'packline.db'), { readonly: true });
    const parcels = db.prepare('SELECT waybill FROM parcels WHERE order_id = ?').all(order.id) as { waybill: string }[];
    db.close();
    expect(parcels).toHaveLength(1);
    expect(parcels[0]!.waybill).toBe(labelled.lastLabel!.waybill);
  }, 30_000);
});
