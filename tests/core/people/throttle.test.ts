// The in-memory login throttle: free tries, then a delay that doubles per failure up to a cap,
// forgotten a while after the last failure; a good attempt does not count.
import { describe, it, expect } from 'vitest';
import { Throttle } from '../../../src-main/core/modules/people/throttle';

function throttle(maxKeys?: number) {
  let t = 0;
  const th = new Throttle({ free: 3, firstDelayMs: 5000, maxDelayMs: 20_000, forgetAfterMs: 60_000 }, () => t, maxKeys);
  const fail = (key = 'a') => (th.attempt(key), th.failed(key));
  return { th, fail, advance: (ms: number) => void (t += ms) };
}

describe('login throttle', () => {
  it('lets the free tries through, then makes each further try wait 5 s, 10 s, 20 s, 20 s (the cap)', () => {
    const { th, fail, advance } = throttle();
    for (let i = 0; i < 3; i++) {
      expect(th.waitMs('a')).toBe(0);
      fail();
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      waits.push(th.waitMs('a'));
      advance(th.waitMs('a'));
      expect(th.waitMs('a')).toBe(0);
      fail();
    }
    expect(waits).toEqual([5000, 10_000, 20_000, 20_000]);
    expect(th.waitMs('b')).toBe(0); // other keys are not affected
  });

  it('a good attempt does not count; clear forgets the key; a quiet minute forgets it too', () => {
    const { th, fail, advance } = throttle();
    for (let i = 0; i < 3; i++) fail();
    th.attempt('a');
    th.succeeded('a');
    expect(th.waitMs('a')).toBe(5000);
    th.clear('a');
    expect(th.waitMs('a')).toBe(0);
    for (let i = 0; i < 4; i++) fail();
    advance(60_001);
    expect(th.waitMs('a')).toBe(0);
  });

  it('keeps at most maxKeys keys, dropping the oldest', () => {
    const { th, fail } = throttle(2);
    for (const k of ['x', 'y', 'z']) for (let i = 0; i < 4; i++) fail(k);
    expect(th.waitMs('x')).toBe(0);
    expect(th.waitMs('y')).toBeGreaterThan(0);
    expect(th.waitMs('z')).toBeGreaterThan(0);
  });
});
