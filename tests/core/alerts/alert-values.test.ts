// One alert, one figure: while a threshold keeps firing, the alert on the screen says the value at the
// last look in its title and detail, and keeps the value it was raised with apart (firstValue), so
// the screen can say "131 when raised at 01:05 · now 162"; a new window's alert replaces the last
// window's instead of leaving a second card with an older figure. A blank metric is refused by its field.
import { describe, it, expect } from 'vitest';
import { startCore } from '../helpers';
import { registerMetric } from '../../../src-main/core/modules/alerts/metrics';
import { alertRunner } from '../../../src-main/core/modules/alerts/flows';
import type { Clock } from '../../../src-main/lib/clock';

let late = 131;
registerMetric({ key: 'test.past_ship_by', label: { en: 'Open orders past ship-by (test)', zh: '已过发货时限（测试）' }, read: () => late });

function movableClock(iso: string): Clock & { add(ms: number): void } {
  let t = Date.parse(iso);
  return { now: () => t, iso: () => new Date(t).toISOString(), add: (ms) => void (t += ms) };
}

describe('an alert whose figure moves', () => {
  it('says the figure now in its title and detail, keeps the one it was raised with, and stays one card across windows', async () => {
    const clock = movableClock('2026-12-03T01:05:00Z');
    const s = await startCore({ core: { clock } });
    try {
      const t = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: 'test.past_ship_by', op: 'above', value: 20, level: 'critical', todo: 'Release a wave of the late orders' });
      expect(t.status, t.text).toBe(200);
      const runner = alertRunner(s.core);
      const open = async () => ((await s.as('lead', 'GET', '/api/alerts')).body.open as { key: string; title: string; detail: string; value: number; firstValue: number; firstAt: string; count: number }[])
        .filter((a) => a.key === `threshold:${t.body.id}`);

      late = 131;
      await runner.evaluate();
      expect(await open()).toEqual([expect.objectContaining({ value: 131, firstValue: 131, firstAt: '2026-12-03T01:05:00.000Z', count: 1 })]);

      // later in the same window the figure has grown: title and detail both say 162, the first figure is kept
      clock.add(20 * 60_000);
      late = 162;
      await runner.evaluate();
      const [a] = await open();
      expect(a).toMatchObject({ value: 162, firstValue: 131, firstAt: '2026-12-03T01:05:00.000Z', count: 1 });
      expect(a!.title).toContain('162');
      expect(a!.title).not.toContain('131');
      expect(a!.detail).toContain('is 162 (threshold > 20)');

      // the next window: its alert replaces the last window's (one card, not a second with an older figure)
      clock.add(60 * 60_000);
      late = 170;
      await runner.evaluate();
      expect(await open()).toEqual([expect.objectContaining({ value: 170, firstValue: 170, firstAt: '2026-12-03T02:25:00.000Z' })]);

      // back under the threshold: nothing is open
      late = 3;
      await runner.evaluate();
      expect(await open()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('refuses a threshold without a metric by naming the field, and sets nothing', async () => {
    const s = await startCore();
    try {
      const before = (await s.as('lead', 'GET', '/api/alerts/thresholds')).body.items.length;
      const r = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: '', op: 'above', value: 1, todo: 'x' });
      expect(r.status).toBe(422);
      expect(r.body.error.issues).toEqual([expect.objectContaining({ path: 'metric' })]);
      expect((await s.as('lead', 'GET', '/api/alerts/thresholds')).body.items).toHaveLength(before);
    } finally {
      await s.close();
    }
  });
});
