// The alerts' metric reads use their indexes (EXPLAIN QUERY PLAN on a real SQLite core with many
// rows, analysed as a shop's database is): a threshold is evaluated every minute on the core's
// thread, so each metric is a count over an index range of what it counts, never a pass over a
// table that grows with the shop's history. The SQL is the one the module runs, from its store.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { FAILED_CHANNEL_DELIVERIES_SQL } from '../../../src-main/core/modules/alerts/store';
import { openTestCore } from '../helpers';
import { onTestPostgres, postgresPlan } from '../../pg-store';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  // An inbox of 3,000 deliveries, a few failed (as a shop's is): the planner sees the real shape.
  core.writes.runNow(() => {
    core.db.prepare("INSERT INTO channels (id, kind, name, code, secret, created_at, updated_at) VALUES ('chn_1', 'generic', 'Shop', 'shop', 'secretxx', 'now', 'now')").run();
    const add = core.db.prepare("INSERT INTO channel_inbox (id, channel_id, delivery_id, topic, source, headers, body, received_at, state, delay_ms) VALUES (?, 'chn_1', ?, 'order', 'webhook', '{}', ?, ?, ?, 5)");
    for (let i = 0; i < 3000; i++) add.run(`dlv_${String(i).padStart(6, '0')}`, `d${i}`, Buffer.from('{}'), new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(), i % 500 === 7 ? 'failed' : 'done');
  });
  core.db.exec('ANALYZE');
});
afterAll(() => core.close());

const plan = (sql: string, ...args: unknown[]) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('alert metric query plans', () => {
  it('channel deliveries failed: counted from the partial index of failed deliveries, not the whole inbox', () => {
    expect(core.db.prepare(FAILED_CHANNEL_DELIVERIES_SQL).pluck().get()).toBe(6);
    if (onTestPostgres) {
      const p = postgresPlan(core.db, FAILED_CHANNEL_DELIVERIES_SQL);
      expect(p).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) channel_inbox_failed\b/);
      expect(p).not.toMatch(/Seq Scan/);
      return;
    }
    expect(plan(FAILED_CHANNEL_DELIVERIES_SQL)).toMatch(/^SCAN channel_inbox USING COVERING INDEX channel_inbox_failed$/);
  });
});
