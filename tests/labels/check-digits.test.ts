import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWaybill, gs1CheckDigit, isValidWaybill, mod11CheckDigit, s10CheckDigit, s10Number, sscc18 } from '../../src-main/contract/check-digits';

describe('check digits against published examples', () => {
  it('UPU S10: RR12345678?CN has check digit 5', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10Number('RR', 12345678, 'CN')).toBe('RR123456785CN');
    expect(isValidWaybill('s10', 'RR123456785CN')).toBe(true);
    expect(isValidWaybill('s10', 'RR123456784CN')).toBe(false);
  });
  it('UPU S10 maps 10 to 0 and 11 to 5', () => {
    // 00000000 sums to 0: 11 - 0 = 11 -> 5.
    expect(s10CheckDigit('00000000')).toBe(5);
    // Find a serial whose raw result is 10 and check it prints 0.
    const weights = [8, 6, 4, 2, 3, 5, 9, 7];
    const serial = '00000001'; // sum 7 -> 11 - 7 = 4
    expect(s10CheckDigit(serial)).toBe(4);
    const ten = ['00000010', '00000100', '00001000'].find((s) => 11 - ([...s].reduce((a, d, i) => a + weights[i]! * Number(d), 0) % 11) === 10);
    if (ten) expect(s10CheckDigit(ten)).toBe(0);
  });
  it('SSCC: 10614141123456789 has GS1 check digit 7', () => {
    expect(gs1CheckDigit('10614141123456789')).toBe(7);
    expect(sscc18('10614141123456789')).toBe('106141411234567897');
  });
  it('GS1 mod-10 matches the GTIN-13 example 590123412345(7)', () => {
    expect(gs1CheckDigit('590123412345')).toBe(7);
  });
  it('mod-11 round-trips, and a wrong check digit is refused', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 1, max: 9 }), (serial, delta) => {
      const n = formatWaybill({ scheme: 'mod11', serial, width: 8, prefix: 'PL' });
      expect(isValidWaybill('mod11', n, { prefix: 'PL' })).toBe(true);
      expect(mod11CheckDigit(n.slice(2, 10))).toBe(Number(n[10]));
      const wrong = n.slice(0, 10) + String((Number(n[10]) + delta) % 10);
      expect(isValidWaybill('mod11', wrong, { prefix: 'PL' })).toBe(false);
    }));
  });
  it('mod-10 and none format with prefix and width', () => {
    expect(formatWaybill({ scheme: 'mod10', serial: 42, width: 6, prefix: 'YT' })).toBe(`YT000042${gs1CheckDigit('000042')}`);
    expect(formatWaybill({ scheme: 'none', serial: 42, width: 6, prefix: 'X' })).toBe('X000042');
  });
});
