// For bench/rules.bench.ts: 50 rules of every kind (a few fire on the bench's orders), and open
// orders made in the core process itself (faster than over HTTP), for core-server.ts.
import type { Core } from '../../src-main/core/core';
import type { RuleBody } from '../../src-main/contract/rules';
import { createRule } from '../../src-main/core/modules/rules/actions/edit-rules';
import { createOrders } from '../../src-main/core/modules/orders/actions/create-orders';

const sys = { id: 'system:bench', role: 'admin' };

/** Fifty rules cycling through the condition kinds; every tenth fires on the bench's orders (a tag or a priority, never a hold). */
export function benchRules(n: number): RuleBody[] {
  const kinds: RuleBody['conditions'][] = [
    // the bench's orders are all one buyer's: past 200 a day this would hold every one, so it also
    // asks for a channel they never come from (the day's count is still taken for each batch)
    [{ kind: 'buyer_orders_today', op: 'gt', number: 200 }, { kind: 'channel', values: ['not-the-bench'] }],
    [{ kind: 'address', check: 'pickup_point' }, { kind: 'amount', op: 'gt', number: 500 }],
    [{ kind: 'below_cost', op: 'gt', number: 15 }],
    [{ kind: 'presale_late' }],
    [{ kind: 'note', values: ['加急', 'urgent'] }],
    [{ kind: 'region', values: ['新疆', '西藏'] }],
    [{ kind: 'weight', op: 'gt', number: 30_000 }],
    [{ kind: 'sku', values: ['B-1', 'B-2'], lines: 'all' }],
    [{ kind: 'address', check: 'missing_district' }],
  ];
  return Array.from({ length: n }, (_, i) => ({
    name: `bench rule ${i + 1}`, enabled: true, match: 'all',
    conditions: i % 10 === 9 ? [{ kind: 'channel', values: ['bench'] }, { kind: 'quantity', op: 'gte', number: 1 }] : kinds[i % kinds.length]!,
    actions: i % 10 === 9 ? { tags: [`t${i}`], priority: i % 9 } : { hold: { type: 'fraud' } },
  }));
}

export function seedBenchRules(core: Core, rules: number, orders: number): void {
  core.writes.runNow(() => {
    for (const r of benchRules(rules)) createRule(core.ctx, r, sys);
  });
  for (let done = 0; done < orders; done += 1000) {
    core.writes.runNow(() => createOrders(core.ctx, Array.from({ length: Math.min(1000, orders - done) }, (_, k) => {
      const n = done + k;
      return {
        channel: 'seed', externalId: `SEED-${n}`, carrier: 'sf', total: { amount: 4990 + (n % 50) * 1000, currency: 'CNY' },
        shipTo: { name: '李四', phone: `139${String(n % 5000).padStart(8, '0')}`, country: 'CN', province: n % 7 ? '广东省' : '新疆维吾尔自治区', city: '深圳市', district: '南山区', address1: n % 11 ? '科技园路1号2栋301室' : '科技园菜鸟驿站' },
        lines: [{ sku: `B-${n % 200}`, qty: 1 }],
      };
    }), sys));
  }
}
