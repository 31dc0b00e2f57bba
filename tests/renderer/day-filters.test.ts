// The day filters of the Orders and Audit screens send the shop's days (its `timeZone` setting) as
// UTC instants, whatever zone the browser is in: a back-office PC in Los Angeles filtering a Shanghai
// shop's "3 December" gets Shanghai's 3 December, midnight to midnight.
process.env.TZ = 'America/Los_Angeles'; // the browser's zone, before any date is made
import { describe, expect, it } from 'vitest';
import { shopDayRange, shopDayStart } from '../../src-main/contract/shop-time';

const iso = (ms: number) => new Date(ms).toISOString();

describe("a screen's day filter (contract/shop-time shopDayRange)", () => {
  it('the machine here is in Los Angeles: its own midnight of the day would be 08:00 UTC', () => {
    expect(new Date('2026-12-03T00:00:00').toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it("is the shop's midnight starting `from` to the one ending `to`, not the browser's", () => {
    expect(shopDayRange('2026-12-03', '2026-12-03', 'Asia/Shanghai')).toEqual({ from: '2026-12-02T16:00:00.000Z', to: '2026-12-03T16:00:00.000Z' });
    expect(shopDayRange('2026-11-01', '2026-11-30', 'Asia/Shanghai')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(shopDayRange('2026-12-03', '2026-12-03', 'UTC')).toEqual({ from: '2026-12-03T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' });
  });

  it('leaves out an end not picked, and crosses month and year ends', () => {
    expect(shopDayRange('', '2026-12-31', 'Asia/Shanghai')).toEqual({ from: undefined, to: '2026-12-31T16:00:00.000Z' });
    expect(shopDayRange('2026-12-01', '', 'Asia/Shanghai')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: undefined });
    expect(shopDayRange('', '', 'Asia/Shanghai')).toEqual({ from: undefined, to: undefined });
  });

  it('a day the clocks change on is as long as it is in the shop (Berlin: 23 h in spring, 25 h in autumn)', () => {
    expect(shopDayRange('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(shopDayRange('2026-10-25', '2026-10-25', 'Europe/Berlin')).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
  });

  it('refuses a text that is not a day, saying which', () => {
    expect(() => shopDayStart('3 Dec', 'Asia/Shanghai')).toThrow('"3 Dec" is not a day (YYYY-MM-DD)');
    expect(iso(shopDayStart('2026-12-31', 'Asia/Shanghai', 1))).toBe('2026-12-31T16:00:00.000Z');
  });
});
