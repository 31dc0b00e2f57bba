// Unit tests of the HID paths of the drivers with an in-memory transport (the only fake here: the
// real HID path runs in hid-uhid.test.ts where /dev/uhid exists).
import { describe, it, expect } from 'vitest';
import { ByteTransport } from '../../src-main/devices/transports/transport';
import { ScaleDriver, type TimedReading } from '../../src-main/devices/drivers/scale-driver';
import { ScannerDriver, type Scan } from '../../src-main/devices/drivers/scanner-driver';
import { encodeHidScaleReport } from '../../src-main/devices/codecs/hid-scale';
import { encodeHidScanReports } from '../../src-main/devices/codecs/hid-scanner';

class MemoryTransport extends ByteTransport {
  readonly description = 'memory';
  written: Uint8Array[] = [];
  async open() {}
  async write(b: Uint8Array) { this.written.push(b); }
  async close() {}
  feed(b: Uint8Array) { this.emit('data', b); }
  unplug() { this.emit('close', 'unplugged'); }
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('HID scale driver', () => {
  it('drops the stale first report, then reports readings; zero sends output report 02 02', async () => {
    const t = new MemoryTransport();
    const d = new ScaleDriver({ address: { kind: 'hid', vendorId: 0x0922, productId: 0x8003 }, protocol: 'hid', transport: () => t });
    const rs: TimedReading[] = [];
    d.on('reading', (r) => rs.push(r));
    d.start();
    await tick();
    t.feed(encodeHidScaleReport(4, 2, 0, 500));
    t.feed(encodeHidScaleReport(3, 2, 0, 510));
    t.feed(encodeHidScaleReport(4, 2, 0, 512));
    expect(rs.map((r) => [r.grams, r.stable])).toEqual([[510, false], [512, true]]);
    await d.zero();
    expect([...t.written.at(-1)!]).toEqual([2, 2]);
    await expect(d.tare()).rejects.toThrow(/no tare command/);
    await d.stop();
  });
  it('refuses a hid address with a serial protocol, naming the fix', () => {
    expect(() => new ScaleDriver({ address: { kind: 'hid', vendorId: 1, productId: 2 }, protocol: 'mt-sics' })).toThrow(/use --protocol hid/);
  });
});

describe('HID POS scanner driver', () => {
  it('assembles reports into scans tagged with the scanner id, and reconnects after an unplug', async () => {
    const transports: MemoryTransport[] = [];
    const d = new ScannerDriver({ id: 'hid-left', address: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b8f }, transport: () => { const t = new MemoryTransport(); transports.push(t); return t; }, backoff: { min: 10, max: 20 } });
    const scans: Scan[] = [];
    d.on('scan', (s) => scans.push(s));
    d.start();
    await tick();
    for (const r of encodeHidScanReports('(01)09501101020917', ']C1')) transports[0]!.feed(r);
    transports[0]!.unplug();
    await new Promise((r) => setTimeout(r, 60));
    expect(transports.length).toBe(2);
    expect(d.state.status).toBe('connected');
    for (const r of encodeHidScanReports('SKU-1', ']E0')) transports[1]!.feed(r);
    expect(scans.map((s) => [s.source, s.symbology, s.code])).toEqual([['hid-left', ']C1', '(01)09501101020917'], ['hid-left', ']E0', 'SKU-1']]);
    await d.stop();
  });
});
