// Scales and scanners end to end through serialport on a real socat pty pair.
import { describe, it, expect, afterEach } from 'vitest';
import { startPtyPair, type PtyPair } from '../../src-main/devices/simulators/socat';
import { ScaleSimulator, type SimScaleProtocol } from '../../src-main/devices/simulators/scale-sim';
import { SerialScannerSimulator } from '../../src-main/devices/simulators/scanner-sim';
import { ScaleDriver, type TimedReading, type ScaleProtocol } from '../../src-main/devices/drivers/scale-driver';
import { ScannerDriver, type Scan } from '../../src-main/devices/drivers/scanner-driver';
import { parseAddress } from '../../src-main/devices/address';
import type { DriverState } from '../../src-main/devices/events';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined);
});

async function pair(opts: Parameters<typeof startPtyPair>[0] = {}): Promise<PtyPair> {
  const p = await startPtyPair(opts);
  cleanup.push(() => p.stop());
  return p;
}

async function scaleRig(simProtocol: SimScaleProtocol, protocol: ScaleProtocol, extra: Partial<ConstructorParameters<typeof ScaleDriver>[0]> = {}) {
  const p = await pair();
  const sim = new ScaleSimulator({ path: p.b, protocol: simProtocol, intervalMs: 50 });
  await sim.start();
  cleanup.push(() => sim.stop());
  const driver = new ScaleDriver({ address: parseAddress(`serial:${p.a}?baud=9600`), protocol, pollMs: 50, backoff: { min: 50, max: 200 }, ...extra });
  const readings: TimedReading[] = [];
  driver.on('reading', (r) => readings.push(r));
  driver.start();
  cleanup.push(() => driver.stop());
  return { p, sim, driver, readings };
}

function waitState(d: { state: DriverState; on(e: 'state', f: (s: DriverState) => void): () => void }, pred: (s: DriverState) => boolean, ms = 4000): Promise<DriverState> {
  if (pred(d.state)) return Promise.resolve(d.state);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { off(); reject(new Error(`state never matched; last ${JSON.stringify(d.state)}`)); }, ms);
    const off = d.on('state', (s) => { if (pred(s)) { clearTimeout(t); off(); resolve(s); } });
  });
}

describe('serial scale over a socat pty pair', () => {
  it('MT-SICS: a parcel shows in motion first, then one stable weight in grams', async () => {
    const { sim, driver, readings } = await scaleRig('mt-sics', 'mt-sics');
    await waitState(driver, (s) => s.status === 'connected');
    sim.place(1234.4, 600);
    const stable = await driver.readStable(3000, { minGrams: 1 });
    expect(stable).toMatchObject({ grams: 1234, stable: true, status: 'stable' });
    expect(readings.some((r) => r.status === 'motion')).toBe(true);
    // nothing before settling was accepted as stable at a different weight
    expect(readings.filter((r) => r.stable && r.grams !== 0 && r.grams !== 1234)).toEqual([]);
  });

  it('MT-SICS: zero and tare reach the scale', async () => {
    const { sim, driver } = await scaleRig('mt-sics', 'mt-sics');
    sim.place(500, 0);
    expect((await driver.readStable(2000, { minGrams: 1 })).grams).toBe(500);
    await driver.tare();
    await new Promise((r) => setTimeout(r, 150));
    expect((await driver.readStable(2000)).grams).toBe(0);
  });

  it('Toledo 8217: W polls give status while in motion, weight once stable (kg -> g)', async () => {
    const { sim, driver, readings } = await scaleRig('toledo-8217', 'toledo-8217');
    sim.place(2500, 400);
    expect(await driver.readStable(3000, { minGrams: 1 })).toMatchObject({ grams: 2500, stable: true });
    expect(readings.some((r) => r.status === 'motion' && r.grams === null)).toBe(true);
  });

  it('continuous stream with ST/US flags', async () => {
    const { sim, driver, readings } = await scaleRig('continuous', 'continuous');
    sim.place(4876, 300);
    expect(await driver.readStable(3000, { minGrams: 1 })).toMatchObject({ grams: 4876 });
    expect(readings.some((r) => r.status === 'motion')).toBe(true);
  });

  it('unflagged stream: stable only by the stability rule, never during the swing', async () => {
    const { sim, driver, readings } = await scaleRig('continuous-unflagged', 'continuous', { stability: { count: 4, bandGrams: 2, minMs: 200 } });
    sim.place(3000, 500);
    const t0 = performance.now();
    const r = await driver.readStable(3000, { minGrams: 1 });
    expect(r.grams).toBe(3000);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(500);
    expect(readings.filter((x) => x.stable).every((x) => x.grams === 3000 || x.grams === 0)).toBe(true);
  });

  it('a scale that stops answering is a fault with words, and recovers', async () => {
    const { sim, driver } = await scaleRig('mt-sics', 'mt-sics', { silenceMs: 300 });
    await waitState(driver, (s) => s.status === 'connected');
    sim.answering = false;
    const st = await waitState(driver, (s) => s.status === 'fault');
    expect(st.reason).toMatch(/scale not answering: check the cable, baud rate/);
    sim.answering = true;
    await waitState(driver, (s) => s.status === 'connected');
  });

  it('unplugged (socat gone) -> waiting; plugged back -> reconnects and reads again', async () => {
    const first = await startPtyPair({ keepDir: true });
    const dir = first.a.replace(/\/A$/, '');
    const sim1 = new ScaleSimulator({ path: first.b, protocol: 'mt-sics' });
    await sim1.start();
    const driver = new ScaleDriver({ address: parseAddress(`serial:${first.a}`), protocol: 'mt-sics', pollMs: 50, backoff: { min: 50, max: 100 } });
    driver.start();
    cleanup.push(() => driver.stop());
    await waitState(driver, (s) => s.status === 'connected');
    await sim1.stop();
    await first.stop();
    const waiting = await waitState(driver, (s) => s.status === 'waiting');
    expect(waiting.reason).toBeTruthy();
    const second = await pair({ dir });
    const sim2 = new ScaleSimulator({ path: second.b, protocol: 'mt-sics' });
    await sim2.start();
    cleanup.push(() => sim2.stop());
    sim2.place(777, 0);
    await waitState(driver, (s) => s.status === 'connected');
    expect((await driver.readStable(3000, { minGrams: 1 })).grams).toBe(777);
  });

  it('a port that does not exist: waiting, saying to plug it in', async () => {
    const driver = new ScaleDriver({ address: parseAddress('serial:/dev/ttyPACKLINE_NONE'), protocol: 'mt-sics', backoff: { min: 50, max: 100 } });
    driver.start();
    cleanup.push(() => driver.stop());
    const st = await waitState(driver, (s) => s.status === 'waiting');
    expect(st.reason).toMatch(/\/dev\/ttyPACKLINE_NONE not found: is the device plugged in/);
  });
});

describe('serial scanners over socat pty pairs', () => {
  it('two scanners at once, each scan tagged with its source, AIM id split off', async () => {
    const p1 = await pair();
    const p2 = await pair();
    const s1 = new SerialScannerSimulator(p1.b, { terminator: '\r' });
    const s2 = new SerialScannerSimulator(p2.b, { terminator: '\r\n', aim: ']C0' });
    await s1.start();
    await s2.start();
    cleanup.push(() => s1.stop(), () => s2.stop());
    const scans: Scan[] = [];
    const d1 = new ScannerDriver({ id: 'bench-left', address: parseAddress(`serial:${p1.a}`) });
    const d2 = new ScannerDriver({ id: 'bench-right', address: parseAddress(`serial:${p2.a}`) });
    for (const d of [d1, d2]) {
      d.on('scan', (s) => scans.push(s));
      d.start();
      cleanup.push(() => d.stop());
      await waitState(d, (s) => s.status === 'connected');
    }
    await s1.scan('ORD-0001');
    await s2.scan('SKU-42');
    await s1.scan('TOTE-9', ']E0');
    // fast consecutive scans in one write must not merge
    await s2.scan('A1\r\nA2\r\nA3', '');
    await new Promise((r) => setTimeout(r, 200));
    const view = scans.map((s) => `${s.source}:${s.symbology ?? ''}${s.code}`);
    expect(view.filter((v) => v.startsWith('bench-left'))).toEqual(['bench-left:ORD-0001', 'bench-left:]E0TOTE-9']);
    expect(view.filter((v) => v.startsWith('bench-right'))).toEqual(['bench-right:]C0SKU-42', 'bench-right:A1', 'bench-right:A2', 'bench-right:A3']);
  });
});

describe('scale behind a serial-to-Ethernet converter (tcp://)', () => {
  it('reads a continuous stream over TCP and reconnects after the converter drops the link', async () => {
    const net = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
      const t = setInterval(() => s.write('ST,GS,+  1.250kg\r\n'), 20);
      s.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r(undefined)); }));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const driver = new ScaleDriver({ address: parseAddress(`tcp://127.0.0.1:${port}`), protocol: 'continuous', backoff: { min: 50, max: 100 } });
    driver.start();
    cleanup.push(() => driver.stop());
    expect((await driver.readStable(2000, { minGrams: 1 })).grams).toBe(1250);
    for (const s of sockets) s.destroy();
    await waitState(driver, (s) => s.status === 'waiting');
    await waitState(driver, (s) => s.status === 'connected');
    expect((await driver.readStable(2000, { minGrams: 1 })).grams).toBe(1250);
  });
});
