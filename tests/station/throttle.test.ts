import { describe, it, expect } from 'vitest';
import { throttleLatest } from '../../src-main/station/runtime';

// Weight pushes: undelayed while readings come at most once per interval (two close together
// pass too), a faster stream is thinned, and the newest value always goes out.
describe('latest-value throttle for weight pushes', () => {
  it('sends the first at once, thins a fast stream, and never loses the newest value', async () => {
    const sent: { v: number; at: number }[] = [];
    const t0 = performance.now();
    const th = throttleLatest<number>(50, (v) => sent.push({ v, at: performance.now() - t0 }));
    for (let i = 0; i < 40; i++) {
      th.push(i);
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 120));
    expect(sent[0]).toMatchObject({ v: 0 });
    expect(sent[0]!.at).toBeLessThan(5);
    expect(sent.at(-1)!.v).toBe(39);
    // a burst of 2, then one per 50 ms (timers may fire a little early; a loaded machine stretches the loop)
    expect(sent.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 45) + 1);
    expect(sent.length).toBeLessThan(40);
  });

  it('passes values that come no faster than the interval straight through, also two close together', async () => {
    const sent: number[] = [];
    const th = throttleLatest<number>(30, (v) => sent.push(v));
    for (let i = 0; i < 4; i++) {
      th.push(i);
      expect(sent).toEqual([...Array(i + 1).keys()]);
      await new Promise((r) => setTimeout(r, 40));
    }
    th.push(4);
    th.push(5); // came early: still a token left
    expect(sent).toEqual([0, 1, 2, 3, 4, 5]);
    th.cancel();
  });
});
