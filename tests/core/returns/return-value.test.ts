// What a return is worth, over the real HTTP server and SQLite: every unit of an order back, in one
// return or in several, is worth the order total to the cent (the shares' left-over cents are handed
// out, not dropped), and the bench's refund of every unit adds up to it. An older database's return
// lines keep the value they had.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { tempDir } from '../helpers';
import { startReturnsShop, shippedOrder, BARCODE, type ReturnsShop } from './fixture';

let shop: ReturnsShop;
beforeAll(async () => {
  shop = await startReturnsShop();
  await shop.s.as('lead', 'PUT', '/api/returns/settings', { approvalLimit: 1_000_000, windowDays: 30, returnsBin: 'RET-01' });
});
afterAll(() => shop.s.close());

const act = (id: string, action: string, body: object = {}) => shop.s.as('lead', 'POST', `/api/returns/${id}/actions/${action}`, body);
const grade = (id: string, code: string) => shop.s.as('operator', 'POST', `/api/returns/${id}/units`, { code, grade: 'sellable' });

describe('a return is worth what the buyer paid', () => {
  it('a whole-order return of 3 units whose total does not divide by 3 is worth the order total, and so is the refund of its units', async () => {
    // 59.70 over 3 units: 19.90 each; 100.00 over 3: 33.34 + 33.33 + 33.33 (it was 33.33 x 3 = 99.99)
    for (const total of [5970, 10000]) {
      const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 3 }], total);
      const r = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'defective' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ units: 3, value: total, currency: 'CNY' });
      expect(r.body.lines).toEqual([expect.objectContaining({ sku: 'SKU-A', qty: 3, value: total, unitValue: Math.floor(total / 3) })]);
      await act(r.body.id, 'receive', { waybill: `RT-${total}` });
      const refunds: number[] = [];
      for (let i = 0; i < 3; i++) refunds.push((await grade(r.body.id, BARCODE.A)).body.unit.refund);
      expect(refunds.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...refunds) - Math.min(...refunds)).toBeLessThanOrEqual(1);
      const done = await act(r.body.id, 'finish_inspection');
      expect(done.body.refund.amount).toBe(total);
    }
  });

  it('several returns of one order add up to its total exactly, each one proportional', async () => {
    // 100.00 over SKU-A x 2 and SKU-B x 1 (no list prices: shared by quantity, 33.34 / 33.33 / 33.33)
    const o = shippedOrder(shop, [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-B', qty: 1 }], 10000);
    const first = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'colour', lines: [{ sku: 'SKU-A', qty: 1 }] });
    const second = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'colour', lines: [{ sku: 'SKU-A', qty: 1 }] });
    const rest = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'colour' });
    const values = [first, second, rest].map((r) => r.body.value as number);
    expect(values.reduce((a, b) => a + b, 0)).toBe(10000);
    for (const v of values) expect(Math.abs(v - 3333)).toBeLessThanOrEqual(1);
    // nothing is left to ask back, and asking changes nothing
    const again = await shop.s.as('operator', 'POST', '/api/returns', { order: o.number, reason: 'colour' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already in a return');
  });
});

describe('migration 2026121024 (return line value)', () => {
  it("an older database's return lines are worth unit value x quantity, as they were", () => {
    const t = tempDir('packline-return-value-');
    try {
      const db = openConnection(join(t.dir, 'p.db'));
      migrate(db, MIGRATIONS.filter((m) => m.version < 2026121024));
      db.pragma('foreign_keys = OFF');
      db.prepare("INSERT INTO return_lines (id, return_id, order_line_id, sku_id, qty, reason, unit_value) VALUES ('rl_1', 'ret_1', NULL, 'sku_1', 3, 'colour', 3333)").run();
      migrate(db, MIGRATIONS);
      expect(db.prepare("SELECT unit_value, value FROM return_lines WHERE id = 'rl_1'").get()).toEqual({ unit_value: 3333, value: 9999 });
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
