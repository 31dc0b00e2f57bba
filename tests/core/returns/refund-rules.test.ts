// The refund rules and the platform reason mapping, on their own (pure functions).
import { describe, it, expect } from 'vitest';
import { lineShares, nthUnitValue, unitRefund, unitsValue } from '../../../src-main/core/modules/returns/refund-rules';
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
  it('shares the order total over lines by price x quantity', () => {
    expect(lineShares(10000, [{ qty: 1, price: 3000 }, { qty: 2, price: 1000 }])).toEqual([6000, 4000]);
    expect(lineShares(10000, [{ qty: 1, price: null }, { qty: 3, price: 1000 }])).toEqual([2500, 7500]);
    expect(lineShares(0, [{ qty: 1, price: 100 }])).toEqual([0]);
    expect(lineShares(500, [{ qty: 0, price: 100 }])).toEqual([0]);
  });

  it('hands the cents lost to rounding to the lines with the largest remainders, the earlier line on a tie', () => {
    // 1000 over three equal lines: 333.33 each, the first gets the cent
    expect(lineShares(1000, [{ qty: 1, price: 1 }, { qty: 1, price: 1 }, { qty: 1, price: 1 }])).toEqual([334, 333, 333]);
    // 1000 x 1/6, 2/6, 3/6 = 166.67, 333.33, 500: the first has the larger remainder
    expect(lineShares(1000, [{ qty: 1, price: 1 }, { qty: 1, price: 2 }, { qty: 1, price: 3 }])).toEqual([167, 333, 500]);
  });

  it("the reviewer's orders: every unit back is worth the order total, not a cent or two less", () => {
    // PL0002984 39.80 over 2 units, PL0000150 59.70 over 3, PL0000853 79.60 over 4 (one line each)
    for (const [total, qty] of [[3980, 2], [5970, 3], [7960, 4]] as const) {
      const [share] = lineShares(total, [{ qty, price: 1990 }]);
      expect(unitsValue(share!, qty, 0, qty)).toBe(total);
    }
    // 100.00 over 3 units: 33.34, 33.33, 33.33
    expect([0, 1, 2].map((k) => unitsValue(10000, 3, k, 1))).toEqual([3334, 3333, 3333]);
  });

  it('returns that take the units in turn add up to the line\'s share, and each one stays proportional', () => {
    // 10000 over 3 units, back one at a time or 2 + 1 or 1 + 2
    expect(unitsValue(10000, 3, 0, 1) + unitsValue(10000, 3, 1, 1) + unitsValue(10000, 3, 2, 1)).toBe(10000);
    expect(unitsValue(10000, 3, 0, 2) + unitsValue(10000, 3, 2, 1)).toBe(10000);
    expect(unitsValue(10000, 3, 0, 1) + unitsValue(10000, 3, 1, 2)).toBe(10000);
    expect(unitsValue(10000, 3, 0, 2)).toBe(6667);
  });

  it("a return line's value spread over the units the bench grades: the first ones carry the cents", () => {
    expect([0, 1, 2].map((n) => nthUnitValue(6667, 2, n))).toEqual([3334, 3333, 3333]);
    expect([0, 1].map((n) => nthUnitValue(6666, 2, n))).toEqual([3333, 3333]);
    expect([0, 1].map((n) => nthUnitValue(6668, 2, n))).toEqual([3334, 3334]);
    expect(nthUnitValue(0, 1, 0)).toBe(0);
  });

  it('property: for random totals, prices and quantities every unit adds up to the total exactly, units of a line within a cent, returns in any split the same', () => {
    let seed = 20261210;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor((seed / 2147483648) * n));
    for (let run = 0; run < 2000; run++) {
      const lines = Array.from({ length: 1 + rnd(5) }, () => ({ qty: 1 + rnd(7), price: rnd(10) === 0 ? null : 1 + rnd(50_000) }));
      const total = rnd(4) === 0 ? rnd(100) : rnd(10_000_000);
      const shares = lineShares(total, lines);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      lines.forEach((l, i) => {
        const units = Array.from({ length: l.qty }, (_, k) => unitsValue(shares[i]!, l.qty, k, 1));
        expect(units.reduce((a, b) => a + b, 0)).toBe(shares[i]);
        expect(Math.max(...units) - Math.min(...units)).toBeLessThanOrEqual(1);
        // the same units in returns of random sizes, each graded unit by unit at the bench
        let from = 0;
        let sum = 0;
        while (from < l.qty) {
          const take = 1 + rnd(l.qty - from);
          const value = unitsValue(shares[i]!, l.qty, from, take);
          const graded = Array.from({ length: take }, (_, n) => nthUnitValue(value, take, n));
          expect(graded).toEqual(units.slice(from, from + take));
          sum += value;
          from += take;
        }
        expect(sum).toBe(shares[i]);
      });
    }
  });

  it('exact for totals and prices whose products pass 2^53', () => {
    const shares = lineShares(9_000_000_000_001, [{ qty: 3, price: 999_999_937 }, { qty: 7, price: 123_457 }]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(9_000_000_000_001);
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
