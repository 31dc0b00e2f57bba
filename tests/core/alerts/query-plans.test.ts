// The alerts' metric reads use their indexes (EXPLAIN QUERY PLAN on a real SQLite core with many
// rows, analysed as a shop's database is): a threshold is evaluated every minute on the core's
// thread, so each metric is a count over an index range of what it counts, never a pass over a
// table that grows with the shop's history. The SQL is the one the module runs, from its store.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { FAILED_CHANNEL_DELIVERIES_SQL } from '../../../src-main/core/modules/alerts/store';
import { LATE, openCounted, partsCounted } from '../../../src-main/core/modules/board/store';
import { metricDef, readMetric } from '../../../src-main/core/modules/alerts/metrics';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { fixedClock } from '../../../src-main/lib/clock';
import { addSku, openTestCore, orderInput, SYSTEM } from '../helpers';
import { onTestPostgres, postgresPlan } from '../../pg-store';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  // An inbox of 3,000 deliveries, a few failed (as a shop's is): the planner sees the real shape.
  core.writes.runNow(() => {
    // and 3,000 open orders on the board, a third of them late, a few split parts
    const open = core.db.prepare('INSERT INTO board_open (order_id, number, state, carrier, created_at, ship_by, packed, part_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 3000; i++) {
      const at = new Date(Date.parse('2026-11-19T00:00:00Z') + i * 60_000).toISOString();
      open.run(`ord_${String(i).padStart(6, '0')}`, `PL${i}`, 'ready', 'sf', at, i % 10 === 0 ? null : at, i % 4 === 0 ? 1 : 0, i % 300 === 1 ? 'ord_000000' : null);
    }
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

describe('open orders past ship-by (orders.past_ship_by)', () => {
  it("is the board's late count: a range of the open orders' ship-by index, never a pass over the orders", () => {
    const [all, parts] = [openCounted(LATE), partsCounted(LATE)];
    if (onTestPostgres) {
      const p = postgresPlan(core.db, all, '2026-11-20T08:00:00.000Z');
      expect(p).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) board_open_ship_by\b/);
      expect(p).not.toMatch(/Seq Scan|\borders\b/);
      expect(postgresPlan(core.db, parts, 'x', 'x')).toMatch(/Index (Only )?Scan using board_open_parts on board_open x/);
      return;
    }
    expect(plan(all, '2026-11-20T08:00:00.000Z')).toMatch(/^SEARCH b USING COVERING INDEX board_open_ship_by \(ship_by>\? AND ship_by<\?\)$/);
    expect(plan(parts, 'x', 'x').split('\n')[0]).toMatch(/USING (COVERING )?INDEX board_open_parts/);
  });

  it('counts the open orders whose ship-by has passed, whatever offset it was given in; not shipped ones', async () => {
    const shop = openTestCore({ clock: fixedClock('2026-11-20T08:00:00Z') });
    try {
      addSku(shop, 'SKU-A', { onHand: 10 });
      const add = (shipBy: string) => shop.writes.runNow(() => createOrder(shop.ctx, orderInput({ shipBy }), SYSTEM)).orderId;
      add('2026-11-20T15:30:00+08:00'); // 07:30 UTC: late (its text sorts after "...T08:00Z": a text comparison missed it)
      add('2026-11-20T06:00:00Z'); // late
      add('2026-11-20T20:00:00+08:00'); // 12:00 UTC: not yet
      const gone = add('2026-11-20T05:00:00Z');
      shop.writes.runNow(() => applyOrderAction(shop.ctx, gone, 'cancel', SYSTEM, { reason: 'buyer cancelled' }));
      await shop.board.flush();
      expect(readMetric(shop.ctx, metricDef('orders.past_ship_by')!)).toBe(2);
    } finally {
      shop.close();
    }
  });
});
