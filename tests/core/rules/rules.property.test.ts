// Properties of the rules: they apply in list order (a later rule's carrier and priority win, the
// first hold stands, tags add up, "stop" ends the list), and every change of an order runs them
// exactly once (their own holds and carrier changes are not changes to run for).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateRules, type OrderFacts } from '../../../src-main/core/modules/rules/evaluate';
import type { Rule } from '../../../src-main/contract/rules';
import { addSku, LEAD, openTestCore, orderInput, SYSTEM } from '../helpers';
import type { Core } from '../../../src-main/core/core';
import { createOrderRequest } from '../../../src-main/core/modules/orders/actions/order-requests';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { changeShipTo } from '../../../src-main/core/modules/orders/actions/change-ship-to';
import { createRule } from '../../../src-main/core/modules/rules/actions/edit-rules';
import { orderRules } from '../../../src-main/core/modules/rules/queries';

const facts: OrderFacts = {
  orderId: 'ord_1', channel: 'shop', totalMinor: 50_000, province: '广东省', city: '深圳市', district: '南山区', address: '科技园路1号', note: '',
  lines: [{ sku: 'A', qty: 2, priceMinor: 25_000, costMinor: 20_000, weightG: 300, stockDate: null }], buyerOrdersToday: 2, buyerReturns: 0, today: '2026-12-03',
};

const ruleArb = (i: number) => fc.record({
  matches: fc.boolean(),
  carrier: fc.option(fc.constantFrom('sf', 'zto', 'yto'), { nil: undefined }),
  priority: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
  hold: fc.option(fc.constantFrom('fraud', 'address', 'stock') as fc.Arbitrary<'fraud' | 'address' | 'stock'>, { nil: undefined }),
  tag: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
  stop: fc.boolean(),
  enabled: fc.boolean(),
}).map((r): Rule => ({
  id: `rul_${i}`, position: i + 1, name: `R${i}`, enabled: r.enabled, match: 'all', version: 1, updatedAt: '', updatedBy: '',
  // matches: amount > 100 yuan (the facts carry 500); else amount > 1,000 yuan
  conditions: [{ kind: 'amount', op: 'gt', number: r.matches ? 100 : 1000 }],
  actions: { carrier: r.carrier, priority: r.priority, hold: r.hold ? { type: r.hold } : undefined, tags: r.tag ? [r.tag] : undefined, stop: r.stop || undefined },
}));
const rulesArb = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i))));

describe('rules apply in order', () => {
  it('the decision is the fold of the matching enabled rules in list order, up to the first that stops', () => {
    fc.assert(fc.property(rulesArb, (rules) => {
      const d = evaluateRules(rules, facts);
      // The reference: walk the list by hand.
      const fired: string[] = [];
      let carrier: string | undefined;
      let priority: number | undefined;
      let hold: string | undefined;
      const tags: string[] = [];
      for (const r of rules) {
        if (!r.enabled || r.conditions[0]!.number !== 100) continue;
        fired.push(r.id);
        if (r.actions.carrier) carrier = r.actions.carrier;
        if (r.actions.priority !== undefined) priority = r.actions.priority;
        if (r.actions.hold && !hold) hold = r.id;
        for (const t of r.actions.tags ?? []) if (!tags.includes(t)) tags.push(t);
        if (r.actions.stop) break;
      }
      expect(d.fired.map((f) => f.ruleId)).toEqual(fired);
      expect(d.carrier).toBe(carrier);
      expect(d.priority).toBe(priority);
      expect(d.hold?.ruleId).toBe(hold);
      expect(d.tags).toEqual(tags);
    }), { numRuns: 300 });
  });
});

describe('rules run exactly once per change', () => {
  let core: Core;
  afterEach(() => core?.close());

  it('after any sequence of changes, an order was evaluated once on arrival and once per change', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom('hold_release', 'address', 'deallocate_allocate'), { maxLength: 6 }),
      fc.boolean(),
      async (changes, holdRule) => {
        core = openTestCore();
        addSku(core, 'SKU-A', { onHand: 100 });
        core.writes.runNow(() => {
          createRule(core.ctx, { name: 'Tag all', enabled: true, match: 'all', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { tags: ['seen'], carrier: 'sf' } }, LEAD);
          // A rule that holds (once) and releases itself when clear: its own hold and release are not changes.
          if (holdRule) createRule(core.ctx, { name: 'Hold Beijing', enabled: true, match: 'all', conditions: [{ kind: 'region', values: ['北京'] }], actions: { hold: { type: 'address', releaseWhenClear: true } } }, LEAD);
        });
        const id = core.writes.runNow(() => createOrderRequest(core.ctx, orderInput(), SYSTEM, null)).orderId;
        await core.rules.flush();
        let expected = 1;
        let beijing = false;
        for (const c of changes) {
          const state = core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id);
          if (c === 'hold_release') {
            const action = state === 'on_hold' ? 'release' : 'hold';
            core.writes.runNow(() => applyOrderAction(core.ctx, id, action, LEAD, { reason: 'test' }));
          } else if (c === 'address') {
            beijing = !beijing;
            const shipTo = { ...orderInput().shipTo, province: beijing ? '北京市' : '广东省', city: beijing ? '北京市' : '深圳市' };
            core.writes.runNow(() => changeShipTo(core.ctx, id, { shipTo, reason: 'moved' }, LEAD));
          } else {
            if (state !== 'allocated') continue;
            core.writes.runNow(() => applyOrderAction(core.ctx, id, 'deallocate', LEAD));
          }
          expected++;
          await core.rules.flush();
          expect(orderRules(core.ctx, id).evaluations).toBe(expected);
        }
        const r = orderRules(core.ctx, id);
        expect(r.evaluations).toBe(expected);
        expect(r.tags).toEqual(['seen']);
        core.close();
      },
    ), { numRuns: 25 });
  });
});
