// The rule editor's strings <-> a wave rule: what the lead types is what the core gets, and a saved
// rule loads back into the same fields.
import { describe, it, expect } from 'vitest';
import { EMPTY_DRAFT, draftOf, ruleOf } from '../../src-renderer/features/waves/rule-form';
import { WaveRule } from '../../src-main/contract/waves';

describe('rule editor form', () => {
  it('turns typed fields into a rule the core accepts, lists split on commas or spaces', () => {
    const rule = WaveRule.parse(ruleOf({
      ...EMPTY_DRAFT, ready: true, carriers: 'sf, zto', channels: 'taobao jd', zones: 'A，B', withinHours: '6', shipByBefore: '2026-11-22T17:30',
      minPriority: '5', singleUnit: true, containsSku: ' WH-0001 ', group: 'carrier', capOrders: '30', capSlots: '24', capUnits: '', capWeightKg: '12.5',
    }));
    expect(rule).toEqual({
      filter: {
        states: ['ready', 'allocated'], carriers: ['sf', 'zto'], channels: ['taobao', 'jd'], zones: ['A', 'B'], shipByWithinHours: 6,
        shipByBefore: new Date('2026-11-22T17:30').toISOString(), minPriority: 5, singleUnit: true, containsSku: 'WH-0001',
      },
      group: 'carrier',
      caps: { orders: 30, slots: 24, weightG: 12_500 },
    });
  });

  it('loads a saved rule back into the same fields', () => {
    const draft = { ...EMPTY_DRAFT, carriers: 'sf', zones: 'A', withinHours: '12', shipByBefore: '2026-11-22T08:05', capSlots: '40', capWeightKg: '30' };
    expect(draftOf(WaveRule.parse(ruleOf(draft)))).toEqual(draft);
  });

  it('an empty form takes every allocated order into one wave of at most 24 slots', () => {
    expect(WaveRule.parse(ruleOf(EMPTY_DRAFT))).toEqual({ filter: { states: ['allocated'] }, group: 'none', caps: { slots: 24 } });
  });
});
