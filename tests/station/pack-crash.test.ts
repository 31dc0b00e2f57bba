// A kill -9 of the station mid-parcel loses no scan the screen acknowledged, and prints no label
// twice: the station runs as its own process against the real core, devices on ptys and TCP.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startCore, addSku, SYSTEM, orderInput, tempDir, BADGE, setSettings, type TestServer } from '../core/helpers';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { startPtyPair, type PtyPair } from '../../src-main/devices/simulators/socat';
import { ScaleSimulator } from '../../src-main/devices/simulators/scale-sim';
import { PrinterSimulator } from '../../src-main/devices/simulators/printer-sim';
import { SerialScannerSimulator } from '../../src-main/devices/simulators/scanner-sim';
import { saveDeviceSettings } from '../../src-main/devices/settings';
import type { PackView } from '../../src-main/contract/pack';

const root = join(__dirname, '..', '..');

let server: TestServer;
let scalePty: PtyPair, scannerPty: PtyPair;
let scale: ScaleSimulator, printer: PrinterSimulator, scanner: SerialScannerSimulator;
const data = tempDir('packline-crash-');

beforeAll(async () => {
  server = await startCore({
    setup: (core) => {
      setSettings(core, { sender: { name: '李店长', phone: '13900001111', address: '浙江省杭州市西湖区龙井路8号' } });
      addSku(core, 'TEA-100', { onHand: 100, barcodes: [{ code: '6901234567892', units: 1 }] });
      core.writes.runNow(() => addWaybillRange(core.db, core.ctx.clock, { carrier: 'SF', scheme: 'mod10', prefix: 'SF', width: 11, first: 10000000000, last: 10000099999 }, SYSTEM));
    },
  });
  scalePty = await startPtyPair();
  scannerPty = await startPtyPair();
  scale = new ScaleSimulator({ path: scalePty.b, protocol: 'mt-sics' });
  await scale.start();
  printer = new PrinterSimulator();
  await printer.start();
  scanner = new SerialScannerSimulator(scannerPty.b, { terminator: '\r\n' });
  await scanner.start();
  saveDeviceSettings(data.dir, {
    version: 1,
    scanners: [{ id: 'gun', address: `serial:${scannerPty.a}?baud=9600` }],
    scale: { address: `serial:${scalePty.a}?baud=9600`, protocol: 'mt-sics' },
    labelPrinter: { address: printer.address, language: 'zpl', statusCheck: true },
    documentPrinter: null,
  });
}, 60_000);

afterAll(async () => {
  await scanner?.stop();
  await scale?.stop();
  await printer?.stop();
  await scalePty?.stop();
  await scannerPty?.stop();
  await server?.close();
  data.cleanup();
});

interface Station {
  child: ChildProcess;
  latest(): PackView;
  until(pred: (v: PackView) => boolean, what: string, ms?: number): Promise<PackView>;
}

async function startStation(): Promise<Station> {
  // node itself with the tsx loader (the tsx CLI would run node as a grandchild that a kill -9 misses)
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'bench-process.ts'), data.dir, server.url], { cwd: root, env: { ...process.env, PACKLINE_LOG: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let latest: PackView | undefined;
  const waiters = new Set<() => void>();
  let ready!: () => void;
  const isReady = new Promise<void>((r, fail) => {
    ready = r;
    child.once('exit', (code, signal) => fail(new Error(`the station exited before READY (${signal ?? code}); its stderr says why`)));
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'READY') return ready();
    if (!line.startsWith('VIEW ')) return;
    latest = JSON.parse(line.slice(5)) as PackView;
    for (const w of [...waiters]) w();
  });
  await isReady;
  return {
    child,
    latest: () => latest!,
    until(pred, what, ms = 10_000) {
      if (latest && pred(latest)) return Promise.resolve(latest);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`station never showed ${what}; last: ${JSON.stringify({ phase: latest?.phase, alert: latest?.alert, lastScan: latest?.lastScan, lines: latest?.order?.lines.map((l) => l.scanned) })}`)), ms);
        const check = () => {
          if (!latest || !pred(latest)) return;
          clearTimeout(t);
          waiters.delete(check);
          resolve(latest);
        };
        waiters.add(check);
      });
    },
  };
}

const kill9 = (s: Station) => new Promise<void>((r) => {
  s.child.once('exit', () => r());
  s.child.kill('SIGKILL');
});

describe('a station killed with -9', () => {
  it('keeps every acknowledged scan and never prints a label twice', async () => {
    const r = await server.as('lead', 'POST', '/api/orders', orderInput({ carrier: 'SF', lines: [{ sku: 'TEA-100', qty: 2 }] }), { 'Idempotency-Key': 'crash-1' });
    const number = r.body.number as string;

    let st = await startStation();
    await scanner.scan(BADGE.operator);
    await st.until((v) => v.operator !== null, 'the operator logged in');
    await scanner.scan(number);
    await scanner.scan('6901234567892');
    await st.until((v) => v.order?.lines[0]?.scanned === 1, 'the first item acknowledged');
    await kill9(st);

    st = await startStation();
    let v = st.latest();
    // the journal keeps no session token: the operator scans their badge again, the order waits
    expect(v.operator).toBeNull();
    expect(v.order?.number).toBe(number);
    expect(v.order?.lines[0]?.scanned).toBe(1);
    await scanner.scan(BADGE.operator);
    await st.until((x) => x.operator !== null && x.phase === 'verify', 'the operator back on the order');
    await scanner.scan('6901234567892');
    await st.until((x) => x.phase === 'weigh', 'the weigh step after the restart');
    scale.place(200, 100);
    v = await st.until((x) => x.phase === 'done', 'the parcel done');
    await printer.waitForLabels(1, 8000);
    await kill9(st);

    st = await startStation();
    expect(st.latest().lastLabel?.waybill).toBe(v.lastLabel!.waybill);
    await new Promise((res) => setTimeout(res, 1500));
    expect(printer.labels).toHaveLength(1);
    const parcels = await server.as('lead', 'GET', `/api/orders/${r.body.id}/parcels`);
    expect(parcels.body.items).toHaveLength(1);
    await kill9(st);
  }, 90_000);
});
