// The rules on a new order decide before it is written: a carrier or priority they set is in the
// order's one insert (audited in its order.created event, no second write), a buyer's count
// includes the other orders of the same batch, and the presale list is seen as soon as it changes.
import { afterEach, describe, expect, it } from 'vitest';
import { addSku, LEAD, openTestCore, orderInput, SYSTEM } from '../helpers';
import type { Core } from '../../../src-main/core/core';
import { createOrders } from '../../../src-main/core/modules/orders/actions/create-orders';
import { createRule, deleteRule, putPresale, updateRule } from '../../../src-main/core/modules/rules/actions/edit-rules';
import { orderRules } from '../../../src-main/core/modules/rules/queries';
import type { CreatedOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { createOrderRequests } from '../../../src-main/core/modules/orders/actions/order-requests';
import { getOrder } from '../../../src-main/core/modules/orders/queries';
import { adjustStock } from '../../../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../../../src-main/core/modules/locations/actions/create-location';

let core: Core;
afterEach(() => core?.close());

const rule = (name: string, body: Omit<Parameters<typeof createRule>[1], 'name' | 'enabled' | 'match'>) =>
  core.writes.runNow(() => createRule(core.ctx, { name, enabled: true, match: 'all', ...body }, LEAD));
const create = (...inputs: ReturnType<typeof orderInput>[]) => core.writes.runNow(() => createOrders(core.ctx, inputs, SYSTEM)) as CreatedOrder[];
const row = (id: string) => core.db.prepare('SELECT carrier, priority, version, state FROM orders WHERE id = ?').get(id) as { carrier: string; priority: number; version: number; state: string };
const events = (id: string) => core.db.prepare('SELECT type, actor, data FROM events WHERE entity_id = ? ORDER BY id').all(id) as { type: string; actor: string; data: string }[];

describe('rules on a new order', () => {
  it("writes a rule's carrier and priority with the order, once, and names the rule in order.created", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Shop by SF', { conditions: [{ kind: 'channel', values: ['shop'] }], actions: { carrier: 'sf', priority: 7, tags: ['sf'] } });
    const [o] = create(orderInput({ carrier: 'ZTO' }));
    expect(row(o!.orderId)).toMatchObject({ carrier: 'sf', priority: 7, version: 1 });
    expect(o!.order).toMatchObject({ carrier: 'sf', priority: 7, version: 1 });
    const log = events(o!.orderId);
    expect(log.map((e) => e.type)).not.toContain('order.updated');
    const created = JSON.parse(log.find((e) => e.type === 'order.created')!.data);
    expect(created.rules).toEqual({ reason: 'rule "Shop by SF"', fields: ['carrier', 'priority'], carrier: 'sf', priority: 7 });
    const r = orderRules(core.ctx, o!.orderId);
    expect(r.evaluations).toBe(1);
    expect(r.tags).toEqual(['sf']);
    expect(r.fired.map((f) => f.name)).toEqual(['Shop by SF']);
  });

  it("names in order.created only the rules whose values stand: the last of five priority rules, and the one that set the carrier", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('By SF', { conditions: [{ kind: 'channel', values: ['shop'] }], actions: { carrier: 'sf' } });
    for (let i = 1; i <= 5; i++) rule(`Priority ${i}`, { conditions: [{ kind: 'channel', values: ['shop'] }], actions: { priority: i } });
    const [o] = create(orderInput({ carrier: 'ZTO' }));
    expect(row(o!.orderId)).toMatchObject({ carrier: 'sf', priority: 5, version: 1 });
    const created = JSON.parse(events(o!.orderId).find((e) => e.type === 'order.created')!.data);
    expect(created.rules).toEqual({ reason: 'rule "By SF", "Priority 5"', fields: ['carrier', 'priority'], carrier: 'sf', priority: 5 });
    expect(orderRules(core.ctx, o!.orderId).fired).toHaveLength(6);
  });

  it("answers POST /api/orders with the order as stored: one a rule held on arrival, and a line whose stock sits outside its home bin", () => {
    core = openTestCore();
    const skuId = addSku(core, 'SKU-A', { onHand: 0 });
    core.writes.runNow(() => adjustStock(core.ctx, { skuId, locationId: ensureLocation(core.ctx, 'B-02-01-1'), onHandDelta: 10, inTransitDelta: 0, reason: 'elsewhere' }, SYSTEM));
    rule('Hold a pickup point', { conditions: [{ kind: 'address', check: 'pickup_point' }], actions: { hold: { type: 'address' } } });
    const plain = orderInput();
    const held = orderInput({ shipTo: { ...orderInput().shipTo, address1: '科技园菜鸟驿站' } });
    const answers = core.writes.runNow(() => createOrderRequests(core.ctx, [{ input: plain, actor: SYSTEM, key: 'k-plain' }, { input: held, actor: SYSTEM, key: 'k-held' }]));
    const [a, b] = answers.map((r) => JSON.parse((r as { text: string }).text));
    expect(a).toEqual(getOrder(core.ctx, a.id));
    expect(a.lines[0]).toMatchObject({ location: 'B-02-01-1', reserved: 1 });
    expect(b).toEqual(getOrder(core.ctx, b.id));
    expect(b).toMatchObject({ state: 'on_hold', version: 2 });
  });

  it("leaves an order no rule touches as it came, with nothing about rules in its event", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Other channel', { conditions: [{ kind: 'channel', values: ['elsewhere'] }], actions: { priority: 9 } });
    const [o] = create(orderInput({ carrier: 'ZTO' }));
    expect(row(o!.orderId)).toMatchObject({ carrier: 'ZTO', priority: 0, version: 1 });
    expect(JSON.parse(events(o!.orderId).find((e) => e.type === 'order.created')!.data).rules).toBeUndefined();
    expect(orderRules(core.ctx, o!.orderId)).toMatchObject({ evaluations: 1, fired: [] });
  });

  it("counts a buyer's orders of the same batch: three at once from one phone are all held by a more-than-2-a-day rule", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Too many a day', { conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 2 }], actions: { hold: { type: 'fraud' } } });
    const first = create(orderInput(), orderInput());
    expect(first.map((o) => row(o.orderId).state)).toEqual(['allocated', 'allocated']);
    const [third] = create(orderInput());
    expect(row(third!.orderId).state).toBe('on_hold');
    const batch = create(orderInput({ shipTo: { ...orderInput().shipTo, phone: '139 0000 0000' } }), orderInput({ shipTo: { ...orderInput().shipTo, phone: '13900000000' } }), orderInput({ shipTo: { ...orderInput().shipTo, phone: '+13900000000' } }));
    expect(batch.map((o) => row(o.orderId).state)).toEqual(['on_hold', 'on_hold', 'on_hold']);
  });

  it('counts as far as the largest "orders today" a rule names: a wholesale buyer past 60 a day is held, not one at 60', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 1000 });
    rule('Wholesale volume', { conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 60 }], actions: { hold: { type: 'manual' } } });
    const sixty = create(...Array.from({ length: 60 }, () => orderInput()));
    expect(sixty.filter((o) => row(o.orderId).state === 'on_hold')).toHaveLength(0);
    const [sixtyFirst] = create(orderInput());
    expect(row(sixtyFirst!.orderId).state).toBe('on_hold');
  });

  it("reads a buyer's returns when a rule asks: a buyer with a returned order is held, another buyer of the same batch is not", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    const [earlier] = create(orderInput());
    // The earlier order came back (its return's own steps are the returns module's: only the state matters here).
    core.db.prepare("UPDATE orders SET state = 'returned' WHERE id = ?").run(earlier!.orderId);
    rule('Returns before', { conditions: [{ kind: 'buyer_returns', op: 'gte', number: 1 }], actions: { hold: { type: 'fraud' } } });
    const batch = create(orderInput(), orderInput({ shipTo: { ...orderInput().shipTo, phone: '13900000001' } }));
    expect(batch.map((o) => row(o.orderId).state)).toEqual(['on_hold', 'allocated']);
    expect(orderRules(core.ctx, batch[0]!.orderId).fired[0]!.why).toEqual([{ kind: 'buyer_returns', detail: '1 ≥ 1' }]);
  });

  it('sees a presale day set after the rules were read (the cached list follows the change)', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Presale', { conditions: [{ kind: 'presale' }], actions: { tags: ['presale'] } });
    const [before] = create(orderInput());
    expect(orderRules(core.ctx, before!.orderId).tags).toEqual([]);
    core.writes.runNow(() => putPresale(core.ctx, [{ sku: 'SKU-A', stockDate: '2026-12-20' }], LEAD));
    const [after] = create(orderInput());
    expect(orderRules(core.ctx, after!.orderId).tags).toEqual(['presale']);
  });

  it("keeps what fired compact and shows it whole: each rule's name, reasons and actions, after the rule was renamed or removed too", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    const gift = rule('Gift wrap', { conditions: [{ kind: 'channel', values: ['shop'] }, { kind: 'quantity', op: 'gte', number: 1 }], actions: { tags: ['gift'], priority: 3 } });
    rule('Tag all', { conditions: [{ kind: 'amount', op: 'gte', number: 0 }], actions: { tags: ['all'] } });
    const [o] = create(orderInput());
    const fired = [
      { ruleId: gift.id, name: 'Gift wrap', why: [{ kind: 'channel', detail: 'shop' }, { kind: 'quantity', detail: '1 ≥ 1' }], actions: ['priority:3', 'tag:gift'] },
      { name: 'Tag all', why: [{ kind: 'amount', detail: expect.stringMatching(/ ≥ 0\.00$/) }], actions: ['tag:all'] },
    ];
    expect(orderRules(core.ctx, o!.orderId)).toMatchObject({ evaluations: 1, fired, tags: ['gift', 'all'] });
    // The row names each rule by a number: its name and actions are kept once, not on every order.
    const stored = core.db.prepare('SELECT fired FROM rule_results WHERE order_id = ?').pluck().get(o!.orderId) as string;
    expect(stored).not.toContain('Gift wrap');
    expect(stored.length).toBeLessThan(JSON.stringify(orderRules(core.ctx, o!.orderId).fired).length / 2);
    // Renamed: an order the rules run on again shows the new name; removed: the order still shows what fired.
    core.writes.runNow(() => updateRule(core.ctx, gift.id, { name: 'Gift wrap (paper)', enabled: true, match: 'all', conditions: gift.conditions, actions: gift.actions }, LEAD));
    const [later] = create(orderInput({ externalId: 'LATER-1' }));
    expect(orderRules(core.ctx, later!.orderId).fired[0]).toMatchObject({ ruleId: gift.id, name: 'Gift wrap (paper)' });
    expect(orderRules(core.ctx, o!.orderId).fired[0]).toMatchObject({ name: 'Gift wrap' });
    core.writes.runNow(() => deleteRule(core.ctx, gift.id, LEAD));
    expect(orderRules(core.ctx, later!.orderId).fired[0]).toMatchObject({ ruleId: gift.id, name: 'Gift wrap (paper)', actions: ['priority:3', 'tag:gift'] });
  });

  it('checks a condition rules share once, writes their shared reasons once, and shows them on each rule', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    const shop = { kind: 'channel' as const, values: ['shop'] };
    rule('Shop A', { conditions: [shop, { kind: 'quantity', op: 'gte', number: 1 }], actions: { tags: ['a'] } });
    rule('Shop B', { conditions: [{ kind: 'note', values: ['never'] }], actions: { tags: ['never'] } });
    rule('Shop C', { conditions: [shop, { kind: 'quantity', op: 'gte', number: 1 }], actions: { tags: ['c'] } });
    rule('Shop D', { conditions: [shop], actions: { tags: ['d'] } });
    const [o] = create(orderInput());
    const both = [{ kind: 'channel', detail: 'shop' }, { kind: 'quantity', detail: '1 ≥ 1' }];
    expect(orderRules(core.ctx, o!.orderId)).toMatchObject({
      fired: [{ name: 'Shop A', why: both }, { name: 'Shop C', why: both }, { name: 'Shop D', why: [{ kind: 'channel', detail: 'shop' }] }],
      tags: ['a', 'c', 'd'],
    });
    const stored = core.db.prepare('SELECT fired FROM rule_results WHERE order_id = ?').pluck().get(o!.orderId) as string;
    expect(stored.match(/quantity/g)).toHaveLength(1);
  });

  it('reads a result recorded in the older form (the whole of each fired rule)', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Other channel', { conditions: [{ kind: 'channel', values: ['elsewhere'] }], actions: { priority: 9 } });
    const [o] = create(orderInput());
    const old = [{ ruleId: 'rul_old', name: 'Old rule', why: [{ kind: 'note', detail: '加急' }], actions: ['tag:urgent'] }];
    core.db.prepare('UPDATE rule_results SET fired = ? WHERE order_id = ?').run(JSON.stringify(old), o!.orderId);
    expect(orderRules(core.ctx, o!.orderId).fired).toEqual(old);
  });
});
