// The DeviceHub over a whole simulated bench: real ptys, real TCP, settings on disk.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedBench, type SimulatedBench } from '../../src-main/devices/simulators/bench';
import { DeviceHub, type DeviceStatus } from '../../src-main/devices/hub';
import { WedgeDetector } from '../../src-main/devices/wedge';
import type { Scan } from '../../src-main/devices/drivers/scanner-driver';
import type { TimedReading } from '../../src-main/devices/drivers/scale-driver';
import { AppError } from '../../src-main/lib/errors';

let dir: string;
let bench: SimulatedBench;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packline-hub-'));
  bench = await startSimulatedBench(dir, { hub: { printer: { statusTimeoutMs: 300, probeIntervalMs: 0, backoffMs: { min: 50, max: 200 } } } });
});
afterAll(async () => {
  await bench?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function untilConnected(hub: DeviceHub, n: number): Promise<void> {
  const ok = () => hub.status().filter((s) => s.state.status === 'connected').length >= n;
  if (ok()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = hub.on('state', () => ok() && (off(), resolve()));
  });
}

describe('DeviceHub on a simulated bench', () => {
  it('saves the role assignment in the data folder and reports every device connected', async () => {
    await untilConnected(bench.hub, 3);
    const saved = JSON.parse(readFileSync(join(dir, 'devices.json'), 'utf8'));
    expect(saved.scale.protocol).toBe('mt-sics');
    expect(bench.hub.status().map((s: DeviceStatus) => `${s.role}:${s.state.status}`).sort()).toEqual(['labelPrinter:connected', 'scale:connected', 'scanner:connected']);
  });

  it('emits live weights and reads one stable weight on request', async () => {
    const weights: TimedReading[] = [];
    const off = bench.hub.on('weight', (w) => weights.push(w));
    bench.scale.place(2150, 300);
    const w = await bench.hub.readWeightOnce(3000, { minGrams: 1 });
    off();
    expect(w).toMatchObject({ grams: 2150, stable: true });
    expect(weights.length).toBeGreaterThan(1);
    expect(bench.hub.latestWeight()?.grams).toBe(2150);
  });

  it('polls the scale at its configured pace (settings without pollMs keep the 100 ms default)', async () => {
    let n = 0;
    const off = bench.hub.on('weight', () => n++);
    await new Promise((r) => setTimeout(r, 600));
    off();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(9);
  });

  it('zero brings the scale back to 0 g', async () => {
    bench.scale.place(40, 0);
    await bench.hub.zeroScale();
    // the readings polled before the zero reached the scale still say 40 g; the next ones say 0
    await expect.poll(async () => (await bench.hub.readWeightOnce(2000)).grams, { timeout: 3000 }).toBe(0);
  });

  it('serial scans and wedge scans arrive as one stream, tagged by source', async () => {
    const scans: Scan[] = [];
    const off = bench.hub.on('scan', (s) => scans.push(s));
    const next = bench.hub.waitForScan('sim-scanner', 3000);
    await bench.scanner.scan('ORD-01HZ', ']C0');
    expect(await next).toMatchObject({ code: 'ORD-01HZ', symbology: ']C0', source: 'sim-scanner' });
    // the renderer runs the detector and reports the scan through the bridge
    const d = new WedgeDetector();
    for (const k of bench.wedgeKeys('TOTE-000123', 0)) for (const e of d.push(k)) if (e.type === 'scan') bench.hub.reportWedgeScan(e.code);
    off();
    expect(scans.map((s) => `${s.source}:${s.code}`)).toEqual(['sim-scanner:ORD-01HZ', 'wedge:TOTE-000123']);
  });

  it('prints a test label on the label printer', async () => {
    const before = bench.printer.labels.length;
    await bench.hub.printTestLabel();
    expect(bench.printer.labels.length).toBe(before + 1);
    expect(bench.printer.labels.at(-1)!.text).toContain('Packline test label');
  });

  it('checks the label printer on request: ready, head open, not answering', async () => {
    expect(await bench.hub.checkPrinter()).toEqual({ ready: true, problems: [] });
    bench.printer.headOpen = true;
    bench.printer.silentWhenFaulted = false;
    expect(await bench.hub.checkPrinter()).toEqual({ ready: false, problems: ['print head open: close it'] });
    bench.printer.silentWhenFaulted = true;
    expect(await bench.hub.checkPrinter()).toEqual({ ready: false, problems: ['printer not answering: check paper and that the head is closed'] });
    bench.printer.headOpen = false;
  });

  it('refuses bad settings with the field and reason, and keeps the old ones', async () => {
    const before = readFileSync(join(dir, 'devices.json'), 'utf8');
    const bad = { ...bench.hub.settings(), scale: { address: 'serial:/dev/ttyUSB0?baud=fast', protocol: 'mt-sics' } };
    const err = await bench.hub.updateSettings(bad).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/scale\.address: device address "serial:\/dev\/ttyUSB0\?baud=fast": baud "fast"/);
    const dup = { ...bench.hub.settings(), scanners: [...bench.hub.settings().scanners, ...bench.hub.settings().scanners] };
    await expect(bench.hub.updateSettings(dup)).rejects.toThrow(/used twice/);
    expect(readFileSync(join(dir, 'devices.json'), 'utf8')).toBe(before);
  });

  it('actions on a role that is not set up say so', async () => {
    await expect(async () => bench.hub.enqueue('documentPrinter', Buffer.from('x'))).rejects.toThrow(/no document printer is set up/);
  });
});

describe('DeviceHub device listing', () => {
  it('lists HID and serial devices with ids, and explains the udev rule when access is denied', async () => {
    const d = mkdtempSync(join(tmpdir(), 'packline-list-'));
    const locked = join(d, 'hidraw7');
    writeFileSync(locked, '');
    const { chmodSync } = await import('node:fs');
    chmodSync(locked, 0o000);
    const rootCanReadAnything = process.getuid?.() === 0;
    const hub = new DeviceHub({
      dataDir: d,
      listHid: async () => [{ vendorId: 0x0922, productId: 0x8003, path: locked, product: 'M10 10 lb Digital Postal Scale', manufacturer: 'DYMO', usagePage: 0x8d, usage: 0x20, kind: 'scale' }],
      listSerial: async () => [{ path: '/dev/null', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' }],
    });
    const { devices, errors } = await hub.listDevices();
    expect(errors).toEqual([]);
    expect(devices[0]).toMatchObject({ bus: 'hid', vendorId: '0922', productId: '8003', kind: 'scale', name: 'DYMO M10 10 lb Digital Postal Scale' });
    expect(devices[0]!.address).toMatch(/^hid:0922:8003\?path=/);
    if (!rootCanReadAnything) {
      expect(devices[0]!.accessible).toBe(false);
      expect(devices[0]!.help).toContain('SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0922", ATTRS{idProduct}=="8003", MODE="0660", TAG+="uaccess"');
      expect(devices[0]!.help).toContain('udevadm control --reload-rules');
    }
    expect(devices[1]).toMatchObject({ bus: 'serial', address: 'serial:/dev/null?baud=9600', accessible: true });
    rmSync(d, { recursive: true, force: true });
  });
  it('a damaged devices.json is refused naming the file and the fix', () => {
    const d = mkdtempSync(join(tmpdir(), 'packline-bad-'));
    writeFileSync(join(d, 'devices.json'), '{"version":1,');
    expect(() => new DeviceHub({ dataDir: d })).toThrow(/devices\.json is not valid JSON .*delete it and set the devices up again/);
    writeFileSync(join(d, 'devices.json'), JSON.stringify({ version: 1, scanners: [], scale: { address: 'tcp://x:1', protocol: 'grams' }, labelPrinter: null, documentPrinter: null }));
    expect(() => new DeviceHub({ dataDir: d })).toThrow(/scale\.protocol/);
    rmSync(d, { recursive: true, force: true });
  });
});
