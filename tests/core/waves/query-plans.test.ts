// The lead's hot queries use their indexes (EXPLAIN QUERY PLAN on a real SQLite core): the put
// wall's slot look-up starts from the orders in wave, the bench board from today's parcels, the
// handover from the packed orders, the pool from the allocated ones; never a scan of all history.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { openTestCore } from '../helpers';

let core: Core;
beforeAll(() => {
  core = openTestCore();
});
afterAll(() => core.close());

const plan = (sql: string, ...args: unknown[]) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('wave query plans', () => {
  it('put wall: from the orders in_wave by the state index, the lines by order', () => {
    const p = plan(`SELECT o.id, (SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id AND +l.sku_id = ?) need
      FROM orders o JOIN wave_orders wo ON wo.order_id = o.id AND wo.member = 'active' JOIN waves w ON w.id = wo.wave_id AND w.state = 'released'
      WHERE o.state = 'in_wave'`, 'sku');
    expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
    expect(p).toMatch(/SEARCH l USING INDEX order_lines_order/);
    expect(p).not.toMatch(/SCAN (o|l|wo)\b/);
  });

  it("bench board: today's parcels by the creation-time index", () => {
    expect(plan("SELECT bench, COUNT(*) FROM parcels WHERE created_at >= ? AND state <> 'voided' GROUP BY bench", '2026-11-20')).toMatch(/SEARCH parcels USING INDEX parcels_created \(created_at>\?\)/);
  });

  it('handover: from the packed orders, their parcels by order', () => {
    const p = plan(`SELECT p.carrier FROM orders o JOIN parcels p ON p.order_id = o.id AND p.state = 'labelled'
      WHERE o.state = 'packed' AND NOT EXISTS (SELECT 1 FROM manifest_parcels mp WHERE mp.parcel_id = p.id)`);
    expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
    expect(p).toMatch(/SEARCH p USING INDEX parcels_(order|live_seq) \(order_id=\?\)/);
  });

  it('pool: the allocated orders by the state index, membership by the one-wave index', () => {
    const p = plan(`SELECT o.rowid FROM orders o WHERE o.state IN ('allocated')
      AND NOT EXISTS (SELECT 1 FROM wave_orders wo WHERE wo.order_id = o.id AND wo.member = 'active') ORDER BY o.id`);
    expect(p).toMatch(/SEARCH o USING (COVERING )?INDEX orders_state \(state=\?\)/);
    expect(p).toMatch(/SEARCH wo USING (COVERING )?INDEX wave_orders_one_wave \(order_id=\?\)/);
  });
});
