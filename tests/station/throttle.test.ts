import { describe, it, expect } from 'vitest';
import { throttleLatest } from '../../src-main/station/runtime';

// Weight pushes: the first goes out at once, then at most one per interval, and the newest wins.
describe('latest-value throttle for weight pushes', () => {
  it('sends the first at once, thins a fast stream, and never loses the newest value', async () => {
    const sent: { v: number; at: number }[] = [];
    const t0 = performance.now();
    const th = throttleLatest<number>(50, (v) => sent.push({ v, at: performance.now() - t0 }));
    for (let i = 0; i < 40; i++) {
      th.push(i);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 80));
    expect(sent[0]).toMatchObject({ v: 0 });
    expect(sent[0]!.at).toBeLessThan(5);
    expect(sent.at(-1)!.v).toBe(39);
    // timers may fire a little early against performance.now(); a loaded machine stretches the loop
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(45);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(sent.at(-1)!.at / 45) + 1);
    expect(sent.length).toBeLessThan(40);
  });

  it('passes values slower than the interval straight through', async () => {
    const sent: number[] = [];
    const th = throttleLatest<number>(20, (v) => sent.push(v));
    for (let i = 0; i < 4; i++) {
      th.push(i);
      expect(sent).toEqual([...Array(i + 1).keys()]);
      await new Promise((r) => setTimeout(r, 30));
    }
    th.cancel();
  });
});
