// The demo shop's command centre shows real numbers: late orders, parcels packed today by two
// packers at two benches, shipped orders measured against their promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/core';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { operatorStats, readKpis } from '../../../src-main/core/modules/board/queries';
import { fixedClock } from '../../../src-main/lib/clock';

// In the afternoon in Shanghai, the demo shop's zone, the day's work is the last 3 hours at the
// benches; 40 minutes after midnight there, the same work fits in those 40 minutes of today (the
// test on the system clock once failed from 00:00 to 03:00 Shanghai, and so did the demo).
describe.each([
  ['14:00 in Shanghai', '2026-12-03T06:00:00Z'],
  ['00:40 in Shanghai', '2026-12-03T16:40:00Z'],
])('demo board at %s', (_, nowUtc) => {
  let core: Core;
  beforeAll(async () => {
    core = openCore({ file: ':memory:', clock: fixedClock(nowUtc, 1) });
    seedDemo(core, { skus: 40, orders: 300 });
    await core.board.flush();
  });
  afterAll(() => core.close());

  it('has late orders, two packers and two benches with rates, shipped orders with an on-time rate', () => {
    const v = readKpis(core.ctx);
    expect(v.late).toBeGreaterThan(0);
    expect(v.backlog).toBeGreaterThan(0);
    expect(v.shipped_today).toBeGreaterThan(0);
    expect(v.on_time_rate_today).toBeGreaterThan(0);
    expect(v.on_time_rate_today).toBeLessThan(100);
    expect(v.ship_p90_min).toBeGreaterThan(60);
    const stats = operatorStats(core.ctx, {});
    const people = stats.items.filter((r) => r.name === '王芳 Wang Fang' || r.name === 'Lucas Martin');
    expect(people).toHaveLength(2);
    for (const p of people) {
      expect(p.parcels).toBeGreaterThanOrEqual(10);
      expect(p.parcelsPerHour).toBeGreaterThan(3);
    }
    expect(stats.benches.map((b) => b.packer)).toEqual(expect.arrayContaining(['bench-1', 'bench-2']));
    expect(v['holds:customer asked to ship next week']).toBe(2);
  });
});
