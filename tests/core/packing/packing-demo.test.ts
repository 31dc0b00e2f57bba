// The demo shop can be packed at once: every demo carrier has a waybill range, the boxes have
// barcodes (their codes) and weight limits, and some SKUs have no weight so weight learning shows.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { seedDemo, DEMO_WAYBILL_RANGES } from '../../../src-main/core/demo/seed';
import { startPacking } from '../../../src-main/core/modules/packing/actions/start-packing';
import { createParcel } from '../../../src-main/core/modules/packing/actions/create-parcel';
import { isValidWaybill } from '../../../src-main/contract/check-digits';
import { openTestCore, SYSTEM } from '../helpers';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  seedDemo(core, { skus: 40, orders: 400 });
});
afterAll(() => core.close());

describe('demo shop packing', () => {
  it.each(['sf', 'zto', 'yto', 'ems', 'ups', 'dhl'])('an allocated %s order is packed with a valid waybill from the demo range', (carrier) => {
    const orderId = core.db.prepare("SELECT id FROM orders WHERE state = 'allocated' AND carrier = ? ORDER BY id LIMIT 1").pluck().get(carrier) as string;
    expect(orderId).toBeTruthy();
    const out = core.writes.runNow(() => {
      const t = startPacking(core.ctx, orderId, { bench: 'DEMO-1' }, SYSTEM);
      expect(t.warnings.filter((w) => w.includes('waybill'))).toEqual([]);
      const box = t.boxTypes.find((b) => b.id === t.suggestedBox?.id) ?? t.boxTypes[0]!;
      const items = t.lines.map((l) => ({ skuId: l.skuId, qty: l.qty }));
      const known = t.lines.every((l) => l.unitWeightG !== null);
      const measuredG = box.tareG + t.lines.reduce((g, l) => g + (l.unitWeightG ?? 200) * l.qty, 0);
      expect(known || t.warnings.some((w) => w.includes('no unit weight'))).toBe(true);
      return createParcel(core.ctx, orderId, { bench: 'DEMO-1', expectedVersion: t.order.version, boxTypeId: box.id, items, measuredG, final: true }, SYSTEM);
    });
    const range = DEMO_WAYBILL_RANGES.find((r) => r.carrier === carrier)!;
    expect(isValidWaybill(range.scheme, out.parcel.waybill, { prefix: range.prefix, suffix: range.suffix })).toBe(true);
    expect(out.order.state).toBe('packed');
  });

  it('has box types BOX-S/M/L with weight limits and SKUs without a unit weight', () => {
    const boxes = core.db.prepare("SELECT code FROM box_types WHERE max_weight_g IS NOT NULL AND code LIKE 'BOX-%' ORDER BY tare_g").pluck().all();
    expect(boxes).toEqual(['BOX-S', 'BOX-M', 'BOX-L']);
    expect(core.db.prepare('SELECT COUNT(*) FROM skus WHERE unit_weight_g IS NULL').pluck().get()).toBeGreaterThan(0);
  });
});
