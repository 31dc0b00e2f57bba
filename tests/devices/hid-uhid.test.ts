// HID end to end: a virtual USB HID POS scale made through /dev/uhid, opened by node-hid (hidraw),
// decoded by the scale driver. Needs /dev/uhid with write access (kernel module uhid); where it
// is missing the test reports itself skipped with that reason. The HID codecs are covered on
// recorded reports in scale-codecs.test.ts and scanner-codecs.test.ts either way.
import { describe, it, expect } from 'vitest';
import { accessSync, constants, openSync, writeSync, closeSync } from 'node:fs';
import { ScaleDriver, type TimedReading } from '../../src-main/devices/drivers/scale-driver';
import { encodeHidScaleReport } from '../../src-main/devices/codecs/hid-scale';

function uhidUsable(): boolean {
  try {
    accessSync('/dev/uhid', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
const hasUhid = uhidUsable();

const UHID_DESTROY = 1;
const UHID_CREATE2 = 11;
const UHID_INPUT2 = 12;
const EVENT_SIZE = 4 + 4372; // sizeof(struct uhid_event), packed; create2 is the largest member
const BUS_USB = 0x03;

// Usage page 0x8D (scale), report 3: five data bytes; report 2 out: zero command.
const SCALE_DESCRIPTOR = [
  0x05, 0x8d, 0x09, 0x01, 0xa1, 0x01,
  0x85, 0x03, 0x09, 0x30, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x05, 0x81, 0x02,
  0x85, 0x02, 0x09, 0x50, 0x95, 0x01, 0x91, 0x02,
  0xc0,
];

function createVirtualScale(vendor: number, product: number): { input(report: Uint8Array): void; destroy(): void } {
  const fd = openSync('/dev/uhid', 'r+');
  const ev = Buffer.alloc(EVENT_SIZE);
  ev.writeUInt32LE(UHID_CREATE2, 0);
  ev.write('Packline virtual scale', 4, 'utf8');
  let o = 4 + 128 + 64 + 64;
  ev.writeUInt16LE(SCALE_DESCRIPTOR.length, o); o += 2;
  ev.writeUInt16LE(BUS_USB, o); o += 2;
  ev.writeUInt32LE(vendor, o); o += 4;
  ev.writeUInt32LE(product, o); o += 4;
  ev.writeUInt32LE(1, o); o += 4; // version
  ev.writeUInt32LE(0, o); o += 4; // country
  Buffer.from(SCALE_DESCRIPTOR).copy(ev, o);
  writeSync(fd, ev);
  return {
    input(report) {
      const e = Buffer.alloc(EVENT_SIZE);
      e.writeUInt32LE(UHID_INPUT2, 0);
      e.writeUInt16LE(report.length, 4);
      Buffer.from(report).copy(e, 6);
      writeSync(fd, e);
    },
    destroy() {
      const e = Buffer.alloc(EVENT_SIZE);
      e.writeUInt32LE(UHID_DESTROY, 0);
      writeSync(fd, e);
      closeSync(fd);
    },
  };
}

describe(hasUhid ? 'HID POS scale through /dev/uhid and node-hid' : 'HID POS scale through /dev/uhid (needs /dev/uhid, absent on this machine)', () => {
  it.skipIf(!hasUhid)('reads a stable weight from a virtual HID scale, skipping the stale first report', async () => {
    const dev = createVirtualScale(0x0922, 0x8003);
    const driver = new ScaleDriver({ address: { kind: 'hid', vendorId: 0x0922, productId: 0x8003 }, protocol: 'hid', backoff: { min: 100, max: 300 } });
    const readings: TimedReading[] = [];
    driver.on('reading', (r) => readings.push(r));
    try {
      driver.start();
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`virtual scale never connected: ${JSON.stringify(driver.state)}`)), 5000);
        const check = () => driver.state.status === 'connected' && (clearTimeout(t), resolve());
        driver.on('state', check);
        check();
      });
      const stable = driver.readStable(3000);
      dev.input(encodeHidScaleReport(4, 2, 0, 9999)); // stale: must be skipped
      await new Promise((r) => setTimeout(r, 50));
      dev.input(encodeHidScaleReport(3, 2, 0, 1200)); // in motion
      dev.input(encodeHidScaleReport(4, 12, -2, 250)); // 2.50 lb stable
      expect(await stable).toMatchObject({ grams: 1134, stable: true });
      expect(readings.map((r) => r.grams)).not.toContain(9999);
    } finally {
      await driver.stop();
      dev.destroy();
    }
  });
});
