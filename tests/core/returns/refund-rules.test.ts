// The refund rules and the platform reason mapping, on their own (pure functions).
import { describe, it, expect } from 'vitest';
import { unitRefund, unitValues } from '../../../src-main/core/modules/returns/refund-rules';
import { GRADES, RETURN_REASONS, REASON_PLATFORM, reasonFromPlatform, approversFor, RETURN_TRANSITIONS, RETURN_STATES } from '../../../src-main/contract/returns';

describe('refund per graded unit', () => {
  it('refunds sellable and repairable units whatever the reason, missing and not-ours units never', () => {
    for (const reason of RETURN_REASONS) {
      expect(unitRefund('sellable', reason, 1000, true)).toBe(1000);
      expect(unitRefund('repair', reason, 1000, true)).toBe(1000);
      expect(unitRefund('missing', reason, 1000, true)).toBe(0);
      expect(unitRefund('not_ours', reason, 1000, true)).toBe(0);
    }
  });
  it("refunds damaged and scrapped units only when it was the shop's fault", () => {
    for (const g of ['damaged', 'scrap'] as const) {
      expect(unitRefund(g, 'defective', 1000, true)).toBe(1000);
      expect(unitRefund(g, 'wrong_item', 1000, true)).toBe(1000);
      expect(unitRefund(g, 'damaged_in_transit', 1000, true)).toBe(1000);
      expect(unitRefund(g, 'not_as_described', 1000, true)).toBe(1000);
      expect(unitRefund(g, 'changed_mind', 1000, true)).toBe(0);
      expect(unitRefund(g, 'size_too_small', 1000, true)).toBe(0);
      expect(unitRefund(g, 'colour', 1000, true)).toBe(0);
    }
  });
  it('an item no line expected adds nothing, whatever its grade', () => {
    for (const g of GRADES) expect(unitRefund(g, 'defective', 1000, false)).toBe(0);
  });
  it('shares the order total over lines by price x quantity, never more than the total', () => {
    expect(unitValues(10000, [{ qty: 1, price: 3000 }, { qty: 2, price: 1000 }])).toEqual([6000, 2000]);
    expect(unitValues(10000, [{ qty: 1, price: null }, { qty: 3, price: 1000 }])).toEqual([2500, 2500]);
    const v = unitValues(1000, [{ qty: 3, price: 1 }, { qty: 1, price: 1 }]);
    expect(v[0]! * 3 + v[1]!).toBeLessThanOrEqual(1000);
    expect(unitValues(0, [{ qty: 1, price: 100 }])).toEqual([0]);
  });
});

describe('reasons and roles', () => {
  it("maps every reason to the platforms' enums and back", () => {
    for (const r of RETURN_REASONS) {
      expect(reasonFromPlatform(r)).toBe(r);
      expect(reasonFromPlatform(REASON_PLATFORM[r].kuaimai)).toBe(r);
    }
    expect(reasonFromPlatform('SIZE_TOO_LARGE')).toBe('size_too_large');
    expect(reasonFromPlatform('COLOR')).toBe('colour');
    expect(reasonFromPlatform('UNWANTED')).toBe('changed_mind');
    expect(reasonFromPlatform('STYLE')).toBe('changed_mind');
    expect(reasonFromPlatform('production_failure')).toBe('defective');
    expect(reasonFromPlatform('wrong_item')).toBe('wrong_item');
    expect(reasonFromPlatform('something new')).toBe('other');
  });
  it('an operator approves up to the amount, only a lead or admin above', () => {
    expect(approversFor(5000, 5000)).toContain('operator');
    expect(approversFor(5001, 5000)).not.toContain('operator');
    expect(approversFor(5001, 5000)).toEqual(expect.arrayContaining(['lead', 'admin']));
  });
  it('every state but closed, declined and cancelled has a way on', () => {
    const from = new Set(Object.values(RETURN_TRANSITIONS).flatMap((t) => t.from as readonly string[]));
    expect(RETURN_STATES.filter((s) => !from.has(s))).toEqual(['closed', 'declined', 'cancelled']);
  });
});
