import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseAddress, formatAddress, parseAddressOrPort, type DeviceAddress } from '../../src-main/devices/address';
import { AppError } from '../../src-main/lib/errors';

function errorOf(s: string): AppError {
  try {
    parseAddress(s);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`"${s}" was accepted`);
}

describe('device addresses', () => {
  it('parses each kind', () => {
    expect(parseAddress('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parseAddress('tcp://zebra.local')).toEqual({ kind: 'tcp', host: 'zebra.local', port: 9100 });
    expect(parseAddress('serial:/dev/ttyUSB0?baud=9600&dataBits=7&parity=even&stopBits=1')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(parseAddress('serial:COM3')).toMatchObject({ kind: 'serial', path: 'COM3', baudRate: 9600, dataBits: 8, parity: 'none' });
    expect(parseAddress('hid:0922:8003')).toEqual({ kind: 'hid', vendorId: 0x0922, productId: 0x8003 });
    expect(parseAddress('hid:0922:8003?path=%2Fdev%2Fhidraw3')).toEqual({ kind: 'hid', vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw3' });
    expect(parseAddress('spool:Zebra_ZD421')).toEqual({ kind: 'spool', printer: 'Zebra_ZD421' });
    expect(parseAddress('file:/dev/usb/lp0')).toEqual({ kind: 'file', path: '/dev/usb/lp0' });
  });
  it('takes a bare port path from the technician', () => {
    expect(parseAddressOrPort('/dev/ttyUSB0', { baudRate: 4800 })).toMatchObject({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 4800 });
  });
  it.each([
    ['', /empty/],
    ['192.168.1.50:9100', /unknown scheme "192.168.1.50"/],
    ['printer', /no scheme/],
    ['tcp:192.168.1.50', /tcp:\/\//],
    ['tcp://host:99999', /port 99999/],
    ['tcp://ho st:9100', /not host:port/],
    ['serial:', /port path/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud "fast"/],
    ['serial:/dev/ttyUSB0?dataBits=9', /dataBits must be/],
    ['serial:/dev/ttyUSB0?parity=maybe', /parity must be/],
    ['serial:/dev/ttyUSB0?stopBits=3', /stopBits must be/],
    ['serial:/dev/ttyUSB0?speed=9600', /unknown option "speed"/],
    ['serial:/dev/ttyUSB0?baud', /name=value/],
    ['serial:/dev/ttyUSB0?baud=1&baud=2', /given twice/],
    ['hid:922:8003', /vendor id must be 4 hex digits/],
    ['hid:0922', /product id/],
    ['hid:0922:zzzz', /product id/],
    ['spool:My Printer', /CUPS queue name/],
    ['file:', /device path/],
    ['usb:0922', /unknown scheme "usb"/],
  ])('refuses %j naming what is wrong', (addr, why) => {
    const e = errorOf(addr);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(why);
  });
  it('property: format then parse gives the same address', () => {
    const addr: fc.Arbitrary<DeviceAddress> = fc.oneof(
      fc.record({ kind: fc.constant('tcp' as const), host: fc.constantFrom('127.0.0.1', 'zebra.local', '::1'), port: fc.integer({ min: 1, max: 65535 }) }),
      fc.record({ kind: fc.constant('serial' as const), path: fc.constantFrom('/dev/ttyUSB0', 'COM3'), baudRate: fc.constantFrom(1200, 9600, 115200), dataBits: fc.constantFrom(7 as const, 8 as const), parity: fc.constantFrom('none' as const, 'even' as const, 'odd' as const), stopBits: fc.constantFrom(1 as const, 2 as const) }),
      fc.record({ kind: fc.constant('hid' as const), vendorId: fc.integer({ min: 0, max: 0xffff }), productId: fc.integer({ min: 0, max: 0xffff }) }),
      fc.record({ kind: fc.constant('spool' as const), printer: fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/) }),
      fc.record({ kind: fc.constant('file' as const), path: fc.constantFrom('/dev/usb/lp0', '/tmp/x') }),
    );
    fc.assert(fc.property(addr, (a) => { expect(parseAddress(formatAddress(a))).toEqual(a); }));
  });
  it('property: any string either parses or throws a validation AppError', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      try { parseAddress(s); } catch (e) { expect(e).toBeInstanceOf(AppError); }
    }), { numRuns: 2000 });
  });
});
