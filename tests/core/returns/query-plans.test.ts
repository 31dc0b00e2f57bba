// The return bench's scan look-ups use their indexes (EXPLAIN QUERY PLAN on a real SQLite core):
// a return waybill, a channel return id, a code seen on an unknown parcel, an order's returns;
// never a scan of every return. The SQL is the one the module runs, imported from its store.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { RETURNS_BY_CHANNEL_REF, RETURNS_BY_PARCEL_CODE, RETURNS_BY_WAYBILL, RETURNS_OF_ORDER } from '../../../src-main/core/modules/returns/store';
import { openTestCore } from '../helpers';
import { onTestPostgres, postgresPlan } from '../../pg-store';

let core: Core;
beforeAll(() => {
  core = openTestCore();
});
afterAll(() => core.close());

const plan = (sql: string, ...args: unknown[]) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('return bench query plans', () => {
  if (onTestPostgres) {
    // PostgreSQL's planner, the same indexes (EXPLAIN's words differ from SQLite's)
    const pgPlan = (sql: string) => postgresPlan(core.db, sql, 'x');
    it('a return waybill by its index', () => expect(pgPlan(RETURNS_BY_WAYBILL)).toMatch(/Index Scan using returns_waybill on returns/));
    it('a channel return id by its index', () => expect(pgPlan(RETURNS_BY_CHANNEL_REF)).toMatch(/Index Scan using returns_channel_ref_code on returns/));
    it("an unknown parcel's code by the codes' key, then the return by its id", () => {
      const p = pgPlan(RETURNS_BY_PARCEL_CODE);
      // how the return is then joined is the planner's choice for a test's empty tables
      expect(p).toMatch(/Index (Only )?Scan (using|on) return_codes_pkey/);
      expect(p).not.toMatch(/Seq Scan/);
    });
    it("an order's returns by the order index", () => expect(pgPlan(RETURNS_OF_ORDER)).toMatch(/(Bitmap Index|Index) Scan (Backward )?using returns_order/));
    return;
  }
  it('a return waybill by its index', () => expect(plan(RETURNS_BY_WAYBILL, 'x')).toMatch(/SEARCH returns USING INDEX returns_waybill \(waybill=\?\)/));
  it('a channel return id by its index', () => expect(plan(RETURNS_BY_CHANNEL_REF, 'x')).toMatch(/SEARCH returns USING INDEX returns_channel_ref_code \(channel_ref=\?\)/));
  it("an unknown parcel's code by the codes' key, then the return by its id", () => {
    const p = plan(RETURNS_BY_PARCEL_CODE, 'x');
    expect(p).toMatch(/SEARCH return_codes USING (COVERING |PRIMARY KEY )?.*\(code=\?\)/);
    expect(p).toMatch(/SEARCH returns USING INDEX sqlite_autoindex_returns_1 \(id=\?\)/);
    expect(p).not.toMatch(/SCAN/);
  });
  it("an order's returns by the order index", () => expect(plan(RETURNS_OF_ORDER, 'x')).toMatch(/SEARCH returns USING (COVERING )?INDEX returns_order \(order_id=\?\)/));
});
