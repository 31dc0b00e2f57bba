// The lead's hot queries use their indexes (EXPLAIN QUERY PLAN on a real SQLite core): the put
// wall's slot look-up starts from the orders in wave, the bench board from today's parcels, the
// handover from the packed orders, the pool from the allocated ones; never a scan of all history.
// The SQL is the one the modules run, imported from their store.ts.
import { PENDING_HANDOVER } from '../../../src-main/core/modules/shipping/store';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { SLOT_FOR_SCAN_SQL, poolOrdersSql, poolLinesSql } from '../../../src-main/core/modules/waves/store';
import { PARCELS_PER_BENCH_SINCE_SQL } from '../../../src-main/core/modules/board/store';
import { openTestCore } from '../helpers';
import { onTestPostgres, postgresPlan } from '../../pg-store';

let core: Core;
beforeAll(() => {
  core = openTestCore();
});
afterAll(() => core.close());

const plan = (sql: string, ...args: unknown[]) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('wave query plans', () => {
  if (onTestPostgres) {
    // PostgreSQL's planner, the same starting indexes (EXPLAIN's words differ from SQLite's); how
    // the rest is joined is its choice for a test's empty tables
    const pgPlan = (sql: string, ...args: unknown[]) => postgresPlan(core.db, sql, ...args);
    const byIndex = (p: string, index: string) => expect(p).toMatch(new RegExp(`(Index|Index Only|Bitmap Index) Scan (using|on) ${index}\\b`));
    it('put wall: from the orders in_wave by the state index, the lines by order', () => {
      const p = pgPlan(SLOT_FOR_SCAN_SQL, 'sku', 'sku', null, null, null, null, null, null, null);
      byIndex(p, 'orders_state');
      expect(p).not.toMatch(/Seq Scan on (orders|order_lines|wave_orders)\b/);
    });
    it("bench board: today's parcels by the creation-time index", () => byIndex(pgPlan(PARCELS_PER_BENCH_SINCE_SQL, '2026-11-20'), 'parcels_created'));
    it('handover: from the packed orders, their parcels by order', () => {
      const p = pgPlan(PENDING_HANDOVER);
      byIndex(p, 'orders_state');
      expect(p).not.toMatch(/Seq Scan on (orders|parcels)\b/);
    });
    it('pool: the allocated orders by the state index, membership by the one-wave index', () => {
      for (const p of [pgPlan(poolOrdersSql(['allocated'], false), 'wh_default'), pgPlan(poolLinesSql(['allocated'], false), 'wh_default')]) {
        byIndex(p, 'orders_state');
        expect(p).not.toMatch(/Seq Scan on (orders|wave_orders)\b/);
      }
    });
    return;
  }
  it('put wall: from the orders in_wave by the state index, the lines by order', () => {
    // any wave, any bench
    const p = plan(SLOT_FOR_SCAN_SQL, 'sku', 'sku', null, null, null, null, null, null, null);
    expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
    expect(p).toMatch(/SEARCH l USING INDEX order_lines_order/);
    expect(p).not.toMatch(/SCAN (o|l|wo)\b/);
  });

  it("bench board: today's parcels by the creation-time index", () => {
    expect(plan(PARCELS_PER_BENCH_SINCE_SQL, '2026-11-20')).toMatch(/SEARCH parcels USING INDEX parcels_created \(created_at>\?\)/);
  });

  it('handover: from the packed orders, their parcels by order', () => {
    const p = plan(PENDING_HANDOVER);
    expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
    expect(p).toMatch(/SEARCH p USING INDEX parcels_(order|live_seq) \(order_id=\?\)/);
  });

  it('pool: the allocated orders by the state index, membership by the one-wave index', () => {
    // the pool's orders and their lines, as the planner reads them for a rule taking allocated orders
    for (const p of [plan(poolOrdersSql(['allocated'], false), 'wh_default'), plan(poolLinesSql(['allocated'], false), 'wh_default')]) {
      expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
      expect(p).toMatch(/SEARCH wo USING (COVERING )?INDEX wave_orders_one_wave \(order_id=\?\)/);
    }
  });
});
